/**
 * What IKE does with a difference: proposal lists intersect or not, how IKEv1 responders treat a
 * proposed lifetime, whether NAT sits between the ends. Rules ask these questions; the answers
 * live here once so that the rules, the lab and the report agree.
 */
import type { ChildProposal, IkeProposal, LifetimeResponderPolicy, Setting, TunnelEnd } from '../model/types.js';
import { isAead } from '../model/vocab.js';
import { isIpAddress, parseCidr, cidrWithin } from '../model/net.js';
import type { EndRef, Severity, TunnelPair } from './types.js';

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

/** Identity of an IKE proposal for "same offers": the PRF as negotiated (written, or derived from integrity). */
export function ikeProposalKey(p: IkeProposal): string {
  const prf = effectivePrfs(p);
  return [p.encryption, p.integrity, prf === 'any' ? [] : prf, p.dhGroups].map((l) => [...l].map(String).sort().join('/')).join('|');
}

export function childProposalKey(p: ChildProposal): string {
  return [p.protocol, [...p.encryption].sort().join('/'), [...p.integrity].sort().join('/')].join('|');
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

/**
 * What a lifetime difference does. `base` is the severity when it merely drifts (warning for
 * seconds, info for kilobytes).
 */
export function lifetimeVerdict(
  phase: 'phase 1' | 'phase 2',
  a: { end: TunnelEnd; value: number; policy?: Setting<LifetimeResponderPolicy> },
  b: { end: TunnelEnd; value: number; policy?: Setting<LifetimeResponderPolicy> },
  version: 1 | 2 | undefined,
  base: Severity,
  showValue: (n: number) => string,
): LifetimeVerdict {
  const shorter = a.value < b.value ? a : b;
  if (version === 1) {
    const refusals: string[] = [];
    for (const [init, resp] of [
      [a, b],
      [b, a],
    ] as const) {
      const policy = resp.policy?.value ?? 'accept';
      if (canInitiate(init.end) && !responderAccepts(policy, resp.value, init.value)) {
        refusals.push(
          `when ${init.end.name} initiates, ${resp.end.name} refuses its ${phase} lifetime ${showValue(init.value)} (its own is ${showValue(resp.value)} and it ${policy === 'exact' ? 'requires an exact match' : policy === 'reject-shorter' ? 'accepts only a proposal at least as long as its own' : 'rejects a longer lifetime'})`,
        );
      }
    }
    if (refusals.length) return { severity: 'error', effect: `IKEv1 ${phase} will not come up ${refusals.join('; ')}.` };
    return {
      severity: base,
      effect: `IKEv1 negotiates the ${phase} lifetime: the SA gets the initiator's (or the shorter, notified) value, so its life depends on who initiated; an end that does not honour the RESPONDER-LIFETIME notify keeps its own timer and the SAs expire at different times (ERROR_IPSEC_IKE_QM_EXPIRED / bad SPI drops at rekey).`,
    };
  }
  const longer = shorter === a ? b : a;
  return {
    severity: base,
    effect: `${version === 2 ? 'IKEv2 does not negotiate lifetimes (RFC 7296 §2.8)' : 'Lifetimes differ'}: ${shorter.end.name} rekeys every ${showValue(shorter.value)} while ${longer.end.name} expects ${showValue(longer.value)}; rekeys are always driven by one side and simultaneous rekeys can collide.`,
  };
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map((c) => parseCidr(c)!);

export function isPrivateAddress(ip: string): boolean {
  const c = parseCidr(ip);
  return c !== undefined && PRIVATE.some((p) => cidrWithin(c, p));
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
  base: Severity,
  showValue: (n: number) => string,
): LifetimeVerdict {
  const key = phase === 'phase 1' ? 'ikev1Phase1Lifetime' : 'ikev1Phase2Lifetime';
  return lifetimeVerdict(
    phase,
    { end: pair.a.tunnel, value: va, policy: pair.a.tunnel.behaviour?.[key] },
    { end: pair.b.tunnel, value: vb, policy: pair.b.tunnel.behaviour?.[key] },
    pairVersion(pair.a.tunnel, pair.b.tunnel),
    base,
    showValue,
  );
}
