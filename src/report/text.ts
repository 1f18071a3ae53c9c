/**
 * Text for a terminal: widths in terminal cells (a CJK character takes two, an escape sequence
 * none), word wrapping that never leaves a line wider than asked, and a bordered grid drawn in
 * one pass over its cells. Everything here is linear in the length of the text: an audit with
 * thousands of findings renders as fast as it can be written (cli-table3 measured every cell
 * again and again and took minutes on such an audit).
 */
import stringWidth from 'string-width';

/**
 * One cell per UTF-16 unit, measured without segmenting (string-width's grapheme segmentation was
 * most of the time of a large report): printable ASCII, and the narrow characters reports hold —
 * Latin-1 and Latin Extended (not the soft hyphen), general punctuation (not the zero-width and
 * bidirectional controls), arrows (↔), mathematical operators (×, ≥), box drawing and blocks (the
 * grid's borders). None of these is wide or combining, nor an emoji (those start at U+231A).
 */
const PLAIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2200-\u22ff\u2500-\u259f]*$/;

/** Is `text` one cell per UTF-16 unit (its width its length)? */
export function isPlain(text: string): boolean {
  return PLAIN.test(text);
}

/** The width of `text` in terminal cells (wide characters count two, ANSI escapes none). */
export function cellWidth(text: string): number {
  return PLAIN.test(text) ? text.length : stringWidth(text);
}

/** `text` padded with spaces to `width` cells. */
export function padCells(text: string, width: number): string {
  const w = cellWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

/** A token wider than `width` cut into pieces that fit: after a `/` when it can (paths), else by characters. */
export function hardBreak(token: string, width: number): string[] {
  const w = Math.max(1, width);
  if (cellWidth(token) <= w) return [token];
  const parts: string[] = [];
  let cur = '';
  let curW = 0;
  for (const piece of token.split(/(?<=\/)/)) {
    const pw = cellWidth(piece);
    if (cur && curW + pw > w) {
      parts.push(cur);
      cur = '';
      curW = 0;
    }
    if (curW + pw <= w) {
      cur += piece;
      curW += pw;
      continue;
    }
    for (const ch of piece) {
      const cw = cellWidth(ch);
      if (curW + cw > w && cur) {
        parts.push(cur);
        cur = '';
        curW = 0;
      }
      cur += ch;
      curW += cw;
    }
  }
  if (cur) parts.push(cur);
  return parts;
}

export interface WrapOptions {
  /** what continuation lines of a wrapped line start with (after the line's own indentation) */
  hang?: string;
}

/** One line (no `\n`) wrapped at spaces to `width` cells; its leading indentation is kept on every piece. */
function wrapLine(line: string, width: number, hang: string): string[] {
  if (cellWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  // an indentation that leaves less than half the width is dropped on the continuation lines
  const indent = cellWidth(lead + hang) <= width / 2 ? lead + hang : '';
  const first = cellWidth(lead) <= width / 2 ? lead : '';
  const out: string[] = [];
  let cur = first;
  let curW = cellWidth(first);
  let empty = true;
  const flush = () => {
    out.push(cur.trimEnd());
    cur = indent;
    curW = cellWidth(indent);
    empty = true;
  };
  for (const word of line.slice(lead.length).split(/ +/)) {
    if (word === '') continue;
    const ww = cellWidth(word);
    if (!empty && curW + 1 + ww <= width) {
      cur += ` ${word}`;
      curW += 1 + ww;
      continue;
    }
    if (!empty) flush();
    if (curW + ww <= width) {
      cur += word;
      curW += ww;
      empty = false;
      continue;
    }
    const pieces = hardBreak(word, width - curW);
    for (const [i, p] of pieces.entries()) {
      cur += p;
      curW += cellWidth(p);
      empty = false;
      if (i < pieces.length - 1) flush();
    }
  }
  if (!empty || out.length === 0) out.push(cur.trimEnd());
  return out;
}

/** `text` (which may hold `\n`) as lines of at most `width` cells. */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const w = Math.max(1, width);
  const hang = options.hang ?? '';
  // a loop, not flatMap: a large report wraps hundreds of thousands of cells
  if (!text.includes('\n')) return wrapLine(text, w, hang);
  const out: string[] = [];
  for (const line of text.split('\n')) for (const piece of wrapLine(line, w, hang)) out.push(piece);
  return out;
}

const BOX = {
  top: ['┌', '┬', '┐'],
  mid: ['├', '┼', '┤'],
  bottom: ['└', '┴', '┘'],
  bar: '│',
  line: '─',
} as const;

const GREY = '\u001b[90m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export interface GridOptions {
  /** each column's width in cells, its one-space padding on either side included */
  colWidths: number[];
  head?: string[];
  /** grey borders and a bold head */
  color?: boolean;
}

/**
 * A bordered table (the look of cli-table3's default style): each cell word-wrapped to its column,
 * rows separated by a rule. Every cell is wrapped and padded once.
 */
export function renderGrid(rows: string[][], opts: GridOptions): string {
  return gridLines(rows, opts).join('\n');
}

/** The lines of `renderGrid`, not joined: a caller that joins them with more lines copies the grid once. */
export function gridLines(rows: string[][], opts: GridOptions): string[] {
  const widths = opts.colWidths.map((w) => Math.max(3, w));
  const border = (s: string) => (opts.color ? `${GREY}${s}${RESET}` : s);
  const rule = ([l, m, r]: readonly [string, string, string]) => border(l + widths.map((w) => BOX.line.repeat(w)).join(m) + r);
  const bar = border(BOX.bar);
  const out: string[] = [rule(BOX.top)];
  const emit = (cells: string[], head: boolean) => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w - 2));
    const height = Math.max(...wrapped.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      const parts = wrapped.map((c, i) => {
        const text = padCells(c[line] ?? '', widths[i] - 2);
        return ` ${head && opts.color ? `${BOLD}${text}${RESET}` : text} `;
      });
      out.push(bar + parts.join(bar) + bar);
    }
  };
  if (opts.head) {
    emit(opts.head, true);
    if (rows.length) out.push(rule(BOX.mid));
  }
  rows.forEach((r, i) => {
    if (i > 0) out.push(rule(BOX.mid));
    emit(r, false);
  });
  out.push(rule(BOX.bottom));
  return out;
}
