/**
 * Baselines: the findings a team has accepted, so only new ones fail a pull request. Keyed by
 * rule + tunnel pair + setting — never line numbers, so moving lines does not churn the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ParseError } from '../model/errors.js';
import type { ReportFinding, ReportEnd } from '../report/report.js';

export interface BaselineEntry {
  rule: string;
  ends: string[];
  setting: string;
  /** for people reading the file; not part of the key */
  message?: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

function endId(e: ReportEnd | undefined): string {
  return e ? `${e.device}/${e.tunnel}` : '';
}

export function findingKey(f: Pick<ReportFinding, 'rule' | 'setting' | 'a' | 'b'>): string {
  const ends = [endId(f.a?.end), endId(f.b?.end)].filter(Boolean).sort();
  return [f.rule, ...ends, f.setting ?? ''].join('\u0000');
}

function entryKey(e: BaselineEntry): string {
  return [e.rule, ...[...e.ends].sort(), e.setting].join('\u0000');
}

export function toBaseline(findings: ReportFinding[]): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    const k = findingKey(f);
    if (seen.has(k)) continue;
    seen.add(k);
    entries.push({ rule: f.rule, ends: [endId(f.a?.end), endId(f.b?.end)].filter(Boolean).sort(), setting: f.setting ?? '', message: f.message });
  }
  entries.sort((x, y) => entryKey(x).localeCompare(entryKey(y)));
  return { version: 1, entries };
}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ParseError(path, undefined, 'cannot read the baseline file');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParseError(path, undefined, `not valid JSON: ${(e as Error).message}`);
  }
  const b = data as Baseline;
  if (
    b?.version !== 1 ||
    !Array.isArray(b.entries) ||
    !b.entries.every((e) => typeof e.rule === 'string' && Array.isArray(e.ends) && typeof e.setting === 'string')
  ) {
    throw new ParseError(path, 1, 'expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}');
  }
  return b;
}

export function writeBaseline(path: string, b: Baseline): void {
  writeFileSync(path, `${JSON.stringify(b, null, 2)}\n`);
}

/** Split findings into new and baselined; list baseline entries nothing matched any more. */
export function applyBaseline(findings: ReportFinding[], b: Baseline): { fresh: ReportFinding[]; baselined: ReportFinding[]; stale: BaselineEntry[] } {
  const keys = new Map(b.entries.map((e) => [entryKey(e), e]));
  const used = new Set<string>();
  const fresh: ReportFinding[] = [];
  const baselined: ReportFinding[] = [];
  for (const f of findings) {
    const k = findingKey(f);
    if (keys.has(k)) {
      baselined.push(f);
      used.add(k);
    } else fresh.push(f);
  }
  return { fresh, baselined, stale: b.entries.filter((e) => !used.has(entryKey(e))) };
}
