import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showSeconds } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p2-lifetime-mismatch',
  title: 'Phase 2 (quick mode / CHILD_SA) lifetimes differ',
  severity: 'warning',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.BAD_SPI, S.BAD_SPI_WIN32, S.SIMULTANEOUS_REKEY, S.RESPONDER_LIFETIME],
  explain:
    "In IKEv2 the phase 2 lifetime is each end's own: the shorter end initiates every rekey; if the other end deletes its SA on its own schedule or rekeys at the same moment, traffic hits a stale SPI (STATUS_IPSEC_BAD_SPI) or the rekey collides. In IKEv1 the initiator proposes its lifetime and the responder uses it or answers with a RESPONDER-LIFETIME notify; ends that ignore the notify (or that refuse a longer proposal: RouterOS proposal-check strict/exact) drop the tunnel at rekey — Windows reports ERROR_IPSEC_IKE_QM_EXPIRED (0x00003647).",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      const la = p.a.lifetimeSeconds;
      const lb = p.b.lifetimeSeconds;
      if (la.value === lb.value || detectUnitTrap(la, lb, 'p2-seconds')) continue;
      const verdict = pairLifetimeVerdict(pair, 'phase 2', la.value, lb.value, 'warning', showSeconds);
      const a = side(pair.a, la, showSeconds(la.value), p.a);
      const b = side(pair.b, lb, showSeconds(lb.value), p.b);
      withChanges(a, b, 'phase2.lifetimeSeconds', lb.value, la.value);
      out.push({
        rule: 'p2-lifetime-mismatch',
        severity: verdict.severity,
        setting: `phase2[${p.a.name}].lifetimeSeconds`,
        message: `Phase 2 lifetime differs: ${showSeconds(la.value)} vs ${showSeconds(lb.value)}`,
        effect: verdict.effect,
        a,
        b,
      });
    }
    return out;
  },
};
