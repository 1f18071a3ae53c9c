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
 * 8 KB of `<!<!<!…` took 0.34 s, 64 KB (its buffer limit) about 20 s. One pass over the `<`s.
 * The declaration is not quoted: in a broken file it may run into a key.
 */
function checkDeclarations(text: string, file: string): void {
  const skip = (from: number, close: string) => {
    const end = text.indexOf(close, from);
    return end < 0 ? text.length : end + close.length;
  };
  for (let i = text.indexOf('<'); i !== -1 && i < text.length; ) {
    let next = i + 1;
    if (text.startsWith('<!--', i)) next = skip(i + 4, '-->');
    else if (text.startsWith('<![CDATA[', i)) next = skip(i + 9, ']]>');
    else if (text.startsWith('<?', i)) next = skip(i + 2, '?>');
    else if (text.startsWith('<!DOCTYPE', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      // an internal subset: up to `]` and the `>` after it
      next = bracket >= 0 && (gt < 0 || bracket < gt) ? skip(skip(bracket, ']'), '>') : gt < 0 ? text.length : gt + 1;
    } else if (text.startsWith('<!', i)) {
      // sax is left to report what is unclosed (linear); only an unknown declaration is refused here
      const line = lineLocator(text)(i);
      throw new ParseError(file, line, 'expected <!--, <![CDATA[ or <!DOCTYPE after "<!", found another declaration');
    }
    i = text.indexOf('<', next);
  }
}

/**
 * The document with every top-level section not in `keep` replaced by its newlines only (so line
 * numbers are unchanged), or undefined when the tag structure is not plainly balanced — then the
 * caller parses the whole text and sax reports the error with its line.
 */
export function onlySections(text: string, keep: ReadonlySet<string>): string | undefined {
  const stack: string[] = [];
  const parts: string[] = [];
  let copiedTo = 0;
  let skipFrom = -1;
  for (const m of markup(text, TAG)) {
    const { close, name, selfClose, end } = m;
    if (name === undefined) continue;
    if (close) {
      if (stack.pop() !== name) return undefined;
      if (stack.length === 1 && skipFrom >= 0) {
        // end of a skipped top-level section: keep only its newlines
        parts.push(text.slice(copiedTo, skipFrom), newlinesOf(text, skipFrom, end));
        copiedTo = end;
        skipFrom = -1;
      }
      continue;
    }
    if (stack.length === 1 && !keep.has(name)) {
      if (selfClose) {
        parts.push(text.slice(copiedTo, m.index), newlinesOf(text, m.index, end));
        copiedTo = end;
        continue;
      }
      skipFrom = m.index;
    }
    if (!selfClose) stack.push(name);
  }
  if (stack.length !== 0 || skipFrom >= 0) return undefined;
  parts.push(text.slice(copiedTo));
  return parts.join('');
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
  for (const m of markup(text, TAG)) {
    const { close, name, selfClose } = m;
    if (name === undefined || selfClose) continue;
    if (close) {
      const i = stack.map((s) => s.name).lastIndexOf(name);
      if (i >= 0) stack.length = i;
    } else stack.push({ name, line: lineAt(m.index) });
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
  for (const m of markup(text, START_TAG)) {
    if (m.name !== undefined) out.push({ name: m.name, line: lineAt(m.index) });
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

/** One match of markup(): where it is, and TAG's groups (close, name, selfClose); a DOCTYPE has no name. */
interface Markup {
  index: number;
  /** offset just past the match */
  end: number;
  close: boolean;
  name?: string;
  selfClose: boolean;
}

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** [\w.:-] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45;
}

/**
 * What `sticky` (TAG or START_TAG) matches at `i`, the `<` of a tag or of `<!…`, written out by
 * hand for tags (a config.xml has one per line: a regex run at each was most of the read) and left
 * to the regex for the rare `<!DOCTYPE`/`<!…`. Same match, same groups: the name is as long as
 * [\w.:-]* goes, then TAG takes quoted values whole and stops at the first `>` or `/>` outside them.
 */
function matchAt(text: string, i: number, sticky: RegExp, lastGt: number): Markup | undefined {
  const n = text.length;
  let j = i + 1;
  const close = text.charCodeAt(j) === 47; /* / */
  if (text.charCodeAt(j) === 33 /* ! */) {
    sticky.lastIndex = i;
    const m = i < lastGt ? sticky.exec(text) : null;
    // after `<!` only the DOCTYPE alternative can match: it has no name
    return m ? { index: i, end: i + m[0].length, close: false, selfClose: false } : undefined;
  }
  const full = sticky === TAG;
  if (close) {
    if (!full) return undefined; // START_TAG: `</` is no start tag
    j++;
  }
  if (!isNameStart(text.charCodeAt(j))) return undefined;
  const from = j;
  while (j < n && isNameChar(text.charCodeAt(j))) j++;
  const name = text.slice(from, j);
  if (!full) return { index: i, end: j, close: false, name, selfClose: false };
  if (i >= lastGt) return undefined;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 62 /* > */) return { index: i, end: j + 1, close, name, selfClose: false };
    if (c === 47 /* / */ && text.charCodeAt(j + 1) === 62) return { index: i, end: j + 2, close, name, selfClose: true };
    if (c === 34 || c === 39) {
      const q = text.indexOf(c === 34 ? '"' : "'", j + 1);
      if (q < 0) return undefined;
      j = q + 1;
    } else j++;
  }
  return undefined;
}

/**
 * The matches of `sticky` (TAG or START_TAG) at each `<` of the text, in order, after skipping comments,
 * CDATA sections and processing instructions — what one /g regex with `<!--[\s\S]*?-->|…` in
 * front of it matched, without its quadratic cost: an unclosed `<!--` made that regex search the
 * whole rest of the text for `-->` from every later `<!--` (hostile harness: 128 KB of `<!--` in a
 * config.xml, 0.7 s, ratio 19). Once a closer is not found after some offset it is not found after
 * any later one either, so the scan remembers that, and each opener after it costs nothing.
 */
function* markup(text: string, sticky: RegExp): Generator<Markup> {
  const noCloserAfter = SKIPPED.map(() => Number.POSITIVE_INFINITY);
  // TAG ends at a `>`: past the last one it cannot match, and trying from every `<` of `<a "<a "…`
  // to the end of the text was quadratic too
  const lastGt = sticky === TAG ? text.lastIndexOf('>') : text.length;
  let pos = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', pos)) {
    const next = text.charCodeAt(i + 1);
    // only `<!` and `<?` can open a comment, a CDATA section or a processing instruction
    const kind = next === 33 || next === 63 ? SKIPPED.findIndex(([open]) => text.startsWith(open, i)) : -1;
    if (kind >= 0) {
      const [open, close] = SKIPPED[kind];
      // an unclosed one is no match at this `<`: the scan goes on from the next character
      const end = i + open.length >= noCloserAfter[kind] ? -1 : text.indexOf(close, i + open.length);
      if (end === -1) noCloserAfter[kind] = Math.min(noCloserAfter[kind], i + open.length);
      pos = end === -1 ? i + 1 : end + close.length;
      continue;
    }
    const m = matchAt(text, i, sticky, lastGt);
    if (m) {
      pos = m.end;
      yield m;
    } else pos = i + 1;
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

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Walk a path of element names (`interfaces/wan/ipaddr`), first match at each step. */
export function at(node: XNode | undefined, path: string): XNode | undefined {
  return path.split('/').reduce<XNode | undefined>((n, name) => child(n, name), node);
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
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
