import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showSeconds } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p2-lifetime-mismatch',
  title: 'Phase 2 (quick mode / CHILD_SA) lifetimes differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.BAD_SPI, S.BAD_SPI_WIN32, S.SIMULTANEOUS_REKEY, S.RESPONDER_LIFETIME],
  explain:
    "In IKEv2 the phase 2 (CHILD_SA) lifetime is each end's own and is not negotiated (RFC 7296 §2.8): the end with the shorter lifetime starts every rekey before the other end's timer runs out, so a difference on its own has no effect (info); equal lifetimes without jitter are what make both ends rekey at once. In IKEv1 the initiator proposes its lifetime in quick mode and the responder takes it, or answers with its shorter one in a RESPONDER-LIFETIME notify (RFC 2407 §4.5.4), or refuses it (RouterOS proposal-check strict: a longer one; exact: any other). A refused shorter end breaks the tunnel at the first rekey, because it starts the rekeys (error); a refused longer end only fails when it initiates (warning, naming the end that must initiate). Windows reports a phase 2 that expires without a successful rekey as ERROR_IPSEC_IKE_QM_EXPIRED (0x00003647).",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      const la = p.a.lifetimeSeconds;
      const lb = p.b.lifetimeSeconds;
      if (la.value === lb.value || detectUnitTrap(la, lb, 'p2-seconds')) continue;
      const verdict = pairLifetimeVerdict(pair, 'phase 2', la.value, lb.value, showSeconds);
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
