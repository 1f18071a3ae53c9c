/**
 * Snapshot redaction of XML secrets over the whole text (SnapshotRules.redactText), shared by the
 * XML-speaking adapters (pfSense/OPNsense config.xml, PAN-OS): their per-line rules see one line of
 * an element that may span several.
 */

/** In XML the marker is written escaped, so the file stays well-formed and reads back as `<redacted>`. */
const XML_REDACTED = '&lt;redacted&gt;';
/** A start tag as the config.xml reader (sax, strict) accepts it: the name, then blanks, attributes (no `<` or `>`) or `/`. */
const START_TAG = /<([A-Za-z_][\w.-]*)(?=[\s/>])[^<>]*>/y;
const END_TAG = /<\/\s*([A-Za-z_][\w.-]*)\s*>/y;

/**
 * Every secret element's content over the whole text, in every form an XML reader (sax, xml2js)
 * accepts and per-line rules miss: attributes or blanks in the start tag (`<pre-shared-key >`,
 * `<pre-shared-key a="1">`, `<pre-shared-key` and `>` on two lines), blanks in the end tag
 * (`</ pre-shared-key >`: sax skips them), content over several lines, the element nested in
 * itself, CDATA or a comment holding the end tag's text. The content becomes `&lt;redacted&gt;`
 * followed by the content's own line ends, so every later line keeps its number; an element that
 * never ends loses the rest of the text (it was all the element's). pfSense, OPNsense and PAN-OS
 * write none of these forms (`<tag>value</tag>` or a CDATA section on one line), but a snapshot of
 * a file written by hand must not hold its keys. One scan from `<` to `<`: linear.
 */
export function xmlSecretRedactor(tags: readonly string[]): (text: string) => string {
  const secret: ReadonlySet<string> = new Set(tags);
  return (text) => redactElements(text, secret);
}

function redactElements(text: string, secret: ReadonlySet<string>): string {
  let out = '';
  let from = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(text);
    if (!start || !secret.has(start[1]) || start[0].endsWith('/>')) {
      at = skipMarkup(text, at);
      continue;
    }
    const contentStart = at + start[0].length;
    const contentEnd = endOfElement(text, contentStart, start[1]);
    const content = text.slice(contentStart, contentEnd);
    out += text.slice(from, contentStart) + XML_REDACTED + '\n'.repeat(countNewlines(content));
    from = contentEnd;
    at = contentEnd < text.length ? text.indexOf('<', contentEnd) : -1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Where the next `<` after the markup at `at` is: a comment, CDATA or processing instruction is passed whole. */
function skipMarkup(text: string, at: number): number {
  const close = text.startsWith('<!--', at)
    ? text.indexOf('-->', at + 4)
    : text.startsWith('<![CDATA[', at)
      ? text.indexOf(']]>', at + 9)
      : text.startsWith('<?', at)
        ? text.indexOf('?>', at + 2)
        : at;
  return close < 0 ? -1 : text.indexOf('<', close + 1);
}

/** The position of the end tag closing the element `name` whose content starts at `from` (nested elements of the same name counted), or the text's end. */
function endOfElement(text: string, from: number, name: string): number {
  let depth = 1;
  let at = text.indexOf('<', from);
  while (at >= 0) {
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(text);
    if (end) {
      if (end[1] === name && --depth === 0) return at;
      at = text.indexOf('<', at + 1);
      continue;
    }
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(text);
    if (start && start[1] === name && !start[0].endsWith('/>')) depth++;
    at = start ? text.indexOf('<', at + 1) : skipMarkup(text, at);
  }
  return text.length;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
