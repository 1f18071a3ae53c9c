import type { Range, Setting } from '../../model/types.js';
import { showSeconds } from '../display.js';
import { endName, side } from '../finding.js';
import type { EndRef, Finding, FindingSide, PairRule, TunnelPair } from '../types.js';
import { S } from './symptoms.js';

const inRange = (v: number, r: Range) => v >= r.min && v <= r.max;
const showRange = (r: Range) => (r.min === r.max ? `only ${showSeconds(r.min)}` : `${showSeconds(r.min)} – ${showSeconds(r.max)}`);

/** The two sides in the pair's order, with what changes on the peer of the limited end. */
function sides(pair: TunnelPair, limited: EndRef, own: FindingSide, peer: FindingSide): { a: FindingSide; b: FindingSide } {
  return limited === pair.a ? { a: own, b: peer } : { a: peer, b: own };
}

function check(pair: TunnelPair, limited: EndRef, peer: EndRef): Finding[] {
  const allowed = limited.tunnel.allowed;
  if (!allowed) return [];
  const out: Finding[] = [];
  const p1Range = allowed.phase1LifetimeSeconds;
  const lp1 = limited.tunnel.phase1.lifetimeSeconds;
  const pp1 = peer.tunnel.phase1.lifetimeSeconds;
  const finding = (
    what: string,
    setting: string,
    own: Setting<number>,
    theirs: Setting<number>,
    range: string,
    phase2?: { own: TunnelPair['phase2'][number]['a']; peer: TunnelPair['phase2'][number]['a'] },
  ) => {
    const o = side(limited, own, showSeconds(own.value), phase2?.own);
    const p = side(peer, theirs, showSeconds(theirs.value), phase2?.peer);
    p.change = phase2 ? { field: 'phase2.lifetimeSeconds', target: own.value } : { field: 'phase1.lifetimeSeconds', target: own.value };
    out.push({
      rule: 'lifetime-out-of-range',
      severity: 'warning',
      setting,
      message: `${endName(peer)}'s ${what} lifetime ${showSeconds(theirs.value)} cannot be set on ${endName(limited)} (${range})`,
      effect: `Only ${endName(peer)} can remove this difference: set its ${what} lifetime to ${showSeconds(own.value)} (${endName(limited)}'s value). Source of the limit: ${allowed.source}.`,
      ...sides(pair, limited, o, p),
    });
  };
  if (p1Range && pp1.value !== lp1.value && !inRange(pp1.value, p1Range))
    finding('phase 1', 'phase1.lifetimeSeconds', lp1, pp1, `allowed: ${showRange(p1Range)}`);
  const p2Range = allowed.phase2LifetimeSeconds;
  for (const p of pair.phase2) {
    const own = limited === pair.a ? p.a : p.b;
    const theirs = limited === pair.a ? p.b : p.a;
    const lo = own.lifetimeSeconds;
    const lt = theirs.lifetimeSeconds;
    if (lo.value === lt.value) continue;
    const outside = p2Range && !inRange(lt.value, p2Range);
    const notBelow = allowed.phase2BelowPhase1 && lt.value >= lp1.value;
    if (!outside && !notBelow) continue;
    const reasons = [
      outside && p2Range ? `allowed: ${showRange(p2Range)}` : undefined,
      notBelow ? `it must stay below its phase 1 lifetime, ${showSeconds(lp1.value)}` : undefined,
    ].filter(Boolean);
    finding('phase 2', `phase2[${(pair.a === limited ? own : theirs).name}].lifetimeSeconds`, lo, lt, reasons.join('; '), { own, peer: theirs });
  }
  return out;
}

export const rule: PairRule = {
  id: 'lifetime-out-of-range',
  title: 'A lifetime the managed end cannot be set to',
  severity: 'warning',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.MM_EXPIRED, 'cloud API: "InvalidParameterValue" when setting the peer’s lifetime'],
  explain:
    'Managed VPN services (AWS, Azure, GCP) accept lifetimes only within published ranges — AWS phase 2 900–3600 s and below phase 1, GCP fixed values, Azure quick mode 300–172799 s. When the other end uses a lifetime outside that range, the usual advice "make both ends equal" works only one way: the service cannot take the other value, so the other end must move to the service’s. This accompanies the lifetime-mismatch finding and names the one side that can change.',
  check(pair) {
    return [...check(pair, pair.a, pair.b), ...check(pair, pair.b, pair.a)];
  },
};
