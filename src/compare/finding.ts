/**
 * Building findings: each side's setting, its display value and the fix in that side's syntax
 * (asked of the side's adapter). Rules stay short because the plumbing is here.
 */
import type { FixField, FixTargets } from '../model/adapter.js';
import type { Phase2, Setting } from '../model/types.js';
import { adapterById } from '../../adapters/index.js';
import type { EndRef, FindingSide } from './types.js';

export function side(end: EndRef, setting: Setting<unknown> | undefined, display: string | undefined, phase2?: Phase2): FindingSide {
  const s: FindingSide = { end };
  if (phase2) s.phase2 = phase2;
  if (setting) s.setting = setting;
  if (display !== undefined) s.display = display;
  return s;
}

/** The adapter's fix for setting `field` of this side to `target`, or undefined when it has none. */
export function fixFor<F extends FixField>(end: EndRef, field: F, target: FixTargets[F], phase2?: Phase2): string | undefined {
  const adapter = adapterById(end.device.vendor);
  if (!adapter) return undefined;
  try {
    return adapter.fix({ field, device: end.device, tunnel: end.tunnel, phase2, target } as Parameters<typeof adapter.fix>[0]);
  } catch {
    // a fix is advice; a bug in one adapter's fix writer must not take the comparison down
    return undefined;
  }
}

/** Attach fixes that make each side like the other (the user picks which side to change). */
export function withFixes<F extends FixField>(
  a: FindingSide,
  b: FindingSide,
  field: F,
  targetForA: FixTargets[F] | undefined,
  targetForB: FixTargets[F] | undefined,
): void {
  if (targetForA !== undefined) {
    const f = fixFor(a.end, field, targetForA, a.phase2);
    if (f) a.fix = f;
  }
  if (targetForB !== undefined) {
    const f = fixFor(b.end, field, targetForB, b.phase2);
    if (f) b.fix = f;
  }
}

/** "FGT-HQ/to-branch" — how a tunnel end is named in messages. */
export function endName(end: EndRef): string {
  return `${end.device.hostname ?? end.device.origin}/${end.tunnel.name}`;
}
