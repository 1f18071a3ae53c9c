/**
 * A fast line scanner for FortiOS configuration text (backups, `show`, `show full-configuration`,
 * saved CLI sessions). It tracks the `config` / `edit` / `next` / `end` block stack for the whole
 * file but tokenizes and keeps only the `set` lines of the few tables the IPsec model needs; the
 * rest of a backup (firewall policy, replacement messages, certificates) is skipped line by line,
 * read as offsets into the text (no line strings), and address objects are tokenized only when a
 * phase 2 asks for one (OnDemandEntry).
 *
 * Output is a flat list of entries (one per `edit` in a wanted table, per VDOM), each a map from
 * setting name to its last `set` line. Interpretation of the values happens in parse.ts.
 */
import { ParseError } from '../../src/model/errors.js';
import type { Diagnostic } from '../../src/model/types.js';
import { isSpace } from '../../src/model/chars.js';

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

/** Every word-prefix of a wanted table path ('vpn', 'vpn ipsec', 'vpn ipsec phase1', …). */
const TABLE_PREFIXES = new Set<string>(WANTED_TABLES.flatMap((t) => t.split(' ').map((_, i, w) => w.slice(0, i + 1).join(' '))));

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
export function togglesQuote(line: string): boolean {
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

/**
 * The whole text read line by line as offsets, never split: most lines of a backup (firewall
 * policy, VIPs, replacement messages) are looked at only for their first word and their quotes,
 * and no string is made for them. The next `"`, `\\`, pager marker and backspace are each
 * remembered once found, so asking "is there one on this line?" costs nothing on the many lines
 * without one and the whole file is searched for each at most once (linear, however the text is
 * shaped).
 */
class Cursor {
  private nextQuote = -1;
  private nextEscape = -1;
  private nextPager = -1;
  private nextBackspace = -1;
  constructor(readonly text: string) {}

  private static after(text: string, what: string, from: number): number {
    const k = text.indexOf(what, from);
    return k < 0 ? text.length : k;
  }

  /** A `"` in [from, to)? (from only grows between calls) */
  quoteIn(from: number, to: number): boolean {
    if (this.nextQuote < from) this.nextQuote = Cursor.after(this.text, '"', from);
    return this.nextQuote < to;
  }

  /** togglesQuote of the line [from, to), counted without slicing it. */
  togglesQuote(from: number, to: number): boolean {
    if (!this.quoteIn(from, to)) return false;
    if (this.nextEscape < from) this.nextEscape = Cursor.after(this.text, '\\', from);
    const text = this.text;
    if (this.nextEscape >= to) {
      // counted over the rest of the line (short: a search per quote cost more); the next search
      // starts at the next line, so no text is searched twice
      let n = 0;
      for (let k = this.nextQuote; k < to; k++) if (text.charCodeAt(k) === 34) n++;
      return (n & 1) === 1;
    }
    let open = false;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) open = !open;
    }
    return open;
  }

  /** Does cleanLine change the line [from, to)? Only then is it cut out and cleaned. */
  needsCleaning(from: number, to: number): boolean {
    if (this.nextPager < from) this.nextPager = Cursor.after(this.text, '--More--', from);
    if (this.nextBackspace < from) this.nextBackspace = Cursor.after(this.text, '\b', from);
    return this.nextPager < to || this.nextBackspace < to;
  }
}

function firstWord(t: string): string {
  const sp = t.indexOf(' ');
  const tab = t.indexOf('\t');
  const cut = sp < 0 ? tab : tab < 0 ? sp : Math.min(sp, tab);
  return cut < 0 ? t : t.slice(0, cut);
}

/** `    set …` (spaces and tabs, then `set `) at [from, to), without allocating. */
function isSetAt(text: string, from: number, to: number): boolean {
  let p = from;
  while (p < to && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p + 4 <= to && text.charCodeAt(p) === 115 /* s */ && text.startsWith('set ', p);
}

// The first word's keyword, what the scan switches on (plain numbers: Biome refuses const enums)
const OTHER = 0;
const CONFIG = 1;
const EDIT = 2;
const NEXT = 3;
const END = 4;
/** set, unset, append, select, unselect, clear */
const VERB = 5;
type Word = typeof OTHER | typeof CONFIG | typeof EDIT | typeof NEXT | typeof END | typeof VERB;

/** The first word's keyword, read from [from, to) without slicing. */
function wordAt(src: string, from: number, to: number): Word {
  let k = from;
  while (k < to) {
    const c = src.charCodeAt(k);
    if (c === 32 || c === 9) break;
    k++;
  }
  // (no helper closure here: this runs for most lines, and tsx wraps every closure it creates)
  switch (k - from) {
    case 3:
      return src.startsWith('end', from) ? END : src.startsWith('set', from) ? VERB : OTHER;
    case 4:
      return src.startsWith('edit', from) ? EDIT : src.startsWith('next', from) ? NEXT : OTHER;
    case 5:
      return src.startsWith('unset', from) || src.startsWith('clear', from) ? VERB : OTHER;
    case 6:
      return src.startsWith('config', from) ? CONFIG : src.startsWith('append', from) || src.startsWith('select', from) ? VERB : OTHER;
    case 8:
      return src.startsWith('unselect', from) ? VERB : OTHER;
    default:
      return OTHER;
  }
}

/**
 * Address objects and groups are most of a backup's wanted lines, yet a phase 2 names only a few of
 * them: their entries are found (name, line, block structure, quotes, stray lines) but their `set`
 * lines are read only when `fields` is first asked for.
 */
const ON_DEMAND = new Set<string>(['firewall address', 'firewall addrgrp', 'firewall address6', 'firewall addrgrp6']);

/**
 * An entry of an ON_DEMAND table. `spans` holds (from, to, first line) for each run of lines that
 * belong to it (between the structural lines that enter and leave it); reading them later applies
 * exactly what the scan applies to the `set` lines of any other entry, in the same order.
 */
class OnDemandEntry implements Entry {
  readonly spans: number[] = [];
  private read?: Map<string, SetLine>;
  constructor(
    readonly table: Table,
    readonly vdom: string,
    readonly name: string,
    readonly line: number,
    private readonly text: string,
  ) {}

  get fields(): Map<string, SetLine> {
    this.read ??= readSpans(this.text, this.spans);
    return this.read;
  }
}

/** The settings of the lines in spans, read as scan reads the lines of an entry it keeps. */
function readSpans(text: string, spans: number[]): Map<string, SetLine> {
  const into: Entry = { table: 'firewall address', vdom: '', name: '', line: 0, fields: new Map() };
  for (let k = 0; k < spans.length; k += 3) {
    const to = spans[k + 1];
    let lineNo = spans[k + 2];
    // a span begins and ends outside any quoted value (only lines outside one leave or enter an entry)
    let inQuote = false;
    for (let s = spans[k]; s < to; lineNo++) {
      let e = text.indexOf('\n', s);
      if (e < 0) e = text.length;
      const raw = text.slice(s, e);
      s = e + 1;
      if (inQuote) {
        if (togglesQuote(raw)) inQuote = false;
        continue;
      }
      const t = cleanLine(raw).trim();
      if (t === '' || t[0] === '#') continue;
      const word = firstWord(t);
      if (word !== 'set' && word !== 'unset' && word !== 'append' && word !== 'unselect' && word !== 'select' && word !== 'clear') continue;
      const lexed = lexLine(t);
      if (lexed.openQuote) inQuote = true;
      applySetting(into, word, lexed, lineNo);
    }
  }
  return into.fields;
}

/** lexLine(line.slice(from, to)).openQuote, without making the tokens. */
function opensQuote(line: string, from: number, to: number): boolean {
  let i = from;
  let first = true;
  while (i < to) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 35 /* # */ && !first) return false;
    first = false;
    if (c === 34 || c === 39) {
      let j = i + 1;
      for (;;) {
        if (j >= to) return c === 34; // still open at the end of the line
        const d = line.charCodeAt(j);
        if (d === 92 && j + 1 < to) j += 2;
        else if (d === c) break;
        else j++;
      }
      i = j + 1;
      continue;
    }
    while (i < to && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
  }
  return false;
}

/**
 * Everything the scan of one file tracks, in one object of one fixed shape (every field set in the
 * constructor, none added later). The per-line work is in top-level functions taking it, not in
 * closures made inside scan(): V8 optimises closures per instance, and each scan() call made new
 * ones, so the large per-line closure was compiled again in every file's first hot loop (issue 13).
 */
class ScanState {
  readonly stack: Frame[] = [];
  readonly entries: Entry[] = [];
  /** entries by name, per `${vdom}\u0000${table}` */
  readonly byTable = new Map<string, Map<string, Entry>>();
  lastVdom = '';
  lastTable = '';
  lastEntries = new Map<string, Entry>();
  readonly vdoms: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  configVersion: Scan['configVersion'] = undefined;
  configBlocks = 0;
  ctx: Context = { vdom: DEFAULT_VDOM };
  /** line where an open multi-line quoted value started, 0 when none */
  quoteFrom = 0;
  quoteInEntry = false;
  readonly cursor: Cursor;
  /** the raw line being read, [lineStart, lineEnd) */
  lineStart = 0;
  lineEnd = 0;
  /** the on-demand entry whose lines are being passed over, from openFrom (line openLine) */
  open: OnDemandEntry | undefined = undefined;
  openFrom = 0;
  openLine = 0;
  /** stack depth from which the blocks lead to no wanted table (leadsNowhere), -1 when outside such blocks */
  nowhereFrom = -1;
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.cursor = new Cursor(text);
  }
}

/** The context after the stack changed; enters (or creates) the wanted entry the stack is in. */
function refresh(st: ScanState, lineNo: number): void {
  if (st.open) {
    st.open.spans.push(st.openFrom, st.lineStart, st.openLine);
    st.open = undefined;
  }
  const ctx = contextOf(st.stack);
  st.ctx = ctx;
  if (ctx.table) {
    const stack = st.stack;
    const top = stack[stack.length - 1];
    const name = top.kind === 'edit' ? top.name : '';
    const line = top.line;
    // consecutive edits are in the same table: its map is kept at hand (no key string per edit)
    if (ctx.vdom !== st.lastVdom || ctx.table !== st.lastTable) {
      st.lastVdom = ctx.vdom;
      st.lastTable = ctx.table;
      const tableKey = `${ctx.vdom}\u0000${ctx.table}`;
      st.lastEntries = st.byTable.get(tableKey) ?? new Map<string, Entry>();
      st.byTable.set(tableKey, st.lastEntries);
    }
    const byKey = st.lastEntries;
    const key = name;
    let e = byKey.get(key);
    if (!e) {
      e = ON_DEMAND.has(ctx.table)
        ? new OnDemandEntry(ctx.table, ctx.vdom, name, line, st.text)
        : { table: ctx.table, vdom: ctx.vdom, name, line, fields: new Map() };
      byKey.set(key, e);
      st.entries.push(e);
    }
    ctx.entry = e;
    if (e instanceof OnDemandEntry) {
      st.open = e;
      st.openFrom = st.lineEnd + 1;
      st.openLine = lineNo + 1;
    }
  }
}

/** refresh after the stack changed, unless still inside blocks that lead nowhere */
function settle(st: ScanState, lineNo: number): void {
  if (st.nowhereFrom >= 0) {
    // (an `edit` replacing the edit that began such blocks leads nowhere just the same)
    if (st.stack.length >= st.nowhereFrom) return;
    st.nowhereFrom = -1;
  }
  refresh(st, lineNo);
  if (leadsNowhere(st.stack)) st.nowhereFrom = st.stack.length;
}

/** One trimmed, non-empty line [a, b) of src (the text itself, or a line cleanLine changed). */
function scanLine(st: ScanState, src: string, a: number, b: number, lineNo: number): void {
  if (src.charCodeAt(a) === 35 /* # */) {
    if (!st.configVersion && src.startsWith('#config-version=', a)) st.configVersion = { text: src.slice(a + 16, b), line: lineNo };
    return;
  }
  const stack = st.stack;
  switch (wordAt(src, a, b)) {
    case CONFIG: {
      const path = src
        .slice(a + 6, b)
        .trim()
        .replace(/\s+/g, ' ');
      st.configBlocks++;
      stack.push({ kind: 'config', path, line: lineNo });
      settle(st, lineNo);
      break;
    }
    case EDIT: {
      const name = editName(src, a, b);
      // `edit` right after an edit: the `next` was left out (hand-typed sessions)
      if (stack.length && stack[stack.length - 1].kind === 'edit') stack.pop();
      const parent = stack[stack.length - 1];
      if (parent && parent.kind === 'config' && parent.path === 'vdom' && isWrapperPosition(stack)) {
        if (!st.vdoms.includes(name)) st.vdoms.push(name);
      }
      stack.push({ kind: 'edit', name, line: lineNo });
      settle(st, lineNo);
      break;
    }
    case NEXT:
      if (stack.length && stack[stack.length - 1].kind === 'edit') {
        stack.pop();
        settle(st, lineNo);
      }
      break;
    case END:
      // `end` inside an edit saves it and leaves the table (FortiOS CLI semantics; VDOM sections
      // in backups close with `end` straight after their content)
      if (stack.length && stack[stack.length - 1].kind === 'edit') stack.pop();
      if (stack.length && stack[stack.length - 1].kind === 'config') stack.pop();
      settle(st, lineNo);
      break;
    case VERB:
      scanVerb(st, src, a, b, lineNo);
      break;
    default: {
      const entry = st.ctx.entry;
      if (!entry) break; // outside a wanted entry an unknown line (or a prompt echo) changes nothing
      if (PROMPT.test(src.slice(a, b))) break; // prompt echo in a saved session
      st.diagnostics.push({
        level: 'info',
        message: `ignored a line FortiOS does not print inside \`edit "${entry.name}"\``,
        at: { file: st.file, line: lineNo },
      });
    }
  }
}

/** A set/unset/append/select/unselect/clear line [a, b) of src. */
function scanVerb(st: ScanState, src: string, a: number, b: number, lineNo: number): void {
  const entry = st.ctx.entry;
  if (!entry) {
    if (src === st.text ? st.cursor.togglesQuote(a, b) : togglesQuote(src.slice(a, b))) {
      st.quoteFrom = lineNo;
      st.quoteInEntry = false;
    }
    return;
  }
  if (entry instanceof OnDemandEntry) {
    // read later, if ever (readSpans): only whether it opens a multi-line value matters now
    if (src === st.text ? st.cursor.quoteIn(a, b) && opensQuote(src, a, b) : opensQuote(src, a, b)) {
      st.quoteFrom = lineNo;
      st.quoteInEntry = true;
    }
    return;
  }
  const t = src.slice(a, b);
  const lexed = lexLine(t);
  if (lexed.openQuote) {
    st.quoteFrom = lineNo;
    st.quoteInEntry = true;
  }
  applySetting(entry, firstWord(t), lexed, lineNo);
}

export function scan(text: string, file: string): Scan {
  const st = new ScanState(text, file);
  const cursor = st.cursor;
  let lineNo = 0;
  for (let s = 0; ; ) {
    let e = text.indexOf('\n', s);
    const last = e < 0;
    if (last) e = text.length;
    lineNo++;
    st.lineStart = s;
    st.lineEnd = e;
    if (st.quoteFrom) {
      if (cursor.togglesQuote(s, e)) st.quoteFrom = 0;
    } else if (!st.ctx.entry && isSetAt(text, s, e)) {
      // fast path for the bulk of a backup: a `set` line outside any wanted entry only matters
      // when it opens a multi-line quoted value
      if (cursor.togglesQuote(s, e)) {
        st.quoteFrom = lineNo;
        st.quoteInEntry = false;
      }
    } else {
      let src = text;
      let a = s;
      let b = e;
      if (cursor.needsCleaning(s, e)) {
        src = cleanLine(text.slice(s, e));
        a = 0;
        b = src.length;
      }
      while (a < b && isSpace(src.charCodeAt(a))) a++;
      while (b > a && isSpace(src.charCodeAt(b - 1))) b--;
      if (a < b) scanLine(st, src, a, b, lineNo);
    }
    if (last) break;
    s = e + 1;
  }
  if (st.open) st.open.spans.push(st.openFrom, text.length + 1, st.openLine);

  const stack = st.stack;
  if (st.quoteFrom) {
    const msg = `expected the closing quote of the value opened at line ${st.quoteFrom}; the file ends inside it (truncated?)`;
    const paths = tablePaths(stack);
    if (st.quoteInEntry || stack.some((f, idx) => f.kind === 'config' && MATTERS.has(paths[idx]))) throw new ParseError(file, lineNo, msg);
    st.diagnostics.push({ level: 'warning', message: msg, at: { file, line: st.quoteFrom } });
  }
  if (stack.length) checkUnclosed(stack, file, lineNo, st.diagnostics);
  return { entries: st.entries, vdoms: st.vdoms, configVersion: st.configVersion, configBlocks: st.configBlocks, diagnostics: st.diagnostics };
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
 * True when contextOf finds no wanted table in this stack nor in any deeper one (firewall policy,
 * VIPs, an entry's own sub-table…): inside it the scan tracks only block structure and quotes,
 * without asking contextOf at every edit and next. Deeper stacks of one that leads nowhere lead
 * nowhere too, so the scan only asks when it is not inside such a block already.
 */
function leadsNowhere(stack: Frame[]): boolean {
  let start = 0;
  const f = stack[0];
  if (f?.kind === 'config' && f.path === 'global') start = 1;
  else if (f?.kind === 'config' && f.path === 'vdom') {
    if (stack.length === 1) return false;
    if (stack[1].kind !== 'edit') return true;
    start = 2;
  }
  let path = '';
  let i = start;
  while (i < stack.length && stack[i].kind === 'config') {
    path += (path ? ' ' : '') + (stack[i] as { path: string }).path;
    i++;
    if (path.length > LONGEST_TABLE) return true;
  }
  if (i === stack.length) return path !== '' && !TABLE_PREFIXES.has(path);
  // an edit ends the run of configs: that edit can be an entry, nothing under it can
  return !WANTED.has(path) || i < stack.length - 1;
}

/** lexLine(line.slice(from, to)).tokens[1] ?? '' for an `edit` line: the entry name, without the other tokens. */
function editName(line: string, from: number, to: number): string {
  let i = from + 4; // past `edit`
  while (i < to && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (i >= to) return '';
  const c = line.charCodeAt(i);
  if (c === 35 /* # */) return ''; // a comment, not a name
  if (c === 34 || c === 39) {
    let j = i + 1;
    while (j < to && line.charCodeAt(j) !== c && line.charCodeAt(j) !== 92) j++;
    // no escape before the closing quote (the usual case): the name is a plain slice
    if (j < to && line.charCodeAt(j) === c) return line.slice(i + 1, j);
    return lexLine(line.slice(from, to)).tokens[1] ?? '';
  }
  let j = i;
  while (j < to && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
  return line.slice(i, j);
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
