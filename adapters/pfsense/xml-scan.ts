/**
 * config.xml in one pass (issue 13): the element tree of the kept top-level sections, read by
 * hand, and the other sections stepped over by native searches, keeping no string of them.
 *
 * This is the fast way to the tree `parseXmlTree` builds from the same file with its three passes
 * (checkDeclarations, onlySections, sax) — never another answer. It reads only the plain XML a
 * pfSense or OPNsense backup is made of and gives up (undefined) at the first thing it does not
 * read exactly as those passes do: then `parseXmlTree` runs them, and a broken file gets its
 * file:line error from them, word for word. What it gives up on:
 *
 * - anything that is an error there: an unknown `<!`, a CDATA section that may hold its own
 *   element's end tag, a section or the root that never ends, a mismatched end tag, an unknown
 *   entity, a malformed comment (sax refuses `--` inside one), text or a tag that sax refuses;
 * - anything read differently by the passes, or by sax and xml2js: a DOCTYPE, a processing
 *   instruction after the prolog, `<` in an attribute value (the position scan would read a tag
 *   there), text or CDATA directly in the root, an element named `_`, `cdata` or after an
 *   Object.prototype key, a repeated attribute, markup inside a skipped section's tags, anything
 *   after the root but space and comments, names outside [A-Za-z_][A-Za-z0-9_.:-]*, character
 *   references and entities other than the five of XML.
 *
 * A skipped section ends where onlySections ends it (same searches: `</name`, a nested `<name`,
 * and the comments, CDATA sections and instructions between), and every `<!` on the way is checked
 * as checkDeclarations checks it. Linear: each search starts where the last one of its kind
 * stopped, and a line is counted once.
 */
import { isSpace } from '../../src/model/chars.js';
import { cdataHoldingEndTag, type XNode } from './xml-tree.js';

/** Thrown inside the scan at the first thing it leaves to the full passes. */
const GIVE_UP = new Error('left to the full XML passes');

/** The tree of `root` with only the `keep` top-level sections, or undefined (see above). */
export function scanConfig(text: string, keep: ReadonlySet<string>): XNode | undefined {
  try {
    return new Scan(text).document(keep);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUERY = 63;
const DQ = 34;
const SQ = 39;

/** XML's white space, the only space sax lets stand between markup outside the root ([ \t\n\r]). */
function isXmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** [A-Za-z_]: where the position scan (Tags) starts a name */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** [A-Za-z0-9_.:-] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45;
}

/** Object.prototype's own names (`in Object.prototype` is true for exactly these): sax and xml2js do not keep them as plain keys. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Element names the passes leave to xml2js (its own keys, and Object.prototype's). */
const XML2JS_NAMES: ReadonlySet<string> = new Set(['_', 'cdata', ...PROTOTYPE_NAMES]);

/** The five entities of XML (sax decodes many more — HTML's too — and those are left to it). */
const ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['amp;', '&'],
  ['lt;', '<'],
  ['gt;', '>'],
  ['quot;', '"'],
  ['apos;', "'"],
];

class Scan {
  /** 1-based line of the first offset not yet counted past, and the next `\n` from there (-1: none) */
  private line = 1;
  private newline: number;
  /** the next `<!`, `<?`, `</`, `&` at or after the last position asked for (-2: not searched yet, -1: none) */
  private bang = -2;
  private query = -2;
  private endTag = -2;
  private amp = -2;
  /** where the last tag read ends, and whether it was `<…/>` */
  private end = 0;
  private selfClosing = false;

  constructor(private readonly text: string) {
    this.newline = text.indexOf('\n');
  }

  document(keep: ReadonlySet<string>): XNode {
    const text = this.text;
    let p = 0;
    // the prolog: `<?xml …?>`, comments, space
    for (;;) {
      p = this.spaceTo(p);
      if (text.charCodeAt(p + 1) === QUERY) p = this.instruction(p);
      else if (text.startsWith('<!--', p)) p = this.comment(p);
      else break;
    }
    const node = this.element(p);
    if (this.selfClosing) giveUp();
    p = this.end;
    for (;;) {
      p = this.spaceTo(p);
      const c = text.charCodeAt(p + 1);
      if (c === SLASH) {
        p = this.endTagOf(node.name, p);
        break;
      }
      if (c === BANG) {
        if (!text.startsWith('<!--', p)) giveUp();
        p = this.comment(p);
        continue;
      }
      const nameTo = this.nameEnd(p + 1);
      const name = text.slice(p + 1, nameTo);
      if (keep.has(name)) {
        node.children.push(this.section(p));
        p = this.end;
      } else p = this.skipSection(p, nameTo);
    }
    // after the root: space and comments only
    for (;;) {
      while (isXmlSpace(text.charCodeAt(p))) p++;
      if (p >= text.length) return node;
      if (!text.startsWith('<!--', p)) giveUp();
      p = this.comment(p);
    }
  }

  /** The line of an offset; offsets asked for only grow. */
  private lineAt(offset: number): number {
    let nl = this.newline;
    while (nl !== -1 && nl < offset) {
      this.line++;
      nl = this.text.indexOf('\n', nl + 1);
    }
    this.newline = nl;
    return this.line;
  }

  /** The next `<` after XML space only (text there is the root's, or outside it). */
  private spaceTo(p: number): number {
    const text = this.text;
    while (isXmlSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== LT) giveUp();
    return p;
  }

  /** Past the name starting at `from`; a name must end at space, `>` or `/` (sax reads more characters as name characters). */
  private nameEnd(from: number): number {
    const text = this.text;
    if (!isNameStart(text.charCodeAt(from))) giveUp();
    let j = from + 1;
    while (isNameChar(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (!(c === GT || c === SLASH || isXmlSpace(c))) giveUp();
    return j;
  }

  /** `<?name …?>`, as sax, checkDeclarations and the position scan all end it: at the first `?>`. */
  private instruction(lt: number): number {
    if (!isNameStart(this.text.charCodeAt(lt + 2))) giveUp();
    const end = this.text.indexOf('?>', lt + 2);
    if (end < 0) giveUp();
    return end + 2;
  }

  /** `<!--…-->` where sax reads it: the first `--` must be the end (sax refuses `--` inside). */
  private comment(lt: number): number {
    const dashes = this.text.indexOf('--', lt + 4);
    if (dashes < 0 || this.text.charCodeAt(dashes + 2) !== GT) giveUp();
    return dashes + 3;
  }

  /**
   * `<![CDATA[…]]>` at lt: just past it. checkDeclarations refuses one that holds its own
   * element's end tag (a lost `]]>`), looked for only when the section holds a `</` at all.
   */
  private cdata(lt: number): number {
    const text = this.text;
    const close = text.indexOf(']]>', lt + 9);
    if (close < 0) giveUp();
    if (this.endTag !== -1 && this.endTag < lt + 9) this.endTag = text.indexOf('</', lt + 9);
    if (this.endTag !== -1 && this.endTag < close && cdataHoldingEndTag(text, lt, close + 3)) giveUp();
    return close + 3;
  }

  /** The next `<!` or `<?` at or after p (p only grows), -1 for none. */
  private markup(p: number): number {
    if (this.bang !== -1 && this.bang < p) this.bang = afterLt(this.text, '!', p);
    if (this.query !== -1 && this.query < p) this.query = afterLt(this.text, '?', p);
    return this.bang < 0 ? this.query : this.query < 0 ? this.bang : Math.min(this.bang, this.query);
  }

  /** `</name>` (space allowed before `>`) at lt, the end tag of `name`: just past it. */
  private endTagOf(name: string, lt: number): number {
    const text = this.text;
    if (!text.startsWith(name, lt + 2)) giveUp();
    let j = lt + 2 + name.length;
    if (isNameChar(text.charCodeAt(j))) giveUp();
    while (isXmlSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== GT) giveUp();
    return j + 1;
  }

  /** A start tag at lt: the element (its text still to come); end and selfClosing say where the tag ends and how. */
  private element(lt: number): XNode {
    const text = this.text;
    const nameTo = this.nameEnd(lt + 1);
    const name = text.slice(lt + 1, nameTo);
    // xml2js's own keys and Object.prototype's names: the passes leave those to xml2js
    if (XML2JS_NAMES.has(name)) giveUp();
    const attrs: Record<string, string> = {};
    let j = nameTo;
    for (;;) {
      let c = text.charCodeAt(j);
      if (c === GT || c === SLASH) {
        this.selfClosing = c === SLASH;
        if (this.selfClosing && text.charCodeAt(j + 1) !== GT) giveUp();
        this.end = this.selfClosing ? j + 2 : j + 1;
        return { name, line: this.lineAt(lt), text: '', attrs, children: [] };
      }
      // an attribute: after space, `name`, `=` (space around it allowed), a quoted value
      if (!isXmlSpace(c)) giveUp();
      while (isXmlSpace(text.charCodeAt(j))) j++;
      c = text.charCodeAt(j);
      if (c === GT || c === SLASH) continue;
      const from = j;
      if (!isNameStart(c)) giveUp();
      while (isNameChar(text.charCodeAt(++j)));
      const key = text.slice(from, j);
      while (isXmlSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 61 /* = */) giveUp();
      j++;
      while (isXmlSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== DQ && q !== SQ) giveUp();
      const close = text.indexOf(q === DQ ? '"' : "'", j + 1);
      if (close < 0) giveUp();
      const value = text.slice(j + 1, close);
      // `<`: the position scan would read a tag in it; `&`: an entity to decode; a key sax drops or keeps once
      if (value.includes('<') || value.includes('&') || PROTOTYPE_NAMES.has(key) || Object.hasOwn(attrs, key)) giveUp();
      attrs[key] = value;
      j = close + 1;
    }
  }

  /** A kept section from its start tag at lt: its element; end is just past its end tag. */
  private section(lt: number): XNode {
    const text = this.text;
    const top = this.element(lt);
    if (this.selfClosing) return top;
    const open: XNode[] = [top];
    let p = this.end;
    for (;;) {
      const at = text.indexOf('<', p);
      if (at < 0) giveUp();
      const node = open[open.length - 1];
      // space before an element's first character data is trimmed away: indentation makes no string
      if (at > p && (node.text !== '' || !onlySpace(text, p, at))) node.text += this.decoded(p, at);
      const c = text.charCodeAt(at + 1);
      if (c === SLASH) {
        p = this.endTagOf(node.name, at);
        node.text = node.text.trim();
        open.pop();
        if (open.length === 0) {
          this.end = p;
          return node;
        }
      } else if (c === BANG) {
        if (text.startsWith('<!--', at)) p = this.comment(at);
        else if (text.startsWith('<![CDATA[', at)) {
          p = this.cdata(at);
          // xml2js appends CDATA to the element's text as it does character data
          node.text += text.slice(at + 9, p - 3);
        } else giveUp();
      } else {
        const child = this.element(at);
        node.children.push(child);
        if (!this.selfClosing) open.push(child);
        p = this.end;
      }
    }
  }

  /** Character data in [from, to) with the five entities decoded (any other `&` is left to sax). */
  private decoded(from: number, to: number): string {
    const text = this.text;
    if (this.amp !== -1 && this.amp < from) this.amp = text.indexOf('&', from);
    let a = this.amp;
    if (a === -1 || a >= to) return text.slice(from, to);
    let out = '';
    let p = from;
    while (a !== -1 && a < to) {
      const at = a;
      const entity = ENTITIES.find(([name]) => text.startsWith(name, at + 1));
      if (!entity) giveUp();
      out += text.slice(p, a) + entity[1];
      p = a + 1 + entity[0].length;
      a = text.indexOf('&', p);
    }
    // the next `&` from p: what a later call would search for from a position past p
    this.amp = a;
    return out + text.slice(p, to);
  }

  /**
   * Just past the skipped section whose start tag is at lt (name ends at nameTo), where
   * sectionEnd ends it: at the first of a comment, CDATA section or instruction (stepped over),
   * `<name` (one level deeper, unless `/>`) and `</name` (one up, or the end), each `<!` and `<?`
   * met checked as checkDeclarations checks it. sectionEnd's two searches (`</name`, then `<name`
   * before it) are one here: for the name, then the `<` or `</` before it — a search for the
   * name alone skips much more of a backup than one for `<…`, which stops at every tag.
   */
  private skipSection(lt: number, nameTo: number): number {
    const text = this.text;
    const from = this.tagEnd(nameTo);
    if (text.charCodeAt(from - 2) === SLASH) return from;
    const name = text.slice(lt + 1, nameTo);
    let depth = 0;
    let p = from;
    /** the next `<name` or `</name` at or after p (closing tells which) */
    let tag = -1;
    let closing = false;
    for (;;) {
      if (tag < p) {
        tag = -1;
        for (let k = text.indexOf(name, p + 1); k !== -1; k = text.indexOf(name, k + 1)) {
          if (isNameChar(text.charCodeAt(k + name.length))) continue;
          const before = text.charCodeAt(k - 1);
          if (before === LT) {
            closing = false;
            tag = k - 1;
            break;
          }
          if (before === SLASH && text.charCodeAt(k - 2) === LT && k - 2 >= p) {
            closing = true;
            tag = k - 2;
            break;
          }
        }
        if (tag < 0) giveUp();
      }
      const m = this.markup(p);
      if (m >= 0 && m < tag) {
        if (text.charCodeAt(m + 1) === QUERY) {
          const stop = text.indexOf('?>', m + 2);
          if (stop < 0) giveUp();
          p = stop + 2;
        } else if (text.startsWith('<!--', m)) {
          // not sax's: a skipped comment ends at the first `-->` as in both passes
          const stop = text.indexOf('-->', m + 4);
          if (stop < 0) giveUp();
          p = stop + 3;
        } else if (text.startsWith('<![CDATA[', m)) p = this.cdata(m);
        else giveUp(); // a DOCTYPE (read differently by the two passes) or an error
      } else {
        const gt = this.tagEnd(tag + name.length + (closing ? 2 : 1));
        p = gt;
        if (!closing) {
          if (text.charCodeAt(gt - 2) !== SLASH) depth++;
        } else if (depth === 0) return gt;
        else depth--;
      }
    }
  }

  /**
   * Just past the `>` ending a tag read from `from`, quoted values whole (as the TAG pattern reads
   * them). A `<` in it gives up: onlySections steps over the tag, checkDeclarations would read a
   * `<!` there.
   */
  private tagEnd(from: number): number {
    const text = this.text;
    for (let j = from; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === LT) giveUp();
      if (c === DQ || c === SQ) {
        const q = text.indexOf(c === DQ ? '"' : "'", j + 1);
        if (q < 0) giveUp();
        if (text.slice(j + 1, q).includes('<')) giveUp();
        j = q;
      }
    }
    return giveUp();
  }
}

/**
 * The first `<` + mark (`!` or `?`) at or after p, -1 for none. Searched as the mark, which is
 * rare in a backup, and not as `<` + mark: a search for two characters stops at every `<`.
 */
function afterLt(text: string, mark: string, p: number): number {
  for (let i = text.indexOf(mark, p + 1); i !== -1; i = text.indexOf(mark, i + 1)) {
    if (text.charCodeAt(i - 1) === LT) return i - 1;
  }
  return -1;
}

/** Nothing but what trim() removes in [from, to). */
function onlySpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
