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
export function isPlain(text: string): boolean {
  return plainUnits(text, false);
}

/** Is every line of `text` plain (isPlain, newlines aside)? Then so is every piece of each line. */
export function plainLines(text: string): boolean {
  return plainUnits(text, true);
}

function plainUnits(text: string, newlines: boolean): boolean {
  // [\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u259f]*, as a loop over the
  // units: a large table measures a million words and cells, and a regular expression's call
  // costs more than the few units of most of them
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c < 0xa0) {
      if (c === 0x0a && newlines) continue;
      return false;
    }
    if (c <= 0x2ff) {
      if (c === 0xad) return false;
      continue;
    }
    if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2190 && c <= 0x22ff) || (c >= 0x2500 && c <= 0x259f)) continue;
    return false;
  }
  return true;
}

/** The width of `text` in terminal cells (wide characters count two, ANSI escapes none). */
export function cellWidth(text: string): number {
  return isPlain(text) ? text.length : stringWidth(text);
}

/** The width of a piece of a text known to be plain (`plain`: then its length), or measured. */
function widthIn(piece: string, plain: boolean): number {
  return plain ? piece.length : cellWidth(piece);
}

/** `text` padded with spaces to `width` cells. */
export function padCells(text: string, width: number, plain = false): string {
  const w = widthIn(text, plain);
  return w >= width ? text : text + spaces(width - w);
}

const SPACES: string[] = [];

/** `n` spaces; the short runs that pad table cells are made once. */
function spaces(n: number): string {
  if (n > 256) return ' '.repeat(n);
  let s = SPACES[n];
  if (s === undefined) SPACES[n] = s = ' '.repeat(n);
  return s;
}

/** A token wider than `width` cut into pieces that fit: after a `/` when it can (paths), else by characters. */
export function hardBreak(token: string, width: number, plain = false): string[] {
  const w = Math.max(1, width);
  if (widthIn(token, plain) <= w) return [token];
  const parts: string[] = [];
  let cur = '';
  let curW = 0;
  for (const piece of token.split(/(?<=\/)/)) {
    const pw = widthIn(piece, plain);
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
      const cw = widthIn(ch, plain);
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
function wrapLine(line: string, width: number, hang: string, plain: boolean): string[] {
  if (widthIn(line, plain) <= width) return [line];
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
    const ww = widthIn(word, plain);
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
    const pieces = hardBreak(word, width - curW, plain);
    for (const [i, p] of pieces.entries()) {
      cur += p;
      curW += widthIn(p, plain);
      empty = false;
      if (i < pieces.length - 1) flush();
    }
  }
  if (!empty || out.length === 0) out.push(cur.trimEnd());
  return out;
}

/**
 * `text` (which may hold `\n`) as lines of at most `width` cells. `plain`: the caller knows
 * plainLines(text) (then every piece of a line is plain, and measured by its length).
 */
export function wrap(text: string, width: number, options: WrapOptions = {}, plain = plainLines(text)): string[] {
  const w = Math.max(1, width);
  const hang = options.hang ?? '';
  // a loop, not flatMap: a large report wraps hundreds of thousands of cells
  if (!text.includes('\n')) return wrapLine(text, w, hang, plain);
  const out: string[] = [];
  for (const line of text.split('\n')) for (const piece of wrapLine(line, w, hang, plain)) out.push(piece);
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
  const g = grid(opts);
  const out = g.start(rows.length > 0);
  rows.forEach((r, i) => {
    for (const l of g.row(r, i === 0)) out.push(l);
  });
  out.push(g.end());
  return out;
}

export interface Grid {
  /** the top rule, and the head with the rule under it when there are rows */
  start(hasRows: boolean): string[];
  /** one row's lines, after the rule that separates it from the row before */
  row(cells: string[], first: boolean): string[];
  /** a cell of column `col`: its text wrapped and each line padded to the column */
  cell(text: string, col: number): string[];
  /** row() of cells already made by cell() */
  rowOf(cells: string[][], first: boolean): string[];
  /** the bottom rule */
  end(): string;
}

/** renderGrid a row at a time, for a caller that writes each row as it is made (a fleet's table). */
export function grid(opts: GridOptions): Grid {
  const widths = opts.colWidths.map((w) => Math.max(3, w));
  const border = (s: string) => (opts.color ? `${GREY}${s}${RESET}` : s);
  const rule = ([l, m, r]: readonly [string, string, string]) => border(l + widths.map((w) => BOX.line.repeat(w)).join(m) + r);
  const bar = border(BOX.bar);
  const mid = rule(BOX.mid);
  const blank = widths.map((w) => spaces(w - 2));
  const cell = (text: string, col: number): string[] => {
    // the lines of a plain text are plain: wrapped and padded by their lengths
    const plain = plainLines(text);
    const lines = wrap(text, widths[col] - 2, {}, plain);
    for (let i = 0; i < lines.length; i++) lines[i] = padCells(lines[i], widths[col] - 2, plain);
    return lines;
  };
  const rowOf = (cells: string[][], first: boolean, bold = false): string[] => {
    const out = first ? [] : [mid];
    let height = 0;
    for (const c of cells) if (c.length > height) height = c.length;
    const parts: string[] = [bar];
    for (let line = 0; line < height; line++) {
      parts.length = 1;
      for (let i = 0; i < widths.length; i++) {
        const text = cells[i]?.[line] ?? blank[i];
        parts.push(' ', bold ? `${BOLD}${text}${RESET}` : text, ' ', bar);
      }
      // one flat string per line: joining them into a chunk then copies each once
      out.push(parts.join(''));
    }
    return out;
  };
  const cellsOf = (texts: string[]) => widths.map((_, i) => cell(texts[i] ?? '', i));
  return {
    start(hasRows) {
      const out = [rule(BOX.top)];
      if (opts.head) {
        for (const l of rowOf(cellsOf(opts.head), true, Boolean(opts.color))) out.push(l);
        if (hasRows) out.push(mid);
      }
      return out;
    },
    row: (cells, first) => rowOf(cellsOf(cells), first),
    cell,
    rowOf: (cells, first) => rowOf(cells, first),
    end: () => rule(BOX.bottom),
  };
}
