import type { Report } from './report.js';
import { jsonSafe } from './sanitize.js';

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}

/** `--format json`: renderJson's text in pieces, a finding at a time (a fleet's report is tens of MB). */
export function jsonChunks(report: Report): Generator<string> {
  // report → findings → each finding whole
  return serialized(report, 2);
}

/**
 * An array whose items are made only as the serializer reaches them (SARIF's results): a
 * report's ten thousand results are never all held at once. Only serialized() knows it.
 */
export class LazyArray {
  constructor(
    readonly length: number,
    readonly at: (i: number) => unknown,
  ) {}
}

/**
 * `${jsonSafe(JSON.stringify(value, null, 2))}\n`, the same bytes, in pieces: arrays and plain
 * objects are written member by member down to `depth` levels, each value below that by
 * JSON.stringify and indented to its place (a string holds no raw newline, so every newline of
 * the piece starts one of its lines). JSON.stringify's rules for members kept at the upper levels:
 * toJSON first; an undefined, function or symbol member is left out of an object and `null` in an
 * array; an empty container is `{}` or `[]`. jsonSafe replaces single characters, so it gives the
 * same text piece by piece.
 */
export function* serialized(value: unknown, depth: number): Generator<string> {
  for (const piece of members(jsonValue(value, ''), depth, '')) yield jsonSafe(piece);
  yield '\n';
}

const GAP = '  ';

/** What JSON.stringify serializes for a member: its toJSON, and undefined for what it leaves out. */
function jsonValue(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

function isContainer(v: unknown): v is object {
  if (v instanceof LazyArray || Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function* members(value: unknown, depth: number, indent: string): Generator<string> {
  if (depth <= 0 || !isContainer(value)) {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    yield indent && text ? text.replaceAll('\n', `\n${indent}`) : (text ?? 'null');
    return;
  }
  const inner = indent + GAP;
  if (value instanceof LazyArray || Array.isArray(value)) {
    const n = value.length;
    if (n === 0) {
      yield '[]';
      return;
    }
    const item = value instanceof LazyArray ? value.at : (i: number) => value[i];
    for (let i = 0; i < n; i++) {
      yield `${i === 0 ? '[\n' : ',\n'}${inner}`;
      const v = jsonValue(item(i), String(i));
      yield* members(v === undefined ? null : v, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = jsonValue((value as Record<string, unknown>)[key], key);
    if (v === undefined) continue;
    yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* members(v, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}
