/** The state rules on real listings and fixture pairs: exact rule ids, SPIs, ends, fixes; what is noted as not checked. */
import { expect } from 'chai';
import { adapterById } from '../../adapters/index.js';
import type { CaptureTime, SaState } from '../../src/model/state.js';
import { loadDevice } from '../../src/read/load.js';
import { checkState } from '../../src/state/check.js';
import type { StateInput } from '../../src/state/match.js';
import { fixturePath, readText } from '../helpers.js';
import { realState } from './helpers.js';

const AT: CaptureTime = { iso: '2026-01-02T03:04:05.000Z', source: 'given' };
const later = (s: number): CaptureTime => ({ iso: new Date(Date.parse(AT.iso) + s * 1000).toISOString(), source: 'given' });

function input(vendor: string, file: string, text = readText(file), capturedAt: CaptureTime = AT): StateInput {
  return { state: adapterById(vendor)!.state!.read(text, file), capturedAt };
}

/** A listing of the other end that only says where it is (its own address) and that it lists SPIs: a peer with no SA for us. */
function bareEnd(vendor: string, local: string, capturedAt: CaptureTime = AT): StateInput {
  const state: SaState = {
    vendor,
    origin: `${vendor}-peer.txt`,
    listings: [{ command: 'test', at: { file: `${vendor}-peer.txt`, line: 1 } }],
    missing: [],
    ikeSas: [
      {
        id: 'peer ike',
        at: { file: `${vendor}-peer.txt`, line: 2 },
        state: { value: 'ESTABLISHED', raw: 'ESTABLISHED' },
        established: true,
        localAddress: local,
        timers: {},
      },
    ],
    childSas: [],
    tunnels: [],
    shows: { spis: true, selectors: true, ikeSas: true, childSas: true },
    diagnostics: [],
  };
  return { state, capturedAt };
}

const short = (r: ReturnType<typeof checkState>) => r.findings.map((f) => [f.rule, f.severity, f.on.side, f.on.sa?.id]);

describe('state rules', () => {
  it('a FortiGate and an ASA in a rekey overlap (two SAs each way on both): no finding', () => {
    const r = checkState(
      input('fortigate', fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt')),
      input('asa', fixturePath('state', 'asa', 'branch12-rekey-overlap-show-crypto-ipsec-sa.txt')),
    );
    expect(r.pair.how).to.equal('peer addresses and SPIs');
    expect([r.pair.a.children.length, r.pair.b.children.length]).to.deep.equal([2, 1]);
    expect(r.findings).to.deep.equal([]);
  });

  it('after the ASA rebooted: stale-sa on the FortiGate with exactly the lost SPIs, cleared by flushing that tunnel', () => {
    const dir = fixturePath('state', 'pairs', 'fgt-asa-stale-after-reboot');
    const r = checkState(input('fortigate', `${dir}/fgt-dc.txt`), input('asa', `${dir}/asa-br12.txt`));
    expect(short(r)).to.deep.equal([['stale-sa', 'error', 'a', 'to-branch12 proxyid to-branch12-p2 SA 1']]);
    const f = r.findings[0];
    expect(f.on.sa?.spis).to.deep.equal({ in: ['8d2f6a0f'], out: ['4c1a77e2'] });
    expect(f.on.fix).to.equal('diagnose vpn tunnel flush to-branch12');
    expect(f.message).to.contain('sends on 0x4c1a77e2 (outbound), which B (asa-br12) has no inbound SA for');
    expect(f.on.sa?.at).to.deep.equal({ file: `${dir}/fgt-dc.txt`, line: 48 });
  });

  it('an SA installed after the other listing was taken is not stale (time line and skew)', () => {
    const carol = realState('state', 'strongswan', 'strongx509-pq-swanctl-list-sas-carol-two-children.txt');
    if (!carol) return;
    // the peer (moon, 192.168.0.2) lists no SA: taken 400 s before carol's listing, when neither CHILD_SA (298 s, 270 s old) existed
    const before = checkState(input('strongswan', carol, undefined, later(400)), bareEnd('strongswan', '192.168.0.2'));
    expect(short(before)).to.deep.equal([]);
    expect(before.notes.filter((n) => n.rule === 'stale-sa').map((n) => n.message)).to.deep.equal([
      'A (carol) 0xcd5c1aef: installed 298 s before this listing, which was taken 400 s after the other one: not compared',
      'A (carol) 0xcb0c1fd9: installed 298 s before this listing, which was taken 400 s after the other one: not compared',
      'A (carol) 0xcced9093: installed 270 s before this listing, which was taken 400 s after the other one: not compared',
      'A (carol) 0xcde7a04b: installed 270 s before this listing, which was taken 400 s after the other one: not compared',
    ]);
    // taken 100 s before: both existed, the peer has neither → stale, cleared by unique id
    const r = checkState(input('strongswan', carol, undefined, later(100)), bareEnd('strongswan', '192.168.0.2'));
    expect(short(r)).to.deep.equal([
      ['stale-sa', 'error', 'a', 'net{1}'],
      ['stale-sa', 'error', 'a', 'host{2}'],
    ]);
    expect(r.findings.map((f) => f.on.fix)).to.deep.equal(['swanctl --terminate --child-id 1', 'swanctl --terminate --child-id 2']);
  });

  it('a peer whose listing shows no SPIs (netsh): stale-sa is not checked, and says so', () => {
    const qm = realState('windows-netsh', 'mssupport-kb949856-monitor-show-qmsa-sample.txt');
    if (!qm) return;
    const r = checkState(input('windows-netsh', qm), input('fortigate', fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt')));
    expect(short(r).filter((f) => f[0] === 'stale-sa')).to.deep.equal([]);
  });

  it('real FortiGate ↔ ASA pair with both configurations (summerice7): the IKE SA runs aes256 while the FortiGate configures aes128-sha1', () => {
    const dir = realState('pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti');
    if (!dir) return;
    const a = { ...input('fortigate', `${dir}/state-fortigate-diag-vpn-ike-gateway-and-tunnel-list.txt`), device: loadDevice(`${dir}/fortigate.conf`) };
    const b = { ...input('asa', `${dir}/state-asa-ping-and-show-crypto-ikev2-sa.txt`), device: loadDevice(`${dir}/asa.cfg`) };
    const r = checkState(a, b);
    expect(r.findings.map((f) => [f.rule, f.severity, f.setting, f.on.side, f.on.sa?.id])).to.deep.equal([
      ['negotiated-vs-configured', 'warning', 'ike-encryption', 'a', 'VPN-to-Side1 id 134'],
    ]);
    expect(r.findings[0].message).to.equal(
      'A (FortiGate) IKE SA VPN-to-Side1 id 134 with 101.100.1.1 negotiated aes256 (aes256-sha1), which none of its configured IKE proposals offers (set proposal aes128-sha1; set dhgrp 14 5)',
    );
  });

  it('negotiated-vs-configured: an SA running 480 s where its end is configured 28800 s is the minutes/seconds factor of 60', () => {
    const dir = fixturePath('pairs', 'fgt-fgt-p2-unit-trap');
    const listing = readText(fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt'))
      .replace(/to-branch12/g, 'to-branch07')
      .replace(/198\.51\.100\.2/g, '192.0.2.10')
      .replace(/203\.0\.113\.12/g, '203.0.113.34')
      .replace('src: 0:10.40.0.0/255.255.0.0:0', 'src: 0:172.16.0.0/255.255.0.0:0')
      .replace('dst: 0:10.112.0.0/255.255.255.0:0', 'dst: 0:10.27.0.0/255.255.255.0:0')
      .replace(/timeout=(\d+)\/3600/g, (_m, left) => `timeout=${Math.min(Number(left), 400)}/480`);
    const hq = { ...input('fortigate', 'hq-sas.txt', listing), device: loadDevice(`${dir}/fgt-hq.conf`) };
    const r = checkState(hq, bareEnd('fortigate', '203.0.113.34'));
    // the listing's AES-CBC/SHA-256 is not what the HQ configuration (AES-GCM) negotiates either
    expect(r.findings.filter((f) => f.rule === 'negotiated-vs-configured' && f.setting !== 'lifetime').map((f) => f.setting)).to.deep.equal([
      'ike-encryption',
      'encryption',
      'integrity',
      'encryption',
      'integrity',
    ]);
    const life = r.findings.filter((f) => f.rule === 'negotiated-vs-configured' && f.setting === 'lifetime');
    expect(life.map((f) => [f.setting, f.severity, f.on.sa?.id])).to.deep.equal([
      ['lifetime', 'warning', 'to-branch07 proxyid to-branch07-p2 SA 1'],
      ['lifetime', 'warning', 'to-branch07 proxyid to-branch07-p2 SA 2'],
    ]);
    expect(life[0].message).to.equal(
      'A (FGT-DC) to-branch07 proxyid to-branch07-p2 SA 1 [172.16.0.0/16 === 10.27.0.0/24] runs with a lifetime of 480 s (8m) (timeout=71/480), configured 28800 s (8h) (set keylifeseconds 28800)',
    );
    expect(life[0].effect).to.match(/^A factor of 60 between the running and the configured lifetime/);
  });

  it('duplicate-sa: four IKE SAs and four CHILD_SAs for one pair of selectors with one peer (strongSwan 5.4 capture)', () => {
    const file = realState('state', 'strongswan', 'sensu-plugins-fixtures-ipsec-statusall.rb');
    if (!file) return;
    const last = readText(file)
      .split(/<<~IPSEC_RESPONSE\n/)[5]
      .split(/\n\s*IPSEC_RESPONSE\n/)[0];
    const r = checkState(input('strongswan', file, last), bareEnd('ios', '77.110.39.126'));
    const dup = r.findings.filter((f) => f.rule === 'duplicate-sa');
    expect(dup.map((f) => [f.on.sa?.kind, f.on.sa?.id, f.on.fix])).to.deep.equal([
      ['child', 'BLINK{4052983}', "ipsec down 'BLINK{4052983}'"],
      ['ike', 'BLINK[4022085]', "ipsec down 'BLINK[4022085]'"],
    ]);
    expect(dup[0].message).to.equal(
      'A (sensu-plugins-fixtures-ipsec-statusall.rb) has 4 SAs for 10.3.2.0/24 === 10.150.0.0/24 with 77.110.39.126 (BLINK{4052988}, BLINK{4052985}, BLINK{4052984}, BLINK{4052983}): a rekey overlap is 2'.replace(
        'sensu-plugins-fixtures-ipsec-statusall.rb',
        file,
      ),
    );
    // and the stale check finds every one of them unknown to a peer that lists none
    expect(r.findings.filter((f) => f.rule === 'stale-sa')).to.have.length(4);
  });

  it('sa-error-counters: a replay failure (info) and an IOS session drop count (warning)', () => {
    const gre = realState('state', 'cisco-ios', 'ntc-show-crypto-ipsec-sa-detail-gre-transport.raw');
    if (!gre) return;
    const r = checkState(input('ios', gre), bareEnd('ios', '3.3.3.3'));
    expect(r.findings.filter((f) => f.rule === 'sa-error-counters').map((f) => [f.severity, f.setting, f.on.display, f.on.sa?.at?.line])).to.deep.equal([
      ['info', 'replayFailed', '##pkts replay failed (rcv): 1', 75],
    ]);
    const drop = checkState(input('ios', realState('state', 'cisco-ios', 'ntc-show-crypto-session-detail-ikev2.raw')!), bareEnd('ios', '21.16.95.23'));
    expect(drop.findings.filter((f) => f.rule === 'sa-error-counters').map((f) => [f.severity, f.setting, f.effect])).to.deep.equal([
      ['warning', 'dropped', '33920 inbound packets were dropped.'],
    ]);
  });

  it('ike-sa-missing: installed SAs with a peer the active-peers listing does not hold', () => {
    const sas = realState('state', 'routeros', 'wahayu-ros7-installed-sa-print-detail-keys.txt');
    if (!sas) return;
    // active-peers printed with no peer: its Flags line alone
    const text = `[admin@Mikrotik-Hub] > ip ipsec/active-peers/print detail\nFlags: R - responder; N - natt-peer\n${readText(sas)}`;
    const r = checkState(input('routeros', 'hub.txt', text), bareEnd('routeros', '150.0.0.150'));
    expect(r.findings.filter((f) => f.rule === 'ike-sa-missing').map((f) => [f.severity, f.on.sa?.id, f.on.fix])).to.deep.equal([
      [
        'warning',
        'installed-sa 50.0.0.50 <-> 150.0.0.150',
        '/ip ipsec installed-sa remove [find where spi=0xE841441 or spi=0x65B1A81 or spi=0x73F97FA or spi=0xE2829EA or spi=0xFF2BA1C or spi=0x7166EEF]',
      ],
    ]);
    expect(r.notes.some((n) => n.rule === 'duplicate-sa' && /shows no traffic selectors/.test(n.message))).to.equal(true);
  });

  it('orphan-sa: the strongSwan end lists its configured connections and none covers the SAs the IOS router holds with it', () => {
    const file = realState('state', 'strongswan', 'sensu-plugins-fixtures-ipsec-statusall.rb');
    const ios = realState('state', 'cisco-ios', 'genie-show-crypto-ipsec-sa-unindented.txt');
    if (!file || !ios) return;
    const capture3 = readText(file)
      .split(/<<~IPSEC_RESPONSE\n/)[3]
      .split(/\n\s*IPSEC_RESPONSE\n/)[0];
    // the IOS router of the genie capture, re-addressed to be one of the strongSwan host's peers (158.255.113.35 ↔ 91.134.115.101)
    const router = readText(ios)
      .replace(/1\.1\.1\.2/g, '158.255.113.35')
      .replace(/1\.1\.1\.1/g, '91.134.115.101');
    const r = checkState(input('strongswan', 'ovheu.rb', capture3), input('ios', 'par-fw01.txt', router));
    // both ways: the router's crypto map (its listing shows every entry) has no entry for the strongSwan SA's selectors either
    expect(r.findings.filter((f) => f.rule === 'orphan-sa').map((f) => [f.on.side, f.on.sa?.id, f.on.fix])).to.deep.equal([
      ['a', 'OVHEU-to-PAR{3}', "ipsec down 'OVHEU-to-PAR{3}'"],
      ['b', 'GigabitEthernet3 vpn-crypto-map ident 1', 'clear crypto sa peer 91.134.115.101'],
    ]);
    // reported once, as orphan-sa, not again as stale-sa
    expect(r.findings.filter((f) => f.rule === 'stale-sa' && f.on.side === 'b')).to.deep.equal([]);
  });
});

describe('state rules on real strongSwan listings captured in the lab (fixtures/state/strongswan/lab-*)', () => {
  const lab = (name: string) => fixturePath('state', 'strongswan', `lab-${name}.txt`);

  it('a rekey overlap (old CHILD_SA DELETING, new one INSTALLED on both ends): no finding', () => {
    const r = checkState(input('strongswan', lab('rekey-overlap-a')), input('strongswan', lab('rekey-overlap-b')));
    expect(r.pair.a.state.childSas.map((c) => [c.id, c.state?.value])).to.deep.equal([
      ['p2-1{1}', 'DELETING'],
      ['p2-1{2}', 'INSTALLED'],
    ]);
    expect(r.findings).to.deep.equal([]);
  });

  it('after a restart without DELETE: stale-sa on a with the SPIs b lost, its old IKE_SA to terminate', () => {
    const r = checkState(input('strongswan', lab('stale-after-restart-a')), input('strongswan', lab('stale-after-restart-b')));
    expect(r.findings.map((f) => [f.rule, f.on.side, f.on.sa?.id, f.on.sa?.spis, f.on.fix])).to.deep.equal([
      ['stale-sa', 'a', 'p2-1{2}', { in: ['3c8d803f'], out: ['0c498e40'] }, 'swanctl --terminate --ike-id 1 --force'],
    ]);
  });
});
