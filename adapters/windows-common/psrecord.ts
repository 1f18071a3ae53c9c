/**
 * PowerShell objects as they reach us in text: `Format-List` (`Name : value`, aligned, blank lines
 * anywhere, long values wrapped onto indented lines, nested objects as `{` … `}`), the default
 * table view, and `ConvertTo-Json`. All three become the same `PsRecord`, so the adapters read a
 * property once, by name, whatever the form. Property names are matched without case and without
 * the unit suffix some format views add (`SALifeTime(s)` and `SALifeTime` are one property).
 */
import type { Line } from './blocks.js';

export type PsValue = string | number | boolean | null | PsValue[] | PsRecord;

export interface PsField {
  /** the name as written (`SALifeTime(s)`) */
  name: string;
  value: PsValue;
  line: number;
  /** the property as the user sees it: `SALifeTime(s) : 28800`, `"SALifeTime":  28800` */
  raw: string;
}

export interface PsRecord {
  kind: 'record';
  fields: PsField[];
  /** line of the first property */
  line: number;
  form: 'list' | 'table' | 'json';
}

/** `SALifeTime(s)` → `salifetime`; `"PFSgroup"` → `pfsgroup`. */
export function propKey(name: string): string {
  return name
    .replace(/^"|"$/g, '')
    .replace(/\((s|kb|sec|seconds|min|minutes)\)$/i, '')
    .toLowerCase();
}

export function isRecord(v: PsValue | undefined): v is PsRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'record';
}

/** The first property whose name matches one of `names` (matched by `propKey`). */
export function field(rec: PsRecord, ...names: string[]): PsField | undefined {
  const keys = names.map(propKey);
  for (const k of keys) {
    const f = rec.fields.find((x) => propKey(x.name) === k);
    if (f) return f;
  }
  return undefined;
}

/** A scalar as text; '' for empty/null; arrays joined the way Format-List shows them. */
export function text(v: PsValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (isRecord(v)) return '';
  return String(v).trim();
}

/**
 * A list value: JSON arrays as they are; Format-List shows arrays as `{a, b}` (or a bare single
 * value). Empty braces and empty text give [].
 */
export function list(v: PsValue | undefined): PsValue[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return [v];
  let t = v.trim();
  if (t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1).trim();
  if (t === '') return [];
  return t.split(/\s*,\s*/).filter((s) => s !== '');
}

/** True / False / 1 / 0 as PowerShell prints them; undefined for anything else. */
export function bool(v: PsValue | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = text(v).toLowerCase();
  if (t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Format-List

const PROP = /^([A-Za-z_][A-Za-z0-9_().-]*)\s*:(?:\s(.*))?$/;
const STREAM = /^(WARNING|VERBOSE|DEBUG|INFORMATION):\s/;

export interface ListParse {
  records: PsRecord[];
  /** lines that were neither a property nor part of one (for diagnostics) */
  stray: Line[];
  /** PowerShell error record (`Get-X : message` + `+ CategoryInfo …`), if the command failed */
  error?: Line;
}

/** The command failed: PowerShell printed an error record instead of objects. */
export function errorRecord(lines: Line[]): Line | undefined {
  const i = lines.findIndex((l) => /^\s*\+ (CategoryInfo|FullyQualifiedErrorId)\s*:/.test(l.text));
  if (i < 0) return undefined;
  return lines.slice(0, i).find((l) => l.text.trim() !== '' && !/^\s*(At line:|\+)/.test(l.text)) ?? lines[i];
}

/**
 * Format-List text → records. A record ends where a property name repeats (Format-List separates
 * objects with blank lines, but some hosts print a blank line between every property, so blank
 * lines prove nothing).
 */
export function parseFormatList(lines: Line[]): ListParse {
  const records: PsRecord[] = [];
  const stray: Line[] = [];
  const error = errorRecord(lines);
  if (error) return { records, stray, error };
  let rec: PsRecord | undefined;
  let last: PsField | undefined;
  let prevLen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text;
    if (t.trim() === '' || STREAM.test(t)) {
      last = undefined;
      prevLen = 0;
      continue;
    }
    const m = /^\S/.test(t) ? PROP.exec(t) : null;
    if (m) {
      const [, name, rawValue = ''] = m;
      let value: PsValue = rawValue.trim();
      if (value === '{' && i + 1 < lines.length && /^\s+\S/.test(lines[i + 1].text)) {
        const nested = nestedRecords(lines, i + 1);
        value = nested.records;
        i = nested.next - 1;
      }
      if (!rec || rec.fields.some((f) => propKey(f.name) === propKey(name))) {
        rec = { kind: 'record', fields: [], line: line.n, form: 'list' };
        records.push(rec);
      }
      last = { name, value, line: line.n, raw: `${name} : ${typeof value === 'string' ? value : '{…}'}`.trimEnd() };
      rec.fields.push(last);
      prevLen = line.text.length;
      continue;
    }
    if (last && typeof last.value === 'string' && /^\s+\S/.test(t)) {
      // a long value wrapped onto the next line, indented to the value column: at a list comma or
      // a space (word wrap, the line stops short of the console width) the space was eaten; a line
      // that fills the console (80 columns or more) was cut mid-word
      const piece = t.trim();
      const hardWrap = prevLen >= 79 && !last.value.endsWith(',');
      last.value = hardWrap ? `${last.value}${piece}` : `${last.value} ${piece}`;
      last.raw = `${last.name} : ${last.value}`;
      prevLen = line.text.length;
      continue;
    }
    stray.push(line);
  }
  return { records, stray };
}

/** `{` … `}` groups after a property (`Proposal : {` then indented `Key : Value` lines). */
function nestedRecords(lines: Line[], start: number): { records: PsRecord[]; next: number } {
  const records: PsRecord[] = [];
  let rec: PsRecord | undefined = { kind: 'record', fields: [], line: lines[start].n, form: 'list' };
  let i = start;
  for (; i < lines.length; i++) {
    const t = lines[i].text.trim();
    if (t === '}') {
      if (rec?.fields.length) records.push(rec);
      rec = undefined;
      // another object of the same list follows as `{` on its own line
      if (i + 1 < lines.length && lines[i + 1].text.trim() === '{') {
        i++;
        rec = { kind: 'record', fields: [], line: lines[i].n, form: 'list' };
        continue;
      }
      i++;
      break;
    }
    const m = PROP.exec(t);
    if (!m || !rec) break;
    rec.fields.push({ name: m[1], value: (m[2] ?? '').trim(), line: lines[i].n, raw: `${m[1]} : ${(m[2] ?? '').trim()}`.trimEnd() });
  }
  if (rec?.fields.length) records.push(rec);
  return { records, next: i };
}

// ---------------------------------------------------------------------------------------------
// Default table view (`Get-VpnS2SInterface` without Format-List)

/** A header line, a line of dash groups under it, then rows cut at the dash groups' columns. */
export function parseTable(lines: Line[]): PsRecord[] | undefined {
  const i = lines.findIndex((l, k) => k > 0 && /^-+( +-+)*$/.test(l.text.trim()) && lines[k - 1].text.trim() !== '');
  if (i < 0) return undefined;
  const header = lines[i - 1].text;
  const cols: Array<{ name: string; start: number }> = [];
  for (const m of lines[i].text.matchAll(/-+/g))
    cols.push({ name: header.slice(m.index, m.index! + m[0].length).trim() || header.slice(m.index).trim().split(/\s+/)[0], start: m.index! });
  const out: PsRecord[] = [];
  for (const row of lines.slice(i + 1)) {
    if (row.text.trim() === '') continue;
    const fields: PsField[] = cols.map((c, k) => {
      const end = k + 1 < cols.length ? cols[k + 1].start : undefined;
      const value = row.text.slice(c.start, end).trim();
      return { name: c.name, value, line: row.n, raw: `${c.name} : ${value}` };
    });
    out.push({ kind: 'record', fields, line: row.n, form: 'table' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ConvertTo-Json

/** ConvertTo-Json output: a position-keeping JSON reader, so every property keeps its line. */
export function looksLikeJson(lines: Line[]): boolean {
  const first = lines.find((l) => l.text.trim() !== '');
  return first !== undefined && /^\s*[[{]/.test(first.text);
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** CIM plumbing ConvertTo-Json adds to every object: not configuration. */
const CIM_NOISE = new Set(['cimclass', 'ciminstanceproperties', 'cimsystemproperties', 'pscomputername']);

export function parseJson(lines: Line[]): PsRecord[] {
  const text = lines.map((l) => l.text).join('\n');
  const lineAt: number[] = [];
  lines.forEach((l) => {
    for (let k = 0; k <= l.text.length; k++) lineAt.push(l.n);
  });
  let pos = 0;
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const fail = (what: string): never => {
    const line = lineAt[Math.min(pos, lineAt.length - 1)] ?? lines[0]?.n ?? 1;
    const found = pos < text.length ? JSON.stringify(text.slice(pos, pos + 12)) : 'the end of the output';
    throw new JsonSyntaxError(line, `expected ${what} in ConvertTo-Json output, found ${found}`);
  };
  const value = (): PsValue => {
    ws();
    const c = text[pos];
    if (c === '{') return object();
    if (c === '[') {
      pos++;
      const arr: PsValue[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 40));
    if (!m) return fail('a JSON value');
    pos += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
  };
  const str = (): string => {
    const m = /^"(?:[^"\\\n]|\\.)*"/.exec(text.slice(pos));
    if (!m) return fail('a closed string');
    let value: string;
    try {
      value = JSON.parse(m[0]) as string;
    } catch {
      // a bad escape (`\q`) or a control character: JSON.parse's SyntaxError would leave without a
      // line. The string is not quoted back: it may be a key's value
      const line = lineAt[Math.min(pos, lineAt.length - 1)] ?? lines[0]?.n ?? 1;
      throw new JsonSyntaxError(line, 'expected a JSON string (escapes \\" \\\\ \\n \\uXXXX, no control characters) in ConvertTo-Json output, found another');
    }
    pos += m[0].length;
    return value;
  };
  const object = (): PsRecord => {
    const startLine = lineAt[pos];
    pos++;
    const rec: PsRecord = { kind: 'record', fields: [], line: startLine, form: 'json' };
    ws();
    if (text[pos] === '}') {
      pos++;
      return rec;
    }
    for (;;) {
      ws();
      if (text[pos] !== '"') fail('a property name');
      const keyPos = pos;
      const name = str();
      ws();
      if (text[pos] !== ':') fail('":"');
      pos++;
      const v = value();
      const line = lineAt[keyPos];
      if (!CIM_NOISE.has(name.toLowerCase())) {
        const shown =
          typeof v === 'object' && v !== null
            ? Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)
              ? JSON.stringify(v)
              : '{…}'
            : JSON.stringify(v);
        rec.fields.push({ name, value: v, line, raw: `"${name}": ${shown}` });
      }
      ws();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return rec;
      }
      fail('"," or "}"');
    }
  };
  const top = value();
  ws();
  if (pos < text.length) fail('the end of the JSON document');
  const items = Array.isArray(top) ? top : [top];
  return items.filter(isRecord);
}

/**
 * Set a property (a change command's effect): every property answering to one of `aliases`
 * (matched by propKey) is replaced by `f`, so the readers, which look a property up by any of its
 * names, find the new value.
 */
export function upsertField(rec: PsRecord, aliases: string[], f: PsField): void {
  const keys = new Set([...aliases, f.name].map(propKey));
  rec.fields = rec.fields.filter((x) => !keys.has(propKey(x.name)));
  rec.fields.push(f);
}
