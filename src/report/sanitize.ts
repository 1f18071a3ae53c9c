/**
 * Text from input files (file names, tunnel names, host names, values as written) reaches
 * terminals, CI logs and uploaded report files. Whoever wrote the file may have put in it an
 * escape sequence that rewrites the terminal (ANSI CSI/OSC, C1 controls), a newline followed by
 * `::error file=…::` that GitHub Actions would execute as a workflow command, bidirectional
 * overrides that make text read differently than it is, or characters that make an XML file
 * invalid (C0 controls, U+FFFE/U+FFFF, lone surrogates). One function per output kind, applied
 * where the report becomes that kind of text:
 *
 *   terminal (table, show, state, stderr)  forTerminal / terminalReport / neutralizeCommands
 *   JSON and SARIF                          jsonSafe (on the serialized text: values are unchanged)
 *   JUnit XML                               forXml
 *   HTML                                    forHtml (the `h` template's escaping)
 *
 * What is replaced is shown, not dropped: `\u001b`, `\n` — a reader sees that the input held it.
 */

/** C0 controls but tab and newline, DEL, C1 controls. */
const CONTROL = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';
/** Bidirectional embeddings, overrides and isolates, and the marks (the "Trojan Source" set); line and paragraph separators. */
const FORMAT = '\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029';
/** Not characters at all: a lone surrogate (never valid UTF-8), U+FFFE and U+FFFF (never valid XML). */
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

const TERMINAL_LINE = new RegExp(`[${CONTROL}${FORMAT}\\t\\n\\ufffe\\uffff]|${LONE_SURROGATE}`, 'g');
const TERMINAL_TEXT = new RegExp(`[${CONTROL}${FORMAT}\\ufffe\\uffff]|${LONE_SURROGATE}`, 'g');
/** XML 1.0 allows tab, LF, CR and everything from U+0020 but surrogates and U+FFFE/U+FFFF; DEL and C1 are allowed but shown. */
const XML_BAD = new RegExp(`[${CONTROL}${FORMAT}\\ufffe\\uffff]|${LONE_SURROGATE}`, 'g');
/** JSON.stringify escapes C0 and lone surrogates itself; these it leaves raw. */
const JSON_RAW = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]/g;
const JSON_RAW_ANY = new RegExp(JSON_RAW.source);

/** `\n`, `\t`, `\r` as such; anything else as `\uXXXX`. */
function shown(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text for a terminal or a log. `multiline`: newlines are kept (a fix of several commands, a
 * message); otherwise (a name, a path, a value) a newline is shown as `\n` too.
 */
export function forTerminal(text: string, multiline = false): string {
  if (untouched(text, multiline)) return text;
  const cache = multiline ? shownMultiline : shownLine;
  let safe = cache.get(text);
  if (safe === undefined) {
    safe = text.replace(multiline ? TERMINAL_TEXT : TERMINAL_LINE, shown);
    if (cache.size >= SHOWN_MAX) cache.clear();
    cache.set(text, safe);
  }
  return safe;
}

/**
 * Is every UTF-16 unit of `text` one that forTerminal keeps as it is: printable ASCII, or
 * U+00A0–U+200D (Latin, Greek, Cyrillic, CJK … up to the first bidirectional mark), and in
 * multi-line text tab and newline? Nearly every string of a report is, and a loop over the units
 * costs a fraction of the replace it saves (a large audit's report holds millions of them).
 * Lone surrogates, C0/C1, the marks and U+FFFE/U+FFFF all lie outside these ranges.
 */
function untouched(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c >= 0xa0 && c < 0x200e) continue;
    if (multiline && (c === 0x0a || c === 0x09)) continue;
    return false;
  }
  return true;
}

/**
 * The strings that do need replacing, shown once per distinct text (the same device name or
 * value is met in many findings). Bounded, so a long run's memory does not grow with it.
 */
const shownLine = new Map<string, string>();
const shownMultiline = new Map<string, string>();
const SHOWN_MAX = 1 << 14;

/**
 * A line that starts (after blanks) with `::` is a GitHub Actions workflow command. None of ours
 * does; one that does came from an input, so it is made plain text with a leading backslash.
 */
export function neutralizeCommands(text: string): string {
  return text.replace(/^([ \t]*)::/gm, '$1\\::');
}

/** Fields of a report that are prose or commands of several lines; every other string is one line. */
const MULTILINE_KEYS = new Set(['fix', 'message', 'effect', 'explain', 'help', 'text']);

/**
 * A copy of a report-shaped value with every string made safe for a terminal. Depth-first and
 * iterative: a report is data we built, but its strings are not.
 */
export function terminalReport<T>(value: T): T {
  const walk = (x: unknown, key: string): unknown => {
    if (typeof x === 'string') return forTerminal(x, MULTILINE_KEYS.has(key));
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map((v) => walk(v, key));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = walk(v, k);
    return out;
  };
  return walk(value, '') as T;
}

/** Serialized JSON with the characters JSON.stringify leaves raw written as `\u` escapes: the same values, safe to print. */
export function jsonSafe(json: string): string {
  // tested first: a report is written in thousands of pieces, nearly all of which hold none
  if (!JSON_RAW_ANY.test(json)) return json;
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML 1.0 element content and attribute values: markup escaped, characters XML forbids shown as `\uXXXX`. */
export function forXml(text: string): string {
  return text.replace(XML_BAD, shown).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attributes: markup escaped, controls and non-characters shown as `\uXXXX`. */
export function forHtml(text: string): string {
  // a line of the file starting with `::` would be a workflow command if the report is ever printed
  // in a CI log; `&#58;` shows the same colon in a browser
  return text
    .replace(XML_BAD, shown)
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c])
    .replace(/^([ \t]*)::/gm, '$1&#58;&#58;');
}
