/**
 * The terminal report. On a wide terminal, a table: one row per finding with both sides as
 * written, where each came from, the normalized values and the effect. Below TABLE_MIN_WIDTH
 * columns (an 80- or 120-column terminal), one block per finding, as eslint's stylish or trivy
 * print them: severity and rule, the tunnel, each side as written with its file:line, the values
 * and the effect, wrapped to the width. The fixes follow either way (they are multi-line).
 * No line is wider than `width` cells, and rendering is linear in the size of the report.
 */
import type { Report, ReportFinding, ReportSide } from './report.js';
import { defaultLabel, lineLabel } from '../model/setting.js';
import type { Severity } from '../compare/types.js';
import { cellWidth, grid, hardBreak, isPlain, padCells, plainLines, wrap } from './text.js';
import { forTerminal, neutralizeCommands, terminalReport } from './sanitize.js';

export interface TableOptions {
  color: boolean;
  /** terminal width to fit */
  width: number;
  /** an audit of a whole repository: count inputs and pairs instead of listing each as A/B */
  fleet?: boolean;
}

/** Narrower than this, the seven columns of the table leave too little room for the text: blocks instead. */
export const TABLE_MIN_WIDTH = 150;
/** Narrower than this nothing is laid out: lines are only wrapped. */
const MIN_WIDTH = 40;

const COLORS: Record<Severity, string> = { error: '\u001b[31;1m', warning: '\u001b[33;1m', info: '\u001b[36m' };
const RESET = '\u001b[0m';

function paint(text: string, sev: Severity, color: boolean): string {
  return color ? `${COLORS[sev]}${text}${RESET}` : text;
}

/** Break tokens longer than `width` (file paths) at `/`, so word wrapping never has to cut them elsewhere. */
export function breakLong(text: string, width: number): string {
  // every line plain (one cell per unit): each is measured by its length, and so is each token
  const plain = plainLines(text);
  if (plain && text.length <= width) return text;
  return text
    .split('\n')
    .map((line) =>
      // most lines are plain text that fits (one cell per character): no token in them is too long
      line.length <= width && (plain || isPlain(line))
        ? line
        : line
            .split(' ')
            .map((tok) => ((plain ? tok.length : cellWidth(tok)) <= width ? tok : hardBreak(tok, width, plain).join('\n')))
            .join(' '),
    )
    .join('\n');
}

function where(s: ReportSide | undefined): string {
  if (!s?.setting) return '';
  if (s.setting.at) return lineLabel({ at: s.setting.at, assumed: s.setting.assumed });
  return s.setting.origin === 'default' ? defaultLabel(s.setting) : s.setting.origin;
}

function written(s: ReportSide | undefined): string {
  if (!s) return '—';
  const raw = s.setting?.raw ?? '';
  return [raw, `(${where(s)})`].filter((x) => x && x !== '()').join('\n');
}

function endName(e: ReportSide['end'] | undefined): string {
  return e ? `${e.tunnel}${e.phase2 && e.phase2 !== e.tunnel ? ` [${e.phase2}]` : ''}` : '—';
}

function tunnelOf(r: ReportFinding): string {
  return `${endName(r.a?.end)}\n↔ ${endName(r.b?.end)}`;
}

/** The lines above the findings: what was read and what was paired (`report`: its terminal-safe inputs and pairs). */
function headLines(report: Pick<Report, 'inputs' | 'pairs'>, opts: TableOptions): string[] {
  if (opts.fleet) {
    const vendors = new Map<string, number>();
    for (const i of report.inputs) vendors.set(i.vendor, (vendors.get(i.vendor) ?? 0) + 1);
    return [`read ${report.inputs.length} device(s) (${[...vendors].map(([v, n]) => `${n} ${v}`).join(', ')}), paired ${report.pairs.length} tunnel(s)`];
  }
  return [
    ...report.inputs.map((i, n) => `${n === 0 ? 'A' : n === 1 ? 'B' : `#${n + 1}`}: ${i.origin} (${i.vendor}${i.hostname ? `, ${i.hostname}` : ''})`),
    ...report.pairs.map((p) => `paired: ${p.a.tunnel} ↔ ${p.b.tunnel} (${p.how})`),
  ];
}

/** The grid's column widths at `w` cells: fixed columns first, the rest shared between the wide text columns. */
function columnWidths(w: number): number[] {
  const fixed = [11, 27, 20];
  const rest = w - fixed.reduce((x, y) => x + y, 0) - 8;
  return [...fixed, Math.floor(rest * 0.2), Math.floor(rest * 0.2), Math.floor(rest * 0.17), Math.floor(rest * 0.43)];
}

const TABLE_HEAD = ['Severity', 'Rule', 'Tunnel', 'A: as written', 'B: as written', 'Normalized (A | B)', 'Effect'];

/** The cells of finding number `n` (terminal-safe) in the grid, each as `cell` lays it out in its column. */
function tableRow(f: ReportFinding, n: number, color: boolean, cell: (text: string, col: number) => string[]): string[][] {
  return [
    cell(paint(`${n}. ${f.severity}`, f.severity, color), 0),
    cell(f.rule, 1),
    cell(tunnelOf(f), 2),
    cell(written(f.a), 3),
    cell(written(f.b), 4),
    cell([f.a?.display ?? '—', f.b?.display ?? '—'].join('\n|\n'), 5),
    cell(`${f.message}\n→ ${f.effect}`, 6),
  ];
}

/**
 * Columns whose texts repeat across findings (the rule; the normalized values and the effect,
 * which name values, not files): each distinct text is laid out once. The others name a file and
 * line or a finding's number, so they differ in every row.
 */
const REPEATING = new Set([1, 5, 6]);
/** Bound of each layout cache, so that a long run's memory does not grow with it. */
const LAYOUTS_MAX = 1 << 12;

/** `layout(text)` remembered by text. */
function remembered(layout: (text: string) => string[]): (text: string) => string[] {
  const seen = new Map<string, string[]>();
  return (text) => {
    let lines = seen.get(text);
    if (lines === undefined) {
      lines = layout(text);
      if (seen.size >= LAYOUTS_MAX) seen.clear();
      seen.set(text, lines);
    }
    return lines;
  };
}

/** One finding as a block: a heading line, then labelled fields with their text wrapped under a hanging indent. */
function findingBlock(f: ReportFinding, n: number, opts: TableOptions): string[] {
  const w = opts.width;
  const label = 10; // "   values " : 3 spaces, the longest label, a space
  const field = (name: string, text: string): string[] => {
    const body = wrap(text, Math.max(10, w - label));
    return body.map((l, i) => `${i === 0 ? padCells(`   ${name}`, label) : ' '.repeat(label)}${l}`);
  };
  const side = (s: ReportSide | undefined): string => {
    if (!s) return '—';
    const raw = s.setting?.raw;
    const at = where(s);
    return [raw, at && `(${at})`].filter(Boolean).join('\n') || '—';
  };
  const head = `${paint(`${n}. ${f.severity}`, f.severity, opts.color)}  ${f.rule}`;
  return [
    ...(cellWidth(head) <= w ? [head] : [paint(`${n}. ${f.severity}`, f.severity, opts.color), ...wrap(f.rule, w)]),
    ...field('tunnel', `${endName(f.a?.end)} ↔ ${endName(f.b?.end)}`),
    ...field('A', side(f.a)),
    ...field('B', side(f.b)),
    ...(f.a?.display !== undefined || f.b?.display !== undefined ? field('values', `${f.a?.display ?? '—'} | ${f.b?.display ?? '—'}`) : []),
    ...field('', f.message),
    ...field('', `→ ${f.effect}`),
  ];
}

/**
 * The lines of the fixes of finding number `n` (terminal-safe), each side's in its own syntax,
 * indented and wrapped to the width (`body`: a fix's text so laid out; the same fix recurs).
 */
function fixLines(f: ReportFinding, n: number, width: number, body: (fix: string) => string[]): string[] {
  const lines: string[] = [];
  for (const [label, s] of [
    ['A', f.a],
    ['B', f.b],
  ] as const) {
    if (!s?.fix) continue;
    for (const l of wrap(`${n}. ${f.rule} — fix on ${label} (${s.end.device}):`, width, { hang: '    ' })) lines.push(l);
    for (const l of body(s.fix)) lines.push(l);
  }
  return lines;
}

/**
 * What the table shows of a side, terminal-safe: the fields the table reads, each made safe as
 * terminalReport would (one-line fields show a newline as `\n`; the fix keeps its lines), without
 * copying the rest (values, proposals) of each of thousands of findings.
 */
function safeSide(s: ReportSide | undefined, withFix: boolean): ReportSide | undefined {
  if (!s) return s;
  const e = s.end;
  const end: ReportSide['end'] = { device: safe(e.device), vendor: safe(e.vendor), tunnel: safe(e.tunnel) };
  if (e.phase2 !== undefined) end.phase2 = safe(e.phase2);
  const out: ReportSide = { end };
  const st = s.setting;
  if (st) {
    out.setting = { value: null, raw: safe(st.raw), origin: safe(st.origin), assumed: safe(st.assumed) };
    if (st.at) out.setting.at = { file: safe(st.at.file), line: safe(st.at.line) };
  }
  if (s.display !== undefined) out.display = safe(s.display);
  if (withFix && s.fix !== undefined) out.fix = safe(s.fix, true);
  return out;
}

/** One of a finding's values, terminal-safe when it is a string (as terminalReport leaves numbers and booleans). */
function safe<T>(x: T, multiline = false): T {
  return (typeof x === 'string' ? forTerminal(x, multiline) : x) as T;
}

/** The fields of a finding the table shows in its row or block, terminal-safe (see safeSide); the fixes come later. */
function safeFinding(f: ReportFinding): ReportFinding {
  return {
    rule: safe(f.rule),
    severity: safe(f.severity),
    title: '',
    message: safe(f.message, true),
    effect: safe(f.effect, true),
    a: safeSide(f.a, false),
    b: safeSide(f.b, false),
  };
}

/** What fixLines reads of a finding, terminal-safe: the rule, and each side's device and fix. */
function safeFixes(f: ReportFinding): ReportFinding {
  const side = (s: ReportSide | undefined): ReportSide | undefined =>
    s && { end: { device: safe(s.end.device), vendor: '', tunnel: '' }, fix: s.fix === undefined ? undefined : safe(s.fix, true) };
  return { rule: safe(f.rule), severity: f.severity, title: '', message: '', effect: '', a: side(f.a), b: side(f.b) };
}

/** The report for a terminal; every string from an input is made terminal-safe first (sanitize.ts). */
export function renderTable(report: Report, opts: TableOptions): string {
  return [...tableChunks(report, opts)].join('');
}

/** Lines gathered before they are handed on as one chunk: a few hundred KB of text. */
const CHUNK_LINES = 2000;

/**
 * renderTable's text in chunks of whole lines, finding by finding: a fleet's table (tens of MB)
 * goes to its file as it is made, never held whole, and what each finding allocates dies young.
 * Each chunk is neutralized on its own: it starts at the start of a line, where `::` is looked for.
 */
export function* tableChunks(report: Report, opts: TableOptions): Generator<string> {
  for (const chunk of tableText(report, opts)) yield chunk.includes('::') ? neutralizeCommands(chunk) : chunk;
}

function* tableText(report: Report, opts: TableOptions): Generator<string> {
  const width = Math.max(MIN_WIDTH, opts.width);
  const o = { ...opts, width };
  // a fleet's table prints how many pairs there are, not the pairs: no terminal-safe copy of each
  const listed = terminalReport({ inputs: report.inputs, pairs: opts.fleet ? [] : report.pairs });
  const lines: string[] = headLines({ inputs: listed.inputs, pairs: opts.fleet ? report.pairs : listed.pairs }, o).flatMap((l) =>
    wrap(l, width, { hang: '    ' }),
  );
  if (report.findings.length === 0) {
    lines.push('', report.pairs.length ? 'No differences found.' : 'No tunnels could be paired and none point at the other device.');
    yield `${lines.join('\n')}\n`;
    return;
  }
  lines.push('');
  const flush = function* (): Generator<string> {
    if (lines.length >= CHUNK_LINES) {
      yield `${lines.join('\n')}\n`;
      lines.length = 0;
    }
  };
  if (width >= TABLE_MIN_WIDTH) {
    const colWidths = columnWidths(width);
    const g = grid({ colWidths, head: TABLE_HEAD, color: opts.color });
    // tokens too long for the column are broken at `/` first, then the cell is wrapped and padded
    const layouts = colWidths.map((w, col) => {
      // (the severity cell is short, and never was broken)
      const layout = (text: string) => g.cell(col === 0 ? text : breakLong(text, w - 2), col);
      return REPEATING.has(col) ? remembered(layout) : layout;
    });
    const cell = (text: string, col: number) => layouts[col](text);
    for (const l of g.start(report.findings.length > 0)) lines.push(l);
    for (const [i, f] of report.findings.entries()) {
      for (const l of g.rowOf(tableRow(safeFinding(f), i + 1, opts.color, cell), i === 0)) lines.push(l);
      yield* flush();
    }
    lines.push(g.end());
  } else {
    for (const [i, f] of report.findings.entries()) {
      if (i > 0) lines.push('');
      for (const l of findingBlock(safeFinding(f), i + 1, o)) lines.push(l);
      yield* flush();
    }
  }
  let fixes = false;
  const body = remembered((fix) => wrap(indent(fix), width, { hang: '  ' }));
  for (const [i, f] of report.findings.entries()) {
    if (!f.a?.fix && !f.b?.fix) continue;
    const more = fixLines(safeFixes(f), i + 1, width, body);
    if (!more.length) continue;
    if (!fixes) {
      lines.push('');
      for (const l of wrap('Fixes (change either side to match the other):', width)) lines.push(l);
      fixes = true;
    }
    for (const l of more) lines.push(l);
    yield* flush();
  }
  const s = report.summary;
  lines.push('', `${s.error} error(s), ${s.warning} warning(s), ${s.info} info`);
  yield `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
