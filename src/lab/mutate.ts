/**
 * The oracle's test pairs: a matching pair mutated one dimension at a time, then in seeded random
 * combinations across dimensions, in IKEv2 and IKEv1. Pure and deterministic (the same seed gives
 * the same cases), so a disagreement can be named by its id and reproduced.
 */
import type { ChildProposal, Device, IkeProposal, Phase2, Setting, TunnelEnd } from '../model/types.js';
import type { TunnelPair } from '../compare/types.js';
import { pairPhase2 } from '../compare/pair.js';

export interface LabCase {
  /** `v2/pfs-a-only+ts-disjoint` */
  id: string;
  version: 1 | 2;
  mutations: string[];
  pair: TunnelPair;
}

interface Mutation {
  dim: string;
  name: string;
  /** mutate the two ends in place (a is the "to-b" end, b the mirrored "to-a" end) */
  apply(a: TunnelEnd, b: TunnelEnd): void;
  /** only meaningful in this IKE version */
  only?: 1 | 2;
}

function s<T>(value: T, raw = String(value)): Setting<T> {
  return { value, raw, origin: 'explicit', at: { file: 'lab-oracle', line: 1 } };
}

const ike = (encryption: string[], integrity: string[], dhGroups: number[], prf: string[] = []): IkeProposal => ({ encryption, integrity, prf, dhGroups });
const esp = (encryption: string[], integrity: string[]): ChildProposal => ({ protocol: 'esp', encryption, integrity });

const P = ike(['aes256'], ['sha256'], [14]);
const Q = ike(['aes128'], ['sha1'], [14]);
const R = ike(['3des'], ['sha1'], [2]);
const E = esp(['aes256'], ['sha256']);
const F = esp(['aes128'], ['sha1']);
const G = esp(['3des'], ['md5']);

function basePhase2(mirror: boolean): Phase2 {
  const l = mirror ? '10.2.0.0/24' : '10.1.0.0/24';
  const r = mirror ? '10.1.0.0/24' : '10.2.0.0/24';
  return {
    name: 'p2',
    localSelectors: s([l], l),
    remoteSelectors: s([r], r),
    mode: s<'tunnel' | 'transport'>('tunnel'),
    proposals: s([E], 'aes256-sha256'),
    pfsGroups: s([14], 'modp2048'),
    lifetimeSeconds: s(3600),
    lifetimeKilobytes: s(0),
  };
}

function baseEnd(mirror: boolean, version: 1 | 2): TunnelEnd {
  return {
    name: mirror ? 'to-a' : 'to-b',
    enabled: true,
    localGateway: s(mirror ? '192.0.2.2' : '192.0.2.1'),
    remoteGateway: s(mirror ? '192.0.2.1' : '192.0.2.2'),
    ikeVersion: s<1 | 2>(version),
    auth: { method: s<TunnelEnd['auth']['method']['value']>('psk'), psk: s('hmac:00000000000000aa', '<redacted>') },
    phase1: {
      proposals: s([P], 'aes256-sha256-modp2048'),
      lifetimeSeconds: s(28800),
      ...(version === 1 ? { exchangeMode: s<'main' | 'aggressive'>('main') } : {}),
    },
    natt: { mode: s<'auto' | 'forced' | 'disabled'>('auto') },
    dpd: { mode: s<'off' | 'on-demand' | 'periodic'>('on-demand') },
    phase2: [basePhase2(mirror)],
  };
}

function device(t: TunnelEnd, origin: string): Device {
  // vendor "lab": a generic appliance, so the lab's strongSwan-specific leniencies are reported as limitations
  return { vendor: 'lab', origin, interfaces: [], tunnels: [t], diagnostics: [] };
}

export function makePair(a: TunnelEnd, b: TunnelEnd): TunnelPair {
  return { a: { device: device(a, 'a.conf'), tunnel: a }, b: { device: device(b, 'b.conf'), tunnel: b }, how: 'lab oracle', ...pairPhase2(a, b) };
}

/** The matching pair every case starts from. */
export function basePair(version: 1 | 2): { a: TunnelEnd; b: TunnelEnd } {
  return { a: baseEnd(false, version), b: baseEnd(true, version) };
}

const p1 = (t: TunnelEnd, ps: IkeProposal[]) => (t.phase1.proposals = s(ps));
const p2 = (t: TunnelEnd, f: (p: Phase2) => void) => t.phase2.forEach(f);
const pfs = (t: TunnelEnd, groups: number[]) => p2(t, (p) => (p.pfsGroups = s(groups)));
const espList = (t: TunnelEnd, ps: ChildProposal[]) => p2(t, (p) => (p.proposals = s(ps)));
const local = (t: TunnelEnd, cidrs: string[]) => p2(t, (p) => (p.localSelectors = s(cidrs)));
const remote = (t: TunnelEnd, cidrs: string[]) => p2(t, (p) => (p.remoteSelectors = s(cidrs)));
const p2life = (t: TunnelEnd, secs: number) => p2(t, (p) => (p.lifetimeSeconds = s(secs)));
const p2kb = (t: TunnelEnd, kb: number) => p2(t, (p) => (p.lifetimeKilobytes = s(kb)));

/** Every mutation, by dimension. Names say what B (or A) gets relative to the matching pair. */
export const MUTATIONS: Mutation[] = [
  // IKE proposals
  { dim: 'p1', name: 'p1-reordered', apply: (a, b) => (p1(a, [P, Q]), p1(b, [Q, P])) },
  { dim: 'p1', name: 'p1-overlap', apply: (a, b) => (p1(a, [P, Q]), p1(b, [R, Q])) },
  { dim: 'p1', name: 'p1-disjoint-enc', apply: (_a, b) => p1(b, [ike(['aes128'], ['sha256'], [14])]) },
  { dim: 'p1', name: 'p1-disjoint-integ', apply: (_a, b) => p1(b, [ike(['aes256'], ['sha1'], [14])]) },
  { dim: 'p1', name: 'p1-disjoint-dh', apply: (_a, b) => p1(b, [ike(['aes256'], ['sha256'], [19])]) },
  { dim: 'p1', name: 'p1-dh-list-overlap', apply: (a, b) => (p1(a, [ike(['aes256'], ['sha256'], [14, 19])]), p1(b, [ike(['aes256'], ['sha256'], [19])])) },
  { dim: 'p1', name: 'p1-dh-2-vs-14', apply: (a, b) => (p1(a, [ike(['aes256'], ['sha256'], [2])]), p1(b, [ike(['aes256'], ['sha256'], [14])])) },
  { dim: 'p1', name: 'p1-dh-ecp-both', apply: (a, b) => (p1(a, [ike(['aes256'], ['sha256'], [20, 19])]), p1(b, [ike(['aes256'], ['sha256'], [19, 20])])) },
  {
    dim: 'p1',
    name: 'p1-multi-alg',
    apply: (a, b) => (p1(a, [ike(['aes256', 'aes128'], ['sha256', 'sha1'], [14])]), p1(b, [ike(['aes128'], ['sha1'], [14])])),
  },
  {
    dim: 'p1',
    name: 'p1-gcm-both',
    only: 2,
    apply: (a, b) => (p1(a, [ike(['aes256gcm16'], [], [19], ['prfsha256'])]), p1(b, [ike(['aes256gcm16'], [], [19], ['prfsha256'])])),
  },
  { dim: 'p1', name: 'p1-gcm-vs-cbc', only: 2, apply: (a) => p1(a, [ike(['aes256gcm16'], [], [14], ['prfsha256'])]) },
  { dim: 'p1', name: 'p1-prf-differs', only: 2, apply: (a) => p1(a, [ike(['aes256'], ['sha256'], [14], ['prfsha384'])]) },
  { dim: 'p1', name: 'p1-prf-explicit-same', only: 2, apply: (a) => p1(a, [ike(['aes256'], ['sha256'], [14], ['prfsha256'])]) },
  { dim: 'p1', name: 'p1-disjoint-all', apply: (a, b) => (p1(a, [P]), p1(b, [R])) },
  // ESP proposals
  { dim: 'esp', name: 'esp-reordered', apply: (a, b) => (espList(a, [E, F]), espList(b, [F, E])) },
  { dim: 'esp', name: 'esp-overlap', apply: (a, b) => (espList(a, [E, F]), espList(b, [G, F])) },
  { dim: 'esp', name: 'esp-disjoint-enc', apply: (_a, b) => espList(b, [esp(['aes128'], ['sha256'])]) },
  { dim: 'esp', name: 'esp-disjoint-integ', apply: (_a, b) => espList(b, [esp(['aes256'], ['sha1'])]) },
  { dim: 'esp', name: 'esp-multi-alg', apply: (a, b) => (espList(a, [esp(['aes256', 'aes128'], ['sha256', 'sha1'])]), espList(b, [F])) },
  { dim: 'esp', name: 'esp-gcm-both', apply: (a, b) => (espList(a, [esp(['aes256gcm16'], [])]), espList(b, [esp(['aes256gcm16'], [])])) },
  { dim: 'esp', name: 'esp-gcm-vs-cbc', apply: (a) => espList(a, [esp(['aes256gcm16'], [])]) },
  { dim: 'esp', name: 'esp-disjoint-all', apply: (a, b) => (espList(a, [E]), espList(b, [G])) },
  // PFS
  { dim: 'pfs', name: 'pfs-off-both', apply: (a, b) => (pfs(a, [0]), pfs(b, [0])) },
  { dim: 'pfs', name: 'pfs-a-only', apply: (_a, b) => pfs(b, [0]) },
  { dim: 'pfs', name: 'pfs-b-only', apply: (a) => pfs(a, [0]) },
  { dim: 'pfs', name: 'pfs-groups-differ', apply: (_a, b) => pfs(b, [19]) },
  { dim: 'pfs', name: 'pfs-2-vs-14', apply: (a) => pfs(a, [2]) },
  { dim: 'pfs', name: 'pfs-list-overlap', apply: (a, b) => (pfs(a, [14, 19]), pfs(b, [19])) },
  { dim: 'pfs', name: 'pfs-optional-vs-off', apply: (a, b) => (pfs(a, [14, 0]), pfs(b, [0])) },
  // traffic selectors (a: to-b has local 10.1/24 remote 10.2/24; b mirrors)
  { dim: 'ts', name: 'ts-a-local-narrower', apply: (a) => local(a, ['10.1.0.0/25']) },
  { dim: 'ts', name: 'ts-a-local-wider', apply: (a) => local(a, ['10.1.0.0/23']) },
  { dim: 'ts', name: 'ts-b-local-narrower', apply: (_a, b) => local(b, ['10.2.0.128/25']) },
  { dim: 'ts', name: 'ts-a-host', apply: (a) => local(a, ['10.1.0.5/32']) },
  { dim: 'ts', name: 'ts-narrow-and-wide', apply: (a) => (local(a, ['10.1.0.0/25']), remote(a, ['10.2.0.0/23'])) },
  { dim: 'ts', name: 'ts-disjoint', apply: (_a, b) => local(b, ['10.3.0.0/24']) },
  { dim: 'ts', name: 'ts-both-disjoint', apply: (_a, b) => (local(b, ['10.3.0.0/24']), remote(b, ['10.4.0.0/24'])) },
  {
    dim: 'ts',
    name: 'ts-list-partial-overlap',
    only: 2,
    apply: (a, b) => (local(a, ['10.1.0.0/24', '10.5.0.0/24']), remote(b, ['10.1.0.0/24', '10.6.0.0/24'])),
  },
  { dim: 'ts', name: 'ts-list-equal', only: 2, apply: (a, b) => (local(a, ['10.1.0.0/24', '10.5.0.0/24']), remote(b, ['10.5.0.0/24', '10.1.0.0/24'])) },
  // PSK
  { dim: 'psk', name: 'psk-differ', apply: (_a, b) => (b.auth.psk = s('hmac:00000000000000bb', '<redacted>')) },
  { dim: 'psk', name: 'psk-unknown-one', apply: (a) => (a.auth.psk = s('unknown', 'ENC <masked>')) },
  // IKE version
  { dim: 'version', name: 'version-b-other', apply: (_a, b) => (b.ikeVersion = s<1 | 2>(b.ikeVersion.value === 1 ? 2 : 1)) },
  // lifetimes
  { dim: 'p1life', name: 'p1-life-differ', apply: (_a, b) => (b.phase1.lifetimeSeconds = s(86400)) },
  { dim: 'p1life', name: 'p1-life-unit-trap', apply: (a) => (a.phase1.lifetimeSeconds = s(480)) },
  {
    dim: 'p1life',
    name: 'p1-life-longer-to-strict',
    apply: (a, b) => ((a.phase1.lifetimeSeconds = s(86400)), (b.behaviour = { ...b.behaviour, ikev1Phase1Lifetime: s<'reject-longer'>('reject-longer') })),
  },
  { dim: 'p2life', name: 'p2-life-differ', apply: (_a, b) => p2life(b, 28800) },
  { dim: 'p2life', name: 'p2-life-unit-trap', apply: (a) => p2life(a, 60) },
  { dim: 'p2life', name: 'p2-life-to-exact', apply: (a, b) => (p2life(a, 7200), (b.behaviour = { ...b.behaviour, ikev1Phase2Lifetime: s<'exact'>('exact') })) },
  { dim: 'p2life', name: 'p2-kb-one-side', apply: (_a, b) => p2kb(b, 4608000) },
  { dim: 'p2life', name: 'p2-kb-differ', apply: (a, b) => (p2kb(a, 250000), p2kb(b, 4608000)) },
  // who initiates
  { dim: 'init', name: 'b-responder-only', apply: (_a, b) => (b.initiates = s(false)) },
  { dim: 'init', name: 'b-accepts-any-peer', apply: (_a, b) => (b.remoteGateway = s('any')) },
  // IKEv1 exchange mode
  {
    dim: 'mode',
    name: 'aggressive-both',
    only: 1,
    apply: (a, b) => ((a.phase1.exchangeMode = s<'main' | 'aggressive'>('aggressive')), (b.phase1.exchangeMode = s<'main' | 'aggressive'>('aggressive'))),
  },
];

/** mulberry32: a tiny seeded PRNG, so the combinations are the same on every run. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function build(version: 1 | 2, muts: Mutation[]): LabCase {
  const { a, b } = basePair(version);
  for (const m of muts) m.apply(a, b);
  const names = muts.map((m) => m.name);
  return { id: `v${version}/${names.join('+') || 'matching'}`, version, mutations: names, pair: makePair(a, b) };
}

export interface GenerateOptions {
  /** random combinations of two dimensions, per IKE version */
  pairsOfTwo?: number;
  /** random combinations of three dimensions, per IKE version */
  triples?: number;
  seed?: number;
}

/** The matching pair, every single mutation, and seeded combinations, in both IKE versions. */
export function generateCases(options: GenerateOptions = {}): LabCase[] {
  const { pairsOfTwo = 60, triples = 25, seed = 7 } = options;
  const rnd = prng(seed);
  const out: LabCase[] = [];
  const seen = new Set<string>();
  const add = (c: LabCase) => {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  for (const version of [2, 1] as const) {
    const usable = MUTATIONS.filter((m) => m.only === undefined || m.only === version);
    add(build(version, []));
    for (const m of usable) add(build(version, [m]));
    for (const [count, size] of [
      [pairsOfTwo, 2],
      [triples, 3],
    ] as const) {
      let made = 0;
      for (let tries = 0; made < count && tries < count * 20; tries++) {
        const pick: Mutation[] = [];
        while (pick.length < size) {
          const m = usable[Math.floor(rnd() * usable.length)];
          if (!pick.some((p) => p.dim === m.dim)) pick.push(m);
        }
        pick.sort((x, y) => MUTATIONS.indexOf(x) - MUTATIONS.indexOf(y));
        const c = build(version, pick);
        if (!seen.has(c.id)) {
          add(c);
          made++;
        }
      }
    }
  }
  return out;
}

/** One case by id (`v2/pfs-a-only+ts-disjoint`), for reproducing a disagreement. */
export function caseById(id: string): LabCase | undefined {
  const m = /^v([12])\/(.+)$/.exec(id);
  if (!m) return undefined;
  const version = Number(m[1]) as 1 | 2;
  if (m[2] === 'matching') return build(version, []);
  const muts = m[2].split('+').map((n) => MUTATIONS.find((x) => x.name === n));
  if (muts.some((x) => x === undefined)) return undefined;
  return build(version, muts as Mutation[]);
}
