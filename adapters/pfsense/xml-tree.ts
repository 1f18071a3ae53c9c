/**
 * config.xml as a small element tree that knows the line of every element.
 *
 * xml2js checks well-formedness and decodes text (entities, CDATA) but keeps no positions, so a
 * position pass scans the raw text for start tags in document order. A pre-order walk of the
 * xml2js tree (children kept in document order) meets the elements in exactly that order, so the
 * n-th element of the walk is the n-th start tag of the scan: zip the two and every element has
 * its line. Shared by the pfSense and OPNsense adapters (same file format, same lineage).
 */
import sax from 'sax';
import xml2js from 'xml2js';
import { ParseError } from '../../src/model/errors.js';
import { scanConfig } from './xml-scan.js';

/** The top-level sections of a config.xml the pfSense and OPNsense adapters read. */
export const READ_SECTIONS: ReadonlySet<string> = new Set(['version', 'system', 'interfaces', 'virtualip', 'ipsec', 'OPNsense']);

export interface XNode {
  name: string;
  /** 1-based line of the start tag */
  line: number;
  /** decoded character data directly inside the element, trimmed ('' for `<x/>`) */
  text: string;
  attrs: Record<string, string>;
  children: XNode[];
}

/** What xml2js produces with explicitChildren + preserveChildrenOrder. */
interface RawElement {
  '#name': string;
  _?: string;
  $?: Record<string, string>;
  $$?: RawElement[];
}

/**
 * Parse well-formed XML into an XNode tree. Malformed input → ParseError at the line sax reports
 * (sax counts lines from 0). An empty file → ParseError at line 1.
 */
export function parseXmlTree(text: string, file: string, expected: string, keepTopLevel?: ReadonlySet<string>): XNode {
  if (text.trim() === '') throw new ParseError(file, 1, `expected ${expected}, found an empty file`);
  // a plain backup in one pass; anything else (errors included) through the passes below
  const scanned = keepTopLevel && scanConfig(text, keepTopLevel);
  if (scanned) return scanned;
  return parseInPasses(text, file, expected, keepTopLevel);
}

/**
 * The tree of parseXmlTree through the declaration check, the section skipper, sax (or xml2js)
 * and the position scan: what every file went through before scanConfig, and what it gives up to.
 */
export function parseInPasses(text: string, file: string, expected: string, keepTopLevel?: ReadonlySet<string>): XNode {
  checkDeclarations(text, file);
  // A backup is mostly firewall rules, aliases, packages: parse only the sections we read
  // (same lines, the rest blanked to its newlines). Anything odd → the whole document, so every
  // well-formedness error is still reported exactly where it is.
  const doc = (keepTopLevel && onlySections(text, keepTopLevel)) || text;
  const root = saxTree(doc) ?? runXml2js(doc, file, expected);
  const starts = startTagLines(doc);
  let next = 0;
  const build = (el: RawElement): XNode => {
    const at = starts[next++];
    if (at === undefined || at.name !== el['#name']) {
      // the scan and xml2js disagree: never silently attach a wrong line
      throw new ParseError(file, at?.line, `could not locate element <${el['#name']}> in the text (unsupported XML construct)`);
    }
    const node: XNode = { name: el['#name'], line: at.line, text: (el._ ?? '').trim(), attrs: { ...(el.$ ?? {}) }, children: [] };
    for (const c of el.$$ ?? []) node.children.push(build(c));
    return node;
  };
  return build(root);
}

/**
 * Every `<!` outside comments, CDATA and processing instructions opens `<!--`, `<![CDATA[` or
 * `<!DOCTYPE` (whose internal subset may hold `<!ENTITY …>`); anything else is a file:line error
 * here. sax reads another declaration by testing its whole text so far again at each character:
 * 8 KB of `<!<!<!…` took 0.34 s, 64 KB (its buffer limit) about 20 s. The declaration is not
 * quoted: in a broken file it may run into a key.
 *
 * One pass over the `<!` and `<?` only, each found by a native search: a plain `<` skips nothing,
 * so visiting every `<` (as this did) and visiting only these meet the same constructs in the
 * same order — and a backup's thousands of plain tags cost nothing here.
 */
function checkDeclarations(text: string, file: string): void {
  const skip = (from: number, close: string) => {
    const end = text.indexOf(close, from);
    return end < 0 ? text.length : end + close.length;
  };
  let bang = text.indexOf('<!');
  let query = text.indexOf('<?');
  while (bang !== -1 || query !== -1) {
    const i = query === -1 || (bang !== -1 && bang < query) ? bang : query;
    let next: number;
    if (i === query) next = skip(i + 2, '?>');
    else if (text.startsWith('<!--', i)) next = skip(i + 4, '-->');
    else if (text.startsWith('<![CDATA[', i)) {
      next = skip(i + 9, ']]>');
      checkCdataClosed(text, i, next, file);
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      // an internal subset: up to `]` and the `>` after it
      next = bracket >= 0 && (gt < 0 || bracket < gt) ? skip(skip(bracket, ']'), '>') : gt < 0 ? text.length : gt + 1;
    } else {
      // sax is left to report what is unclosed (linear); only an unknown declaration is refused here
      const line = lineLocator(text)(i);
      throw new ParseError(file, line, 'expected <!--, <![CDATA[ or <!DOCTYPE after "<!", found another declaration');
    }
    if (next >= text.length) return;
    if (bang !== -1 && bang < next) bang = text.indexOf('<!', next);
    if (query !== -1 && query < next) query = text.indexOf('<?', next);
  }
}

/**
 * A CDATA section that holds its own element's end tag lost its `]]>`: it ran on to the next
 * section's `]]>` and swallowed the markup between — in a config.xml, a `<descr>` whose text would
 * then hold the following elements, keys included, and be printed as a tunnel name. pfSense and
 * OPNsense write every CDATA as `<name><![CDATA[…]]></name>` and never put `</name>` in it, so this
 * is a file:line error naming the element, never quoting the section. Linear: the element's start
 * tag is looked for only between the previous `>` and the section, its end tag only inside it.
 */
function checkCdataClosed(text: string, start: number, end: number, file: string): void {
  const lost = cdataHoldingEndTag(text, start, end);
  if (!lost) return;
  const at = lineLocator(text);
  throw new ParseError(
    file,
    at(start),
    `expected "]]>" closing the CDATA section of <${lost.name}> before its end tag at line ${at(lost.endTag)}; the section runs on into the elements after it`,
  );
}

/** The element whose end tag the CDATA section [start, end) holds (name, offset of that end tag), or undefined (see checkCdataClosed). */
export function cdataHoldingEndTag(text: string, start: number, end: number): { name: string; endTag: number } | undefined {
  let gt = start - 1;
  while (gt >= 0 && (text[gt] === ' ' || text[gt] === '\t' || text[gt] === '\n' || text[gt] === '\r')) gt--;
  if (gt < 0 || text[gt] !== '>') return undefined;
  const lt = text.lastIndexOf('<', gt);
  const tag = /^<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>$/.exec(text.slice(lt, gt + 1));
  if (!tag) return undefined;
  const close = text.slice(start + 9, end).indexOf(`</${tag[1]}>`);
  return close < 0 ? undefined : { name: tag[1], endTag: start + 9 + close };
}

/**
 * The document with every top-level section not in `keep` replaced by its newlines only (so line
 * numbers are unchanged), or undefined when the tag structure is not plainly balanced where it
 * is read — then the caller parses the whole text and sax reports the error with its line.
 *
 * The prolog, the root element's own tags and each section's start tag are read as tags (quoted
 * values whole, as TAG reads them); the inside of a section is not: its end is found by native
 * searches for `</name`, a nested `<name` and the comments, CDATA sections and processing
 * instructions that could hide either. So a section this skips is not checked for being
 * well-formed inside (decision, issue 13: nothing is read from it, and what could make the skip
 * end in the wrong place — a comment, CDATA or instruction holding the end tag, the same element
 * nested — is honoured; a section that never ends, or an end tag where the root's should be,
 * still sends the whole text to sax and its file:line error). A kept section goes to sax whole.
 */
export function onlySections(text: string, keep: ReadonlySet<string>): string | undefined {
  const parts: string[] = [];
  let copiedTo = 0;
  const tags = new Tags(text, TAG);
  const markup = new Markup(text);
  // the root's start tag: the first named tag (the prolog's comments, instructions and DOCTYPE are skipped by Tags)
  do if (!tags.next()) return undefined;
  while (!tags.named);
  if (tags.close || tags.selfClose) return undefined;
  const rootFrom = tags.nameFrom;
  const rootTo = tags.nameTo;
  for (;;) {
    if (!tags.next()) return undefined; // the root never ends
    if (!tags.named) return undefined;
    if (tags.close) {
      if (!tags.nameIs(rootFrom, rootTo)) return undefined;
      break;
    }
    const from = tags.index;
    const end = tags.selfClose ? tags.end : sectionEnd(text, tags.nameFrom, tags.nameTo, tags.end, markup);
    if (end < 0) return undefined;
    if (!keep.has(tags.name())) {
      parts.push(text.slice(copiedTo, from), newlinesOf(text, from, end));
      copiedTo = end;
    }
    tags.skipTo(end);
  }
  // after the root: only comments, instructions and text (another element is sax's to refuse)
  while (tags.next()) if (tags.named) return undefined;
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/**
 * Just past the end tag of the element whose start tag (name at [nameFrom, nameTo)) ends at
 * `from`, or -1 when it does not end. Linear however many sections a file has and whatever they
 * hold: the next `</name` is searched for from where the last search stopped; a nested `<name`
 * only before it (in a slice: a view, no copy), and a miss there holds until that bound moves
 * past it; `<!` and `<?` through `markup`, shared by every section of the text.
 */
function sectionEnd(text: string, nameFrom: number, nameTo: number, from: number, markup: Markup): number {
  const name = text.slice(nameFrom, nameTo);
  const open = `<${name}`;
  const close = `</${name}`;
  let depth = 0;
  let p = from;
  let end = -1;
  /** the first `<name` in [p, nestedTo), -1 for none there */
  let nested = -1;
  let nestedTo = -1;
  for (;;) {
    if (end < p) {
      end = indexOfName(text, close, p, text.length);
      if (end < 0) return -1;
    }
    if (nested >= 0 ? nested < p : nestedTo !== end) {
      nested = indexOfName(text, open, p, end);
      nestedTo = end;
    }
    const m = markup.next(p);
    if (m >= 0 && m < end && (nested < 0 || m < nested)) {
      // a comment, CDATA section or instruction: whatever it holds is no tag
      const [opener, closer] = SKIPPED.find(([o]) => text.startsWith(o, m)) ?? ['<!', ''];
      // (a `<!` of no comment or CDATA is a DOCTYPE, all checkDeclarations lets through: no tag)
      const stop = closer === '' ? m + 2 : text.indexOf(closer, m + opener.length);
      if (stop < 0) return -1;
      p = stop + closer.length;
    } else if (nested >= 0) {
      // the same element inside: its end tag is not this one's (unless it closes itself)
      const gt = tagEnd(text, nested + open.length);
      if (gt < 0) return -1;
      if (text.charCodeAt(gt - 2) !== 47 /* / */) depth++;
      p = gt;
    } else {
      const gt = tagEnd(text, end + close.length);
      if (gt < 0) return -1;
      if (depth === 0) return gt;
      depth--;
      p = gt;
    }
  }
}

/** The next `<!` or `<?` at or after a position that only grows; each searched for again only once passed. */
class Markup {
  private bang = -2;
  private query = -2;
  constructor(private readonly text: string) {}

  next(p: number): number {
    if (this.bang !== -1 && this.bang < p) this.bang = this.text.indexOf('<!', p);
    if (this.query !== -1 && this.query < p) this.query = this.text.indexOf('<?', p);
    return this.bang < 0 ? this.query : this.query < 0 ? this.bang : Math.min(this.bang, this.query);
  }
}

/** The first `<name` / `</name` (what) in [from, to) not followed by a name character, or -1. */
function indexOfName(text: string, what: string, from: number, to: number): number {
  const window = to === text.length ? text : text.slice(0, to);
  for (let k = window.indexOf(what, from); k !== -1; k = window.indexOf(what, k + 1)) {
    if (!isNameChar(text.charCodeAt(k + what.length))) return k;
  }
  return -1;
}

/** Just past the `>` ending a tag whose name ends at `from`: quoted values whole (as TAG reads them); -1 when it does not end. */
function tagEnd(text: string, from: number): number {
  for (let j = from; j < text.length; ) {
    const c = text.charCodeAt(j);
    if (c === 62 /* > */) return j + 1;
    if (c === 34 || c === 39) {
      const q = text.indexOf(c === 34 ? '"' : "'", j + 1);
      if (q < 0) return -1;
      j = q + 1;
    } else j++;
  }
  return -1;
}

function newlinesOf(text: string, from: number, to: number): string {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return '\n'.repeat(n);
}

/** Thrown from a sax handler to stop at the first thing saxTree leaves to xml2js. */
const LEAVE_TO_XML2JS = new Error('left to xml2js');

/**
 * The tree xml2js builds (explicitChildren, preserveChildrenOrder, strict), built here from the
 * same sax events: xml2js also defines every element and attribute property by property, which
 * was half of a config.xml parse. Only for a document sax reads to its end without any error and
 * with one root; element names that are xml2js's own keys (`_`, `cdata`, Object.prototype names)
 * are left to it too. Undefined in all those cases, and xml2js then reads the document (its
 * result, or its error, exactly as before).
 */
function saxTree(text: string): RawElement | undefined {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false });
  const stack: Array<RawElement & { _: string }> = [];
  let root: RawElement | undefined;
  parser.onerror = () => {
    throw LEAVE_TO_XML2JS;
  };
  parser.onopentag = (node) => {
    const name = node.name;
    if (root !== undefined || name === '_' || name === 'cdata' || name in Object.prototype) throw LEAVE_TO_XML2JS;
    const el: RawElement & { _: string } = { '#name': name, _: '' };
    // sax's attributes object: own properties only, in document order (what xml2js copies into `$`)
    for (const key in node.attributes) {
      if (Object.hasOwn(node.attributes, key)) {
        el.$ ??= {};
        el.$[key] = node.attributes[key];
      }
    }
    stack.push(el);
  };
  // xml2js appends text and CDATA alike to the element's `_` (trimmed by build)
  parser.ontext = parser.oncdata = (t) => {
    const top = stack[stack.length - 1];
    if (top) top._ += t;
  };
  parser.onclosetag = () => {
    const el = stack.pop();
    if (!el) throw LEAVE_TO_XML2JS;
    const parent = stack[stack.length - 1];
    if (!parent) root = el;
    else if (parent.$$) parent.$$.push(el);
    else parent.$$ = [el];
  };
  try {
    parser.write(text).close();
  } catch {
    return undefined;
  }
  return root;
}

function runXml2js(text: string, file: string, expected: string): RawElement {
  const parser = new xml2js.Parser({ explicitChildren: true, preserveChildrenOrder: true, async: false, strict: true });
  let error: unknown;
  let result: Record<string, RawElement> | null | undefined;
  try {
    // with async: false xml2js calls back synchronously
    parser.parseString(text, (err: unknown, res: Record<string, RawElement> | null) => {
      error = err;
      result = res;
    });
  } catch (e) {
    error = e;
  }
  if (error) throw saxError(error, text, file);
  const rootName = result ? Object.keys(result)[0] : undefined;
  if (!result || rootName === undefined) throw new ParseError(file, 1, `expected ${expected}, found no XML element`);
  return result[rootName];
}

/**
 * sax messages look like "Unexpected close tag\nLine: 12\nColumn: 5\nChar: >". Only the first
 * line is kept: the `Char:` part may be a character of the file (a secret, in the worst case).
 */
function saxError(error: unknown, text: string, file: string): ParseError {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /\nLine: (\d+)/.exec(message);
  const what = message.split('\n')[0].trim() || 'malformed XML';
  // sax counts the line after a final newline; point at the last line that has text instead
  const lastLine = text.trimEnd().split('\n').length;
  const line = lineMatch ? Math.min(Number(lineMatch[1]) + 1, lastLine) : undefined;
  if (/^Unclosed root tag/.test(what)) {
    const open = unclosedElements(text).slice(1);
    const where = open.length ? ` inside ${open.map((o) => `<${o.name}> (line ${o.line})`).join(' › ')}` : '';
    return new ParseError(file, lastLine, `expected well-formed XML, found the end of the file${where}: is the file truncated?`);
  }
  if (/^Unexpected close tag/.test(what) && line !== undefined) {
    // name the element that should have been closed: the innermost one open before this line
    const lines = text.split('\n');
    const here = lines[line - 1] ?? '';
    // only when the line holds a single close tag: otherwise which one sax meant is not certain
    const closing = here.split('</').length === 2 ? /<\/([A-Za-z_][\w.:-]*)/.exec(here) : null;
    const open = unclosedElements(lines.slice(0, line - 1).join('\n')).pop();
    if (closing && open) return new ParseError(file, line, `expected </${open.name}> (opened at line ${open.line}), found </${closing[1]}>`);
  }
  return new ParseError(file, line, `expected well-formed XML, found: ${what}`);
}

/** Elements still open at the end of the text (outermost first), for a truncated file's message. */
function unclosedElements(text: string): StartTag[] {
  const lineAt = lineLocator(text);
  const stack: StartTag[] = [];
  const tags = new Tags(text, TAG);
  while (tags.next()) {
    if (!tags.named || tags.selfClose) continue;
    const name = tags.name();
    if (tags.close) {
      const i = stack.map((s) => s.name).lastIndexOf(name);
      if (i >= 0) stack.length = i;
    } else stack.push({ name, line: lineAt(tags.index) });
  }
  return stack;
}

interface StartTag {
  name: string;
  line: number;
}

/**
 * Start tags of a well-formed document in order, with their lines. Comments, CDATA sections,
 * processing instructions and the DOCTYPE are skipped (they may contain `<name`); in well-formed
 * XML a raw `<` appears nowhere else, so the scan cannot be fooled by text or attribute values.
 */
export function startTagLines(text: string): StartTag[] {
  const lineAt = lineLocator(text);
  const out: StartTag[] = [];
  const tags = new Tags(text, START_TAG);
  while (tags.next()) {
    if (tags.named) out.push({ name: tags.name(), line: lineAt(tags.index) });
  }
  return out;
}

/** A start or end tag (groups: `/` of an end tag, the name, `/` of an empty-element tag), or a DOCTYPE (no groups). */
const TAG = /<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w.:-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/y;
/** The name of a start tag (group 1), or a DOCTYPE (no group). */
const START_TAG = /<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<([A-Za-z_][\w.:-]*)/y;

/** Comments, CDATA sections and processing instructions: what opens them and what closes them. */
const SKIPPED: ReadonlyArray<readonly [open: string, close: string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** [\w.:-] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45;
}

/**
 * The matches of `sticky` (TAG or START_TAG) at each `<` of the text, in order, after skipping comments,
 * CDATA sections and processing instructions — what one /g regex with `<!--[\s\S]*?-->|…` in
 * front of it matched, without its quadratic cost: an unclosed `<!--` made that regex search the
 * whole rest of the text for `-->` from every later `<!--` (hostile harness: 128 KB of `<!--` in a
 * config.xml, 0.7 s, ratio 19). Once a closer is not found after some offset it is not found after
 * any later one either, so the scan remembers that, and each opener after it costs nothing.
 *
 * One object whose fields next() overwrites with each match, and names as offsets: the section
 * finder goes over every tag of a backup and makes no object or string for the tags it only
 * balances. Tags are read by hand (a regex run at each `<` was most of a config.xml parse): the
 * name as long as [\w.:-]* goes, then (TAG) quoted values whole up to the first `>` or `/>`
 * outside them; `<!DOCTYPE`/`<!…` is left to the regex.
 */
class Tags {
  /** offset of the `<`, and just past the match */
  index = 0;
  end = 0;
  /** false for a DOCTYPE (no name) */
  named = false;
  /** the name is text.slice(nameFrom, nameTo) */
  nameFrom = 0;
  nameTo = 0;
  close = false;
  selfClose = false;
  private pos = 0;
  private readonly noCloserAfter = SKIPPED.map(() => Number.POSITIVE_INFINITY);
  /** TAG ends at a `>`: past the last one it cannot match (trying from every `<` of `<a "<a "…` to the end was quadratic too) */
  private readonly lastGt: number;

  constructor(
    readonly text: string,
    private readonly sticky: RegExp,
  ) {
    this.lastGt = sticky === TAG ? text.lastIndexOf('>') : text.length;
  }

  name(): string {
    return this.text.slice(this.nameFrom, this.nameTo);
  }

  /** The name equals text.slice(from, to). */
  nameIs(from: number, to: number): boolean {
    if (to - from !== this.nameTo - this.nameFrom) return false;
    for (let k = 0; k < to - from; k++) if (this.text.charCodeAt(from + k) !== this.text.charCodeAt(this.nameFrom + k)) return false;
    return true;
  }

  /** Go on reading at `pos` (past a section read by other means). */
  skipTo(pos: number): void {
    this.pos = pos;
  }

  /** The next match; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    for (let i = text.indexOf('<', this.pos); i !== -1; i = text.indexOf('<', this.pos)) {
      const after = text.charCodeAt(i + 1);
      // only `<!` and `<?` can open a comment, a CDATA section or a processing instruction
      const kind = after === 33 || after === 63 ? SKIPPED.findIndex(([open]) => text.startsWith(open, i)) : -1;
      if (kind >= 0) {
        const [open, close] = SKIPPED[kind];
        // an unclosed one is no match at this `<`: the scan goes on from the next character
        const end = i + open.length >= this.noCloserAfter[kind] ? -1 : text.indexOf(close, i + open.length);
        if (end === -1) this.noCloserAfter[kind] = Math.min(this.noCloserAfter[kind], i + open.length);
        this.pos = end === -1 ? i + 1 : end + close.length;
        continue;
      }
      if (this.matchAt(i)) {
        this.pos = this.end;
        return true;
      }
      this.pos = i + 1;
    }
    return false;
  }

  /** What `sticky` matches at the `<` at i, into the fields. */
  private matchAt(i: number): boolean {
    const text = this.text;
    const n = text.length;
    this.index = i;
    let j = i + 1;
    if (text.charCodeAt(j) === 33 /* ! */) {
      // after `<!` only the DOCTYPE alternative can match: it has no name
      this.sticky.lastIndex = i;
      const m = i < this.lastGt ? this.sticky.exec(text) : null;
      if (!m) return false;
      this.named = false;
      this.end = i + m[0].length;
      return true;
    }
    const full = this.sticky === TAG;
    this.close = text.charCodeAt(j) === 47; /* / */
    if (this.close) {
      if (!full) return false; // START_TAG: `</` is no start tag
      j++;
    }
    if (!isNameStart(text.charCodeAt(j))) return false;
    this.named = true;
    this.nameFrom = j;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    this.nameTo = j;
    this.selfClose = false;
    if (!full) {
      this.end = j;
      return true;
    }
    if (i >= this.lastGt) return false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 62 /* > */) {
        this.end = j + 1;
        return true;
      }
      if (c === 47 /* / */ && text.charCodeAt(j + 1) === 62) {
        this.selfClose = true;
        this.end = j + 2;
        return true;
      }
      if (c === 34 || c === 39) {
        const q = text.indexOf(c === 34 ? '"' : "'", j + 1);
        if (q < 0) return false;
        j = q + 1;
      } else j++;
    }
    return false;
  }
}

/** offset → 1-based line, by binary search over line starts. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// --- reading the tree -----------------------------------------------------------------------

// (loops rather than find/filter/split: these run for every value of every tunnel)

export function child(node: XNode | undefined, name: string): XNode | undefined {
  if (node) for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  const out: XNode[] = [];
  if (node) for (const c of node.children) if (c.name === name) out.push(c);
  return out;
}

/** Walk a path of element names (`interfaces/wan/ipaddr`), first match at each step. */
export function at(node: XNode | undefined, path: string): XNode | undefined {
  let n = node;
  let from = 0;
  for (let slash = path.indexOf('/'); n && slash !== -1; slash = path.indexOf('/', from)) {
    n = child(n, path.slice(from, slash));
    from = slash + 1;
  }
  return child(n, path.slice(from));
}

/** Trimmed text of a child element; undefined when the element is absent ('' when empty). */
export function childText(node: XNode | undefined, name: string): string | undefined {
  return child(node, name)?.text;
}

/** Trimmed text of a child element, undefined when absent or empty (PHP `empty()` on strings, minus "0"). */
export function nonEmptyText(node: XNode | undefined, name: string): string | undefined {
  const t = childText(node, name);
  return t === undefined || t === '' ? undefined : t;
}

/**
 * The element as the device wrote it, rebuilt rather than cut from the line (a one-line
 * config.xml would otherwise drag its neighbours, secrets included, into `raw`).
 */
export function rawElement(node: XNode, text: string = node.text): string {
  return text === '' ? `<${node.name}/>` : `<${node.name}>${escapeXml(text)}</${node.name}>`;
}

function escapeXml(text: string): string {
  // most values hold none of the three: one test instead of three replacements
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}
