/**
 * The default output form of `show config running` (`set cli config-output-format default`), as
 * RANCID and Oxidized store it:
 *
 *   config {
 *     devices {
 *       localhost.localdomain {
 *         network {
 *           ike {
 *             gateway {
 *               GW-HQ {
 *                 peer-address {
 *                   ip 192.0.2.10;
 *                 }
 *
 * `name {` opens, `}` closes, `leaf value;` or `leaf [ a b ];` sets, a bare `value;` is an entry
 * or a choice (`ip { 10.0.0.1/24; }`, `peer-address { dynamic; }`). Quoted strings may span lines
 * (certificates). Each statement is applied as the set form applies the same path (setformat.ts),
 * so the three forms build one tree.
 */
import { ParseError } from '../../src/model/errors.js';
import { REDACTED } from './secrets.js';
import { openPath, PROMPT, quoteWord, setLeaf } from './setformat.js';
import { node, type PNode } from './tree.js';

interface Token {
  kind: 'word' | '{' | '}' | ';' | '[' | ']';
  text: string;
  line: number;
}

/**
 * Blocks nested deeper than this are an input error. A device's `show config running` nests about
 * 15 deep (fixtures/panos/pa-br1-11.1-show-config-default.txt: config › devices › … › ikev2 › dpd),
 * a Panorama template a few more; without a bound, each level re-walks the path from the root and
 * 64 KB of `a {` lines took 13 s.
 */
export const MAX_BLOCK_DEPTH = 64;

/** `name {` on a line of its own: how the default form looks (detect and formOf use it). */
export const BRACE_OPEN = /^\s*(?:"[^"]*"|[^\s{};"]+)(?:\s+(?:"[^"]*"|[^\s{};"]+))*\s*\{\s*$/;

function tokens(text: string, file: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  let lineStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    // any other blank separates, as in set lines (setline-common): the word scan below stops at
    // every \s, and a blank skipped only as ' ', tab or CR (not U+2005, NBSP) made an empty token
    // without advancing, forever
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      const end = text.indexOf('\n', i);
      const rest = text.slice(i, end === -1 ? text.length : end);
      // comments (`# …`, RANCID's `!RANCID-CONTENT-TYPE`), the prompt and the command echo
      if (ch === '#' || ch === '!' || PROMPT.test(rest) || /^show config\b/.test(rest)) {
        i = end === -1 ? text.length : end;
        continue;
      }
    }
    if (ch === '{' || ch === '}' || ch === ';' || ch === '[' || ch === ']') {
      out.push({ kind: ch, text: ch, line });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = line;
      let j = i + 1;
      let word = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\' && ch === '"' && j + 1 < text.length) j++;
        if (text[j] === '\n') line++;
        word += text[j];
        j++;
      }
      if (j >= text.length) throw new ParseError(file, start, `expected a closing ${ch} for the value opened here, found the end of the file`);
      out.push({ kind: 'word', text: word, line: start });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s{};[\]"]/.test(text[j])) j++;
    out.push({ kind: 'word', text: text.slice(i, j), line });
    i = j;
  }
  return out;
}

export function parseBraceConfig(text: string, file: string): PNode {
  const root = node('config', 1);
  const stack: Array<{ path: string[]; line: number }> = [];
  let path: string[] = [];
  let words: Token[] = [];
  let list: string[] | undefined;
  let statements = 0;
  for (const t of tokens(text, file)) {
    if (t.kind === 'word') {
      if (list) list.push(t.text);
      else words.push(t);
      continue;
    }
    if (t.kind === '[') {
      if (list) throw new ParseError(file, t.line, 'expected ] before another [');
      list = [];
      continue;
    }
    if (t.kind === ']') {
      if (!list) throw new ParseError(file, t.line, 'expected [ before ]');
      continue;
    }
    if (t.kind === '{') {
      if (list || !words.length) throw new ParseError(file, t.line, `expected a name before {, found ${list ? 'a [ list' : 'none'}`);
      if (stack.length >= MAX_BLOCK_DEPTH)
        throw new ParseError(file, t.line, `expected blocks nested at most ${MAX_BLOCK_DEPTH} deep, found a deeper one: ${words[0].text.slice(0, 40)} {`);
      const names = words.map((w) => w.text);
      // `config { … }` around everything is the root itself
      const inner = path.length === 0 && names.length === 1 && names[0] === 'config' ? [] : names;
      stack.push({ path, line: t.line });
      path = [...path, ...inner];
      if (path.length) openPath(root, path, words[0].line);
      words = [];
      statements++;
      continue;
    }
    if (t.kind === ';') {
      const first = words[0]?.line ?? t.line;
      const values = list ?? (words.length ? [words[words.length - 1].text] : []);
      const keys = (list ? words : words.slice(0, -1)).map((w) => w.text);
      list = undefined;
      if (!values.length && !keys.length) continue;
      const full = [...path, ...keys];
      const written = [...keys, ...(values.length === 1 && !keys.length ? values : [])].map(quoteWord).join(' ');
      setLeaf(root, full, values, first, (secret) =>
        secret
          ? `${written} ${REDACTED};`
          : `${[...keys.map(quoteWord), values.length > 1 ? `[ ${values.map(quoteWord).join(' ')} ]` : quoteWord(values[0])].join(' ')};`,
      );
      words = [];
      statements++;
      continue;
    }
    // }
    if (words.length || list) throw new ParseError(file, t.line, `expected ; after ${JSON.stringify(words.map((w) => w.text).join(' '))}, found }`);
    const open = stack.pop();
    if (!open) throw new ParseError(file, t.line, 'expected a statement, found a } that closes nothing');
    path = open.path;
  }
  if (words.length || list)
    throw new ParseError(file, words[0]?.line ?? 1, 'expected ; or { after the last statement, found the end of the file: is the file truncated?');
  if (stack.length) {
    const open = stack[stack.length - 1];
    throw new ParseError(
      file,
      text.split('\n').length,
      `expected } for the block opened at line ${open.line}, found the end of the file: is the file truncated?`,
    );
  }
  if (!statements) throw new ParseError(file, 1, 'expected PAN-OS configuration statements (name { … }), found none');
  return root;
}
