/**
 * PAN-OS SA listings: the real CLI capture of a PA-VM on PAN-OS 11.0 (VyOS documentation, kept as a
 * fixture) and the real XML API answers of real-configs/state/panos (read in place), exact values.
 */
import { expect } from 'chai';
import { relative } from 'node:path';
import { adapter } from '../../adapters/panos/index.js';
import { panosState } from '../../adapters/panos/state.js';
import { ParseError } from '../../src/model/errors.js';
import { checkState } from '../../src/state/check.js';
import { fixturePath, ROOT } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';
import { entryPoints, nonLinearOnBlankLines } from '../hostile/linear.js';

const VM = fixturePath('state', 'panos', 'pa-vm-11.0-vyos-docs-show-vpn-ike-sa-ipsec-sa.txt');
const PEER = fixturePath('state', 'panos', 'pa-peer-11.0-show-vpn-ike-sa-ipsec-sa.txt');

describe('PAN-OS state reader', () => {
  it('is the PAN-OS adapter’s reader', () => {
    expect(adapter.state).to.equal(panosState);
    expect(panosState.commands.map((c) => c.command)).to.deep.equal(['show vpn ike-sa', 'show vpn ipsec-sa']);
  });

  it('the PA-VM capture (PAN-OS 11.0): the IKEv1 phase-1 SA with role, algorithms and lifetime; the tunnel’s ESP SA with SPIs, life and remaining time', () => {
    const s = readState(panosState, VM);
    const file = relative(ROOT, VM);
    expect(s.listings).to.deep.equal([
      { command: 'show vpn ike-sa', at: { file, line: 7 } },
      { command: 'show vpn ipsec-sa', at: { file, line: 27 } },
    ]);
    expect(s.hostname).to.equal('PA-VM');
    expect(s.ikeSas).to.deep.equal([
      {
        id: '1',
        name: 'VyOS',
        at: { file, line: 12 },
        version: 1,
        state: { value: 'Main ST 13', raw: 'ST 13', at: { file, line: 12 } },
        established: true,
        remoteAddress: '10.0.1.2',
        initiator: false,
        proposal: { raw: 'PSK/DH14/A128/SHA1', dhGroup: 14, encryption: 'aes128', integrity: 'sha1' },
        timers: { lifetimeSeconds: { value: 28800, raw: 'Jul.31 01:35:00 → Jul.31 09:35:00', at: { file, line: 12 } } },
      },
    ]);
    expect(spiTable(s)).to.deep.equal([['VyOS-tunnel TnID 1', ['8827a3d9'], ['c204f4fa']]]);
    const [c] = s.childSas;
    expect([c.name, c.tunnel, c.ike, c.remoteAddress, c.reqid, c.at.line, c.proposal]).to.deep.equal([
      'VyOS-tunnel',
      'VyOS-tunnel',
      '1',
      '10.0.1.2',
      'VyOS/1',
      31,
      { raw: 'ESP/A256/SHA256', encryption: 'aes256', integrity: 'sha256' },
    ]);
    expect(c.timers).to.deep.equal({
      lifetimeSeconds: { value: 3600, raw: '3600/Unlimited', at: { file, line: 31 } },
      expireSeconds: { value: 2733, raw: '2733', at: { file, line: 31 } },
      ageSeconds: { value: 867, raw: '3600 − 2733', at: { file, line: 31 } },
    });
    expect(s.shows).to.deep.equal({ spis: true, selectors: false, ikeSas: true, childSas: true });
    expect(s.missing).to.deep.equal([]);
    expect(s.diagnostics).to.deep.equal([]);
  });

  it('the real XML API answers (Device-Firewall-PaloAlto): two IKEv1 gateways; two ESP SAs with decimal SPIs mirrored between them', function () {
    const ike = realState('state', 'panos', 'devicefirewallpaloalto-xmlapi-show-vpn-ike-sa-two-gw.xml');
    const ipsec = realState('state', 'panos', 'devicefirewallpaloalto-xmlapi-show-vpn-ipsec-sa-mirrored-spis.xml');
    if (!ike || !ipsec) this.skip();
    const i = readState(panosState, ike!);
    expect(i.listings.map((l) => [l.command, l.at.line])).to.deep.equal([['show vpn ike-sa', 1]]);
    expect(
      i.ikeSas.map((sa) => [sa.id, sa.name, sa.initiator, sa.state.value, sa.established, sa.proposal, sa.timers.lifetimeSeconds?.value, sa.at.line]),
    ).to.deep.equal([
      ['1', 'second_vr', true, 'Main', true, { raw: 'PSK/ DH2/ AES/SHA1', dhGroup: 2, integrity: 'sha1' }, 28800, 2],
      ['2', 'default_vr', false, 'Main', true, { raw: 'PSK/ DH2/ AES/SHA1', dhGroup: 2, integrity: 'sha1' }, 28800, 11],
    ]);
    expect(i.diagnostics.map((d) => `${d.level} ${d.at?.line} ${d.message}`)).to.deep.equal([
      'info 2 IKE SA second_vr: `PSK/ DH2/ AES/SHA1` names AES without its key size: the cipher is not compared',
      'info 11 IKE SA default_vr: `PSK/ DH2/ AES/SHA1` names AES without its key size: the cipher is not compared',
    ]);
    expect(i.missing.map((m) => m.command)).to.deep.equal(['show vpn ipsec-sa']);
    expect(i.shows).to.deep.equal({ spis: false, selectors: false, ikeSas: true, childSas: false });

    const p = readState(panosState, ipsec!);
    expect(p.listings.map((l) => [l.command, l.at.line])).to.deep.equal([['show vpn ipsec-sa', 1]]);
    // 3867966326 = 0xe68c7b76, 2701885222 = 0xa10b7f26
    expect(spiTable(p)).to.deep.equal([
      ['IPSEC_second_to_default TnID 2', ['e68c7b76'], ['a10b7f26']],
      ['IPSEC_default_to_second TnID 1', ['a10b7f26'], ['e68c7b76']],
    ]);
    expect(p.childSas.map((c) => [c.remoteAddress, c.reqid, c.ike, c.proposal, c.timers, c.at.line])).to.deep.equal([
      [
        '1.1.5.1',
        'default_vr/2',
        undefined,
        { raw: 'ESP/A128/SHA1', encryption: 'aes128', integrity: 'sha1' },
        { lifetimeSeconds: { value: 2512, raw: '2512', at: { file: relative(ROOT, ipsec!), line: 4 } } },
        4,
      ],
      [
        '1.1.5.2',
        'second_vr/1',
        undefined,
        { raw: 'ESP/A128/SHA1', encryption: 'aes128', integrity: 'sha1' },
        { lifetimeSeconds: { value: 2512, raw: '2512', at: { file: relative(ROOT, ipsec!), line: 18 } } },
        18,
      ],
    ]);
    expect(p.missing.map((m) => m.command)).to.deep.equal(['show vpn ike-sa']);
  });

  it('two ends (PA-VM and its mirrored peer): every SPI has its partner, no finding; the clear commands name the tunnel and the gateway', () => {
    const a = readState(panosState, VM);
    const b = readState(panosState, PEER);
    const r = checkState(
      { state: a, capturedAt: { iso: '2025-07-31T01:49:27Z', source: 'given' } },
      { state: b, capturedAt: { iso: '2025-07-31T01:49:29Z', source: 'given' } },
    );
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).to.deep.equal([]);
    expect(panosState.clear({ kind: 'child', sa: a.childSas[0] }, a)).to.equal('clear vpn ipsec-sa tunnel VyOS-tunnel');
    expect(panosState.clear({ kind: 'ike', sa: a.ikeSas[0] }, a)).to.equal('clear vpn ike-sa gateway VyOS');
  });

  it('detects its listings and nothing else; text without them is a ParseError at line 1', () => {
    expect(panosState.detect(' GwID/client IP  TnID   Peer-Address           Tunnel(Gateway)   Algorithm\n', 'x')).to.equal(0.95);
    expect(panosState.detect('<response status="success"><result>\n<entry><i_spi>1</i_spi></entry>', 'x')).to.equal(0.95);
    expect(panosState.detect('admin@PA-VM(active)> show vpn ipsec-sa\n', 'x')).to.equal(0.9);
    expect(panosState.detect('set network ike gateway GW protocol version ikev2\n', 'x')).to.equal(0);
    expect(() => panosState.read('admin@PA-VM> show system info\nhostname: PA-VM\n', 'i.txt'))
      .to.throw(ParseError)
      .with.property('located', 'i.txt:1: expected the output of `show vpn ike-sa` or `show vpn ipsec-sa` (or their XML API answers), found neither');
  });
});

// issue 13: `^\\s*X` under the m flag ran over every following blank line from each line start
// (660 ms at 32 KB, 2.5 s at its 64 KB head: the 64 KB head hid it from a 32 vs 128 KB ratio)
describe('panos state.detect: linear on blank lines below its 64 KB head (issue 13)', function () {
  this.timeout(0);
  it('8 KB vs 32 KB of blank (and whitespace-only) lines after a value: at most 10× the time', () => {
    const p = entryPoints(adapter).find((e) => e.name === 'state.detect')!;
    expect(p.seedFile).to.equal('fixtures/state/panos/pa-peer-11.0-show-vpn-ike-sa-ipsec-sa.txt');
    expect(nonLinearOnBlankLines(p, 1 << 13, 1 << 15)).to.deep.equal([]);
    // still found after the blank lines
    expect(p.run(`\n`.repeat(1 << 14) + p.seed)).to.equal(0.95);
  });
});
