/**
 * JSON and YAML exports of the cloud CLIs, read with the line of every value. JSON is read as YAML
 * 1.2 (a superset), so one parser gives both forms their line numbers: a finding can point at
 * `"Phase2LifetimeSeconds": 3600` in the file the user exported.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { ParseError } from '../../src/model/errors.js';
import type { SourceRef } from '../../src/model/types.js';

/** A value with the line it sits on. Maps keep their keys as written; `get` finds a key ignoring case. */
export type Located = LocatedMap | LocatedList | LocatedScalar;

export interface LocatedScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  at: SourceRef;
}
export interface LocatedList {
  kind: 'list';
  items: Located[];
  at: SourceRef;
}
export interface LocatedMap {
  kind: 'map';
  /** in document order; the key's own line is `at` of the entry */
  entries: Array<{ key: string; at: SourceRef; value: Located }>;
  at: SourceRef;
}

function toLocated(node: Node | null | undefined, file: string, lines: LineCounter, fallback: number): Located {
  const lineOf = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : fallback);
  const at = { file, line: lineOf(node) };
  if (isMap(node)) {
    const entries = node.items.map((pair) => {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyAt = { file, line: lineOf(keyNode) };
      return { key, at: keyAt, value: toLocated(pair.value as Node | null, file, lines, keyAt.line) };
    });
    return { kind: 'map', entries, at };
  }
  if (isSeq(node)) return { kind: 'list', items: node.items.map((n) => toLocated(n as Node, file, lines, at.line)), at };
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
    return { kind: 'scalar', value, at };
  }
  return { kind: 'scalar', value: null, at };
}

/** Deeper than any export the cloud CLIs print (a handful of levels); far below what overflows the stack. */
const MAX_DEPTH = 1000;

/**
 * The first line where flow collections (`[`, `{`) or block indicators (`- `, `? `, `: ` opening a
 * line) nest deeper than MAX_DEPTH, or undefined. One pass, run before the YAML parser: that
 * parser builds a node per level before it notices the depth (1 MB of `{` took 2.5 s and 590 MB),
 * so deep nesting is refused here, at its line, for the cost of one scan.
 *
 * Only real openers count: a `[`/`{` that starts a value (at the start of a line, after `- `, `: `
 * or `? `, or anywhere inside a flow collection) and quotes that start a value. `{` inside a plain
 * scalar (`name: a{b`), a quote inside one (`it's`) and comments (`# {{`) are text, as for YAML.
 */
export function deepLine(text: string): number | undefined {
  let line = 1;
  let flow = 0;
  let block = 0;
  /** the next non-blank character starts a value (line start, after an indicator, inside flow after a separator) */
  let valueStart = true;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      block = 0;
      valueStart = true;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const next = text[i + 1];
    const spaced = next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === undefined;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      // a comment: to the end of the line
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
      continue;
    }
    if (valueStart && (c === '"' || c === "'")) {
      quote = c;
      valueStart = false;
    } else if ((valueStart || flow > 0) && (c === '[' || c === '{')) {
      flow++;
      valueStart = true;
    } else if (flow > 0 && (c === ']' || c === '}')) {
      flow--;
      valueStart = false;
    } else if (flow > 0 && c === ',') valueStart = true;
    else if ((c === '-' || c === '?' || c === ':') && spaced) {
      // `- - - a`: each indicator opening a line nests one level deeper (inside flow too: the
      // parser nests them before it reports that a block collection may not be there)
      if (valueStart) block++;
      valueStart = true;
    } else if (flow > 0 && c === ':')
      valueStart = true; // JSON `{"a":{`
    else valueStart = false;
    if (flow > MAX_DEPTH || block > MAX_DEPTH) return line;
  }
  return undefined;
}

const tooDeep = (file: string, line: number) =>
  new ParseError(file, line, `expected JSON or YAML nested at most ${MAX_DEPTH} levels deep, found deeper nesting`);

/** Every document of a JSON or YAML text (gcloud writes several separated by `---`). */
export function readDocuments(text: string, file: string): Located[] {
  const deep = deepLine(text);
  if (deep !== undefined) throw tooDeep(file, deep);
  const lines = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  // The parser makes an error object for every line it cannot attach (a hostile file: one per
  // line) and only the first is reported, as a ParseError made below: their stack traces were
  // half its time on 256 KB of such lines (2.6 s → 1.1 s).
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // prettyErrors off: the pretty form copies the error's whole line into every error, and text
    // like `: : : …` on one long line makes one error per two characters (quadratic: 128 KB, 14 s)
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // the parser recurses once per nesting level (`- - - …`): deep enough, it overflows the stack
    if (e instanceof RangeError) throw tooDeep(file, deepLine(text) ?? 1);
    throw e;
  } finally {
    Error.stackTraceLimit = traces;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Located[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const line = lines.linePos(err.pos[0]).line;
      // the composer catches its own stack overflow (`[[[…`, `{"a":{"a":…`) and reports it as an error
      if (/call stack/i.test(err.message)) throw tooDeep(file, line);
      throw new ParseError(file, line, `expected JSON or YAML, found a syntax error: ${err.message.split('\n')[0]}`);
    }
    if (doc.contents === null) continue;
    try {
      out.push(toLocated(doc.contents as Node, file, lines, 1));
    } catch (e) {
      if (e instanceof RangeError) throw tooDeep(file, deepLine(text) ?? 1);
      throw e;
    }
  }
  return out;
}

/** The entry whose key equals `key` ignoring case (az prints camelCase, PowerShell PascalCase). */
export function entry(map: Located | undefined, key: string): { key: string; at: SourceRef; value: Located } | undefined {
  if (map?.kind !== 'map') return undefined;
  const k = key.toLowerCase();
  return map.entries.find((e) => e.key.toLowerCase() === k);
}

export function get(map: Located | undefined, key: string): Located | undefined {
  return entry(map, key)?.value;
}

export function str(node: Located | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function list(node: Located | undefined): Located[] {
  return node?.kind === 'list' ? node.items : [];
}

/** The JSON/YAML text of a key and its scalar value as the user would see it: `"Phase2LifetimeSeconds": 3600`. */
export function rawOf(e: { key: string; value: Located }, json: boolean): string {
  const v = e.value.kind === 'scalar' ? e.value.value : e.value.kind === 'list' ? '[…]' : '{…}';
  if (!json) return `${e.key}: ${v}`;
  return `"${e.key}": ${typeof v === 'string' && e.value.kind === 'scalar' ? JSON.stringify(v) : v}`;
}
