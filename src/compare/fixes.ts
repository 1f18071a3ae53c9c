/**
 * The fix stage: after the rules have said what to change on each side (finding.a.change,
 * finding.b.change), ask that side's adapter for the change in its own syntax — as ESLint applies
 * fixes outside its rules. Rules stay pure and vendor-blind; adapters stay the only place that
 * knows a syntax.
 */
import type { Adapter, FixRequest } from '../model/adapter.js';
import { adapterById } from '../../adapters/index.js';
import type { Finding, FindingSide } from './types.js';

/** The adapter's fix for this side's change, or undefined when it has none (or no adapter knows the vendor). */
export function fixOf(side: FindingSide, adapterOf: (vendor: string) => Adapter | undefined = adapterById, other?: FindingSide): string | undefined {
  if (!side.change) return undefined;
  const adapter = adapterOf(side.end.device.vendor);
  if (!adapter) return undefined;
  const req = {
    ...side.change,
    device: side.end.device,
    tunnel: side.end.tunnel,
    phase2: side.phase2,
    ...(other ? { peer: other.end.tunnel } : {}),
  } as FixRequest;
  try {
    return adapter.fix(req);
  } catch {
    // a fix is advice; a bug in one adapter's fix writer must not take the comparison down
    return undefined;
  }
}

/** Stamp each side's fix onto the findings (in place) and return them. */
export function withFixes(findings: Finding[]): Finding[] {
  for (const f of findings) {
    for (const [s, other] of [
      [f.a, f.b],
      [f.b, f.a],
    ] as const) {
      if (!s) continue;
      const fix = fixOf(s, adapterById, other);
      if (fix) s.fix = fix;
    }
  }
  return findings;
}
