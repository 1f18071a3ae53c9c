import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showKilobytes } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { ONE_SIDED_REPORT_SECONDS, rekeyIntervals, volumeLimitMatters } from '../volume.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p2-lifebytes-mismatch',
  title: 'Phase 2 data-volume lifetimes (kilobytes) differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.BAD_SPI, S.SIMULTANEOUS_REKEY],
  explain: `A volume lifetime makes an end rekey after so many kilobytes. Like time lifetimes it is each end's own in IKEv2 (RFC 7296 §2.8: the end that reaches its limit first starts the rekey) and proposed by the initiator in IKEv1. Two different limits are harmless (info) unless an IKEv1 responder refuses the proposal (RouterOS proposal-check strict/exact). An end with a small volume limit next to an end with none (FortiOS \`keylife-type both\` with its small \`keylifekbs\`, Windows' 100000 kb) rekeys by volume on its own: reported (info) with what it means at 10 and 100 Mbit/s when, at 100 Mbit/s sustained, it rekeys at least every ${ONE_SIDED_REPORT_SECONDS} s. Each rekey costs a key exchange (a DH computation with PFS) on both ends.`,
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      const ka = p.a.lifetimeKilobytes;
      const kb = p.b.lifetimeKilobytes;
      if (ka.value === kb.value || detectUnitTrap(ka, kb, 'p2-kilobytes')) continue;
      const a = side(pair.a, ka, showKilobytes(ka.value), p.a);
      const b = side(pair.b, kb, showKilobytes(kb.value), p.b);
      if (ka.value === 0 || kb.value === 0) {
        // one end rekeys by volume, the other by time only
        const limited = ka.value === 0 ? pair.b : pair.a;
        const other = ka.value === 0 ? pair.a : pair.b;
        const kbs = Math.max(ka.value, kb.value);
        if (!volumeLimitMatters(kbs)) continue;
        withChanges(a, b, 'phase2.lifetimeKilobytes', ka.value === 0 ? undefined : 0, kb.value === 0 ? undefined : 0);
        out.push({
          rule: 'p2-lifebytes-mismatch',
          severity: 'info',
          setting: `phase2[${p.a.name}].lifetimeKilobytes`,
          message: `Phase 2 volume lifetime on one end only: ${showKilobytes(ka.value)} vs ${showKilobytes(kb.value)}`,
          effect: `${limited.tunnel.name} also rekeys after ${kbs} KB, which under sustained load is ${rekeyIntervals(kbs)}; ${other.tunnel.name} has no volume limit and just answers those rekeys. It does not stop the tunnel, but each rekey is a key exchange (a DH computation with PFS) on both ends; remove the limit or raise it if the tunnel carries bulk traffic.`,
          a,
          b,
        });
        continue;
      }
      const verdict = pairLifetimeVerdict(pair, 'phase 2', ka.value, kb.value, showKilobytes, 'phase 2 volume lifetime');
      withChanges(a, b, 'phase2.lifetimeKilobytes', kb.value, ka.value);
      out.push({
        rule: 'p2-lifebytes-mismatch',
        severity: verdict.severity,
        setting: `phase2[${p.a.name}].lifetimeKilobytes`,
        message: `Phase 2 volume lifetime differs: ${showKilobytes(ka.value)} vs ${showKilobytes(kb.value)}`,
        effect: verdict.effect,
        a,
        b,
      });
    }
    return out;
  },
};
