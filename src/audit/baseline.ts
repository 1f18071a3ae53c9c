/**
 * Baselines: the findings a team has accepted, so only new ones fail a pull request. Keyed by
 * rule + tunnel pair + setting — never line numbers, so moving lines does not churn the file.
 */
import { writeFileSync } from 'node:fs';
import { ParseError } from '../model/errors.js';
import { decodeText } from '../read/decode.js';
import { readRegularFile } from '../read/regular-file.js';
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
    text = decodeText(readRegularFile(path, MAX_BASELINE_BYTES), path);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(path, undefined, `cannot read the baseline file: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text it choked on: say where instead
    const at = /position (\d+)/.exec((e as Error).message);
    throw new ParseError(path, at ? text.slice(0, Number(at[1])).split('\n').length : undefined, 'not valid JSON: expected an ipsec-drift baseline');
  }
  const b = data as Baseline;
  const expected = 'expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}';
  if (b === null || typeof b !== 'object' || b.version !== 1 || !Array.isArray(b.entries)) throw new ParseError(path, 1, expected);
  // the file comes with the repository: any entry may be anything (null, a number, ends of objects)
  const bad = b.entries.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new ParseError(path, lineOfEntry(text, bad), `entries[${bad}]: ${expected}`);
  return b;
}

/** A baseline is a list of accepted findings, not a configuration: far below the input limit. */
const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

function isEntry(e: unknown): e is BaselineEntry {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
  const x = e as Record<string, unknown>;
  return typeof x.rule === 'string' && typeof x.setting === 'string' && Array.isArray(x.ends) && x.ends.every((n) => typeof n === 'string');
}

/** The line of the n-th entry as written by writeBaseline (one `"rule"` per entry), else 1. */
function lineOfEntry(text: string, n: number): number {
  const start = text.indexOf('"entries"');
  if (start < 0) return 1;
  // count the entries' opening positions: each entry of our own format starts a line with `{` or a value
  let line = text.slice(0, start).split('\n').length;
  let depth = 0;
  let seen = -1;
  let inString = false;
  for (let i = text.indexOf('[', start) + 1; i > 0 && i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (depth === 0 && !/[\s,\]]/.test(c)) {
      seen++;
      if (seen === n) return line;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return 1;
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
