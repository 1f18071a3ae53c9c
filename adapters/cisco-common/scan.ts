/**
 * The scanner a parse reads a Cisco text with (issue 13): cleanLines and buildBlocks in one pass.
 *
 * A hub is mostly ACL entries, objects and object-groups (`access-list outside_access_in …`,
 * `object network …` with its `host` / `description` / `nat`), and only the address book reads
 * them, only for the few ACLs a crypto map names. Those lines take a fast path: they are known by
 * their first word, compared by char codes, and kept as runs — consecutive lines as one range of
 * the text, and for ACL entries one run per name — so a hub's ACL that no crypto map names is one
 * run, never split into words, stored line by line or made into strings; a run is read into
 * blocks (Run → readRun) only when the book asks for its name (addresses.ts).
 *
 * Every other line, and any line the fast path cannot vouch for, takes the reference path:
 * cleanLine (lines.ts) and the block rules of blocks.ts, so the two agree by construction on it.
 * The fast path only takes a line on which the reference would do nothing but trim it and read
 * its first word: no pager remnant or backspace, no banner open, and a first word that is one of
 * the words below (so not a prompt, noise, `exit` or a banner). test/adapters/cisco-scan.test.ts
 * holds the scanner to the reference (cleanLines + buildBlocks + collectAddressBook).
 */
import type { BookSource, Run } from './addresses.js';
import { type Block, type Kind, belongsTo, kindOf } from './blocks.js';
import {
  type CiscoLine,
  type CleanState,
  type Release,
  byLength,
  cleanLine,
  commandLine,
  firstKey,
  indentAt,
  keptLine,
  lineEnd,
  pastedIndentOf,
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

/** What the fast path knows of a line from its first word (NONE: take the reference path). */
const NONE = 0;
const CHILD = 1;
const ACL = 2;
const OBJECT = 3;
const GROUP = 4;

function fastKind(text: string, s: number, we: number): number {
  const c = text.charCodeAt(s);
  if (c >= 48 && c <= 57) {
    for (let i = s + 1; i < we; i++) {
      const d = text.charCodeAt(i);
      if (d < 48 || d > 57) return NONE;
    }
    return CHILD;
  }
  if (wordIn(HEADS_BY_LENGTH, text, s, we)) return wordIs(text, s, we, 'access-list') ? ACL : wordIs(text, s, we, 'object') ? OBJECT : GROUP;
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
 * Lines kept as text. `lines` runs hold sub-commands of one block; the others hold whole blocks
 * (heads and their sub-commands) of one kind, an `acl` run the entries of one ACL. `tail`: what
 * the last block of the run got after the run was closed (lines the reference path made, or a
 * later run of sub-commands), in order.
 */
interface TextRun extends Run {
  kind: 'acl' | 'object' | 'object-group' | 'lines';
  /** an `acl` run's ACL name ('' for `access-list` alone) */
  acl?: string;
  /** `access-list NAME ` as its first line spells it at the margin: a line starting so is its next entry */
  prefix?: string;
  tail?: Array<CiscoLine | TextRun>;
}

/** A block the book reads whose head the reference path made; its sub-commands may be runs. */
class PiecesBlock implements Block {
  readonly pieces: Array<CiscoLine | TextRun> = [];
  #children: CiscoLine[] | undefined;
  constructor(
    readonly head: CiscoLine,
    private readonly read: (pieces: Array<CiscoLine | TextRun>) => CiscoLine[],
  ) {}
  /** (read once the scan is over: no piece is added after) */
  get children(): CiscoLine[] {
    this.#children ??= this.read(this.pieces);
    return this.#children;
  }
}

export interface Scanned {
  /** every block but those whose head starts with a BOOK_HEADS word (config.ts's `blocks`) */
  blocks: Block[];
  /** every block the address book reads */
  book: BookSource;
  /** the first line kept (an error about a text that is not Cisco quotes it); undefined: nothing kept */
  first?: CiscoLine;
  /** some top-level line satisfies the marker test (checked in file order until one does) */
  marked: boolean;
  promptHostname?: string;
  release?: Release;
}

/** Scan a Cisco text into blocks and an address-book source. Pure. */
export function scanCisco(text: string, isMarker: (line: CiscoLine) => boolean): Scanned {
  const len = text.length;
  const st: CleanState = { margin: pastedIndentOf(text) };
  const margin = st.margin;
  const blocks: Block[] = [];
  const bookBlocks: Block[] = [];
  const aclRuns = new Map<string, TextRun[]>();
  const objectRuns: TextRun[] = [];
  const groupRuns: TextRun[] = [];
  let first: CiscoLine | undefined;
  let marked = false;

  // the open block: kept in a run (`openRun`, its last block), a PiecesBlock, or a plain block
  let isOpen = false;
  let openKind: Kind = 'other';
  let openRun: TextRun | undefined;
  let openPieces: PiecesBlock | undefined;
  let openPlain: Block | undefined;
  /** the run the next fast line may extend; closed by any line not added to it */
  let cur: TextRun | undefined;

  const open = (kind: Kind, run: TextRun | undefined, pieces: PiecesBlock | undefined, plain: Block | undefined): void => {
    isOpen = true;
    openKind = kind;
    openRun = run;
    openPieces = pieces;
    openPlain = plain;
  };
  /** where the sub-commands of the open block go when it is not the last block of `cur` */
  const openTail = (): Array<CiscoLine | TextRun> | undefined => {
    if (openRun) {
      openRun.tail ??= [];
      return openRun.tail;
    }
    return openPieces?.pieces;
  };
  const readLines = (run: TextRun): CiscoLine[] => {
    const out: CiscoLine[] = [];
    readRun(text, margin, run, (line) => out.push(line));
    return out;
  };
  const readPieces = (pieces: Array<CiscoLine | TextRun>): CiscoLine[] => pieces.flatMap((p) => ('kind' in p ? readLines(p) : [p]));
  const blocksOf = (run: Run): Block[] => {
    const out: Block[] = [];
    readRun(text, margin, run, (line, head) => {
      if (head) out.push({ head: line, children: [] });
      else out.at(-1)?.children.push(line);
    });
    const tail = (run as TextRun).tail;
    if (tail) out.at(-1)?.children.push(...readPieces(tail));
    return out;
  };

  /** the reference path for a line made into a CiscoLine (buildBlocks, with the book's blocks set apart) */
  const feed = (line: CiscoLine): void => {
    cur = undefined;
    first ??= line;
    if (!marked && line.indent === 0) marked = isMarker(line);
    if (isOpen && belongsTo(openKind, line)) {
      const tail = openTail();
      if (tail) tail.push(line);
      else openPlain?.children.push(line);
      return;
    }
    const head = firstKey(line) as string;
    const kind = kindOf(line);
    if (BOOK_HEADS.includes(head) || kind === 'acl') {
      const block = new PiecesBlock(line, readPieces);
      bookBlocks.push(block);
      // an `ip access-list` block is read by everyone (its head), its entries by the book alone
      if (kind === 'acl') blocks.push(block);
      open(kind, undefined, block, undefined);
    } else {
      const block: Block = { head: line, children: [] };
      blocks.push(block);
      // `no …` / `clear configure access-list …` take ACLs away, in file order
      if (head === 'no' || head === 'clear') bookBlocks.push(block);
      open(kind, undefined, undefined, block);
    }
  };

  /** a run starting at line n (text offset ls), its end after line le */
  const newRun = (kind: TextRun['kind'], ls: number, le: number, n: number): TextRun => {
    cur = { kind, start: ls, end: le === len ? len : le + 1, n };
    return cur;
  };
  const extend = (run: TextRun, le: number): void => {
    run.end = le === len ? len : le + 1;
  };

  /** An access-list / object / object-group head at text[s, e): global when indented, no sub-command at the margin, so always a head. */
  const fastHead = (fast: number, ls: number, le: number, n: number, s: number, we: number, e: number, indent: number): void => {
    if (first === undefined || (!marked && indent === 0)) {
      const line = commandLine(n, indent, text.slice(s, e));
      first ??= line;
      if (!marked && indent === 0) marked = isMarker(line);
    }
    let run: TextRun;
    if (fast === ACL) {
      // consecutive entries of one ACL are one run: the name is compared in place, sliced once per run
      const ns = trimmedStart(text, we, e);
      const ne = wordEnd(text, ns, e);
      const name = cur?.kind === 'acl' ? cur.acl : undefined;
      if (cur && name !== undefined && ne - ns === name.length && text.startsWith(name, ns)) run = cur;
      else {
        run = newRun('acl', ls, le, n);
        const acl = text.slice(ns, ne);
        run.acl = acl;
        if (s === ls && ne < e && acl !== '') run.prefix = text.slice(ls, ne + 1);
        // a nameless `access-list` is a block that does nothing to the book: its run is listed nowhere
        if (acl !== '') {
          const list = aclRuns.get(acl);
          if (list) list.push(run);
          else aclRuns.set(acl, [run]);
        }
      }
    } else {
      const kind = fast === OBJECT ? 'object' : 'object-group';
      if (cur?.kind === kind) run = cur;
      else {
        run = newRun(kind, ls, le, n);
        (fast === OBJECT ? objectRuns : groupRuns).push(run);
      }
    }
    extend(run, le);
    cur = run;
    // an ACL entry's block is `other`; `object network` / `object-group network` are read as such
    open(fast === ACL ? 'other' : networkKind(text, we, e, fast === OBJECT ? 'object' : 'object-group'), run, undefined, undefined);
  };

  /** A sub-command at text[s, e) of the open block (indented, not global: it belongs to it). */
  const fastChild = (ls: number, le: number, n: number, s: number, e: number, indent: number): void => {
    if (openPlain) {
      cur = undefined;
      openPlain.children.push(commandLine(n, indent, text.slice(s, e)));
      return;
    }
    if (cur !== undefined && (cur === openRun || cur.kind === 'lines')) {
      extend(cur, le);
      return;
    }
    openTail()?.push(newRun('lines', ls, le, n));
  };

  /** Line n at text[ls, le) by the fast path; false: the reference path must read it. */
  const backspace = new NextAt(text, '\b');
  const dashes = new NextAt(text, '--');
  const arrow = new NextAt(text, '<-');
  const fastLine = (ls: number, le: number, n: number): boolean => {
    if (st.bannerEnd !== undefined || backspace.within(ls, le) || dashes.within(ls, le) || arrow.within(ls, le)) return false;
    // the commonest lines of a hub, spelled as the line before: the next entry of the ACL being read
    // (its `access-list NAME ` at the margin) or the next `object network ` of a run of objects are heads
    // of that run, and nothing else needs knowing (the marker was found: `marked`)
    if (marked && cur !== undefined) {
      const kind =
        cur.prefix !== undefined && text.startsWith(cur.prefix, ls)
          ? 'other'
          : cur.kind === 'object' && text.startsWith('object network ', ls)
            ? 'object'
            : undefined;
      if (kind !== undefined) {
        extend(cur, le);
        open(kind, cur, undefined, undefined);
        return true;
      }
    }
    const e = trimmedEnd(text, ls, le);
    const s = trimmedStart(text, ls, e);
    if (s === e) {
      // a blank line is noise (readRun skips it too)
      if (cur) extend(cur, le);
      return true;
    }
    const we = wordEnd(text, s, e);
    // (a prompt is no concern: its `#` or `>` ends its first word, which then is no word of ours)
    const fast = fastKind(text, s, we);
    if (fast === NONE) return false;
    const indent = Math.max(0, indentAt(text, ls) - margin);
    if (fast !== CHILD) fastHead(fast, ls, le, n, s, we, e, indent);
    else if (isOpen && indent > 0) fastChild(ls, le, n, s, e, indent);
    else feed(commandLine(n, indent, text.slice(s, e)));
    return true;
  };

  for (let ls = 0, n = 1; ; n++) {
    const le = lineEnd(text, ls);
    if (!fastLine(ls, le, n)) {
      const kept = cleanLine(text.slice(ls, le), n, st);
      if (kept?.exit) {
        first ??= keptLine(n, kept);
        isOpen = false;
        cur = undefined;
      } else if (kept) feed(keptLine(n, kept));
      else cur = undefined; // noise: readRun could not tell it from a sub-command
    }
    if (le === len) break;
    ls = le + 1;
  }

  const out: Scanned = { blocks, book: { blocks: bookBlocks, aclRuns, objectRuns, groupRuns, blocksOf }, marked };
  if (first) out.first = first;
  if (st.promptHostname !== undefined) out.promptHostname = st.promptHostname;
  if (st.release) out.release = st.release;
  return out;
}

/**
 * The lines of a run, as the scan took them: blank lines skipped, a line whose first word is a
 * book head starts a block (`head` true), any other is a sub-command of the block before.
 */
function readRun(text: string, margin: number, run: Run, take: (line: CiscoLine, head: boolean) => void): void {
  for (let ls = run.start, n = run.n; ls < run.end; n++) {
    const le = lineEnd(text, ls);
    const e = trimmedEnd(text, ls, le);
    const s = trimmedStart(text, ls, e);
    if (s < e) {
      const line = commandLine(n, Math.max(0, indentAt(text, ls) - margin), text.slice(s, e));
      take(line, fastKind(text, s, wordEnd(text, s, e)) !== CHILD);
    }
    ls = le + 1;
  }
}

/** kindOf an `object …` / `object-group …` head, its first word ending at we: `kind` with `network` as second word, else `other`. */
function networkKind(text: string, we: number, e: number, kind: Kind): Kind {
  const ws = trimmedStart(text, we, e);
  return wordIs(text, ws, wordEnd(text, ws, e), 'network') ? kind : 'other';
}
