/**
 * The scanner a parse reads a Cisco text with (issue 13): cleanLines and buildBlocks in one pass.
 *
 * A hub is mostly ACL entries, objects and object-groups (`access-list outside_access_in …`,
 * `object network …` with its `host` / `description` / `nat`), and only the address book reads
 * them, only for the few ACLs a crypto map names. Those lines take a fast path: they are found by
 * their first word, compared by char codes, and kept as places in the text (LineStore: numbers,
 * no string, no object), made into CiscoLines only when the book replays them (addresses.ts,
 * through BookSource). Every other line, and any line the fast path cannot vouch for, takes the
 * reference path: cleanLine (lines.ts) and the block rules of blocks.ts, so the two agree on it
 * by construction. The fast path only takes a line on which the reference would do nothing but
 * trim it and read its first word: no pager remnant or backspace, no banner open, and a first
 * word that is one of the words below (so not a prompt, noise, `exit` or a banner).
 */
import { type BookSource, blockSource } from './addresses.js';
import { type Block, type Kind, belongsTo, kindOf } from './blocks.js';
import {
  type CiscoLine,
  type CleanState,
  type Release,
  cleanLine,
  commandLine,
  firstKey,
  indentAt,
  isAsciiRange,
  keptLine,
  lineEnd,
  byLength,
  pastedIndentOf,
  splitWords,
  trimmedEnd,
  trimmedStart,
  wordEnd,
  wordIn,
  wordIs,
} from './lines.js';

/** First words of the blocks only the address book reads (config.ts leaves them out of `blocks`). */
const BOOK_HEADS: readonly string[] = ['access-list', 'object', 'object-group'];

/**
 * First words of the lines under them: not noise, `exit`, a banner or a session command, not a
 * command blocks.ts calls global (an indented one belongs to the open block), so the reference
 * path would only trim them. An IOS entry's sequence number (all digits) is one too.
 */
const BOOK_CHILDREN: readonly string[] = [
  'host',
  'description',
  'nat',
  'subnet',
  'range',
  'fqdn',
  'network-object',
  'group-object',
  'port-object',
  'service-object',
  'protocol-object',
  'icmp-object',
  'permit',
  'deny',
  'remark',
];

const HEADS_BY_LENGTH = byLength(BOOK_HEADS);
const CHILDREN_BY_LENGTH = byLength(BOOK_CHILDREN);

/** What the fast path knows of a line, from its first word (NONE: take the reference path). */
const NONE = 0;
const CHILD = 1;
/** a head: BOOK_HEADS[code - HEAD] */
const HEAD = 2;

function fastKind(text: string, s: number, we: number): number {
  if (!isAsciiRange(text, s, we)) return NONE;
  let digits = true;
  for (let i = s; i < we && digits; i++) {
    const c = text.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) return CHILD;
  if (wordIn(HEADS_BY_LENGTH, text, s, we)) {
    for (let h = 0; h < BOOK_HEADS.length; h++) if (wordIs(text, s, we, BOOK_HEADS[h])) return HEAD + h;
  }
  return wordIn(CHILDREN_BY_LENGTH, text, s, we) ? CHILD : NONE;
}

/** Where `needle` next occurs in a text: one indexOf per occurrence, so asking line after line is linear. */
class NextAt {
  private pos = -1;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  /** does the needle occur in [from, to)? (from never decreases between calls) */
  within(from: number, to: number): boolean {
    if (this.pos < from) {
      const p = this.text.indexOf(this.needle, from);
      this.pos = p < 0 ? Number.POSITIVE_INFINITY : p;
    }
    return this.pos < to;
  }
}

/**
 * The lines of the address-book blocks, as numbers: line number, indentation and the place of
 * the trimmed text. A line the reference path made (start -1) is kept as that line.
 */
class LineStore {
  readonly n: number[] = [];
  readonly indent: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  /** fastKind of the line (NONE: made by the reference path) */
  readonly code: number[] = [];
  readonly made = new Map<number, CiscoLine>();
  constructor(readonly text: string) {}
  get size(): number {
    return this.n.length;
  }
  addRange(n: number, indent: number, s: number, e: number, code: number): number {
    this.n.push(n);
    this.indent.push(indent);
    this.start.push(s);
    this.end.push(e);
    this.code.push(code);
    return this.n.length - 1;
  }
  addLine(line: CiscoLine): number {
    const i = this.addRange(line.n, line.indent, -1, -1, NONE);
    this.made.set(i, line);
    return i;
  }
  line(i: number): CiscoLine {
    if (this.code[i] === NONE) return this.made.get(i) as CiscoLine;
    return commandLine(this.n[i], this.indent[i], this.text.slice(this.start[i], this.end[i]));
  }
  lines(from: number, to: number): CiscoLine[] {
    const out: CiscoLine[] = [];
    for (let i = from; i < to; i++) out.push(this.line(i));
    return out;
  }
  /** word k of line i as written (its words, cut short: the text is trimmed) */
  word(i: number, k: number): string | undefined {
    if (this.code[i] === NONE) return splitWords((this.made.get(i) as CiscoLine).text, k + 1)[k];
    const s = this.wordStart(i, k);
    return s < this.end[i] ? this.text.slice(s, wordEnd(this.text, s, this.end[i])) : undefined;
  }
  /** is word k of line i `name`? (compared in place: consecutive entries of one ACL are not sliced) */
  wordEquals(i: number, k: number, name: string): boolean {
    if (this.code[i] === NONE) return this.word(i, k) === name;
    const s = this.wordStart(i, k);
    return wordEnd(this.text, s, this.end[i]) - s === name.length && this.text.startsWith(name, s);
  }
  private wordStart(i: number, k: number): number {
    const e = this.end[i];
    let s = this.start[i];
    for (let j = 0; j < k && s < e; j++) s = trimmedStart(this.text, wordEnd(this.text, s, e), e);
    return s;
  }
  /** the first word in lower case */
  first(i: number): string {
    const code = this.code[i];
    return code >= HEAD ? BOOK_HEADS[code - HEAD] : (firstKey(this.line(i)) as string);
  }
}

/** An `ip access-list` block: its head is read by everyone, its entries (kept in the store) by the book alone. */
class StoredBlock implements Block {
  #children: CiscoLine[] | undefined;
  constructor(
    readonly head: CiscoLine,
    private readonly store: LineStore,
    private readonly from: number,
    private readonly to: () => number,
  ) {}
  get children(): CiscoLine[] {
    this.#children ??= this.store.lines(this.from, this.to());
    return this.#children;
  }
}

export interface Scanned {
  /** every block but those whose head starts with a BOOK_HEADS word (config.ts's `blocks`) */
  blocks: Block[];
  /** every block the address book reads, in file order */
  book: BookSource;
  /** the first line kept (an error about a text that is not Cisco quotes it); undefined: nothing kept */
  first?: CiscoLine;
  /** some top-level line satisfies the marker test (checked in file order until one does) */
  marked: boolean;
  promptHostname?: string;
  release?: Release;
}

/** The open block: a list of lines (blocks), or a range of the store. */
interface Open {
  kind: Kind;
  block?: Block;
  /** its lines go to the store, and its book entry is `pos` */
  stored: boolean;
  pos: number;
}

/** Scan a Cisco text into blocks and an address-book source. Pure. */
export function scanCisco(text: string, isMarker: (line: CiscoLine) => boolean): Scanned {
  const st: CleanState = { margin: pastedIndentOf(text) };
  const store = new LineStore(text);
  const blocks: Block[] = [];
  /** the address book's blocks: a store index (the head; its lines run to bookEnd) or a block */
  const book: Array<number | Block> = [];
  const bookEnd: number[] = [];
  let open: Open | undefined;
  let first: CiscoLine | undefined;
  let marked = false;
  const backspace = new NextAt(text, '\b');
  const dashes = new NextAt(text, '--');
  const arrow = new NextAt(text, '<-');

  const openStored = (kind: Kind, i: number, block?: Block): void => {
    book.push(i);
    bookEnd.push(i + 1);
    open = { kind, block, stored: true, pos: book.length - 1 };
  };
  const addChild = (o: Open, line: CiscoLine | undefined, n: number, indent: number, s: number, e: number): void => {
    if (o.stored) bookEnd[o.pos] = (line ? store.addLine(line) : store.addRange(n, indent, s, e, CHILD)) + 1;
    else o.block?.children.push(line ?? commandLine(n, indent, text.slice(s, e)));
  };
  /** the reference path for a line made into a CiscoLine (buildBlocks, with the book's blocks set apart) */
  const feed = (line: CiscoLine): void => {
    first ??= line;
    if (!marked && line.indent === 0) marked = isMarker(line);
    if (open && belongsTo(open.kind, line)) {
      addChild(open, line, 0, 0, 0, 0);
      return;
    }
    const head = firstKey(line) as string;
    const kind = kindOf(line);
    if (BOOK_HEADS.includes(head)) {
      openStored(kind, store.addLine(line));
    } else if (kind === 'acl') {
      const pos = book.length;
      const i = store.addLine(line);
      const block = new StoredBlock(line, store, i + 1, () => bookEnd[pos]);
      blocks.push(block);
      openStored(kind, i, block);
    } else {
      const block: Block = { head: line, children: [] };
      blocks.push(block);
      // `no …` / `clear configure access-list …` take ACLs away, in file order
      if (head === 'no' || head === 'clear') {
        book.push(block);
        bookEnd.push(-1);
      }
      open = { kind, block, stored: false, pos: -1 };
    }
  };

  /** Line n at text[ls, le) by the fast path; false: the reference path must read it. */
  const fastLine = (ls: number, le: number, n: number): boolean => {
    if (st.bannerEnd !== undefined || backspace.within(ls, le) || dashes.within(ls, le) || arrow.within(ls, le)) return false;
    const e = trimmedEnd(text, ls, le);
    const s = trimmedStart(text, ls, e);
    if (s === e) return true; // a blank line is noise
    const we = wordEnd(text, s, e);
    // (a prompt is no concern: its `#` or `>` ends its first word, which then is no word of ours)
    const fast = fastKind(text, s, we);
    if (fast === NONE) return false;
    const indent = Math.max(0, indentAt(text, ls) - st.margin);
    if (fast >= HEAD) {
      // access-list / object / object-group: global when indented, no sub-command at the margin, so always a head
      if (first === undefined || (!marked && indent === 0)) {
        const line = commandLine(n, indent, text.slice(s, e));
        first ??= line;
        if (!marked && indent === 0) marked = isMarker(line);
      }
      openStored(fast === HEAD ? 'other' : objectKind(text, s, we, e), store.addRange(n, indent, s, e, fast));
    } else if (open && indent > 0) {
      // no global command: an indented one belongs to the open block
      addChild(open, undefined, n, indent, s, e);
    } else {
      feed(commandLine(n, indent, text.slice(s, e)));
    }
    return true;
  };

  const len = text.length;
  for (let ls = 0, n = 1; ; n++) {
    const le = lineEnd(text, ls);
    if (!fastLine(ls, le, n)) {
      const kept = cleanLine(text.slice(ls, le), n, st);
      if (kept?.exit) {
        first ??= keptLine(n, kept);
        open = undefined;
      } else if (kept) feed(keptLine(n, kept));
    }
    if (le === len) break;
    ls = le + 1;
  }

  const source: BookSource = {
    size: book.length,
    first: (p) => {
      const b = book[p];
      return typeof b === 'number' ? store.first(b) : blockSource([b]).first(0);
    },
    word: (p, k) => {
      const b = book[p];
      return typeof b === 'number' ? store.word(b, k) : blockSource([b]).word(0, k);
    },
    wordEquals: (p, k, name) => {
      const b = book[p];
      return typeof b === 'number' ? store.wordEquals(b, k, name) : blockSource([b]).word(0, k) === name;
    },
    block: (p) => {
      const b = book[p];
      return typeof b === 'number' ? { head: store.line(b), children: store.lines(b + 1, bookEnd[p]) } : b;
    },
  };
  const out: Scanned = { blocks, book: source, marked };
  if (first) out.first = first;
  if (st.promptHostname !== undefined) out.promptHostname = st.promptHostname;
  if (st.release) out.release = st.release;
  return out;
}

/** kindOf an `object …` / `object-group …` head at text[s, e) (first word ending at we), without splitting it. */
function objectKind(text: string, s: number, we: number, e: number): Kind {
  const ws = trimmedStart(text, we, e);
  const we2 = wordEnd(text, ws, e);
  const network = isAsciiRange(text, ws, we2) ? wordIs(text, ws, we2, 'network') : text.slice(ws, we2).toLowerCase() === 'network';
  if (!network) return 'other';
  return wordIs(text, s, we, 'object') ? 'object' : 'object-group';
}
