/**
 * A fast line scanner for FortiOS configuration text (backups, `show`, `show full-configuration`,
 * saved CLI sessions). It tracks the `config` / `edit` / `next` / `end` block stack for the whole
 * file but tokenizes and keeps only the `set` lines of the few tables the IPsec model needs; the
 * rest of a backup (firewall policy, replacement messages, certificates) is skipped, read as
 * offsets into the text (no line strings): runs of plain lines with one regular-expression match
 * each (passOver, deferEntries), any other line one by one. Address objects are tokenized only when
 * a phase 2 asks for one (OnDemandEntry), and whole plain address entries are made only then
 * (DeferredRun).
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
  /**
   * Every entry of the wanted tables, in file order. The address entries of runs the scan passed
   * over (DeferredRun) are made when this is first read.
   */
  readonly entries: Entry[];
  /** The entries of the wanted tables other than address objects and groups, in file order, all made during the scan. */
  kept: Entry[];
  /** VDOM names declared by `config vdom` / `edit <name>`; empty when the device is not in multi-VDOM mode */
  vdoms: string[];
  /** `#config-version=…` header, when present */
  configVersion?: { text: string; line: number };
  /** number of `config …` lines seen: 0 means this is not FortiOS configuration text */
  configBlocks: number;
  diagnostics: Diagnostic[];
}

/**
 * A `config` frame remembers what viewOf found for the stack it tops (`here`) and for that stack
 * plus one `edit` (`under`): the frames below it cannot change while it is on the stack, so each
 * `edit`/`next` of a table of thousands of entries costs a field read, not a path built again.
 */
type ConfigFrame = { kind: 'config'; path: string; line: number; here: View | undefined; under: View | undefined };
type Frame = ConfigFrame | { kind: 'edit'; name: string; line: number };

/** contextOf and leadsNowhere of one stack, without the entry. */
interface View {
  vdom: string;
  table: Table | undefined;
  nowhere: boolean;
}

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
  // the next backslash at or after where it was last searched from: -2 not searched yet, -1 none
  // (searched once per line, not once per quoted value: a line of thousands of values stays linear)
  let bs = -2;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 35 /* # */ && tokens.length > 0) {
      end = i;
      break;
    }
    if (c === 34 || c === 39) {
      // the usual value: a closing quote with no backslash before it, cut out whole
      const close = line.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close >= 0) {
        if (bs !== -1 && bs <= i) bs = line.indexOf('\\', i + 1);
        if (bs < 0 || bs > close) {
          tokens.push(line.slice(i + 1, close));
          i = close + 1;
          continue;
        }
      }
      let out = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = line.charCodeAt(j);
        if (d === 92 && j + 1 < n) {
          out += line[j + 1];
          j += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        out += line[j];
        j++;
      }
      tokens.push(out);
      if (!closed) return { tokens, text: line.trim(), openQuote: c === 34 };
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
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

  /**
   * The first `--More--` at or after from. Searched as `More--` then checked for the two dashes
   * before it: a backup is full of dashes (UUIDs, names), which made the search for the whole
   * marker skip ahead slowly (108 ms vs 13 ms over the bench repo's 198 MB of FortiGate files).
   */
  private static pagerAfter(text: string, from: number): number {
    for (let k = text.indexOf('More--', from + 2); k >= 0; k = text.indexOf('More--', k + 1)) {
      if (text.charCodeAt(k - 1) === 45 && text.charCodeAt(k - 2) === 45) return k - 2;
    }
    return text.length;
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
    return this.nextDirty(from) < to;
  }

  /** Where the first pager marker or backspace at or after from is (text.length when none). */
  nextDirty(from: number): number {
    if (this.nextPager < from) this.nextPager = Cursor.pagerAfter(this.text, from);
    if (this.nextBackspace < from) this.nextBackspace = Cursor.after(this.text, '\b', from);
    return Math.min(this.nextPager, this.nextBackspace);
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

/** The entries of one table of one VDOM by name, and the runs of it passed over and not yet made. */
class TableEntries {
  readonly byName = new Map<string, Entry>();
  readonly pending: DeferredRun[] = [];
  constructor(
    readonly vdom: string,
    readonly table: Table,
  ) {}
}

function tableEntries(st: ScanState, vdom: string, table: Table): TableEntries {
  const tableKey = `${vdom}\u0000${table}`;
  let tbl = st.byTable.get(tableKey);
  if (!tbl) {
    tbl = new TableEntries(vdom, table);
    st.byTable.set(tableKey, tbl);
  }
  return tbl;
}

/**
 * Whole address entries the scan passed over (ENTRY_RUN: `edit`, plain `set` lines, `next`):
 * [from, to), its first line numbered `line`. Its entries are made (makeRun) when the entry list
 * is read, or when the scan reaches another entry of the same table: a name seen again there must
 * find the entry made here, as the line scanner would have.
 */
class DeferredRun {
  made: Entry[] | undefined = undefined;
  constructor(
    readonly from: number,
    readonly to: number,
    readonly line: number,
  ) {}
}

/** Make the pending runs of a table, in file order. */
function makePending(text: string, tbl: TableEntries): void {
  for (const run of tbl.pending) makeRun(text, run, tbl);
  tbl.pending.length = 0;
}

/**
 * The entries of a run, exactly as the line scanner makes them: an `edit` enters the entry of that
 * name (made at its first `edit`), the lines up to its `next` are one span of it.
 */
function makeRun(text: string, run: DeferredRun, tbl: TableEntries): void {
  const made: Entry[] = [];
  let entry: OnDemandEntry | undefined;
  let openFrom = 0;
  let openLine = 0;
  let lineNo = run.line;
  for (let s = run.from; s < run.to; lineNo++) {
    // every line of a run ends with a line feed (ENTRY_RUN)
    const e = text.indexOf('\n', s);
    let a = s;
    while (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9) a++;
    const c = text.charCodeAt(a);
    if (c === 101 /* edit */) {
      let b = e;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      const name = editName(text, a, b);
      let found = tbl.byName.get(name);
      if (!found) {
        found = new OnDemandEntry(tbl.table, tbl.vdom, name, lineNo, text);
        tbl.byName.set(name, found);
        made.push(found);
      }
      entry = found as OnDemandEntry;
      openFrom = e + 1;
      openLine = lineNo + 1;
    } else if (c === 110 /* next */ && entry) {
      entry.spans.push(openFrom, s, openLine);
      entry = undefined;
    }
    s = e + 1;
  }
  run.made = made;
}

/** Every entry in file order, the runs passed over made first. */
function allEntries(st: ScanState): Entry[] {
  for (const tbl of st.byTable.values()) if (tbl.pending.length) makePending(st.text, tbl);
  const out: Entry[] = [];
  for (const x of st.entries) {
    if (x instanceof DeferredRun) {
      for (const e of x.made ?? []) out.push(e);
    } else out.push(x);
  }
  return out;
}

/**
 * Everything the scan of one file tracks, in one object of one fixed shape (every field set in the
 * constructor, none added later). The per-line work is in top-level functions taking it, not in
 * closures made inside scan(): V8 optimises closures per instance, and each scan() call made new
 * ones, so the large per-line closure was compiled again in every file's first hot loop (issue 13).
 */
class ScanState {
  readonly stack: Frame[] = [];
  /** entries and runs of address entries passed over, in file order */
  readonly entries: (Entry | DeferredRun)[] = [];
  readonly kept: Entry[] = [];
  /** entries by name, per `${vdom}\u0000${table}` */
  readonly byTable = new Map<string, TableEntries>();
  lastVdom = '';
  lastTable = '';
  lastEntries = new TableEntries('', 'firewall address');
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
  /** the block that began leading nowhere is a `config` (not an `edit`): its `edit`/`next` lines change nothing that is read (passOver) */
  nowhereIsConfig = false;
  /** set when a pass-over pattern overflowed the regexp stack: the rest of the file is read line by line */
  noPassOver = false;
  /** no run of address entries is passed over before this offset (a pager marker or backspace is there) */
  deferFrom = 0;
  /** lines passOver counted as whole blocks, and where the lines it passed over still to count begin */
  passedLines = 0;
  countFrom = 0;
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
  const view = viewOf(st.stack);
  const ctx: Context = view.table ? { vdom: view.vdom, table: view.table } : { vdom: view.vdom };
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
      st.lastEntries = tableEntries(st, ctx.vdom, ctx.table);
    }
    const tbl = st.lastEntries;
    // the runs passed over before this entry come first: it may be one of theirs
    if (tbl.pending.length) makePending(st.text, tbl);
    const byKey = tbl.byName;
    let e = byKey.get(name);
    if (!e) {
      if (ON_DEMAND.has(ctx.table)) e = new OnDemandEntry(ctx.table, ctx.vdom, name, line, st.text);
      else {
        e = { table: ctx.table, vdom: ctx.vdom, name, line, fields: new Map() };
        st.kept.push(e);
      }
      byKey.set(name, e);
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
  if (viewOf(st.stack).nowhere) {
    st.nowhereFrom = st.stack.length;
    st.nowhereIsConfig = st.stack[st.stack.length - 1].kind === 'config';
  }
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
      stack.push({ kind: 'config', path, line: lineNo, here: undefined, under: undefined });
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
  const lexed = lexLine(src.slice(a, b));
  if (lexed.openQuote) {
    st.quoteFrom = lineNo;
    st.quoteInEntry = true;
  }
  // the verb: the line starts with it (wordAt), so it is the first token whole
  applySetting(entry, lexed.tokens[0], lexed, lineNo);
}

// ---------------------------------------------------------------------------------------------
// Passing over runs of lines that cannot change what the scan keeps (issue 13)

/**
 * The rest of a line whose values are plain words (printable ASCII) and whole "double-quoted"
 * words, separated by spaces or tabs: no backslash, no single quote, no quote inside a word. On such
 * a line lexLine, opensQuote and togglesQuote all agree that no quoted value stays open, so the
 * line is what FortiOS prints for a setting and nothing else; any other line stops the run and is
 * read by the line scanner as before.
 */
const PLAIN_REST = String.raw`(?:[ \t]+(?:[!#-&(-[\]-~]+|"[^"\\\n]*"))*[ \t]*\r?\n`;

/**
 * At most this many lines per match: each repetition takes room on the regexp engine's backtrack
 * stack, and a run capped here keeps a match of any file far below its limit.
 */
const RUN_LINES = 2048;

/**
 * A run of `set` lines: outside any wanted entry and in an address entry (OnDemandEntry) the scan
 * only asks of such a line whether it opens a multi-line quoted value, which a PLAIN_REST line
 * never does.
 */
const SET_RUN = new RegExp(String.raw`(?:[ \t]*set${PLAIN_REST}){1,${RUN_LINES}}`, 'y');

/**
 * The same with `edit` and `next`, for blocks that lead nowhere from a `config` line (firewall
 * policy, VIPs…): there an `edit`/`next` only changes edit frames above that `config`, and edit
 * frames decide nothing there — the `end` that leaves the block pops the same `config` frames
 * with or without them (an `end` pops one edit, if any, then one config), and nothing in such a
 * block is an entry. `config` and `end` lines still stop the run: they are the block structure.
 */
const SKIP_RUN = new RegExp(String.raw`(?:[ \t]*(?:set|edit|next)${PLAIN_REST}){1,${RUN_LINES}}`, 'y');

/**
 * Whole address entries: `edit <one name>`, plain `set` lines, `next`. The line scanner would make
 * an entry for each (or add a span to the entry of that name), report nothing and leave the quote
 * and block state as it found it: a run of them is passed over and made later, if ever (most
 * phase 2s name no address object).
 */
const ENTRY_RUN = new RegExp(
  String.raw`(?:[ \t]*edit[ \t]+(?:"[^"\\\n]*"|[!$-&(-[\]-~][!#-&(-[\]-~]*)[ \t]*\r?\n(?:[ \t]*set${PLAIN_REST})*[ \t]*next[ \t]*\r?\n){1,${RUN_LINES / 4}}`,
  'y',
);

/** An `edit` frame pushed only to ask viewOf what an entry here would be. */
const PROBE: Frame = { kind: 'edit', name: '', line: 0 };

/**
 * At a line start s directly inside an address table (no entry open), the end of the run of whole
 * entries from s, recorded as a DeferredRun; s when there is none.
 */
function deferEntries(st: ScanState, s: number, lineNo: number): number {
  const stack = st.stack;
  const top = stack[stack.length - 1];
  if (top === undefined || top.kind !== 'config' || s < st.deferFrom) return s;
  const text = st.text;
  let p = s;
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  if (text.charCodeAt(p) !== 101 /* e */) return s;
  stack.push(PROBE);
  const view = viewOf(stack);
  stack.pop();
  const table = view.table;
  if (table === undefined || !ON_DEMAND.has(table)) return s;
  ENTRY_RUN.lastIndex = s;
  try {
    if (!ENTRY_RUN.test(text)) return s;
  } catch {
    st.noPassOver = true;
    return s;
  }
  const to = ENTRY_RUN.lastIndex;
  const dirty = st.cursor.nextDirty(s);
  if (dirty < to) {
    // read line by line up to the line after it (a run is whole entries: it is not cut)
    st.deferFrom = dirty;
    return s;
  }
  const tbl = tableEntries(st, view.vdom, table);
  const run = new DeferredRun(s, to, lineNo);
  tbl.pending.push(run);
  st.entries.push(run);
  return to;
}

/** A block of exactly this many SKIP_RUN lines is counted without looking for its line ends. */
const SKIP_BLOCK_LINES = 256;
const SKIP_BLOCK = new RegExp(String.raw`(?:[ \t]*(?:set|edit|next)${PLAIN_REST}){${SKIP_BLOCK_LINES}}`, 'y');

/**
 * The end of the run of lines from s (a line start) the scan may pass over without reading them
 * one by one, or s when the line at s must be read. A run stops before a line with a pager marker
 * or a backspace (cleanLine would change it). A match that overflows the regexp stack (a line of
 * millions of words) turns passing over off for the rest of the file: retrying it at each line
 * would cost the overflow again and again.
 */
function passOver(st: ScanState, s: number): number {
  const text = st.text;
  let p = s;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  const c = text.charCodeAt(p);
  const skipping = st.ctx.entry === undefined && st.nowhereFrom >= 0 && st.nowhereIsConfig;
  // only a line that can start a run is matched (a failed match costs as much as a short one)
  if (c !== 115 /* s */ && !((skipping && (c === 101 /* e */ || c === 110)) /* n */)) return s;
  // (the line scanner cleans a line with a pager marker or backspace before reading it; no plain
  // line is known whose reading cleaning changes, but a run is not trusted across one)
  const dirty = st.cursor.nextDirty(s);
  let from = s;
  try {
    if (skipping) {
      // whole blocks of exactly SKIP_BLOCK_LINES lines first: their lines need no counting
      for (;;) {
        SKIP_BLOCK.lastIndex = from;
        if (!SKIP_BLOCK.test(text) || SKIP_BLOCK.lastIndex > dirty) break;
        from = SKIP_BLOCK.lastIndex;
        st.passedLines += SKIP_BLOCK_LINES;
      }
    }
    const re = skipping ? SKIP_RUN : SET_RUN;
    re.lastIndex = from;
    if (!re.test(text)) {
      st.countFrom = from;
      return from;
    }
    let to = re.lastIndex;
    if (dirty < to) to = Math.max(text.lastIndexOf('\n', dirty) + 1, from);
    st.countFrom = from;
    return to;
  } catch {
    st.noPassOver = true;
    st.countFrom = from;
    return from;
  }
}

/** Number of line ends in [from, to). */
function lineEnds(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * `lineByLine` reads every line one by one, never passing over a run (passOver, deferEntries): the
 * reference the tests compare the fast reading with, on inputs made to tell them apart.
 */
export function scan(text: string, file: string, options: { lineByLine?: boolean } = {}): Scan {
  const st = new ScanState(text, file);
  st.noPassOver = options.lineByLine === true;
  const cursor = st.cursor;
  let lineNo = 0;
  for (let s = 0; ; ) {
    if (!st.quoteFrom && !st.noPassOver && (st.ctx.entry === undefined || st.ctx.entry instanceof OnDemandEntry)) {
      let to = st.ctx.entry === undefined && st.nowhereFrom < 0 ? deferEntries(st, s, lineNo + 1) : s;
      st.passedLines = 0;
      st.countFrom = s;
      if (to === s) to = passOver(st, s);
      if (to > s) {
        lineNo += st.passedLines + lineEnds(text, st.countFrom, to);
        s = to;
        continue;
      }
    }
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
  return new ScanResult(st);
}

/**
 * The scan's answer. A class, not an object literal with a getter: a closure made in scan() (over
 * its state) doubled the time of scanning a file's VPN tables (the GC time of every scavenge).
 */
class ScanResult implements Scan {
  readonly kept: Entry[];
  readonly vdoms: string[];
  readonly configVersion: Scan['configVersion'];
  readonly configBlocks: number;
  readonly diagnostics: Diagnostic[];
  private all: Entry[] | undefined = undefined;
  constructor(private readonly st: ScanState) {
    this.kept = st.kept;
    this.vdoms = st.vdoms;
    this.configVersion = st.configVersion;
    this.configBlocks = st.configBlocks;
    this.diagnostics = st.diagnostics;
  }

  get entries(): Entry[] {
    this.all ??= allEntries(this.st);
    return this.all;
  }
}

function applySetting(entry: Entry, verb: string, lexed: Lexed, line: number): void {
  const tokens = lexed.tokens;
  const key = tokens[1];
  if (key === undefined) return;
  const values = tokens.slice(2);
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

const ROOT_VIEW: View = { vdom: DEFAULT_VDOM, table: undefined, nowhere: false };

/**
 * contextOf and leadsNowhere of the stack, cached in its top `config` frame (or the one under a
 * top `edit`). Not cached under `config vdom` at the bottom: there the edit is the VDOM wrapper and
 * its name is the view's vdom.
 */
function viewOf(stack: Frame[]): View {
  const n = stack.length;
  if (n === 0) return ROOT_VIEW;
  const top = stack[n - 1];
  if (top.kind === 'config') {
    top.here ??= computeView(stack);
    return top.here;
  }
  const parent = stack[n - 2];
  if (parent !== undefined && parent.kind === 'config' && !(n === 2 && parent.path === 'vdom')) {
    parent.under ??= computeView(stack);
    return parent.under;
  }
  return computeView(stack);
}

function computeView(stack: Frame[]): View {
  const ctx = contextOf(stack);
  return { vdom: ctx.vdom, table: ctx.table, nowhere: leadsNowhere(stack) };
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
