/**
 * One tokenizer for the `set …` command lines of Junos and PAN-OS (and their brace forms' leaf
 * values): words split on blanks, `[` and `]` are words of their own, quotes group a word and are
 * removed. The dialects differ in three details, each a parameter:
 * - which characters quote: Junos `"` only; PAN-OS `"` and `'`;
 * - which quotes a backslash escapes in: `"` in both (Junos `\"`, `\\`; PAN-OS the same), never `'`;
 * - whether a `"` ends a bare word: Junos yes (`a"b c"` is `a`, `b c`), PAN-OS no (`a"b` is one word).
 * Any Unicode blank separates words (NBSP, a vertical tab): before this tokenizer was shared, the
 * bare-word scan stopped at them while the blank skip did not, and such a line looped until the
 * reader ran out of memory.
 */
import { ParseError } from '../../src/model/errors.js';

export interface WordDialect {
  /** characters that open (and close) a quoted word */
  quotes: string;
  /** quotes inside which a backslash takes the next character as it is */
  escapeIn: string;
  /** a quote character ends a bare word (and opens the next) */
  quoteEndsBareWord: boolean;
}

export const JUNOS_WORDS: WordDialect = { quotes: '"', escapeIn: '"', quoteEndsBareWord: true };
export const PANOS_WORDS: WordDialect = { quotes: `"'`, escapeIn: '"', quoteEndsBareWord: false };

const BLANK = /\s/;

/** The words of one command line, or a ParseError at `file:line` for a quote left open. */
export function splitWords(text: string, file: string, line: number, dialect: WordDialect): string[] {
  const out: string[] = [];
  const endsBare = (c: string) => BLANK.test(c) || c === '[' || c === ']' || (dialect.quoteEndsBareWord && dialect.quotes.includes(c));
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (BLANK.test(ch)) {
      i++;
      continue;
    }
    if (ch === '[' || ch === ']') {
      out.push(ch);
      i++;
      continue;
    }
    if (dialect.quotes.includes(ch)) {
      let j = i + 1;
      let word = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\' && dialect.escapeIn.includes(ch) && j + 1 < text.length) j++;
        word += text[j];
        j++;
      }
      if (j >= text.length) throw new ParseError(file, line, `expected a closing ${ch} for the value opened in column ${i + 1}, found the end of the line`);
      out.push(word);
      i = j + 1;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !endsBare(text[j])) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}
