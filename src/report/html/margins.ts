/**
 * When, around its configured lifetime, an end actually starts a rekey — drawn only where the
 * adapter said so (`rekey` on phase 1 and phase 2: src/model/types.ts RekeyTiming). The model's
 * lifetime is the one number the comparison uses; the margin is vendor behaviour, shown on the
 * timeline as a window and used by no rule. Without a timing: the mark alone.
 */
import type { RekeyTiming, Setting } from '../../model/types.js';

/** Offsets in seconds relative to the lifetime mark: the rekey starts within [from, to]; the SA dies at `hard`. */
export interface RekeyWindow {
  from: number;
  to: number;
  hard: number;
  /** where the margin comes from, for the legend */
  basis: string;
}

export function rekeyWindow(lifetime: Setting<number>, timing: RekeyTiming | undefined): RekeyWindow | undefined {
  const L = lifetime.value;
  if (!timing || !(L > 0)) return undefined;
  // a lifetime shorter than the margins rekeys right after the SA is set up, never before it
  return {
    from: 0 - Math.min(L, timing.marginSeconds + timing.randSeconds),
    to: 0 - Math.min(L, timing.marginSeconds),
    hard: timing.lifetimeIs === 'rekey' ? timing.overSeconds : 0,
    basis: timing.basis,
  };
}
