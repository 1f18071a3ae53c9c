/**
 * Input errors. A ParseError is the one error an adapter may throw: the CLI prints it as
 * `file:line: message` and exits 2. Anything else escaping an adapter is a bug in the adapter.
 */
export class ParseError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string) {
    super(capExcerpts(message));
    this.name = 'ParseError';
    this.file = file;
    this.line = line;
  }
  /** `file:line: message`, the form every user-facing input error takes. */
  get located(): string {
    return this.line === undefined ? `${this.file}: ${this.message}` : `${this.file}:${this.line}: ${this.message}`;
  }
}

/** A usage error (bad flag, unknown rule id): exit 2 with the message alone. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The longest piece of an input line an error quotes; the longest error message. */
export const MAX_EXCERPT = 60;
export const MAX_MESSAGE = 500;

const OPENS = /[\s(=:[,]/;
const CLOSES = /[\s).,;:\]–-]/;

/**
 * An error quotes only as much of a line as it needs: every quoted span ("…", '…', `…`) longer
 * than MAX_EXCERPT is cut there, and the whole message at MAX_MESSAGE. A quote counts as one when
 * it opens after a space or bracket and closes before one (so "adapter's" is not a quote). Linear:
 * each closing quote is looked for once, and the scan never goes back.
 */
export function capExcerpts(message: string): string {
  if (message.length <= MAX_EXCERPT) return message;
  let out = '';
  let i = 0;
  // a quote character with no closing one after it has none after any later position either
  const unclosed = new Set<string>();
  while (i < message.length) {
    if (out.length >= MAX_MESSAGE) return `${out.slice(0, MAX_MESSAGE)}…`;
    const c = message[i];
    if ((c === '"' || c === "'" || c === '`') && !unclosed.has(c) && (i === 0 || OPENS.test(message[i - 1]))) {
      const j = closingQuote(message, c, i + 1);
      if (j === message.length) unclosed.add(c);
      // an unclosed quote is a quote character in prose: only the message's length is capped
      if (j < message.length) {
        out += j - i - 1 > MAX_EXCERPT ? `${c}${message.slice(i + 1, i + 1 + MAX_EXCERPT)}…${c}` : message.slice(i, j + 1);
        i = j + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}

/** The index of the quote closing one opened before `from` (followed by a space, punctuation or the end), or the message's length. */
function closingQuote(message: string, quote: string, from: number): number {
  let j = message.indexOf(quote, from);
  while (j >= 0 && j + 1 < message.length && !CLOSES.test(message[j + 1])) j = message.indexOf(quote, j + 1);
  return j < 0 ? message.length : j;
}
