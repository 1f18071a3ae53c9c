/** Cisco ASA and IOS SA listings: every real capture of the corpus, exact values. */
import { expect } from 'chai';
import { asaState } from '../../adapters/asa/state.js';
import { iosState } from '../../adapters/ios/state.js';
import type { SaState } from '../../src/model/state.js';
import { fixturePath } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';

const asa = (name: string) => realState('state', 'cisco-asa', name)!;
const ios = (name: string) => realState('state', 'cisco-ios', name)!;
const timers = (s: SaState) =>
  s.childSas.map((c) => [...c.inbound, ...c.outbound].map((d) => [d.timers?.expireSeconds?.value, d.timers?.remainingKilobytes?.value]));

describe('Cisco ASA state reader', () => {
  before(function () {
    if (!realState('x')) this.skip();
  });

  it('show crypto ipsec sa (ntc): an RA entry and two L2L entries, NAT-T, kB/sec timing, sanitised peer names kept as written', () => {
    const s = readState(asaState, asa('ntc-show-crypto-ipsec-sa-ra-and-l2l.raw'));
    expect(spiTable(s)).to.deep.equal([
      ['outside2 def ident 1', ['1e8246fc'], ['dc15bf68']],
      ['COLO COLO-MAP 2 ident 1', ['32f752ff'], ['50023ddc']],
      ['COLO COLO-MAP 3 ident 2', ['6a7391e0'], ['ea40155f']],
    ]);
    expect(
      s.childSas.map((c) => [c.tunnel, c.localAddress, c.remoteAddress, c.remotePort, c.localSelectors, c.remoteSelectors, c.udpEncapsulation?.value]),
    ).to.deep.equal([
      ['def', '10.132.0.17', '172.20.0.21', undefined, ['0.0.0.0/0'], ['172.20.0.21/32'], false],
      ['COLO-MAP 2', '172.16.248.119', '8.8.8.8', 4500, ['172.16.122.32/28'], ['172.30.1.153/32'], true],
      ['COLO-MAP 3', 'LOCAL-ADDR-172.20.248.119', 'REMOTE-PEER-8.8.4.4', 500, ['172.20.122.32/28'], ['10.160.4.0/24'], false],
    ]);
    expect(timers(s)).to.deep.equal([
      [
        [548, undefined],
        [548, undefined],
      ],
      [
        [25461, 2699423],
        [25461, 3892153],
      ],
      [
        [70749, 2038431743],
        [70749, 2038431743],
      ],
    ]);
    expect(s.childSas.map((c) => [c.proposal?.encryption, c.proposal?.integrity, c.inbound[0].state])).to.deep.equal([
      ['3des', 'md5', undefined],
      ['aes256', 'md5', 'active'],
      ['aes256', 'md5', 'active'],
    ]);
    expect(s.childSas[1].counters?.decapsFailed).to.deep.include({ value: 0, raw: '#recv errors: 0' });
    expect(s.missing.map((m) => m.command)).to.deep.equal(['show crypto ikev2 sa']);
  });

  it('show crypto ikev2 sa (genie, IPv6): one IKE SA with two CHILD_SAs, range selectors as prefixes, SPIs', () => {
    const s = readState(asaState, asa('genie-show-crypto-ikev2-sa-ipv6-two-child.txt'));
    const ike = s.ikeSas[0];
    expect([
      ike.id,
      ike.state.value,
      ike.initiator,
      ike.localAddress,
      ike.remoteAddress,
      ike.timers.lifetimeSeconds?.value,
      ike.timers.ageSeconds?.value,
    ]).to.deep.equal(['tunnel-id 3686011', 'READY', true, '2001:db8:2:1::1', '2001:db8:2:1::2', 43200, 880]);
    expect(ike.proposal).to.include({ encryption: '3des', integrity: 'sha1', dhGroup: 2 });
    expect(spiTable(s)).to.deep.equal([
      ['tunnel-id 3686011 child 1', ['be064bdc'], ['5db6eff3']],
      ['tunnel-id 3686011 child 2', ['69b865f8'], ['978dbbe5']],
    ]);
    expect(s.childSas.map((c) => [c.localSelectors, c.remoteSelectors])).to.deep.equal([
      [['2001:db8:1:2::/64'], ['2001:db8:3:2::/64']],
      [['2001:db8:1:1::/64'], ['2001:db8:3:1::/64']],
    ]);
  });

  it('no IKEv2 SAs: the listing is read and empty', () => {
    const s = readState(asaState, asa('genie-show-crypto-ikev2-sa-none.txt'));
    expect([s.listings.map((l) => l.command), s.ikeSas.length, s.childSas.length]).to.deep.equal([['show crypto ikev2 sa'], 0, 0]);
  });

  it('show crypto ikev1 sa detail (ntc table, header repeated per peer, AM_Active / AM_ACTIVE)', () => {
    const s = readState(asaState, asa('ntc-show-crypto-ikev1-sa-detail.raw'));
    expect(
      s.ikeSas.map((i) => [i.remoteAddress, i.state.value, i.established, i.initiator, i.timers.lifetimeSeconds?.value, i.proposal?.encryption]),
    ).to.deep.equal([
      ['209.165.200.225', 'AM_Active', true, false, 86400, '3des'],
      ['209.165.200.226', 'AM_ACTIVE', true, false, 86400, '3des'],
      ['209.165.200.227', 'AM_ACTIVE', true, false, 86400, '3des'],
      ['209.165.200.228', 'AM_ACTIVE', true, false, 86400, '3des'],
    ]);
    expect(s.shows).to.deep.equal({ spis: false, selectors: false, ikeSas: true, childSas: false });
  });

  it('show crypto ikev1 sa after a ping (summerice7): the prompt names the host, MM_ACTIVE responder', () => {
    const s = readState(asaState, asa('summerice7-ping-and-show-crypto-ikev1-sa-mm-active.txt'));
    expect(s.hostname).to.equal('ciscoasa');
    expect(s.listings.map((l) => [l.command, l.at.line])).to.deep.equal([['show crypto ikev1 sa', 9]]);
    expect(s.ikeSas.map((i) => [i.remoteAddress, i.state.value, i.established, i.initiator])).to.deep.equal([['202.106.1.1', 'MM_ACTIVE', true, false]]);
  });

  it('show vpn-sessiondb detail l2l, old form printed three times: each tunnel once, rekey left and PFS', () => {
    const s = readState(asaState, asa('ntc-show-vpn-sessiondb-detail-l2l.raw'));
    expect(s.ikeSas.map((i) => [i.id, i.timers.lifetimeSeconds?.value, i.timers.rekeySeconds?.value, i.proposal?.dhGroup])).to.deep.equal([
      ['172.16.0.1 ike 1', 86400, 63814, 5],
    ]);
    expect(s.childSas.map((c) => [c.id, c.localSelectors, c.remoteSelectors, c.pfsGroup?.value, c.timers.rekeySeconds?.value])).to.deep.equal([
      ['172.16.0.1 ipsec 2', ['10.0.0.0/24'], ['209.165.201.0/24'], 5, 10903],
      ['172.16.0.1 ipsec 3', ['10.0.0.0/24'], ['209.165.201.0/24'], 5, 6282],
    ]);
    expect(s.diagnostics.map((d) => d.message)).to.deep.equal(['3 tunnel block(s) printed again in `show vpn-sessiondb detail l2l`: each is read once']);
  });

  it('show vpn-sessiondb detail l2l, 9.x forms: IKEv1/IKEv2/IPsecOverNatT tunnels, kilobyte lifetimes, an object name as peer', () => {
    const s2 = readState(asaState, asa('ntc-show-vpn-sessiondb-detail-l2l2.raw'));
    expect(s2.ikeSas.map((i) => [i.id, i.version])).to.deep.equal([
      ['169.254.107.1 ike 6539.1', undefined],
      ['169.254.104.1 ike 7379.1', undefined],
      ['169.254.99.1 ike 79.1', 1],
      ['169.254.44.1 ike 5092.1', 1],
      ['169.254.60.1 ike 3908.1', 2],
    ]);
    expect(s2.childSas).to.have.length(8);
    expect(s2.childSas.map((c) => c.timers.remainingKilobytes?.value)).to.deep.equal([4586873, 4607988, 4607947, 0, 4607926, 4607999, 4607009, 4607999]);
    const s4 = readState(asaState, asa('ntc-show-vpn-sessiondb-detail-l2l4.raw'));
    expect(s4.childSas.map((c) => [c.id, c.udpEncapsulation?.value, c.proposal?.encryption, c.pfsGroup?.value])).to.deep.equal([
      ['169.254.107.100 ipsec 26386.2', true, 'aes256gcm16', 21],
      ['169.254.107.101 ipsec 27194.3', true, 'aes128gcm16', 19],
      ['169.254.107.101 ipsec 27194.810', true, 'aes128gcm16', 19],
    ]);
    expect(s4.ikeSas.map((i) => [i.natt?.value, i.proposal?.dhGroup])).to.deep.equal([
      [true, 21],
      [true, 19],
    ]);
    const obj = readState(asaState, asa('ntc-show-vpn-sessiondb-detail-l2l_obj.raw'));
    expect(obj.childSas.map((c) => [c.remoteAddress, c.localSelectors, c.remoteSelectors])).to.deep.equal([
      ['Fujitsu-SydAX', ['10.0.0.0/8'], ['169.254.254.160/27']],
      ['Fujitsu-SydAX', ['172.16.0.0/12'], ['169.254.254.160/27']],
    ]);
    expect(obj.shows.spis).to.equal(false);
  });

  it('show crypto ikev2 sa of the FortiGate pair (summerice7): SPIs printed without the leading zero', () => {
    const s = readState(asaState, realState('pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti', 'state-asa-ping-and-show-crypto-ikev2-sa.txt')!);
    expect(spiTable(s)).to.deep.equal([['tunnel-id 38557965 child 1', ['0dd3fc4c'], ['24c2ab68']]]);
    expect(s.childSas[0].inbound[0].raw).to.equal('0xdd3fc4c');
    expect([s.ikeSas[0].initiator, s.ikeSas[0].timers.ageSeconds?.value, s.ikeSas[0].proposal?.dhGroup]).to.deep.equal([false, 73, 14]);
  });

  it('rekey overlap fixture: two SAs under each direction of one flow, the IKEv2 listing beside it', () => {
    const s = readState(asaState, fixturePath('state', 'asa', 'branch12-rekey-overlap-show-crypto-ipsec-sa.txt'));
    expect(s.hostname).to.equal('asa-br12');
    expect(spiTable(s)).to.deep.equal([['outside outside_map 10 ident 1', ['4c1a77e3', '0a5be2c4'], ['8d2f6a10', '8d2f6a11']]]);
    expect(s.childSas[0].ike).to.equal('tunnel-id 97013522');
    expect(asaState.clear({ kind: 'child', sa: s.childSas[0] }, s)).to.equal('clear crypto ipsec sa peer 198.51.100.2');
    expect(asaState.clear({ kind: 'ike', sa: s.ikeSas[0] }, s)).to.equal('clear crypto ikev2 sa 198.51.100.2');
  });
});

describe('Cisco IOS state reader', () => {
  before(function () {
    if (!realState('x')) this.skip();
  });

  it('show crypto ipsec sa detail (ntc, GRE transport over UDP): counters incl. `##pkts replay failed`, sanitised decimals said to disagree', () => {
    const s = readState(iosState, ios('ntc-show-crypto-ipsec-sa-detail-gre-transport.raw'));
    expect(spiTable(s)).to.deep.equal([
      ['Tunnel1 Tunnel1-head-0 ident 1', ['abcd1234'], ['1234abcd']],
      ['Tunnel2 Tunnel2-head-0 ident 1', ['1234dcba'], ['4321dcba']],
    ]);
    const [t1, t2] = s.childSas;
    expect([t2.tunnel, t2.mode, t2.ipProtocol, t2.remotePort, t2.udpEncapsulation?.value, t2.pfsGroup?.value]).to.deep.equal([
      'Tunnel2',
      'transport',
      47,
      4500,
      true,
      0,
    ]);
    expect([t1.counters?.replayFailed?.value, t2.counters?.replayFailed?.value, t2.counters?.replayFailed?.raw]).to.deep.equal([
      0,
      1,
      '##pkts replay failed (rcv): 1',
    ]);
    expect(t2.counters?.invalidSpi).to.deep.include({ value: 0, raw: '#pkts invalid sa (rcv) 0' });
    expect([t2.inbound[0].replayWindow, t2.inbound[0].state, t2.inbound[0].timers?.expireSeconds?.value]).to.deep.equal([1024, 'ACTIVE(ACTIVE)', 2813]);
    expect(s.diagnostics.map((d) => [d.at?.line, d.message])).to.deep.equal([
      [86, 'spi 0x1234DCBA is printed with the decimal 4321567890, which is not the same number: the hex is used'],
      [100, 'spi 0x4321DCBA is printed with the decimal 0987612345, which is not the same number: the hex is used'],
    ]);
  });

  it('two SAs per direction (ntc _2) and 64-bit sibling flags (ntc _3)', () => {
    const two = readState(iosState, ios('ntc-show-crypto-ipsec-sa-detail-two-sas-per-direction.raw'));
    expect(spiTable(two)[1]).to.deep.equal(['Tunnel2 Tunnel2-head-0 ident 1', ['1234dcba', '4321ffff'], ['4321dcba', '4321aaaa']]);
    const sib = readState(iosState, ios('ntc-show-crypto-ipsec-sa-detail-64bit-sibling-flags.raw'));
    expect(spiTable(sib)).to.deep.equal(spiTable(readState(iosState, ios('ntc-show-crypto-ipsec-sa-detail-gre-transport.raw'))));
  });

  it('unindented (genie) and double-spaced (genie detail) pastes read alike; a crypto map entry without SA is a listed tunnel only', () => {
    const flat = readState(iosState, ios('genie-show-crypto-ipsec-sa-unindented.txt'));
    const spaced = readState(iosState, ios('genie-show-crypto-ipsec-sa-detail-double-spaced.txt'));
    expect(spiTable(flat)).to.deep.equal([
      ['GigabitEthernet3 vpn-crypto-map ident 1', ['658f7c11'], ['397c36ee']],
      ['Tunnel0 Tunnel0-head-0 ident 1', ['a54d38a4'], ['2e8482f8']],
    ]);
    expect(spiTable(spaced)).to.deep.equal(spiTable(flat));
    expect(flat.tunnels.map((t) => [t.name, t.localSelectors, t.remoteSelectors])).to.deep.equal([
      ['vpn-crypto-map', ['20.20.20.0/24'], ['10.10.10.0/24']],
      ['vpn-crypto-map', ['40.40.40.0/24'], ['30.30.30.0/24']],
      ['Tunnel0', ['0.0.0.0/0'], ['0.0.0.0/0']],
    ]);
    expect(timers(flat)[0]).to.deep.equal([
      [83191, 4607999],
      [83191, 4607999],
    ]);
    expect(flat.childSas[0].proposal).to.deep.equal({ raw: 'esp-256-aes esp-sha256-hmac', encryption: 'aes256', integrity: 'sha256' });
  });

  it('GCM with ESN (Cat9k): esp-gcm is AES-GCM-128, kilobytes nearly used up', () => {
    const s = readState(iosState, ios('genie-show-crypto-ipsec-sa-detail-gcm-esn.txt'));
    expect(spiTable(s)).to.deep.equal([['Tunnel2 Tunnel2-head-0 ident 1', ['50a0fb1c'], ['bfd0e7ba']]]);
    expect(s.childSas[0].proposal).to.deep.equal({ raw: 'esp-gcm', encryption: 'aes128gcm16', integrity: 'none' });
    expect(timers(s)[0]).to.deep.equal([
      [92, 3],
      [92, 0],
    ]);
  });

  it('PQC (ML-KEM) GRE transport: short SPI 0x31CA189 padded to 031ca189, time-only lifetimes, PFS with no DH group', () => {
    const s = readState(iosState, ios('genie-show-crypto-ipsec-sa-detail-pqc-mlkem.txt'));
    expect(spiTable(s)).to.deep.equal([
      ['Tunnel1 Tunnel1-head-0 ident 1', ['af2c1743'], ['746d481c']],
      ['Tunnel1 Tunnel1-head-0 ident 2', ['d3345e5f'], ['031ca189']],
    ]);
    expect(s.childSas.map((c) => [c.remoteAddress, c.pfsGroup?.value, c.inbound[0].timers?.expireSeconds?.value])).to.deep.equal([
      ['22.51.51.123', 0, 94],
      ['21.50.50.122', 0, 100],
    ]);
  });

  it('`remaining key lifetime 1 hours, 10 mins` is 4200 s; PFS group20', () => {
    const s = readState(iosState, ios('genie-show-crypto-ipsec-sa-peer-detail-lifetime-hours-mins.txt'));
    expect(s.childSas[0].inbound[0].timers?.expireSeconds).to.deep.include({ value: 4200, raw: 'remaining key lifetime 1 hours, 10 mins' });
    expect([s.childSas[0].pfsGroup?.value, s.childSas[0].proposal?.encryption]).to.deep.equal([20, 'aes256gcm16']);
  });

  it('IPv6 with `spi: [Not Available]`: seven SAs kept with their text, none with an SPI', () => {
    const s = readState(iosState, ios('genie-show-crypto-ipsec-sa-ipv6-detailed-spi-not-available.txt'));
    expect(s.childSas).to.have.length(7);
    expect(s.childSas.every((c) => [...c.inbound, ...c.outbound].every((d) => d.spi === undefined && d.raw === '[Not Available]'))).to.equal(true);
    expect(s.childSas.map((c) => c.remoteAddress)).to.deep.equal([
      '4180::151:0:1',
      '4180::60:0:1',
      '4180::11:0:1',
      '4180::2:0:1',
      '4180::226:0:1',
      '4180::221:0:1',
      '4180::20:0:1',
    ]);
    expect([s.childSas[0].localSelectors, s.childSas[0].remoteSelectors, s.childSas[0].remotePort]).to.deep.equal([
      ['4180::56:0:1/128'],
      ['4180::151:0:1/128'],
      12426,
    ]);
  });

  it('show crypto isakmp sa (plain and detail): dst/src oriented, deleted SAs not established, remaining lifetime', () => {
    const plain = readState(iosState, ios('genie-show-crypto-isakmp-sa.txt'));
    expect(plain.ikeSas.map((i) => [i.id, i.established])).to.deep.equal([
      ['conn-id 29609', true],
      ['conn-id 29188', false],
      ['conn-id 29362', true],
      ['conn-id 29610', true],
      ['conn-id 29189', false],
      ['conn-id 29363', true],
    ]);
    const detail = readState(iosState, ios('genie-show-crypto-isakmp-sa-detail.txt'));
    expect(detail.ikeSas.map((i) => [i.id, i.localAddress, i.remoteAddress, i.timers.expireSeconds?.value, i.proposal?.dhGroup])).to.deep.equal([
      ['conn-id 29609', '100.0.10.2', '100.13.220.2', 107, 16],
      ['conn-id 29493', '100.0.10.2', '100.12.134.2', 72, 16],
      ['conn-id 29610', '100.0.10::2', '100.13.220::2', 107, 16],
      ['conn-id 29494', '100.0.10::2', '100.12.134::2', 72, 16],
    ]);
    expect(iosState.clear({ kind: 'ike', sa: detail.ikeSas[0] }, detail)).to.equal('clear crypto isakmp 29609');
  });

  it('show crypto ikev2 sa (FlexVPN detail and IPv6 PQC): IKE SPIs by initiator, NAT-T detected, identities', () => {
    const flex = readState(iosState, ios('genie-show-crypto-ikev2-sa-detail-flexvpn.txt'));
    expect(
      flex.ikeSas.map((i) => [i.id, i.remoteAddress, i.remotePort, i.natt?.value, i.initiator, i.spis?.initiator, i.proposal?.encryption, i.remoteId]),
    ).to.deep.equal([
      ['tunnel-id 1', '107.90.29.85', 500, false, false, '4785c18db784c439', 'aes256gcm16', 'example-r46.flex.example.com'],
      ['tunnel-id 8', '3.130.109.2', 4500, true, false, 'fbafd8516ea9d5e8', 'aes128', 'test-r1.flex.example.com'],
      ['tunnel-id 9', '65.27.58.179', 500, false, false, 'e4d5bda3b19bbd80', 'aes256', 'test2-r1.split.flex.example.com'],
    ]);
    const v6 = readState(iosState, ios('genie-show-crypto-ikev2-sa-ipv6-pqc.txt'));
    expect(v6.ikeSas.map((i) => [i.localAddress, i.remoteAddress, i.timers.ageSeconds?.value, i.spis])).to.deep.equal([
      ['2001:DB8:1101::131', '2001:DB8:1201::122', 218, { initiator: '4cf87e32b25302c0', responder: '96254131fd306002' }],
      ['2001:DB8:1101::131', '2001:DB8:1202::123', 207, { initiator: 'de66ca8e9f3ab6bd', responder: 'db3ced85555e739d' }],
    ]);
  });

  it('show crypto session detail: inactive IKE SAs, flows with drops, `KB Vol Rekey Disabled`', () => {
    const down = readState(iosState, ios('ntc-show-crypto-session-detail-ikev1-down-negotiating.raw'));
    expect(down.ikeSas.map((i) => [i.name, i.state.value, i.established])).to.deep.equal([
      ['Tunnel1201', 'Inactive', false],
      ['Tunnel1201', 'Inactive', false],
      ['Tunnel1101', 'Active', true],
      ['Tunnel2201', 'Inactive', false],
      ['Tunnel2201', 'Inactive', false],
    ]);
    expect(down.childSas.map((c) => [c.id, c.timers.expireSeconds?.value, c.timers.remainingKilobytes?.value])).to.deep.equal([
      ['Tunnel1101 flow 2', 615, 4236992],
    ]);
    const v2 = readState(iosState, ios('ntc-show-crypto-session-detail-ikev2.raw'));
    expect(v2.childSas[0].counters?.dropped).to.deep.include({ value: 33920 });
    const kb = readState(iosState, ios('genie-show-crypto-session-detail-kb-vol-rekey-disabled.txt'));
    expect([kb.childSas[0].timers.expireSeconds?.value, kb.childSas[0].timers.remainingKilobytes]).to.deep.equal([3060, undefined]);
    const vrf = readState(iosState, ios('genie-show-crypto-session-detail-ikev2-vrf.txt'));
    expect([
      vrf.ikeSas[0].timers.expireSeconds?.value,
      vrf.childSas[0].localSelectors,
      vrf.childSas[0].remoteSelectors,
      vrf.childSas[0].ipProtocol,
    ]).to.deep.equal([84738, ['2.2.2.2/32'], ['1.1.1.1/32'], 47]);
  });

  it('show crypto isakmp sa after a ping (summerice7, the FortiGate pair): only the IKE SA, what is missing said', () => {
    const s = readState(iosState, realState('pairs', 'summerice7-fortigate-cisco-ios-ikev1-vti', 'state-ios-ping-and-show-crypto-isakmp-sa.txt')!);
    expect([s.hostname, s.ikeSas.map((i) => [i.localAddress, i.remoteAddress, i.established])]).to.deep.equal([
      'Router',
      [['101.100.1.1', '202.106.1.1', true]],
    ]);
    expect(s.missing.map((m) => m.command)).to.deep.equal(['show crypto ipsec sa detail']);
    expect(
      iosState.clear({ kind: 'child', sa: { ...s.ikeSas[0], localSelectors: [], remoteSelectors: [], inbound: [], outbound: [], timers: {} } as never }, s),
    ).to.equal('clear crypto sa peer 202.106.1.1');
  });
});
