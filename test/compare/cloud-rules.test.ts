/**
 * The rules over managed (cloud) ends, table-driven: a firing case and a quiet near-twin each.
 * The limits are data on the end (`allowed`, `redundancy`), so the tests build them directly.
 */
import { expect } from 'chai';
import { checkPair, compareDevices } from '../../src/compare/compare.js';
import type { TunnelPair } from '../../src/compare/types.js';
import type { AllowedSettings, TunnelEnd } from '../../src/model/types.js';
import { device, end, ESP_AES256, IKE_AES256, p2, pairOf, set } from '../builders.js';

const ALLOWED: AllowedSettings = {
  source: 'test limits',
  phase1LifetimeSeconds: { min: 900, max: 28800 },
  phase2LifetimeSeconds: { min: 900, max: 3600 },
  phase2BelowPhase1: true,
  phase1: { encryption: ['aes128', 'aes256', 'aes128gcm16'], integrity: ['sha1', 'sha256'], dhGroups: [2, 14, 19] },
  phase2: { encryption: ['aes128', 'aes256'], integrity: ['sha1', 'sha256'], pfsGroups: [2, 14] },
};
const cloud = { allowed: ALLOWED };
const rulesOf = (pair: TunnelPair, only: string[]) =>
  checkPair(pair)
    .filter((f) => only.includes(f.rule))
    .map((f) => [f.rule, f.severity]);

interface Case {
  name: string;
  pair: TunnelPair;
  expect: Array<[string, string]>;
}

const RANGE = ['lifetime-out-of-range'];
const rangeCases: Case[] = [
  {
    name: 'peer phase 2 lifetime 28800 s against a 900–3600 s service',
    pair: pairOf(cloud, { phase2: p2({ lifetimeSeconds: set(28800, 'x', 24) }, true) }),
    expect: [['lifetime-out-of-range', 'warning']],
  },
  {
    name: 'near-twin: peer phase 2 lifetime 1800 s (in range, the service can match)',
    pair: pairOf(cloud, { phase2: p2({ lifetimeSeconds: set(1800, 'x', 24) }, true) }),
    expect: [],
  },
  {
    name: 'peer phase 2 lifetime in range but not below the service’s phase 1',
    pair: pairOf(
      { ...cloud, phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(1800, 'x', 8) } },
      { phase2: p2({ lifetimeSeconds: set(2700, 'x', 24) }, true) },
    ),
    expect: [['lifetime-out-of-range', 'warning']],
  },
  {
    name: 'peer phase 1 lifetime 86400 s (the service allows up to 28800 s), service on the b side',
    pair: pairOf({ phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(86400, 'x', 8) } }, cloud),
    expect: [['lifetime-out-of-range', 'warning']],
  },
  {
    name: 'near-twin: the same ends without limits',
    pair: pairOf({ phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(86400, 'x', 8) } }),
    expect: [],
  },
];

const PROP = ['unsupported-proposal'];
const propCases: Case[] = [
  {
    name: 'peer offers only 3DES-MD5 in phase 1',
    pair: pairOf(cloud, {
      phase1: { proposals: set([{ encryption: ['3des'], integrity: ['md5'], prf: [], dhGroups: [2] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) },
    }),
    expect: [['unsupported-proposal', 'error']],
  },
  {
    name: 'near-twin: peer offers 3DES-MD5 and AES256-SHA256 (one is supportable)',
    pair: pairOf(cloud, {
      phase1: {
        proposals: set([{ encryption: ['3des'], integrity: ['md5'], prf: [], dhGroups: [2] }, IKE_AES256], 'x', 7),
        lifetimeSeconds: set(28800, 'x', 8),
      },
    }),
    expect: [],
  },
  {
    name: 'peer without PFS against a service that always uses PFS',
    pair: pairOf(cloud, { phase2: p2({ pfsGroups: set([0], 'pfs disable', 23) }, true) }),
    expect: [['unsupported-proposal', 'error']],
  },
  { name: 'near-twin: peer with PFS group 14', pair: pairOf(cloud, { phase2: p2({}, true) }), expect: [] },
  {
    name: 'peer ESP only AES-GCM where the service has none in phase 2',
    pair: pairOf(cloud, { phase2: p2({ proposals: set([{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }], 'x', 22) }, true) }),
    expect: [['unsupported-proposal', 'error']],
  },
  { name: 'near-twin: peer ESP AES256-SHA256', pair: pairOf(cloud, { phase2: p2({ proposals: set([ESP_AES256], 'x', 22) }, true) }), expect: [] },
];

for (const [title, only, cases] of [
  ['lifetime-out-of-range', RANGE, rangeCases],
  ['unsupported-proposal', PROP, propCases],
] as const) {
  describe(`rule ${title}`, () => {
    for (const c of cases) it(c.name, () => expect(rulesOf(c.pair, [...only])).to.deep.equal(c.expect));
  });
}

describe('rule lifetime-out-of-range: what it says and where the change goes', () => {
  it('names the range, and changes only the peer, to the service’s value', () => {
    const [f] = checkPair(pairOf(cloud, { phase2: p2({ lifetimeSeconds: set(28800, 'keylifeseconds 28800', 24) }, true) })).filter(
      (x) => x.rule === 'lifetime-out-of-range',
    );
    expect(f.message).to.equal(
      "b.conf/to-a's phase 2 lifetime 28800 s (8h) cannot be set on a.conf/to-b (allowed: 900 s (15m) – 3600 s (1h); it must stay below its phase 1 lifetime, 28800 s (8h))",
    );
    expect(f.a?.change).to.equal(undefined);
    expect(f.b?.change).to.deep.equal({ field: 'phase2.lifetimeSeconds', target: 3600 });
  });
});

// --- redundancy: a service device with two member tunnels, a customer device with zero, one or two
function service(changes: Partial<TunnelEnd>[] = [{}, {}]) {
  const members = ['vpn-1.tunnel1', 'vpn-1.tunnel2'];
  const tunnels = changes.map((over, i) =>
    end({
      name: members[i],
      localGateway: set(`203.0.113.${i + 1}`, 'OutsideIpAddress', 10 + i),
      remoteGateway: set('198.51.100.9', 'customer gateway', 20),
      redundancy: { id: 'vpn-1', members, source: 'test' },
      ...over,
    }),
  );
  return device(tunnels, 'test-cloud', 'cloud.json');
}
function customer(targets: string[], changes: Partial<TunnelEnd>[] = []) {
  const tunnels = targets.map((ip, i) =>
    end(
      { name: `to-cloud-${i + 1}`, localGateway: set('198.51.100.9', 'wan', 2), remoteGateway: set(ip, `remote-gw ${ip}`, 3 + i), ...(changes[i] ?? {}) },
      true,
    ),
  );
  return device(tunnels, 'test', 'customer.conf');
}
const ruleIds = (a: ReturnType<typeof service>, b: ReturnType<typeof customer>) =>
  compareDevices(a, b)
    .findings.filter((f) => ['redundant-tunnel-missing', 'redundant-tunnels-differ', 'unmatched-tunnel'].includes(f.rule))
    .map((f) => [f.rule, f.severity]);

describe('rules redundant-tunnel-missing and redundant-tunnels-differ', () => {
  it('only tunnel 1 configured on the customer side: redundant-tunnel-missing (not unmatched-tunnel)', () => {
    expect(ruleIds(service(), customer(['203.0.113.1']))).to.deep.equal([['redundant-tunnel-missing', 'warning']]);
  });
  it('near-twin: both configured alike: nothing', () => {
    expect(ruleIds(service(), customer(['203.0.113.1', '203.0.113.2']))).to.deep.equal([]);
  });
  it('neither configured: unmatched-tunnel for each (the connection is missing, not its redundancy)', () => {
    expect(ruleIds(service(), customer([]))).to.deep.equal([
      ['unmatched-tunnel', 'warning'],
      ['unmatched-tunnel', 'warning'],
    ]);
  });
  it('the customer’s two tunnels differ in phase 2 lifetime: redundant-tunnels-differ once', () => {
    const c = customer(['203.0.113.1', '203.0.113.2'], [{}, { phase2: p2({ lifetimeSeconds: set(28800, 'keylifeseconds 28800', 24) }, true) }]);
    const found = compareDevices(service(), c).findings.filter((f) => f.rule === 'redundant-tunnels-differ');
    expect(found.map((f) => [f.setting, f.message])).to.deep.equal([
      [
        'redundancy[vpn-1].phase2.lifetimeSeconds',
        "customer.conf's tunnels of vpn-1 differ in phase 2 lifetime: 3600 s (1h) (to-cloud-1) vs 28800 s (8h) (to-cloud-2)",
      ],
    ]);
    expect(found[0].b?.change).to.deep.equal({ field: 'phase2.lifetimeSeconds', target: 3600 });
  });
  it('one cloud tunnel modified and not the other: redundant-tunnels-differ on the service side', () => {
    const s = service([{}, { phase2: p2({ lifetimeSeconds: set(1800, '"Phase2LifetimeSeconds": 1800', 30) }) }]);
    const found = compareDevices(s, customer(['203.0.113.1', '203.0.113.2'])).findings.filter((f) => f.rule === 'redundant-tunnels-differ');
    expect(found.map((f) => f.message)).to.deep.equal([
      "cloud.json's tunnels of vpn-1 differ in phase 2 lifetime: 3600 s (1h) (vpn-1.tunnel1) vs 1800 s (30m) (vpn-1.tunnel2)",
    ]);
  });
});
