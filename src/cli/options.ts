/** Shared option parsing: severities, formats, --fail-on. */
import { UsageError } from '../model/errors.js';
import type { Severity } from '../compare/types.js';
import { SEVERITY_RANK } from '../compare/types.js';
import type { Finding } from '../compare/types.js';

export type FailOn = Severity | 'none';

export function parseFailOn(text: string | undefined): FailOn {
  const v = text ?? 'warning';
  if (v === 'error' || v === 'warning' || v === 'info' || v === 'none') return v;
  throw new UsageError(`--fail-on ${v}: expected error, warning, info or none`);
}

export function parseFormat<T extends string>(text: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = (text ?? fallback) as T;
  if (!allowed.includes(v)) throw new UsageError(`--format ${text}: expected ${allowed.join(', ')}`);
  return v;
}

export function failsGate(findings: Array<Pick<Finding, 'severity'>>, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
