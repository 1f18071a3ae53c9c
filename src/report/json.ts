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
  // pieces gathered into a few tens of KB before they are made safe and handed on: one test of
  // the gathered text instead of one per member
  const parts: string[] = [];
  let units = 0;
  for (const piece of members(jsonValue(value, ''), depth, '')) {
    parts.push(piece);
    units += piece.length;
    if (units >= PIECE_UNITS) {
      yield jsonSafe(parts.join(''));
      parts.length = 0;
      units = 0;
    }
  }
  parts.push('\n');
  yield jsonSafe(parts.join(''));
}

const PIECE_UNITS = 1 << 16;

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

/**
 * JSON.stringify(value, null, 2) indented by `level` steps: stringified inside `level` arrays, so
 * that JSON.stringify writes each of its lines at its place, and cut out of them (a slice, not a
 * second pass over the text to indent every line).
 */
function stringifiedAt(value: unknown, level: number): string {
  if (level === 0 || value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let nest: unknown = value;
  for (let i = 0; i < level; i++) nest = [nest];
  const [head, tail] = wrapping(level);
  const text = JSON.stringify(nest, null, 2);
  return text.slice(head, text.length - tail);
}

const wrappings: Array<[number, number]> = [];

/** How many units the `level` arrays of stringifiedAt add before and after the value. */
function wrapping(level: number): [number, number] {
  let w = wrappings[level];
  if (w === undefined) {
    let nest: unknown = 0;
    for (let i = 0; i < level; i++) nest = [nest];
    const text = JSON.stringify(nest, null, 2);
    const at = text.indexOf('0');
    w = [at, text.length - at - 1];
    wrappings[level] = w;
  }
  return w;
}

function* members(value: unknown, depth: number, indent: string): Generator<string> {
  if (depth <= 0 || !isContainer(value)) {
    yield (stringifiedAt(value, indent.length / GAP.length) as string | undefined) ?? 'null';
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
