/**
 * PAN-OS XML (`show config running` with `set cli config-output-format xml`, an exported
 * running-config.xml, an XML API `<response><result><config>` answer, a Panorama export) into the
 * shared tree. A small strict reader rather than a general XML library: it knows the line of every
 * element as it goes (a running config is a few MB; reading it twice to zip positions costs more),
 * and it reports a broken or truncated file as `file:line: expected </x> (opened at line n)`.
 *
 * Around the document a saved session may hold the CLI prompt and the command (`admin@PA-VM>
 * show config running`) — skipped — and, after it, configure-mode `set`/`delete` commands: those
 * are applied to the tree in order, as the candidate configuration would apply them, so a fix
 * pasted under a saved configuration can be re-read (setformat.ts).
 */
import { ParseError } from '../../src/model/errors.js';
import { node, type PNode } from './tree.js';

export interface XmlConfig {
  /** the `<config>` element */
  root: PNode;
  /** 1-based number of the line after the document ends (what follows is commands or prompts) */
  restFromLine: number;
  rest: string[];
}

interface Open {
  node: PNode;
  tag: string;
  line: number;
  text: string;
  hasElements: boolean;
  members: string[] | undefined;
  /** an `<entry name>` inside a list: never a leaf */
  entry: boolean;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

/** Where the XML starts: the first line whose first non-blank character is `<`. */
export function xmlStartLine(lines: readonly string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) if (/^\s*</.test(lines[i])) return i;
  return undefined;
}

export function parseXmlConfig(text: string, file: string): XmlConfig {
  const lines = text.split('\n');
  const first = xmlStartLine(lines);
  if (first === undefined) throw new ParseError(file, 1, 'expected PAN-OS configuration XML (<config …>), found no XML element');
  let pos = lines.slice(0, first).reduce((n, l) => n + l.length + 1, 0);
  let line = first + 1;
  const stack: Open[] = [];
  let top: PNode | undefined;

  /**
   * advance `pos` to `to`, counting the newlines passed. The next newline is remembered: looked up
   * from `pos` on every move, one long line of tags (`<a><a>…`) was searched to its end per tag
   * (1 MB: 3 s, quadratic)
   */
  let nextNl = text.indexOf('\n', pos);
  const move = (to: number) => {
    while (nextNl !== -1 && nextNl < to) {
      line++;
      nextNl = text.indexOf('\n', nextNl + 1);
    }
    pos = to;
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      if (stack.length) {
        move(text.length);
        throw truncated(file, line, stack);
      }
      break;
    }
    if (stack.length) stack[stack.length - 1].text += decode(text.slice(pos, lt), file, line);
    else if (top && text.slice(pos, lt).trim() !== '') break; // past the document: commands or prompts
    move(lt);
    if (top && !stack.length) break;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end === -1) throw new ParseError(file, line, 'expected the end of an XML comment (-->), found the end of the file');
      move(end + 3);
      continue;
    }
    if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end === -1) throw new ParseError(file, line, 'expected the end of an XML declaration (?>), found the end of the file');
      move(end + 2);
      continue;
    }
    if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end === -1) throw new ParseError(file, line, 'expected the end of a CDATA section (]]>), found the end of the file');
      if (stack.length) stack[stack.length - 1].text += text.slice(pos + 9, end);
      move(end + 3);
      continue;
    }
    if (text.startsWith('<!', pos)) {
      const end = text.indexOf('>', pos);
      if (end === -1) throw new ParseError(file, line, 'expected the end of a declaration (>), found the end of the file');
      move(end + 1);
      continue;
    }
    const end = tagEnd(text, pos);
    if (end === -1) throw new ParseError(file, line, 'expected the end of a tag (>), found the end of the file: is the file truncated?');
    const tagText = text.slice(pos + 1, end);
    const tagLine = line;
    move(end + 1);
    if (tagText.startsWith('/')) {
      const name = tagText.slice(1).trim();
      const open = stack.pop();
      if (!open) throw new ParseError(file, tagLine, `expected a start tag, found </${name}>`);
      if (open.tag !== name) throw new ParseError(file, tagLine, `expected </${open.tag}> (opened at line ${open.line}), found </${name}>`);
      close(open, stack);
      if (!stack.length) top = open.node;
      continue;
    }
    const selfClosing = tagText.endsWith('/');
    const body = selfClosing ? tagText.slice(0, -1) : tagText;
    const m = NAME.exec(body);
    if (!m) throw new ParseError(file, tagLine, `expected an element name after <, found ${JSON.stringify(body.slice(0, 20))}`);
    const tag = m[0];
    const attrs = attributes(body.slice(tag.length), file, tagLine);
    const parent = stack[stack.length - 1];
    if (!parent && top) throw new ParseError(file, tagLine, `expected one root element, found a second <${tag}>`);
    const entry = tag === 'entry' && attrs.name !== undefined;
    const open: Open = { node: node(entry ? attrs.name : tag, tagLine), tag, line: tagLine, text: '', hasElements: false, members: undefined, entry };
    if (parent) parent.hasElements = true;
    if (tag === 'member' && parent) {
      // a <member> is a value of its parent list, not a node
      open.node = node('member', tagLine);
    }
    if (selfClosing) {
      close(open, stack);
      if (!parent) top = open.node;
    } else stack.push(open);
  }
  if (stack.length) throw truncated(file, line, stack);
  if (!top) throw new ParseError(file, first + 1, 'expected PAN-OS configuration XML (<config …>), found no complete element');
  const root = configElement(top);
  if (!root) throw new ParseError(file, top.line, `expected PAN-OS configuration XML (<config …>), found <${top.name}> without a <config> inside`);
  return { root, restFromLine: line, rest: text.slice(pos).split('\n') };
}

/** Attach a finished element to its parent: a member to the list, a leaf with its text, or a node. */
function close(open: Open, stack: Open[]): void {
  const parent = stack[stack.length - 1];
  const n = open.node;
  if (open.tag === 'member' && parent) {
    const value = open.text.trim();
    parent.members = [...(parent.members ?? []), value];
    parent.node.values = parent.members;
    parent.node.valueLine ??= open.line;
    return;
  }
  if (open.members) n.raw = `<${open.tag}>${open.members.map((v) => `<member>${escapeXml(v)}</member>`).join('')}</${open.tag}>`;
  else if (!open.hasElements && !open.entry) {
    const value = open.text.trim();
    if (value !== '') {
      n.values = [value];
      n.valueLine = open.line;
      n.raw = `<${open.tag}>${escapeXml(value)}</${open.tag}>`;
    }
  }
  if (parent) parent.node.children.push(n);
}

/** `<config>` itself, or the one inside an XML API answer (`<response><result><config>`). */
function configElement(top: PNode): PNode | undefined {
  if (top.name === 'config') return top;
  for (const c of top.children) {
    const found = configElement(c);
    if (found) return found;
  }
  return undefined;
}

/** Index of the `>` ending the tag at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
    else if (ch === '<') return -1;
  }
  return -1;
}

function attributes(rest: string, file: string, line: number): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  let i = 0;
  while (i < rest.length) {
    if (/^\s*$/.test(rest.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(rest);
    if (!m) throw new ParseError(file, line, `expected attributes as name="value", found ${JSON.stringify(rest.slice(i).trim().slice(0, 30))}`);
    out[m[1]] = decode(m[2] ?? m[3] ?? '', file, line);
    i = re.lastIndex;
  }
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, file: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);|&/g, (_all, ref: string | undefined) => {
    if (ref === undefined) throw new ParseError(file, line, 'expected an entity (&amp;, &lt;, …) after &, found a bare &');
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const v = ENTITIES[ref];
    // the name is not quoted back: it could be part of a secret's text
    if (v === undefined) throw new ParseError(file, line, 'expected a known entity (&amp;, &lt;, &gt;, &quot;, &apos;), found another');
    return v;
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncated(file: string, line: number, stack: Open[]): ParseError {
  const inner = stack[stack.length - 1];
  const path = stack
    .slice(-4)
    .map((o) => (o.entry ? `<entry name="${o.node.name}">` : `<${o.tag}>`))
    .join(' › ');
  return new ParseError(
    file,
    line,
    `expected </${inner.tag}> (opened at line ${inner.line}), found the end of the file inside ${path}: is the file truncated?`,
  );
}
