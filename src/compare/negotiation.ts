/**
 * What IKE does with a difference: proposal lists intersect or not, how IKEv1 responders treat a
 * proposed lifetime, whether NAT sits between the ends. Rules ask these questions; the answers
 * live here once so that the rules, the lab and the report agree.
 */
import type { ChildProposal, IkeProposal, LifetimeResponderPolicy, Setting, TunnelEnd } from '../model/types.js';
import { isAead } from '../model/vocab.js';
import { isIpAddress, parseCidr, cidrWithin } from '../model/net.js';
import type { EndRef, Severity, TunnelPair } from './types.js';
import { endLabels } from './names.js';

function intersect<T>(a: T[], b: T[]): T[] {
  return a.filter((x) => b.includes(x));
}

/** PRF a vendor derives from the integrity algorithm when it does not configure one. */
function prfFromIntegrity(integrity: string): string {
  return integrity === 'aesxcbc' ? 'prfaesxcbc' : `prf${integrity}`;
}

function effectivePrfs(p: IkeProposal): string[] | 'any' {
  if (p.prf.length) return p.prf;
  if (p.integrity.length) return p.integrity.map(prfFromIntegrity);
  return 'any'; // AEAD with no PRF written: the vendor picks one to match
}

/** The first combination both IKE proposal lists accept, in A's order (the initiator's preference), or undefined. */
export function commonIkeSuite(a: IkeProposal[], b: IkeProposal[], version: 1 | 2): { encryption: string; integrity?: string; dhGroup: number } | undefined {
  for (const pa of a)
    for (const pb of b) {
      const enc = intersect(pa.encryption, pb.encryption);
      if (!enc.length) continue;
      const aead = enc.every(isAead);
      const integ = aead ? [] : intersect(pa.integrity, pb.integrity);
      if (!aead && !integ.length) continue;
      const dh = intersect(pa.dhGroups, pb.dhGroups);
      if (!dh.length) continue;
      if (version === 2) {
        const fa = effectivePrfs(pa);
        const fb = effectivePrfs(pb);
        if (fa !== 'any' && fb !== 'any' && !intersect(fa, fb).length) continue;
      }
      return { encryption: enc[0], integrity: integ[0], dhGroup: dh[0] };
    }
  return undefined;
}

/** The first ESP/AH combination both lists accept, or undefined. */
export function commonChildSuite(a: ChildProposal[], b: ChildProposal[]): { protocol: string; encryption?: string; integrity?: string } | undefined {
  for (const pa of a)
    for (const pb of b) {
      if (pa.protocol !== pb.protocol) continue;
      const enc = intersect(pa.encryption, pb.encryption);
      if (pa.protocol === 'esp' && !enc.length) continue;
      const aead = enc.length > 0 && enc.every(isAead);
      const integ = intersect(pa.integrity, pb.integrity);
      if (!aead && pa.integrity.length + pb.integrity.length > 0 && !integ.length) continue;
      return { protocol: pa.protocol, encryption: enc[0], integrity: integ[0] };
    }
  return undefined;
}

/** True when both offer the same alternatives (order aside): then a difference in order is not drift. */
export function sameOffers<T>(a: T[], b: T[], key: (x: T) => string): boolean {
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
}

/**
 * Keys made once per proposal: the proposal rules compare every pair's lists, and a hub's
 * proposals are the same objects in each of its pairs. A parsed device is not changed (a lab
 * mutation replaces a proposal list, it does not edit one).
 */
const ikeKeys = new WeakMap<IkeProposal, string>();
const childKeys = new WeakMap<ChildProposal, string>();

/** Identity of an IKE proposal for "same offers": the PRF as negotiated (written, or derived from integrity). */
export function ikeProposalKey(p: IkeProposal): string {
  let key = ikeKeys.get(p);
  if (key === undefined) {
    const prf = effectivePrfs(p);
    key = [p.encryption, p.integrity, prf === 'any' ? [] : prf, p.dhGroups].map((l) => [...l].map(String).sort().join('/')).join('|');
    ikeKeys.set(p, key);
  }
  return key;
}

export function childProposalKey(p: ChildProposal): string {
  let key = childKeys.get(p);
  if (key === undefined) {
    key = [p.protocol, [...p.encryption].sort().join('/'), [...p.integrity].sort().join('/')].join('|');
    childKeys.set(p, key);
  }
  return key;
}

/** The IKE version the pair will speak, or undefined when the ends disagree (ike-version-mismatch says so). */
export function pairVersion(a: TunnelEnd, b: TunnelEnd): 1 | 2 | undefined {
  return a.ikeVersion.value === b.ikeVersion.value ? a.ikeVersion.value : undefined;
}

export function canInitiate(t: TunnelEnd): boolean {
  return t.initiates?.value !== false && t.remoteGateway.value !== 'any';
}

/**
 * IKEv1: would a responder with `policy` and lifetime `own` accept an initiator proposing `proposed`?
 * (IKEv2 never refuses over lifetimes: RFC 7296 §2.8, each end rekeys on its own.)
 */
export function responderAccepts(policy: LifetimeResponderPolicy, own: number, proposed: number): boolean {
  switch (policy) {
    case 'exact':
      return own === proposed;
    case 'reject-longer':
      return proposed <= own;
    case 'reject-shorter':
      return proposed >= own;
    default:
      return true;
  }
}

export interface LifetimeVerdict {
  severity: Severity;
  effect: string;
}

/** One end's lifetime; `name` is how messages call the end (the tunnel name unless both ends share it). */
type LifetimeSide = { end: TunnelEnd; value: number; policy?: Setting<LifetimeResponderPolicy>; name?: string };

const nameOf = (s: LifetimeSide): string => s.name ?? s.end.name;

function refusalReason(policy: LifetimeResponderPolicy): string {
  return policy === 'exact'
    ? 'requires an exact match'
    : policy === 'reject-shorter'
      ? 'accepts only a proposal at least as long as its own'
      : 'rejects a proposal longer than its own';
}

/**
 * What a lifetime difference does, from the negotiation semantics of the pair.
 *
 * IKEv2 (RFC 7296 §2.8): "In IKEv2, each end of the SA is responsible for enforcing its own
 * lifetime policy on the SA and rekeying the SA when necessary": nothing is negotiated, nothing is
 * refused, and the end with the shorter lifetime always starts the rekey. Different lifetimes on
 * their own have no effect (info). (It is *equal* lifetimes without jitter that make both ends
 * rekey at once; RFC 7296 §2.8.1 resolves that collision.)
 *
 * IKEv1: the initiator proposes its lifetime and the responder answers by its policy
 * (`LifetimeResponderPolicy`: Cisco refuses a proposal shorter than its phase 1 lifetime,
 * RouterOS `strict`/`exact` a longer or different one; RFC 2407 §4.5.4 lets a responder that
 * accepts send its shorter lifetime in a RESPONDER-LIFETIME notify). So:
 * - nobody refuses: the SA gets the negotiated value and both ends use it (info);
 * - the end with the shorter lifetime is refused: it is the end that starts rekeys, so the tunnel
 *   breaks at rekey if not at setup (error);
 * - only the longer end is refused: it comes up and rekeys while the shorter end initiates, and
 *   fails whenever the longer end initiates (warning naming the end that must initiate), or
 *   never comes up when the shorter end cannot initiate (error);
 * - refused both ways: error.
 * `what` says which lifetime ("phase 1 lifetime", "phase 2 volume lifetime"); `showValue` formats a value.
 */
export function lifetimeVerdict(what: string, a: LifetimeSide, b: LifetimeSide, version: 1 | 2 | undefined, showValue: (n: number) => string): LifetimeVerdict {
  const [shorter, longer] = a.value < b.value ? [a, b] : [b, a];
  if (version === 2)
    return {
      severity: 'info',
      effect: `IKEv2 does not negotiate lifetimes (RFC 7296 §2.8): each end enforces its own, so ${nameOf(shorter)} (${showValue(shorter.value)}) starts every rekey before ${nameOf(longer)}'s ${showValue(longer.value)} is reached. No effect on its own: different lifetimes do not collide (equal ones without jitter can).`,
    };
  if (version === undefined)
    return {
      severity: 'info',
      effect: `${nameOf(shorter)} (${showValue(shorter.value)}) rekeys before ${nameOf(longer)} (${showValue(longer.value)}); what the difference does depends on the IKE version, which the ends do not agree on (see ike-version-mismatch).`,
    };
  const refused = (init: LifetimeSide, resp: LifetimeSide) =>
    canInitiate(init.end) && !responderAccepts(resp.policy?.value ?? 'accept', resp.value, init.value);
  const why = (init: LifetimeSide, resp: LifetimeSide) =>
    `${nameOf(resp)} refuses ${nameOf(init)}'s ${what} ${showValue(init.value)} (its own is ${showValue(resp.value)} and it ${refusalReason(resp.policy?.value ?? 'accept')})`;
  const shortRefused = refused(shorter, longer);
  const longRefused = refused(longer, shorter);
  if (shortRefused && longRefused) return { severity: 'error', effect: `IKEv1: refused whoever initiates: ${why(shorter, longer)}; ${why(longer, shorter)}.` };
  if (shortRefused)
    return {
      severity: 'error',
      effect: `IKEv1: ${why(shorter, longer)}. ${nameOf(shorter)} has the shorter lifetime, so it starts the rekeys: the tunnel fails at setup when it initiates, and otherwise at the first rekey.`,
    };
  if (longRefused)
    return canInitiate(shorter.end)
      ? {
          severity: 'warning',
          effect: `IKEv1: ${why(longer, shorter)}. It comes up and rekeys only while ${nameOf(shorter)} initiates (it has the shorter lifetime, so it usually starts the rekeys); whenever ${nameOf(longer)} initiates — at setup, after a drop, or winning a rekey race — it is refused. ${nameOf(shorter)} must be the initiator, or align the lifetimes.`,
        }
      : {
          severity: 'error',
          effect: `IKEv1: ${why(longer, shorter)}, and ${nameOf(shorter)} never initiates, so the tunnel does not come up.`,
        };
  return {
    severity: 'info',
    effect: `IKEv1 negotiates the ${what}: the SA gets the initiator's value (${showValue(a.value)} when ${nameOf(a)} initiates, ${showValue(b.value)} when ${nameOf(b)} does) or the responder's shorter one sent in a RESPONDER-LIFETIME notify (RFC 2407 §4.5.4), and neither end refuses the other's. No effect on whether it comes up; the SA's lifetime depends on who initiated.`,
  };
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map((c) => parseCidr(c)!);

/** Answers by address: pairing asks of every candidate end, the NAT rules of every pair. Bounded. */
const privateAnswers = new Map<string, boolean>();

export function isPrivateAddress(ip: string): boolean {
  let answer = privateAnswers.get(ip);
  if (answer === undefined) {
    const c = parseCidr(ip);
    answer = c !== undefined && PRIVATE.some((p) => cidrWithin(c, p));
    if (privateAnswers.size >= 1 << 14) privateAnswers.clear();
    privateAnswers.set(ip, answer);
  }
  return answer;
}

/**
 * Evidence of NAT between the ends: an end's own address is private while the other end
 * addresses it by another (public) address. Returns the end behind NAT, or undefined.
 */
export function endBehindNat(a: EndRef, b: EndRef): EndRef | undefined {
  const behind = (x: EndRef, y: EndRef) => {
    const own = x.tunnel.localGateway?.value;
    const seenAs = y.tunnel.remoteGateway.value;
    return own !== undefined && isIpAddress(own) && isPrivateAddress(own) && isIpAddress(seenAs) && seenAs !== own;
  };
  if (behind(a, b)) return a;
  if (behind(b, a)) return b;
  return undefined;
}

/** lifetimeVerdict for a pair's two values of one phase, with each end's IKEv1 responder policy for that phase. */
export function pairLifetimeVerdict(
  pair: TunnelPair,
  phase: 'phase 1' | 'phase 2',
  va: number,
  vb: number,
  showValue: (n: number) => string,
  what = `${phase} lifetime`,
): LifetimeVerdict {
  const key = phase === 'phase 1' ? 'ikev1Phase1Lifetime' : 'ikev1Phase2Lifetime';
  return lifetimeVerdict(
    what,
    { end: pair.a.tunnel, value: va, policy: pair.a.tunnel.behaviour?.[key], name: endLabels(pair).a },
    { end: pair.b.tunnel, value: vb, policy: pair.b.tunnel.behaviour?.[key], name: endLabels(pair).b },
    pairVersion(pair.a.tunnel, pair.b.tunnel),
    showValue,
  );
}
