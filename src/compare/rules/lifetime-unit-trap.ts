import type { Setting } from '../../model/types.js';
import type { FixField } from '../../model/adapter.js';
import type { Finding, PairRule, TunnelPair } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showKilobytes, showSeconds } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap, type Quantity } from '../unit-trap.js';
import { S } from './symptoms.js';
import type { Phase2 } from '../../model/types.js';
import { SEVERITY_RANK } from '../types.js';

const UNIT_NAMES: Record<number, string> = {
  60: 'minutes vs seconds',
  3600: 'hours vs seconds',
  1000: 'kilobytes vs bytes (×1000)',
  1024: 'kilobytes vs bytes/megabytes (×1024)',
};

/**
 * What the mistyped value does: on its own terms (the lifetime is off by the unit's factor) and in
 * the pair's negotiation (a refusal, when one follows). The negotiation's "no effect on its own"
 * is about a difference; a value 60× off is not that, so it is replaced by what the value does.
 */
function unitTrapEffect(
  verdict: { severity: string; effect: string },
  wrongEnd: string,
  wrongValue: number,
  intended: number,
  factor: number,
  show: (n: number) => string,
): string {
  const own =
    wrongValue < intended
      ? `As written, ${wrongEnd}'s ${show(wrongValue)} makes the SA rekey ${factor}× as often as the ${show(intended)} meant (${factor}× the key exchanges, and a short lifetime some peers refuse).`
      : `As written, ${wrongEnd}'s ${show(wrongValue)} keeps keys ${factor}× longer than the ${show(intended)} meant.`;
  if (verdict.severity !== 'info') return `${own} ${verdict.effect}`;
  return `${own} ${verdict.effect.replace(/\s*No effect[^.]*\.(\s*\([^)]*\))?\.?/, '').replace(/\s*No effect on whether it comes up;[^.]*\./, '')}`.trim();
}

export const rule: PairRule = {
  id: 'lifetime-unit-trap',
  title: 'A lifetime was entered in the wrong unit',
  severity: 'warning',
  scope: 'pair',
  symptoms: [S.QM_EXPIRED, S.MM_EXPIRED, S.BAD_SPI, S.SIMULTANEOUS_REKEY, S.RESPONDER_LIFETIME],
  explain:
    "netsh and the Windows Firewall console take minutes (`+60min`, `480min`), RRAS PowerShell takes seconds (`-SALifeTimeSeconds`), FortiGate/ASA/pfSense take seconds, MikroTik and strongSwan take time strings (`8h`, `30m`). When two lifetimes still differ by exactly ×60 or ×3600 after normalization (×1000/×1024 for data sizes), a number was almost certainly typed into a field of another unit — `480` seconds where 480 minutes (8 h) was meant. The finding names the side that most likely erred (the value further from what anyone configures) and the value it meant, in that side's own unit.",
  check(pair) {
    const out: Finding[] = [];
    const t = (q: Quantity, field: FixField, setting: string, sa: Setting<number>, sb: Setting<number>, p?: Phase2Pair) => {
      const trap = detectUnitTrap(sa, sb, q);
      if (!trap) return;
      const show = q === 'p2-kilobytes' ? showKilobytes : showSeconds;
      const phase = q === 'p1-seconds' ? 'phase 1' : 'phase 2';
      const verdict = pairLifetimeVerdict(pair, phase, sa.value, sb.value, show);
      const a = side(pair.a, sa, show(sa.value), p?.a);
      const b = side(pair.b, sb, show(sb.value), p?.b);
      // fix only the side that erred, to the value it meant
      if (trap.side === 'a') withChanges(a, b, field as 'phase2.lifetimeSeconds', trap.intended, undefined);
      else withChanges(a, b, field as 'phase2.lifetimeSeconds', undefined, trap.intended);
      const wrong = trap.side === 'a' ? pair.a : pair.b;
      const wrongSetting = trap.side === 'a' ? sa : sb;
      out.push({
        rule: 'lifetime-unit-trap',
        severity: SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK.warning ? verdict.severity : 'warning',
        setting,
        message: `${phase} ${q === 'p2-kilobytes' ? 'volume lifetime' : 'lifetime'} differs by exactly ×${trap.factor} (${UNIT_NAMES[trap.factor]}): ${show(sa.value)} vs ${show(sb.value)}; ${wrong.tunnel.name} most likely meant ${trap.intendedText} where it has \`${wrongSetting.raw}\``,
        effect: unitTrapEffect(verdict, wrong.tunnel.name, wrongSetting.value, trap.intended, trap.factor, show),
        a,
        b,
        likelyIntended: { side: trap.side, value: trap.intended, text: trap.intendedText },
      });
    };
    t('p1-seconds', 'phase1.lifetimeSeconds', 'phase1.lifetimeSeconds', pair.a.tunnel.phase1.lifetimeSeconds, pair.b.tunnel.phase1.lifetimeSeconds);
    for (const p of pair.phase2) {
      t('p2-seconds', 'phase2.lifetimeSeconds', `phase2[${p.a.name}].lifetimeSeconds`, p.a.lifetimeSeconds, p.b.lifetimeSeconds, p);
      t('p2-kilobytes', 'phase2.lifetimeKilobytes', `phase2[${p.a.name}].lifetimeKilobytes`, p.a.lifetimeKilobytes, p.b.lifetimeKilobytes, p);
    }
    return out;
  },
};

type Phase2Pair = TunnelPair['phase2'][number] & { a: Phase2; b: Phase2 };
