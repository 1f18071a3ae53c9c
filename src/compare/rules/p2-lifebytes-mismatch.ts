import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showKilobytes } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p2-lifebytes-mismatch',
  title: 'Phase 2 data-volume lifetimes (kilobytes) differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.BAD_SPI, S.SIMULTANEOUS_REKEY],
  explain:
    "A volume lifetime makes an end rekey after so many kilobytes. Like time lifetimes it is each end's own in IKEv2, and proposed by the initiator in IKEv1. A difference is harmless when the end with the smaller limit can rekey on its own; it matters when the responder refuses a proposal that differs (RouterOS proposal-check exact/strict) or on busy tunnels where volume rekeys collide. An end with no volume limit next to one with a limit is normal and is not reported.",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      const ka = p.a.lifetimeKilobytes;
      const kb = p.b.lifetimeKilobytes;
      if (ka.value === kb.value || ka.value === 0 || kb.value === 0 || detectUnitTrap(ka, kb, 'p2-kilobytes')) continue;
      const verdict = pairLifetimeVerdict(pair, 'phase 2', ka.value, kb.value, 'info', showKilobytes);
      const a = side(pair.a, ka, showKilobytes(ka.value), p.a);
      const b = side(pair.b, kb, showKilobytes(kb.value), p.b);
      withChanges(a, b, 'phase2.lifetimeKilobytes', kb.value, ka.value);
      out.push({
        rule: 'p2-lifebytes-mismatch',
        severity: verdict.severity,
        setting: `phase2[${p.a.name}].lifetimeKilobytes`,
        message: `Phase 2 volume lifetime differs: ${showKilobytes(ka.value)} vs ${showKilobytes(kb.value)}`,
        effect: verdict.effect.replace(/rekeys every/, 'rekeys after'),
        a,
        b,
      });
    }
    return out;
  },
};
