/**
 * The oracle's test pairs: a matching pair mutated one dimension at a time, then in seeded random
 * combinations across dimensions, in IKEv2 and IKEv1. Pure and deterministic (the same seed gives
 * the same cases), so a disagreement can be named by its id and reproduced.
 */
import type { ChildProposal, Device, IdentityMatch, Identity, IkeProposal, Phase2, Setting, TunnelEnd } from '../model/types.js';
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
  /** edits to the "to-b" end, applied first */
  a?: Edit[];
  /** edits to the mirrored "to-a" end */
  b?: Edit[];
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

/** One edit to one end, in place. */
type Edit = (t: TunnelEnd) => void;

const p1 =
  (ps: IkeProposal[]): Edit =>
  (t) => {
    t.phase1.proposals = s(ps);
  };
const eachP2 =
  (f: (p: Phase2) => void): Edit =>
  (t) => {
    t.phase2.forEach(f);
  };
const pfs = (groups: number[]) =>
  eachP2((p) => {
    p.pfsGroups = s(groups);
  });
const espList = (ps: ChildProposal[]) =>
  eachP2((p) => {
    p.proposals = s(ps);
  });
const local = (cidrs: string[]) =>
  eachP2((p) => {
    p.localSelectors = s(cidrs);
  });
const remote = (cidrs: string[]) =>
  eachP2((p) => {
    p.remoteSelectors = s(cidrs);
  });
const p2life = (secs: number) =>
  eachP2((p) => {
    p.lifetimeSeconds = s(secs);
  });
const p2kb = (kb: number) =>
  eachP2((p) => {
    p.lifetimeKilobytes = s(kb);
  });
const p1life =
  (secs: number): Edit =>
  (t) => {
    t.phase1.lifetimeSeconds = s(secs);
  };
const psk =
  (fingerprint: string, raw: string): Edit =>
  (t) => {
    t.auth.psk = s(fingerprint, raw);
  };
const behaviour =
  (b: NonNullable<TunnelEnd['behaviour']>): Edit =>
  (t) => {
    t.behaviour = { ...t.behaviour, ...b };
  };
const otherIkeVersion: Edit = (t) => {
  t.ikeVersion = s<1 | 2>(t.ikeVersion.value === 1 ? 2 : 1);
};
const initiates =
  (yes: boolean): Edit =>
  (t) => {
    t.initiates = s(yes);
  };
const remoteGateway =
  (address: string): Edit =>
  (t) => {
    t.remoteGateway = s(address);
  };
const exchangeMode =
  (mode: 'main' | 'aggressive'): Edit =>
  (t) => {
    t.phase1.exchangeMode = s(mode);
  };

const sends =
  (id: Identity): Edit =>
  (t) => {
    t.auth.localIdentity = s(id);
  };
const accepts =
  (ids: IdentityMatch[]): Edit =>
  (t) => {
    t.auth.peerIdentity = s(ids);
  };
/** A's gateway address, as B sees it (the base pair has no NAT). */
const A_ADDRESS: Identity = { type: 'ipv4', value: '192.0.2.1' };

/** Every mutation, by dimension. Names say what B (or A) gets relative to the matching pair; A's edits apply first. */
export const MUTATIONS: Mutation[] = [
  // IKE proposals
  { dim: 'p1', name: 'p1-reordered', a: [p1([P, Q])], b: [p1([Q, P])] },
  { dim: 'p1', name: 'p1-overlap', a: [p1([P, Q])], b: [p1([R, Q])] },
  { dim: 'p1', name: 'p1-disjoint-enc', b: [p1([ike(['aes128'], ['sha256'], [14])])] },
  { dim: 'p1', name: 'p1-disjoint-integ', b: [p1([ike(['aes256'], ['sha1'], [14])])] },
  { dim: 'p1', name: 'p1-disjoint-dh', b: [p1([ike(['aes256'], ['sha256'], [19])])] },
  { dim: 'p1', name: 'p1-dh-list-overlap', a: [p1([ike(['aes256'], ['sha256'], [14, 19])])], b: [p1([ike(['aes256'], ['sha256'], [19])])] },
  { dim: 'p1', name: 'p1-dh-2-vs-14', a: [p1([ike(['aes256'], ['sha256'], [2])])], b: [p1([ike(['aes256'], ['sha256'], [14])])] },
  { dim: 'p1', name: 'p1-dh-ecp-both', a: [p1([ike(['aes256'], ['sha256'], [20, 19])])], b: [p1([ike(['aes256'], ['sha256'], [19, 20])])] },
  { dim: 'p1', name: 'p1-multi-alg', a: [p1([ike(['aes256', 'aes128'], ['sha256', 'sha1'], [14])])], b: [p1([ike(['aes128'], ['sha1'], [14])])] },
  {
    dim: 'p1',
    name: 'p1-gcm-both',
    only: 2,
    a: [p1([ike(['aes256gcm16'], [], [19], ['prfsha256'])])],
    b: [p1([ike(['aes256gcm16'], [], [19], ['prfsha256'])])],
  },
  { dim: 'p1', name: 'p1-gcm-vs-cbc', only: 2, a: [p1([ike(['aes256gcm16'], [], [14], ['prfsha256'])])] },
  { dim: 'p1', name: 'p1-prf-differs', only: 2, a: [p1([ike(['aes256'], ['sha256'], [14], ['prfsha384'])])] },
  { dim: 'p1', name: 'p1-prf-explicit-same', only: 2, a: [p1([ike(['aes256'], ['sha256'], [14], ['prfsha256'])])] },
  { dim: 'p1', name: 'p1-disjoint-all', a: [p1([P])], b: [p1([R])] },
  // ESP proposals
  { dim: 'esp', name: 'esp-reordered', a: [espList([E, F])], b: [espList([F, E])] },
  { dim: 'esp', name: 'esp-overlap', a: [espList([E, F])], b: [espList([G, F])] },
  { dim: 'esp', name: 'esp-disjoint-enc', b: [espList([esp(['aes128'], ['sha256'])])] },
  { dim: 'esp', name: 'esp-disjoint-integ', b: [espList([esp(['aes256'], ['sha1'])])] },
  { dim: 'esp', name: 'esp-multi-alg', a: [espList([esp(['aes256', 'aes128'], ['sha256', 'sha1'])])], b: [espList([F])] },
  { dim: 'esp', name: 'esp-gcm-both', a: [espList([esp(['aes256gcm16'], [])])], b: [espList([esp(['aes256gcm16'], [])])] },
  { dim: 'esp', name: 'esp-gcm-vs-cbc', a: [espList([esp(['aes256gcm16'], [])])] },
  { dim: 'esp', name: 'esp-disjoint-all', a: [espList([E])], b: [espList([G])] },
  // PFS
  { dim: 'pfs', name: 'pfs-off-both', a: [pfs([0])], b: [pfs([0])] },
  { dim: 'pfs', name: 'pfs-a-only', b: [pfs([0])] },
  { dim: 'pfs', name: 'pfs-b-only', a: [pfs([0])] },
  { dim: 'pfs', name: 'pfs-groups-differ', b: [pfs([19])] },
  { dim: 'pfs', name: 'pfs-2-vs-14', a: [pfs([2])] },
  { dim: 'pfs', name: 'pfs-list-overlap', a: [pfs([14, 19])], b: [pfs([19])] },
  { dim: 'pfs', name: 'pfs-optional-vs-off', a: [pfs([14, 0])], b: [pfs([0])] },
  // traffic selectors (a: to-b has local 10.1/24 remote 10.2/24; b mirrors)
  { dim: 'ts', name: 'ts-a-local-narrower', a: [local(['10.1.0.0/25'])] },
  { dim: 'ts', name: 'ts-a-local-wider', a: [local(['10.1.0.0/23'])] },
  { dim: 'ts', name: 'ts-b-local-narrower', b: [local(['10.2.0.128/25'])] },
  { dim: 'ts', name: 'ts-a-host', a: [local(['10.1.0.5/32'])] },
  { dim: 'ts', name: 'ts-narrow-and-wide', a: [local(['10.1.0.0/25']), remote(['10.2.0.0/23'])] },
  { dim: 'ts', name: 'ts-disjoint', b: [local(['10.3.0.0/24'])] },
  { dim: 'ts', name: 'ts-both-disjoint', b: [local(['10.3.0.0/24']), remote(['10.4.0.0/24'])] },
  { dim: 'ts', name: 'ts-list-partial-overlap', only: 2, a: [local(['10.1.0.0/24', '10.5.0.0/24'])], b: [remote(['10.1.0.0/24', '10.6.0.0/24'])] },
  { dim: 'ts', name: 'ts-list-equal', only: 2, a: [local(['10.1.0.0/24', '10.5.0.0/24'])], b: [remote(['10.5.0.0/24', '10.1.0.0/24'])] },
  // PSK
  { dim: 'psk', name: 'psk-differ', b: [psk('hmac:00000000000000bb', '<redacted>')] },
  { dim: 'psk', name: 'psk-unknown-one', a: [psk('unknown', 'ENC <masked>')] },
  // IKE version
  { dim: 'version', name: 'version-b-other', b: [otherIkeVersion] },
  // lifetimes
  { dim: 'p1life', name: 'p1-life-differ', b: [p1life(86400)] },
  { dim: 'p1life', name: 'p1-life-unit-trap', a: [p1life(480)] },
  { dim: 'p1life', name: 'p1-life-longer-to-strict', a: [p1life(86400)], b: [behaviour({ ikev1Phase1Lifetime: s<'reject-longer'>('reject-longer') })] },
  { dim: 'p2life', name: 'p2-life-differ', b: [p2life(28800)] },
  { dim: 'p2life', name: 'p2-life-unit-trap', a: [p2life(60)] },
  { dim: 'p2life', name: 'p2-life-to-exact', a: [p2life(7200)], b: [behaviour({ ikev1Phase2Lifetime: s<'exact'>('exact') })] },
  { dim: 'p2life', name: 'p2-kb-one-side', b: [p2kb(4608000)] },
  { dim: 'p2life', name: 'p2-kb-differ', a: [p2kb(250000)], b: [p2kb(4608000)] },
  // who initiates
  { dim: 'init', name: 'b-responder-only', b: [initiates(false)] },
  { dim: 'init', name: 'b-accepts-any-peer', b: [remoteGateway('any')] },
  // identities: what A sends against what B accepts (B accepts A's address unless said)
  { dim: 'id', name: 'id-address-both', a: [sends(A_ADDRESS)], b: [accepts([A_ADDRESS])] },
  { dim: 'id', name: 'id-fqdn-expected', a: [sends({ type: 'fqdn', value: 'a.example.net' })], b: [accepts([{ type: 'fqdn', value: 'a.example.net' }])] },
  { dim: 'id', name: 'id-type-mismatch', a: [sends({ type: 'fqdn', value: 'a.example.net' })], b: [accepts([A_ADDRESS])] },
  { dim: 'id', name: 'id-value-mismatch', a: [sends({ type: 'fqdn', value: 'a.example.net' })], b: [accepts([{ type: 'fqdn', value: 'other.example.net' }])] },
  {
    dim: 'id',
    name: 'id-user-fqdn-vs-fqdn',
    a: [sends({ type: 'user-fqdn', value: 'vpn@a.example.net' })],
    b: [accepts([{ type: 'fqdn', value: 'vpn@a.example.net' }])],
  },
  { dim: 'id', name: 'id-nat-private-address', a: [sends({ type: 'ipv4', value: '10.0.0.5' })], b: [accepts([A_ADDRESS])] },
  { dim: 'id', name: 'id-wildcard', a: [sends({ type: 'fqdn', value: 'gw1.a.example.net' })], b: [accepts([{ type: 'fqdn', value: '*.a.example.net' }])] },
  { dim: 'id', name: 'id-b-accepts-any', a: [sends({ type: 'fqdn', value: 'a.example.net' })], b: [accepts([{}])] },
  // IKEv1 exchange mode
  { dim: 'mode', name: 'aggressive-both', only: 1, a: [exchangeMode('aggressive')], b: [exchangeMode('aggressive')] },
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
  for (const m of muts) {
    for (const edit of m.a ?? []) edit(a);
    for (const edit of m.b ?? []) edit(b);
  }
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
