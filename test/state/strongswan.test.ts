/** strongSwan's SA listings (swanctl --list-sas, ipsec statusall): every real capture of the corpus, exact values. */
import { expect } from 'chai';
import { adapterById } from '../../adapters/index.js';
import { strongswanState } from '../../adapters/strongswan/state.js';
import { ParseError } from '../../src/model/errors.js';
import { readText } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';
import { verdict } from '../hostile/linear.js';

const real = (name: string) => realState('state', 'strongswan', name);

describe('strongSwan state reader', () => {
  before(function () {
    if (!real('x')) this.skip();
  });

  it('swanctl --list-sas, two CHILD_SAs under one IKE_SA (strongX509 pq-strongswan, carol)', () => {
    const s = readState(strongswanState, real('strongx509-pq-swanctl-list-sas-carol-two-children.txt')!);
    expect(s.hostname).to.equal('carol');
    expect(s.listings.map((l) => [l.command, l.at.line])).to.deep.equal([['swanctl --list-sas', 1]]);
    expect(s.ikeSas).to.have.length(1);
    const ike = s.ikeSas[0];
    expect([ike.id, ike.version, ike.state.value, ike.established, ike.initiator, ike.spis]).to.deep.equal([
      'home[1]',
      2,
      'ESTABLISHED',
      true,
      true,
      { initiator: 'cb469ea1a7223567', responder: '6010c9fd60119c5b' },
    ]);
    expect([ike.localId, ike.localAddress, ike.localPort, ike.remoteId, ike.remoteAddress, ike.remotePort]).to.deep.equal([
      'carol@strongswan.org',
      '192.168.0.3',
      4500,
      'moon.strongswan.org',
      '192.168.0.2',
      4500,
    ]);
    expect(ike.proposal).to.include({ encryption: 'aes256', integrity: 'sha256', prf: 'prfsha256', dhGroup: 31 });
    expect([ike.timers.ageSeconds?.value, ike.timers.rekeySeconds?.value, ike.timers.ageSeconds?.at?.line]).to.deep.equal([298, 1397, 6]);
    expect(spiTable(s)).to.deep.equal([
      ['net{1}', ['cd5c1aef'], ['cb0c1fd9']],
      ['host{2}', ['cced9093'], ['cde7a04b']],
    ]);
    const [net, host] = s.childSas;
    expect([net.ike, net.tunnel, net.reqid, net.mode, net.udpEncapsulation?.value, net.localSelectors, net.remoteSelectors]).to.deep.equal([
      'home[1]',
      'home',
      '1',
      'tunnel',
      false,
      ['10.3.0.1/32'],
      ['10.1.0.0/24'],
    ]);
    expect([net.timers.ageSeconds?.value, net.timers.rekeySeconds?.value, net.timers.expireSeconds?.value]).to.deep.equal([298, 782, 1022]);
    expect([net.pfsGroup?.value, host.pfsGroup?.value]).to.deep.equal([0, 15]);
    expect([net.inbound[0].bytes, net.inbound[0].packets, net.inbound[0].at?.line]).to.deep.equal([168, 2, 9]);
    expect(host.proposal).to.include({ encryption: 'aes256', integrity: 'sha256' });
  });

  it('after an IKE rekey: the CHILD_SAs are older than their IKE_SA and the rekeyed child shows its PFS group', () => {
    const s = readState(strongswanState, real('strongx509-pq-swanctl-list-sas-carol-after-ike-rekey.txt')!);
    expect(s.ikeSas.map((i) => [i.id, i.timers.ageSeconds?.value])).to.deep.equal([['home[2]', 90]]);
    expect(spiTable(s)).to.deep.equal([
      ['net{3}', ['cd159185'], ['c5c4a85f']],
      ['host{4}', ['c4099340'], ['c234e9f5']],
    ]);
    expect(s.childSas.map((c) => [c.timers.ageSeconds?.value, c.pfsGroup?.value, c.inbound[0].bytes])).to.deep.equal([
      [705, 31, 0],
      [641, 15, 0],
    ]);
  });

  it('road warriors behind NAT: TUNNEL-in-UDP, dual-stack selectors, responder SPIs, no rekey times (tesonet)', () => {
    const s = readState(strongswanState, real('tesonet-swanctl-stats-and-list-sas-eap-dualstack.txt')!);
    expect(s.ikeSas.map((i) => [i.id, i.initiator, i.remoteAddress, i.remotePort, i.natt?.value, i.timers.rekeySeconds])).to.deep.equal([
      ['ikev2-mschapv2-ip[7]', false, '77.77.77.77', 4500, true, undefined],
      ['ikev2-mschapv2-dns[6]', false, '77.77.77.77', 1029, true, undefined],
    ]);
    expect(spiTable(s)).to.deep.equal([
      ['ikev2-mschapv2-ip{6}', ['c8195d9f'], ['01646347']],
      ['ikev2-mschapv2-dns{5}', ['c2935cb9'], ['0220effc']],
    ]);
    const [ip] = s.childSas;
    expect([ip.udpEncapsulation?.value, ip.localSelectors, ip.remoteSelectors, ip.outbound[0].bytes, ip.outbound[0].packets]).to.deep.equal([
      true,
      ['0.0.0.0/0', '::/0'],
      ['10.0.1.1/32', '2001:db8::1/128'],
      29730,
      84,
    ]);
  });

  it('ipsec statusall in a shell session (ping before, an empty prompt after): transport SA, minutes as seconds, capture time from uptime', () => {
    const s = readState(strongswanState, real('ipop-ipsec-statusall-transport-trap-psk.txt')!);
    expect(s.hostname).to.equal('node-0');
    expect(s.listings.map((l) => [l.command, l.at.line])).to.deep.equal([['ipsec statusall', 18]]);
    expect(s.capturedAt).to.deep.include({ iso: '2019-01-02T10:16:36.000Z', source: 'listing' });
    expect(s.tunnels.map((t) => [t.name, t.remoteAddress, t.localSelectors, t.remoteSelectors])).to.deep.equal([
      ['trap-any', '%any', ['192.168.1.0/24'], ['192.168.1.0/24']],
    ]);
    const ike = s.ikeSas[0];
    expect([ike.id, ike.version, ike.timers.ageSeconds?.value, ike.timers.rekeySeconds?.value, ike.timers.rekeySeconds?.raw]).to.deep.equal([
      'trap-any[1]',
      2,
      13,
      3120,
      'reauthentication in 52 minutes',
    ]);
    expect(ike.proposal).to.include({ encryption: 'aes128', integrity: 'sha256', prf: 'prfaesxcbc', dhGroup: 19 });
    expect(spiTable(s)).to.deep.equal([['trap-any{2}', ['cd870f9f'], ['c53fb053']]]);
    const c = s.childSas[0];
    expect([c.mode, c.ike, c.localSelectors, c.remoteSelectors, c.timers.rekeySeconds?.value, c.inbound[0].bytes, c.inbound[0].packets]).to.deep.equal([
      'transport',
      'trap-any[1]',
      ['192.168.1.120/32'],
      ['192.168.1.121/32'],
      780,
      1214,
      13,
    ]);
  });

  describe('sensu-plugins fixtures: four statusall captures in one Ruby file', () => {
    const file = real('sensu-plugins-fixtures-ipsec-statusall.rb');
    /** each heredoc alone, as its own capture */
    const captures = () =>
      readText(file!)
        .split(/<<~IPSEC_RESPONSE\n/)
        .slice(1)
        .map((h) => h.split(/\n\s*IPSEC_RESPONSE\n/)[0]);

    it('the whole file: the last capture is read, and says so', () => {
      const s = readState(strongswanState, file!);
      expect(s.diagnostics[0].message).to.equal('4 listings in this file: the last one (line 154) is read, as the newest');
      expect(s.ikeSas).to.have.length(20);
      // DIGITA-1[4009471] carries DIGITA-1 and two DIGITA-2 CHILD_SAs
      expect(s.childSas).to.have.length(22);
    });

    it('capture 2: four tunnels up, SPIs, byte counters, rekey minutes', () => {
      const s = readState(strongswanState, file!, captures()[2]);
      expect(spiTable(s)).to.deep.equal([
        ['OVHEU-to-THRU{4}', ['ccde14df'], ['ebe9b46f']],
        ['OVHEU-to-PAR{3}', ['c175776f'], ['a59faacf']],
        ['OVHEU-to-EQXPA4{2}', ['cad623d9'], ['c6ae623a']],
        ['OVHEU-to-EQXPA3{1}', ['c29398e7'], ['c6414625']],
      ]);
      expect(s.childSas.map((c) => [c.inbound[0].bytes, c.outbound[0].bytes, c.timers.rekeySeconds?.value])).to.deep.equal([
        [8046042, 546577, 2760],
        [0, 0, 2760],
        [9786795, 661585, 2760],
        [9452826, 625165, 2820],
      ]);
      expect(s.tunnels.map((t) => [t.name, t.remoteAddress, t.remoteSelectors])).to.deep.equal([
        ['OVHEU-to-EQXPA3', '88.84.144.125', ['10.200.2.0/24']],
        ['OVHEU-to-EQXPA4', '88.84.144.126', ['10.200.1.0/24']],
        ['OVHEU-to-PAR', '158.255.113.35', ['172.16.3.0/24']],
        ['OVHEU-to-THRU', '185.135.172.22', ['10.142.0.0/23']],
      ]);
    });

    it('capture 3: two of four connections up (the configured ones without SA are listed tunnels)', () => {
      const s = readState(strongswanState, file!, captures()[3]);
      expect(s.tunnels.map((t) => t.name)).to.deep.equal(['OVHEU-to-EQXPA3', 'OVHEU-to-EQXPA4', 'OVHEU-to-PAR', 'OVHEU-to-THRU']);
      expect(s.ikeSas.map((i) => i.id)).to.deep.equal(['OVHEU-to-PAR[2]', 'OVHEU-to-EQXPA4[1]']);
      expect(s.childSas.map((c) => [c.id, c.timers.rekeySeconds?.value])).to.deep.equal([
        ['OVHEU-to-PAR{2}', 360],
        ['OVHEU-to-EQXPA4{1}', 300],
      ]);
    });

    it('capture 4 (strongSwan 5.4.0): duplicate IKE_SAs per connection, ESP in UDP, two CHILD_SAs with one reqid, a name ending in ":"', () => {
      const s = readState(strongswanState, file!, captures()[4]);
      expect(s.ikeSas.filter((i) => i.name === 'BLINK').map((i) => i.id)).to.deep.equal([
        'BLINK[4022090]',
        'BLINK[4022087]',
        'BLINK[4022086]',
        'BLINK[4022085]',
      ]);
      const digita2 = s.childSas.filter((c) => c.name === 'DIGITA-2');
      expect(digita2.map((c) => [c.id, c.reqid, c.ike, c.inbound[0].spi, c.outbound[0].spi])).to.deep.equal([
        ['DIGITA-2{4051836}', '30298', 'DIGITA-1[4009471]', 'c94e76ae', '735ef067'],
        ['DIGITA-2{4051839}', '30298', 'DIGITA-1[4009471]', 'cef10af2', '735ef068'],
      ]);
      const levikom = s.childSas.find((c) => c.name === 'LEVIKOM:')!;
      expect([levikom.id, levikom.udpEncapsulation?.value, levikom.pfsGroup?.value, levikom.inbound[0].spi, levikom.outbound[0].bytes]).to.deep.equal([
        'LEVIKOM:{4052395}',
        true,
        5,
        'c11093d0',
        1224,
      ]);
      const proximus = s.childSas.find((c) => c.name === 'PROXIMUS-SITE2')!;
      expect([proximus.udpEncapsulation?.value, proximus.timers.rekeySeconds?.value, proximus.localSelectors, proximus.remoteSelectors]).to.deep.equal([
        false,
        20,
        ['10.67.254.36/32'],
        ['195.13.20.75/32'],
      ]);
      expect(s.ikeSas.find((i) => i.id === 'INMARSAT[4021526]')?.version).to.equal(1);
      // the routed (trap) policy BLINK{15} is not an SA
      expect(s.childSas.some((c) => c.id === 'BLINK{15}')).to.equal(false);
    });
  });

  it('pfSense and OPNsense read the same listing with their own id; the fix terminates by unique id', () => {
    const text = readText(real('strongx509-pq-swanctl-list-sas-carol-two-children.txt')!);
    const pf = adapterById('pfsense')!.state!.read(text, 'pf.txt');
    expect([pf.vendor, adapterById('opnsense')!.state!.read(text, 'o.txt').vendor]).to.deep.equal(['pfsense', 'opnsense']);
    expect(strongswanState.clear({ kind: 'child', sa: pf.childSas[1] }, pf)).to.equal('swanctl --terminate --child-id 2');
    expect(strongswanState.clear({ kind: 'ike', sa: pf.ikeSas[0] }, pf)).to.equal('swanctl --terminate --ike-id 1 --force');
  });

  it('text without either listing is a ParseError at line 1 saying what was expected', () => {
    let err: unknown;
    try {
      strongswanState.read('hello\nworld\n', 'x.txt');
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(ParseError);
    expect((err as ParseError).located).to.match(/^x\.txt:1: expected the output of `swanctl --list-sas`/);
  });
});

// issue 13 (test:fuzz, 1 MB vs 256 KB): `^\s*(.+?): #…` tried every split of a long run of blanks
// between \s* and the name (256 KB of blanks before a word: 18 s)
describe('strongSwan SA reader: a long run of blanks is read in linear time (issue 13)', function () {
  this.timeout(0);
  it('blanks then a word: 128 KB at most 10× 32 KB (was 5 → 62 ms from 4 to 16 KB)', () => {
    const make = (n: number) => `${' '.repeat(n)}a\n`;
    const p = { adapter: 'strongswan', name: 'state.read', run: (t: string) => strongswanState.read(t, 'x.txt'), seed: '', seedFile: '' };
    const v = verdict(p, { name: 'deep indentation', make }, 1 << 15, 1 << 17);
    expect(v.ok, `${v.smallMs.toFixed(0)} ms → ${v.bigMs.toFixed(0)} ms`).to.equal(true);
  });
});
