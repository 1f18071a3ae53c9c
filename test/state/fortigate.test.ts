/** FortiGate SA listings (diagnose vpn tunnel list / ike gateway list, get vpn ipsec tunnel details): every real capture, exact values. */
import { expect } from 'chai';
import { fortigateState } from '../../adapters/fortigate/state.js';
import { fixturePath } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';

const pair = (dir: string) => realState('pairs', dir, 'state-fortigate-diag-vpn-ike-gateway-and-tunnel-list.txt');

describe('FortiGate state reader', () => {
  before(function () {
    if (!realState('x')) this.skip();
  });

  it('IKEv2 to an ASA (summerice7): IKE SA with SPIs and lifetime/rekey, one SA with both SPIs, range selectors, keys not kept', () => {
    const s = readState(fortigateState, pair('summerice7-fortigate-cisco-asa-ikev2-vti')!);
    expect(s.listings.map((l) => [l.command, l.at.line])).to.deep.equal([
      ['diagnose vpn tunnel list', 28],
      ['diagnose vpn ike gateway list', 1],
    ]);
    expect(s.missing).to.deep.equal([]);
    const ike = s.ikeSas[0];
    expect([ike.id, ike.version, ike.established, ike.initiator, ike.spis, ike.localAddress, ike.remoteAddress]).to.deep.equal([
      'VPN-to-Side1 id 134',
      2,
      true,
      true,
      { initiator: '11aa3d39fcd93c44', responder: '852e6b5523a3345d' },
      '202.106.1.1',
      '101.100.1.1',
    ]);
    expect(ike.proposal).to.deep.equal({ raw: 'aes256-sha1', encryption: 'aes256', integrity: 'sha1' });
    expect([ike.timers.ageSeconds?.value, ike.timers.lifetimeSeconds?.value, ike.timers.rekeySeconds?.value]).to.deep.equal([36, 86400, 86063]);
    expect(spiTable(s)).to.deep.equal([['VPN-to-Side1 proxyid VPN-to-Side1 SA 1', ['24c2ab68'], ['0dd3fc4c']]]);
    const c = s.childSas[0];
    expect([c.tunnel, c.name, c.ike, c.localSelectors, c.remoteSelectors, c.udpEncapsulation?.value, c.at.line]).to.deep.equal([
      'VPN-to-Side1',
      'VPN-to-Side1',
      'VPN-to-Side1 id 134',
      ['0.0.0.0/0'],
      ['0.0.0.0/0'],
      false,
      40,
    ]);
    expect(c.proposal).to.deep.equal({ raw: 'esp=aes key=16 ah=sha1', encryption: 'aes128', integrity: 'sha1' });
    expect([c.timers.rekeySeconds?.value, c.timers.expireSeconds?.value, c.timers.lifetimeSeconds?.value, c.timers.ageSeconds]).to.deep.equal([
      42847,
      42903,
      43200,
      undefined,
    ]);
    expect([c.inbound[0].replayWindow, c.inbound[0].packets, c.outbound[0].bytes]).to.deep.equal([2048, 0, 0]);
    expect(JSON.stringify(s)).not.to.match(/3de80d9ea806f7d0|88ce24e4a2611994|7481bc53c4d20b62/);
  });

  it('IKEv1 responder to an IOS router (summerice7): traffic counters, a line cut short in the source (`overla0`)', () => {
    const s = readState(fortigateState, pair('summerice7-fortigate-cisco-ios-ikev1-vti')!);
    expect(s.ikeSas.map((i) => [i.id, i.version, i.initiator, i.timers.ageSeconds?.value, i.timers.rekeySeconds?.value])).to.deep.equal([
      ['VPN-to-Side1 id 58', 1, false, 423, 85706],
    ]);
    expect(spiTable(s)).to.deep.equal([['VPN-to-Side1 proxyid VPN-to-Side1 SA 1', ['148a81f0'], ['41a02d8a']]]);
    const c = s.childSas[0];
    expect([c.inbound[0].packets, c.inbound[0].bytes, c.outbound[0].packets, c.outbound[0].bytes]).to.deep.equal([220, 21680, 230, 30340]);
    expect([c.timers.rekeySeconds?.value, c.timers.expireSeconds?.value, c.timers.expireSeconds?.raw]).to.deep.equal([2905, 3333, 'timeout=3333/3600']);
    expect(JSON.stringify(s)).not.to.contain('447062de7f9b419b');
  });

  it('ADVPN hub: two dial-up instances with their own SPIs, the template tunnel listed without SA', () => {
    const s = readState(fortigateState, realState('state', 'fortigate', 'summerice7-advpn-hub-diag-vpn-ike-gateway-and-tunnel-list.txt')!);
    expect(s.ikeSas.map((i) => [i.id, i.remoteAddress, i.proposal?.encryption, i.proposal?.integrity])).to.deep.equal([
      ['HUB_0 id 0', '200.1.1.2', 'aes128', 'sha256'],
      ['HUB_1 id 1', '201.1.1.2', 'aes128', 'sha256'],
    ]);
    expect(spiTable(s)).to.deep.equal([
      ['HUB_0 proxyid HUB SA 1', ['9fbaba90'], ['54b85815']],
      ['HUB_1 proxyid HUB SA 1', ['9fbaba91'], ['f01e0450']],
    ]);
    expect(s.tunnels.map((t) => [t.name, t.remoteAddress])).to.deep.equal([
      ['HUB_0', '200.1.1.2'],
      ['HUB_1', '201.1.1.2'],
      ['HUB', '0.0.0.0'],
    ]);
    expect(s.childSas.map((c) => [c.ike, c.outbound[0].packets, c.outbound[0].bytes])).to.deep.equal([
      ['HUB_0 id 0', 482, 47064],
      ['HUB_1 id 1', 6, 551],
    ]);
  });

  it('a tunnel without SA (Perimeter81): listed, no SA, the IKE listing said to be missing', () => {
    const s = readState(fortigateState, realState('state', 'fortigate', 'perimeter81-diag-vpn-tunnel-list-ikev2-no-sa.txt')!);
    expect(s.childSas).to.deep.equal([]);
    expect(s.tunnels.map((t) => [t.name, t.remoteAddress, t.localSelectors, t.remoteSelectors])).to.deep.equal([
      ['Perimeter81', '131.226.32.161', ['0.0.0.0/0'], ['0.0.0.0/0']],
    ]);
    expect(s.missing.map((m) => m.command)).to.deep.equal(['diagnose vpn ike gateway list']);
    expect(s.shows).to.deep.equal({ spis: true, selectors: true, ikeSas: false, childSas: true });
  });

  it('get vpn ipsec tunnel details: the tunnel and its tx error, no SPIs (both SA listings missing)', () => {
    const s = readState(fortigateState, realState('state', 'fortigate', 'perimeter81-get-vpn-ipsec-tunnel-details-dpd-unnegotiated.txt')!);
    expect(s.tunnels.map((t) => [t.name, t.remoteAddress])).to.deep.equal([['Perimeter81', '131.226.32.161']]);
    expect(s.diagnostics.map((d) => [d.message, d.at?.line])).to.deep.equal([['Perimeter81: tx errors: 1 (get vpn ipsec tunnel details)', 9]]);
    expect(s.missing.map((m) => m.command)).to.deep.equal(['diagnose vpn tunnel list', 'diagnose vpn ike gateway list']);
  });

  it('rekey overlap fixture (sa=2 under one proxy-id, FortiOS 7.2 form): two CHILD_SAs, same selectors, 256-bit keys read as aes256', () => {
    const s = readState(fortigateState, fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt'));
    expect(s.hostname).to.equal('FGT-DC');
    expect(spiTable(s)).to.deep.equal([
      ['to-branch12 proxyid to-branch12-p2 SA 1', ['8d2f6a10'], ['4c1a77e3']],
      ['to-branch12 proxyid to-branch12-p2 SA 2', ['8d2f6a11'], ['0a5be2c4']],
    ]);
    expect(
      s.childSas.map((c) => [c.localSelectors, c.remoteSelectors, c.timers.expireSeconds?.value, c.proposal?.encryption, c.proposal?.integrity]),
    ).to.deep.equal([
      [['10.40.0.0/16'], ['10.112.0.0/24'], 71, 'aes256', 'sha256'],
      [['10.40.0.0/16'], ['10.112.0.0/24'], 3566, 'aes256', 'sha256'],
    ]);
    expect(fortigateState.clear({ kind: 'child', sa: s.childSas[0] }, s)).to.equal('diagnose vpn tunnel flush to-branch12');
    expect(fortigateState.clear({ kind: 'ike', sa: s.ikeSas[0] }, s)).to.equal('diagnose vpn ike gateway clear name to-branch12');
  });
});
