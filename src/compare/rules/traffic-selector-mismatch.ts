import type { Finding, PairRule, Severity } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showSelectors } from '../display.js';
import { selectorRelation, type SetRelation } from '../../model/net.js';
import { S } from './symptoms.js';
import { selectorsUnknown } from '../pair.js';

function worse(a: SetRelation, b: SetRelation): SetRelation {
  const order: SetRelation[] = ['equal', 'subset', 'superset', 'overlap', 'disjoint'];
  return order.indexOf(a) > order.indexOf(b) ? a : b;
}

export const rule: PairRule = {
  id: 'traffic-selector-mismatch',
  title: 'Phase 2 traffic selectors are not mirror images',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.NO_POLICY, S.TS_UNACCEPTABLE, S.ASA_NO_MAP, S.QM_EXPIRED, 'FortiGate: "no matching phase2 found" / "peer SA proposal not match local policy"'],
  explain:
    "Each phase 2 carries the traffic between a local and a remote set of addresses; one end's local must be the other's remote. When one side's selectors lie inside the other's, IKEv2 responders may narrow (strongSwan does; many appliances refuse), and IKEv1 responders accept only proposals inside their own — so the tunnel comes up only when the narrower side initiates (warning). Selectors that overlap partially or not at all are refused (error). A phase 2 with no counterpart on the other end never comes up.",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      // an empty list is one the adapter could not resolve (it said so in a diagnostic): unknown, not a mismatch
      if (p.selectors === 'mirrored' || selectorsUnknown(p.a) || selectorsUnknown(p.b)) continue;
      const rl = selectorRelation(p.a.localSelectors.value, p.b.remoteSelectors.value);
      const rr = selectorRelation(p.a.remoteSelectors.value, p.b.localSelectors.value);
      if (rl === 'equal' && rr === 'equal') continue;
      const rel = worse(rl, rr);
      const narrowing = rel === 'subset' || rel === 'superset';
      const severity: Severity = narrowing ? 'warning' : 'error';
      const a = side(pair.a, p.a.localSelectors, showSelectors(p.a.localSelectors.value, p.a.remoteSelectors.value), p.a);
      const b = side(pair.b, p.b.localSelectors, showSelectors(p.b.localSelectors.value, p.b.remoteSelectors.value), p.b);
      withChanges(a, b, 'phase2.localSelectors', p.b.remoteSelectors.value, p.a.remoteSelectors.value);
      const how = narrowing
        ? `${rel === 'subset' ? pair.a.tunnel.name : pair.b.tunnel.name}'s selectors are a subset of the other side's`
        : rel === 'disjoint'
          ? 'the selectors have no address in common'
          : 'the selectors overlap only partly';
      out.push({
        rule: 'traffic-selector-mismatch',
        severity,
        setting: `phase2[${p.a.name}].selectors`,
        message: `Traffic selectors are not mirrored (${how}): ${a.display} vs ${b.display}`,
        effect: narrowing
          ? 'Comes up when the narrower side initiates (or the responder narrows, IKEv2); refused when the wider side initiates to a responder that does not narrow. Traffic outside the narrower selectors is not carried.'
          : 'Phase 2 will not come up: the responder finds no policy for the proposed selectors (TS_UNACCEPTABLE / no matching crypto map / ERROR_IPSEC_IKE_NO_POLICY).',
        a,
        b,
      });
    }
    for (const [which, entries] of [
      ['a', pair.unpairedA],
      ['b', pair.unpairedB],
    ] as const) {
      const end = which === 'a' ? pair.a : pair.b;
      for (const e of entries) {
        const s = side(end, e.localSelectors, showSelectors(e.localSelectors.value, e.remoteSelectors.value), e);
        out.push({
          rule: 'traffic-selector-mismatch',
          severity: 'error',
          setting: `phase2[${e.name}].selectors`,
          message: `Phase 2 ${e.name} (${s.display}) on ${end.tunnel.name} has no counterpart on the other end`,
          effect: 'This phase 2 never comes up: the other end has no policy for these selectors, so its traffic is not carried.',
          ...(which === 'a' ? { a: s } : { b: s }),
        });
      }
    }
    return out;
  },
};
