/**
 * Hand-made devices for the HTML report tests: a two-device comparison shaped like the demo pair
 * (an IKEv2 tunnel whose phase 2 lifetimes differ 1 h vs 8 h — info, RFC 7296 §2.8 — PFS off on one side, a value full
 * of HTML metacharacters, a PSK whose "raw" holds a fixture secret), and an audit of one hub with
 * five tunnels (clean, drifting, breaking at rekey, not coming up, and an end with no counterpart).
 */
import type { Device, TunnelEnd } from '../../src/model/types.js';
import type { Finding, TunnelPair } from '../../src/compare/types.js';
import { compareDevices, checkPair, checkUnmatched } from '../../src/compare/compare.js';
import { pairDevices } from '../../src/compare/pair.js';
import { ruleById } from '../../src/compare/rules/index.js';
import { buildReport, type Report } from '../../src/report/report.js';
import type { ReportSource } from '../../src/report/html.js';
import { ESP_AES256, IKE_AES256, end, phase2, set } from '../builders.js';
import { swanctlTiming } from '../../adapters/strongswan/timing.js';

/** A secret a careless adapter might leave in `raw`; it must never reach the HTML. */
export const FIXTURE_SECRET = 'Fixture-PSK-9f7<&>"q';
export const FIXTURE_FINGERPRINT = 'hmac:feedfacecafebeef';
export const NOW = new Date('2026-03-04T05:06:07Z');

const title = (id: string) => ruleById(id)?.title ?? id;

function dev(vendor: string, origin: string, hostname: string, address: string, tunnels: TunnelEnd[]): Device {
  return { vendor, origin, hostname, interfaces: [{ name: 'wan', address }], tunnels, diagnostics: [] };
}

/** Two ends like the demo pair: A (FortiGate-like, 8 h everywhere), B (strongSwan swanctl, 1 h phase 2, no PFS). */
export function demoLike(): { report: Report; source: ReportSource; a: Device; b: Device } {
  const ta = end({
    name: 'to-hq',
    at: { file: 'branch.conf', line: 30 },
    localGateway: set('203.0.113.2', 'set interface "wan1"', 31, 'branch.conf'),
    remoteGateway: set('198.51.100.1', 'set remote-gw 198.51.100.1', 32, 'branch.conf'),
    auth: {
      method: set<TunnelEnd['auth']['method']['value']>('psk', 'set authmethod psk'),
      psk: set(FIXTURE_FINGERPRINT, `set psksecret ${FIXTURE_SECRET}`, 33, 'branch.conf'),
    },
    phase1: {
      proposals: set([IKE_AES256], 'set proposal aes256-sha256', 34, 'branch.conf'),
      lifetimeSeconds: set(28800, 'set keylife 28800', 35, 'branch.conf'),
    },
    phase2: [
      phase2({
        name: 'to-hq-lan',
        localSelectors: set(['10.20.0.0/24'], 'set src-subnet 10.20.0.0 255.255.255.0', 40, 'branch.conf'),
        remoteSelectors: set(['10.10.0.0/16'], 'set dst-subnet 10.10.0.0 255.255.0.0', 41, 'branch.conf'),
        proposals: set([ESP_AES256], 'set proposal aes256-sha256', 42, 'branch.conf'),
        pfsGroups: set([14], 'set dhgrp 14', 43, 'branch.conf'),
        lifetimeSeconds: set(28800, 'set keylifeseconds 28800', 44, 'branch.conf'),
      }),
    ],
  });
  const tb = end(
    {
      name: 'branch',
      at: { file: 'swanctl.conf', line: 2 },
      localGateway: set('198.51.100.1', 'local_addrs = 198.51.100.1', 3, 'swanctl.conf'),
      remoteGateway: set('203.0.113.2', 'remote_addrs = 203.0.113.2', 4, 'swanctl.conf'),
      auth: {
        method: set<TunnelEnd['auth']['method']['value']>('psk', 'auth = psk', 6, 'swanctl.conf'),
        psk: set(FIXTURE_FINGERPRINT, 'secret = <redacted>', 20, 'swanctl.conf'),
      },
      // a comment full of markup metacharacters, as a config may hold
      phase1: {
        proposals: set([IKE_AES256], 'proposals = aes256-sha256-modp2048 # <b>"HQ" & branch</b>', 5, 'swanctl.conf'),
        lifetimeSeconds: set(28800, 'rekey_time = 8h', 7, 'swanctl.conf'),
        rekey: swanctlTiming(28800),
      },
      phase2: [
        phase2(
          {
            name: 'hq-lan',
            localSelectors: set(['10.10.0.0/16'], 'local_ts = 10.10.0.0/16', 11, 'swanctl.conf'),
            remoteSelectors: set(['10.20.0.0/24'], 'remote_ts = 10.20.0.0/24', 12, 'swanctl.conf'),
            proposals: set([ESP_AES256], 'esp_proposals = aes256-sha256', 13, 'swanctl.conf'),
            pfsGroups: set([0], 'esp_proposals = aes256-sha256'),
            lifetimeSeconds: set(3600, 'rekey_time = 1h'),
            rekey: swanctlTiming(3600),
          },
          true,
        ),
      ],
    },
    true,
  );
  const a = dev('test', 'branch.conf', 'fgt-branch', '203.0.113.2', [ta]);
  const b = dev('strongswan', 'swanctl.conf', 'hq-gw', '198.51.100.1', [tb]);
  b.diagnostics.push({ level: 'warning', message: 'unknown key `foo <bar>` ignored', at: { file: 'swanctl.conf', line: 15 } });
  const cmp = compareDevices(a, b);
  const report = buildReport(cmp.devices, cmp.pairs, cmp.findings, title, NOW, new Map([[a, '2026-03-04T05:06:00.000Z']]));
  return { report, source: { devices: cmp.devices, pairs: cmp.pairs }, a, b };
}

/** A branch end mirroring the hub end `n` (hub 198.51.100.1, branch 203.0.113.n). */
function branchPair(n: number, hubOver: Partial<TunnelEnd>, brOver: Partial<TunnelEnd>): { hub: TunnelEnd; br: Device } {
  const ip = `203.0.113.${n}`;
  const lan = `10.${n}.0.0/24`;
  const hub = end({
    name: `to-br${n}`,
    localGateway: set('198.51.100.1', 'set interface "wan1"', 10 * n, 'hq.conf'),
    remoteGateway: set(ip, `set remote-gw ${ip}`, 10 * n + 1, 'hq.conf'),
    phase2: [
      phase2({
        name: `br${n}-lan`,
        localSelectors: set(['10.0.0.0/16'], 'set src-subnet 10.0.0.0/16', 10 * n + 2, 'hq.conf'),
        remoteSelectors: set([lan], `set dst-subnet ${lan}`, 10 * n + 3, 'hq.conf'),
      }),
    ],
    ...hubOver,
  });
  const bt = end({
    name: 'to-hq',
    localGateway: set(ip, `local ${ip}`, 2, `br${n}.conf`),
    remoteGateway: set('198.51.100.1', 'remote 198.51.100.1', 3, `br${n}.conf`),
    phase2: [
      phase2({ name: 'hq', localSelectors: set([lan], lan, 20, `br${n}.conf`), remoteSelectors: set(['10.0.0.0/16'], '10.0.0.0/16', 21, `br${n}.conf`) }),
    ],
    ...brOver,
  });
  return { hub, br: dev('test', `br${n}.conf`, `br${n}`, ip, [bt]) };
}

/** An audit of one hub and its branches, as `audit` would build it: several pairs in one report. */
export function auditLike(): { report: Report; source: ReportSource } {
  const specs: Array<[Partial<TunnelEnd>, Partial<TunnelEnd>]> = [
    [{}, {}], // br1: clean
    // br2: IKEv1, phase 2 lifetime 8 h at the hub vs 1 h at a branch whose RouterOS-like
    // proposal-check strict refuses a longer proposal: it works while the branch initiates
    [{ ikeVersion: set<1 | 2>(1, 'ike-version 1', 4, 'hq.conf') }, { ikeVersion: set<1 | 2>(1, 'exchange-mode=main', 4, 'br2.conf') }],
    [{}, {}], // br3: PFS off on the branch (IKEv2: breaks at rekey)
    [
      {},
      {
        phase1: {
          proposals: set([{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }], 'proposal 3des-sha1', 4, 'br4.conf'),
          lifetimeSeconds: set(28800, 'keylife 28800'),
        },
      },
    ], // br4: no common proposal
  ];
  const built = specs.map(([h, b], i) => branchPair(i + 1, h, b));
  // br2: the branch's phase 2 lifetime in seconds where the hub has 8 h
  built[1].hub.phase2[0].lifetimeSeconds = set(28800, 'set keylifeseconds 28800', 24, 'hq.conf');
  built[1].br.tunnels[0].phase2[0].lifetimeSeconds = set(3600, 'lifetime 3600', 25, 'br2.conf');
  built[1].br.tunnels[0].behaviour = { ikev1Phase2Lifetime: set<'reject-longer'>('reject-longer', 'proposal-check=strict', 5, 'br2.conf') };
  built[2].br.tunnels[0].phase2[0].pfsGroups = set([0], 'pfs none', 26, 'br3.conf');
  // a hub tunnel to br5, whose config has no tunnel back
  const dangling = end({
    name: 'to-br5',
    localGateway: set('198.51.100.1', 'set interface "wan1"', 60, 'hq.conf'),
    remoteGateway: set('203.0.113.5', 'set remote-gw 203.0.113.5', 61, 'hq.conf'),
  });
  const br5 = dev('test', 'br5.conf', 'br5', '203.0.113.5', []);
  const hq = dev('test', 'hq.conf', 'hq-fw', '198.51.100.1', [...built.map((x) => x.hub), dangling]);
  const pairs: TunnelPair[] = [];
  const findings: Finding[] = [];
  for (const { br } of built) {
    const p = pairDevices(hq, br).pairs;
    pairs.push(...p);
    for (const pair of p) findings.push(...checkPair(pair));
  }
  findings.push(...checkUnmatched([{ device: hq, tunnel: dangling }], () => [br5]));
  const devices = [hq, ...built.map((x) => x.br), br5];
  const report = buildReport(devices, pairs, findings, title, NOW);
  return { report, source: { devices, pairs } };
}
