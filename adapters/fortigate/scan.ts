/**
 * A fast line scanner for FortiOS configuration text (backups, `show`, `show full-configuration`,
 * saved CLI sessions). It tracks the `config` / `edit` / `next` / `end` block stack for the whole
 * file but tokenizes and keeps only the `set` lines of the few tables the IPsec model needs; the
 * rest of a backup (firewall policy, replacement messages, certificates) is skipped line by line.
 *
 * Output is a flat list of entries (one per `edit` in a wanted table, per VDOM), each a map from
 * setting name to its last `set` line. Interpretation of the values happens in parse.ts.
 */
import { ParseError } from '../../src/model/errors.js';
import type { Diagnostic } from '../../src/model/types.js';

/** The tables whose `set` lines are kept. Paths are as FortiOS prints them after `config`. */
export const WANTED_TABLES = [
  'system global',
  'system interface',
  'firewall address',
  'firewall addrgrp',
  'firewall address6',
  'firewall addrgrp6',
  'vpn ipsec phase1-interface',
  'vpn ipsec phase2-interface',
  'vpn ipsec phase1',
  'vpn ipsec phase2',
] as const;

export type Table = (typeof WANTED_TABLES)[number];

const WANTED = new Set<string>(WANTED_TABLES);

/** Tables whose truncation makes the result untrustworthy (a ParseError rather than a diagnostic). */
const MATTERS = new Set<string>([...WANTED_TABLES.filter((t) => t !== 'system global'), 'vpn ipsec']);

/**
 * No table path we look for is longer: a path being built from the block stack stops growing past
 * it (it can match nothing any more), so thousands of nested `config` lines cost linear time.
 */
const LONGEST_TABLE = Math.max(...[...WANTED, ...MATTERS].map((t) => t.length));

/** One `set` line: the key, its unquoted value tokens, the line as written (comment removed), 1-based line. */
export interface SetLine {
  key: string;
  values: string[];
  raw: string;
  line: number;
}

/** One `edit` in a wanted table. Settings blocks without edits (`config system global`) use name ''. */
export interface Entry {
  table: Table;
  vdom: string;
  name: string;
  line: number;
  fields: Map<string, SetLine>;
}

export interface Scan {
  entries: Entry[];
  /** VDOM names declared by `config vdom` / `edit <name>`; empty when the device is not in multi-VDOM mode */
  vdoms: string[];
  /** `#config-version=…` header, when present */
  configVersion?: { text: string; line: number };
  /** number of `config …` lines seen: 0 means this is not FortiOS configuration text */
  configBlocks: number;
  diagnostics: Diagnostic[];
}

type Frame = { kind: 'config'; path: string; line: number } | { kind: 'edit'; name: string; line: number };

/** Where the scanner is: which VDOM, and which wanted entry (if any) `set` lines belong to. */
interface Context {
  vdom: string;
  table?: Table;
  entry?: Entry;
}

export const DEFAULT_VDOM = 'root';

// ---------------------------------------------------------------------------------------------
// Lexing one line

export interface Lexed {
  tokens: string[];
  /** the line up to an inline `# comment` (hand-written configs), trimmed */
  text: string;
  /** true when a double-quoted value is still open at the end of the line (it continues below) */
  openQuote: boolean;
}

/**
 * FortiOS values: bare words, "double quoted" with backslash escapes, 'single quoted' (`''` is the
 * empty value). A `#` that starts a word outside quotes begins a comment (FortiOS never prints one,
 * but configs pasted from guides carry `set x y   # note`).
 */
export function lexLine(line: string): Lexed {
  const tokens: string[] = [];
  let i = 0;
  const n = line.length;
  let end = n;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#' && tokens.length > 0) {
      end = i;
      break;
    }
    if (c === '"' || c === "'") {
      let out = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = line[j];
        if (d === '\\' && j + 1 < n) {
          out += line[j + 1];
          j += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        out += d;
        j++;
      }
      tokens.push(out);
      if (!closed) return { tokens, text: line.trim(), openQuote: c === '"' };
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n && line[j] !== ' ' && line[j] !== '\t') j++;
    tokens.push(line.slice(i, j));
    i = j;
  }
  return { tokens, text: line.slice(0, end).trim(), openQuote: false };
}

/** Odd number of unescaped double quotes: a multi-line value opens or closes on this line. */
function togglesQuote(line: string): boolean {
  if (line.indexOf('\\') < 0) {
    // the common case, counted natively
    let n = 0;
    for (let k = line.indexOf('"'); k >= 0; k = line.indexOf('"', k + 1)) n++;
    return (n & 1) === 1;
  }
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '"') open = !open;
  }
  return open;
}

/** `FGT60F (root) # show …`, `FGT-BRANCH $ get …`: a prompt echo in a saved session. */
const PROMPT = /^[\w.-]+(?: \([^)]*\))? ?[#$] ?/;

// ---------------------------------------------------------------------------------------------
// The scan

/** Strip the pager marker a saved session can contain (the live collector answers it itself). */
function cleanLine(raw: string): string {
  let s = raw;
  if (s.includes('--More--')) s = s.replace(/\s*--More--\s*/g, ' ');
  if (s.includes('\b')) s = s.replace(/[^\n]?\x08/g, '');
  return s;
}

/** `    set …` (indentation, then `set `), without allocating. */
function isSetOutside(line: string): boolean {
  let p = 0;
  while (p < line.length && (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9)) p++;
  return line.charCodeAt(p) === 115 /* s */ && line.startsWith('set ', p);
}

function firstWord(t: string): string {
  const sp = t.indexOf(' ');
  const tab = t.indexOf('\t');
  const cut = sp < 0 ? tab : tab < 0 ? sp : Math.min(sp, tab);
  return cut < 0 ? t : t.slice(0, cut);
}

export function scan(text: string, file: string): Scan {
  const lines = text.split('\n');
  const stack: Frame[] = [];
  const entries: Entry[] = [];
  const byKey = new Map<string, Entry>();
  const vdoms: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let configVersion: Scan['configVersion'];
  let configBlocks = 0;
  let ctx: Context = { vdom: DEFAULT_VDOM };
  /** line where an open multi-line quoted value started, 0 when none */
  let quoteFrom = 0;
  let quoteInEntry = false;

  const refresh = () => {
    ctx = contextOf(stack);
    if (ctx.table) {
      const top = stack[stack.length - 1];
      const name = top.kind === 'edit' ? top.name : '';
      const line = top.line;
      const key = `${ctx.vdom}\u0000${ctx.table}\u0000${name}`;
      let e = byKey.get(key);
      if (!e) {
        e = { table: ctx.table, vdom: ctx.vdom, name, line, fields: new Map() };
        byKey.set(key, e);
        entries.push(e);
      }
      ctx.entry = e;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const rawLine = lines[i];
    if (quoteFrom) {
      if (togglesQuote(rawLine)) quoteFrom = 0;
      continue;
    }
    // fast path for the bulk of a backup: a `set` line outside any wanted entry only matters
    // when it opens a multi-line quoted value
    if (!ctx.entry && isSetOutside(rawLine)) {
      if (rawLine.indexOf('"') >= 0 && togglesQuote(rawLine)) {
        quoteFrom = lineNo;
        quoteInEntry = false;
      }
      continue;
    }
    const line = cleanLine(rawLine);
    const t = line.trim();
    if (t === '') continue;
    if (t[0] === '#') {
      if (t.startsWith('#config-version=') && !configVersion) configVersion = { text: t.slice(16), line: lineNo };
      continue;
    }
    const word = firstWord(t);
    switch (word) {
      case 'config': {
        const path = t.slice(6).trim().replace(/\s+/g, ' ');
        configBlocks++;
        stack.push({ kind: 'config', path, line: lineNo });
        refresh();
        break;
      }
      case 'edit': {
        const name = lexLine(t).tokens[1] ?? '';
        // `edit` right after an edit: the `next` was left out (hand-typed sessions)
        if (stack.length && stack[stack.length - 1].kind === 'edit') stack.pop();
        const parent = stack[stack.length - 1];
        if (parent && parent.kind === 'config' && parent.path === 'vdom' && isWrapperPosition(stack)) {
          if (!vdoms.includes(name)) vdoms.push(name);
        }
        stack.push({ kind: 'edit', name, line: lineNo });
        refresh();
        break;
      }
      case 'next':
        if (stack.length && stack[stack.length - 1].kind === 'edit') {
          stack.pop();
          refresh();
        }
        break;
      case 'end':
        // `end` inside an edit saves it and leaves the table (FortiOS CLI semantics; VDOM sections
        // in backups close with `end` straight after their content)
        if (stack.length && stack[stack.length - 1].kind === 'edit') stack.pop();
        if (stack.length && stack[stack.length - 1].kind === 'config') stack.pop();
        refresh();
        break;
      case 'set':
      case 'unset':
      case 'append':
      case 'unselect':
      case 'select':
      case 'clear': {
        const entry = ctx.entry;
        if (!entry) {
          if (t.includes('"') && togglesQuote(t)) {
            quoteFrom = lineNo;
            quoteInEntry = false;
          }
          break;
        }
        const lexed = lexLine(t);
        if (lexed.openQuote) {
          quoteFrom = lineNo;
          quoteInEntry = true;
        }
        applySetting(entry, word, lexed, lineNo);
        break;
      }
      default:
        if (PROMPT.test(t)) break; // prompt echo in a saved session
        if (ctx.entry) {
          diagnostics.push({ level: 'info', message: `ignored a line FortiOS does not print inside \`edit "${ctx.entry.name}"\``, at: { file, line: lineNo } });
        }
    }
  }

  if (quoteFrom) {
    const msg = `expected the closing quote of the value opened at line ${quoteFrom}; the file ends inside it (truncated?)`;
    const paths = tablePaths(stack);
    if (quoteInEntry || stack.some((f, idx) => f.kind === 'config' && MATTERS.has(paths[idx]))) throw new ParseError(file, lines.length, msg);
    diagnostics.push({ level: 'warning', message: msg, at: { file, line: quoteFrom } });
  }
  if (stack.length) checkUnclosed(stack, file, lines.length, diagnostics);
  return { entries, vdoms, configVersion, configBlocks, diagnostics };
}

function applySetting(entry: Entry, verb: string, lexed: Lexed, line: number): void {
  const [, key, ...values] = lexed.tokens;
  if (key === undefined) return;
  const fields = entry.fields;
  switch (verb) {
    case 'set':
      fields.set(key, { key, values, raw: lexed.text, line });
      break;
    case 'unset':
    case 'clear':
      fields.delete(key);
      break;
    case 'append':
    case 'select': {
      const old = fields.get(key);
      fields.set(key, { key, values: [...(old?.values ?? []), ...values], raw: lexed.text, line });
      break;
    }
    case 'unselect': {
      const old = fields.get(key);
      if (old) fields.set(key, { key, values: old.values.filter((v) => !values.includes(v)), raw: lexed.text, line });
      break;
    }
  }
}

/** Is the `config vdom` on top of the stack the outer wrapper (not some table named vdom)? */
function isWrapperPosition(stack: Frame[]): boolean {
  return stack.length === 1;
}

/**
 * The VDOM and wanted table the top of the stack is in. Wrappers (`config global`, `config vdom`
 * + `edit <vdom>`) are peeled off first; then consecutive `config` frames form the table path
 * (`config vpn ipsec` + `config phase1` is the nested spelling of `vpn ipsec phase1`). An `edit`
 * between configs means a sub-table of an entry, which is never wanted.
 */
function contextOf(stack: Frame[]): Context {
  let start = 0;
  let vdom = DEFAULT_VDOM;
  for (;;) {
    const f = stack[start];
    if (f?.kind === 'config' && f.path === 'global' && start === 0) {
      start++;
      continue;
    }
    if (f?.kind === 'config' && f.path === 'vdom' && start === 0) {
      const e = stack[start + 1];
      if (e?.kind !== 'edit') return { vdom };
      vdom = e.name;
      start += 2;
      continue;
    }
    break;
  }
  let path = '';
  let i = start;
  while (i < stack.length && stack[i].kind === 'config') {
    path += (path ? ' ' : '') + (stack[i] as { path: string }).path;
    i++;
    if (path.length > LONGEST_TABLE) return { vdom };
  }
  if (!WANTED.has(path)) return { vdom };
  if (i === stack.length) return path === 'system global' ? { vdom, table: path as Table } : { vdom };
  if (i === stack.length - 1 && path !== 'system global') return { vdom, table: path as Table };
  return { vdom };
}

/**
 * For each frame, the table path formed by the config frames up to it, wrappers left out (for
 * truncation checks); one pass, and a path longer than any table stops growing.
 */
function tablePaths(stack: Frame[]): string[] {
  const out: string[] = [];
  let path = '';
  let parts = 0;
  for (const f of stack) {
    if (f.kind === 'config' && f.path !== 'vdom' && f.path !== 'global' && path.length <= LONGEST_TABLE) {
      path = parts === 0 ? f.path : `${path} ${f.path}`;
      parts++;
    }
    out.push(path);
  }
  return out;
}

/** The file ended inside blocks: an error when one of them is an IPsec-relevant table, else a diagnostic. */
function checkUnclosed(stack: Frame[], file: string, lastLine: number, diagnostics: Diagnostic[]): void {
  const paths = tablePaths(stack);
  for (let idx = 0; idx < stack.length; idx++) {
    const f = stack[idx];
    if (f.kind !== 'config') continue;
    const table = paths[idx];
    if (MATTERS.has(table)) {
      throw new ParseError(file, lastLine, `expected \`end\` closing \`config ${table}\` (line ${f.line}); the file ends inside it (truncated?)`);
    }
  }
  const outer = stack[0];
  diagnostics.push({
    level: 'warning',
    message: `the file ends inside \`${outer.kind === 'config' ? `config ${outer.path}` : `edit ${outer.name}`}\` (line ${outer.line}) without \`end\` (truncated?); nothing IPsec-related was cut`,
    at: { file, line: lastLine },
  });
}
