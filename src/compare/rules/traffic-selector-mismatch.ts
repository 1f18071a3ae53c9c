import type { Finding, PairRule, Severity } from '../types.js';
import { side, withChanges } from '../finding.js';
import { S } from './symptoms.js';
import { selectorsUnknown } from '../pair.js';
import { endLabels } from '../names.js';
import { selectorFixPlan, selectorOutcome, showPhase2Selectors } from '../selectors.js';
import { selectorNarrowingNote, selectorVerdict } from '../selector-verdict.js';

export const rule: PairRule = {
  id: 'traffic-selector-mismatch',
  title: 'Phase 2 traffic selectors are not mirror images',
  severity: 'error',
  scope: 'pair',
  symptoms: [
    S.NO_POLICY,
    S.TS_UNACCEPTABLE,
    S.ASA_NO_MAP,
    S.QM_EXPIRED,
    S.BAD_SPI,
    'FortiGate: "no matching phase2 found" / "peer SA proposal not match local policy"',
  ],
  explain:
    "Each phase 2 carries the traffic between a local and a remote set of addresses, restricted to an IP protocol and ports where the configuration says so (RFC 7296 §3.13.1: a traffic selector is an address range, a protocol and a port range); one end's local must be the other's remote. A proposal equal to or inside the responder's own selectors is accepted; a wider or partly overlapping one only by a responder that narrows it (RFC 7296 §2.9; strongSwan and the products built on it also in IKEv1), while many appliances refuse it. So: no address, protocol or port in common (TCP against UDP, say) — refused whoever initiates (error); one side narrower and the other end known to narrow — it comes up whoever initiates, carrying only the narrower traffic (info); otherwise it comes up only when the narrower end initiates (warning, naming it), or not at all when that end never initiates (error). Where one end has several narrower entries inside the other end's single wide one, each is its own SA (many to one). A phase 2 with no counterpart on the other end never comes up. The fix makes one end's selectors the mirror of the other's; where the configs show which end names the wrong network (its interfaces, its other tunnels), only that end is fixed.",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      // an empty list is one the adapter could not resolve (it said so in a diagnostic): unknown, not a mismatch
      if (selectorsUnknown(p.a) || selectorsUnknown(p.b)) continue;
      const outcome = selectorOutcome(pair.a, p.a, pair.b, p.b);
      if (outcome.relation === 'equal') continue;
      const verdict = selectorVerdict(pair, p.a, p.b, outcome);
      const a = side(pair.a, p.a.localSelectors, showPhase2Selectors(p.a), p.a);
      const b = side(pair.b, p.b.localSelectors, showPhase2Selectors(p.b), p.b);
      let wrong = '';
      if (verdict.severity !== 'info') {
        const plan = selectorFixPlan(pair.a, p.a, pair.b, p.b);
        withChanges(a, b, 'phase2.selectors', plan.a, plan.b);
        if (plan.wrong)
          wrong = ` The configs point at ${plan.wrong.side === 'a' ? endLabels(pair).a : endLabels(pair).b}: ${plan.wrong.why}; the fix changes that end only.`;
      }
      const severity: Severity = verdict.severity;
      out.push({
        rule: 'traffic-selector-mismatch',
        severity,
        setting: `phase2[${p.a.name}].selectors`,
        message: `Traffic selectors are not mirrored (${verdict.how}): ${a.display} vs ${b.display}`,
        effect: verdict.effect + selectorNarrowingNote(pair, outcome) + wrong,
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
        const s = side(end, e.localSelectors, showPhase2Selectors(e), e);
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
