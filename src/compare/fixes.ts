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
  // one literal, not spreads: an audit asks for tens of thousands of fixes (a change is a field and its target)
  const req = (
    other
      ? { field: side.change.field, target: side.change.target, device: side.end.device, tunnel: side.end.tunnel, phase2: side.phase2, peer: other.end.tunnel }
      : { field: side.change.field, target: side.change.target, device: side.end.device, tunnel: side.end.tunnel, phase2: side.phase2 }
  ) as FixRequest;
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
    // (a side without a change has no fix: most sides, asked without making a pair of them)
    if (f.a?.change) stampFix(f.a, f.b);
    if (f.b?.change) stampFix(f.b, f.a);
  }
  return findings;
}

function stampFix(s: FindingSide, other: FindingSide | undefined): void {
  const fix = fixOf(s, adapterById, other);
  if (fix) s.fix = fix;
}
