/**
 * What a gcloud YAML export can have at the start of a line, checked in one pass before the YAML
 * parser sees the text.
 *
 * gcloud prints YAML with ruamel's safe dumper, `default_flow_style = False`, indent 2, strings
 * that hold a newline as `|` literal blocks (Google Cloud SDK, lib/googlecloudsdk/core/resource/
 * yaml_printer.py, YamlPrinter). So a line that starts at column 0 is a key (`name: x`,
 * `localTrafficSelector:`), an item of a top-level key's list (`- 0.0.0.0/0`), a document marker
 * (`---`, `...`, `%YAML 1.2`) or a comment someone added; everything else — a wrapped value's next
 * line, a literal block's lines, nested keys — is indented. Blank lines occur (inside literal
 * blocks, between documents someone joined) and are not checked.
 *
 * Why refuse the rest here: the yaml package makes one error per line it cannot attach (`\` lines,
 * `a {` lines after a value), with a stack trace each; 256 KB of `\` + newline took 3.4 s, most of
 * it building errors the reader never shows (it reports the first).
 */

/** A top-level key: plain (not starting with a YAML indicator or `\`), single- or double-quoted, then `:` and a space or the line end. */
const KEY = /^(?:[^\s#'"\-?:,[\]{}&*!|>%@`\\][^\n]*?|'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"):(?:[ \t]|\r?$)/;
/** `---` / `...` (alone or before a value on the same line), a `%` directive, a list item, a comment. */
const MARKER = /^(?:(?:---|\.\.\.)(?:[ \t]|\r?$)|%|-(?:[ \t]|\r?$)|#)/;

/** JSON (`--format=json`): its lines are checked by the YAML parser alone (JSON has no continued values). */
const isJson = (text: string) => /^\uFEFF?\s*[[{]/.test(text);

/**
 * The first line (1-based) that starts at column 0 with something gcloud's YAML printer never
 * writes there, or undefined (also for JSON text).
 */
export function strayLine(text: string): number | undefined {
  if (isJson(text)) return undefined;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (!columnZeroOk(text.slice(start, end), line === 1)) return line;
    start = end + 1;
  }
  return undefined;
}

function columnZeroOk(line: string, first: boolean): boolean {
  const l = first && line.startsWith('\uFEFF') ? line.slice(1) : line;
  const c = l[0];
  // empty, or indented (a nested key, a continued value, a literal block line, or a blank one)
  if (c === undefined || c === ' ' || c === '\r') return true;
  if (c === '\t') return /^[ \t]*\r?$/.test(l);
  return MARKER.test(l) || KEY.test(l);
}
