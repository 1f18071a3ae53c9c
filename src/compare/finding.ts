/**
 * Building findings: each side's setting, its display value and what to change on it. Rules stay
 * short because the plumbing is here. A rule never writes vendor syntax: it says which setting
 * should take which value, and the engine asks that side's adapter for the fix (src/compare/fixes.ts).
 */
import type { FixField, FixTargets } from '../model/adapter.js';
import type { Phase2, Setting } from '../model/types.js';
import type { EndRef, FindingSide, SettingChange } from './types.js';

export function side(end: EndRef, setting: Setting<unknown> | undefined, display: string | undefined, phase2?: Phase2): FindingSide {
  const s: FindingSide = { end };
  if (phase2) s.phase2 = phase2;
  if (setting) s.setting = setting;
  if (display !== undefined) s.display = display;
  return s;
}

/** Say what would make each side like the other (the user picks which side to change); undefined: no change on that side. */
export function withChanges<F extends FixField>(
  a: FindingSide,
  b: FindingSide,
  field: F,
  targetForA: FixTargets[F] | undefined,
  targetForB: FixTargets[F] | undefined,
): void {
  if (targetForA !== undefined) a.change = { field, target: targetForA } as SettingChange;
  if (targetForB !== undefined) b.change = { field, target: targetForB } as SettingChange;
}

/** "FGT-HQ/to-branch" — how a tunnel end is named in messages. */
export function endName(end: EndRef): string {
  return `${end.device.hostname ?? end.device.origin}/${end.tunnel.name}`;
}
