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
import { cellWidth, gridLines, hardBreak, isPlain, padCells, wrap } from './text.js';
import { neutralizeCommands, terminalReport } from './sanitize.js';

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
  if (!text.includes('\n') && text.length <= width && isPlain(text)) return text;
  return text
    .split('\n')
    .map((line) =>
      // most lines are plain text that fits (one cell per character): no token in them is too long
      line.length <= width && isPlain(line)
        ? line
        : line
            .split(' ')
            .map((tok) => (cellWidth(tok) <= width ? tok : hardBreak(tok, width).join('\n')))
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

/** The lines above the findings: what was read and what was paired. */
function headLines(report: Report, opts: TableOptions): string[] {
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

function tableLines(report: Report, opts: TableOptions): string[] {
  const w = opts.width;
  // fixed columns first, the rest shared between the wide text columns
  const fixed = [11, 27, 20];
  const rest = w - fixed.reduce((x, y) => x + y, 0) - 8;
  const colWidths = [...fixed, Math.floor(rest * 0.2), Math.floor(rest * 0.2), Math.floor(rest * 0.17), Math.floor(rest * 0.43)];
  const cell = (text: string, col: number) => breakLong(text, colWidths[col] - 2);
  const rows = report.findings.map((f, i) => [
    paint(`${i + 1}. ${f.severity}`, f.severity, opts.color),
    cell(f.rule, 1),
    cell(tunnelOf(f), 2),
    cell(written(f.a), 3),
    cell(written(f.b), 4),
    cell([f.a?.display ?? '—', f.b?.display ?? '—'].join('\n|\n'), 5),
    cell(`${f.message}\n→ ${f.effect}`, 6),
  ]);
  // its lines, not one string: tableOf joins everything once (the grid of a fleet is tens of MB)
  return gridLines(rows, {
    colWidths,
    head: ['Severity', 'Rule', 'Tunnel', 'A: as written', 'B: as written', 'Normalized (A | B)', 'Effect'],
    color: opts.color,
  });
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

function blockLines(report: Report, opts: TableOptions): string[] {
  return report.findings.flatMap((f, i) => [...(i > 0 ? [''] : []), ...findingBlock(f, i + 1, opts)]);
}

/** The fixes, numbered as the findings, each side's in its own syntax, indented and wrapped to the width. */
function fixLines(report: Report, width: number): string[] {
  const fixes: string[] = [];
  report.findings.forEach((f, i) => {
    for (const [label, s] of [
      ['A', f.a],
      ['B', f.b],
    ] as const) {
      if (!s?.fix) continue;
      fixes.push(...wrap(`${i + 1}. ${f.rule} — fix on ${label} (${s.end.device}):`, width, { hang: '    ' }));
      fixes.push(...wrap(indent(s.fix), width, { hang: '  ' }));
    }
  });
  return fixes.length ? ['', ...wrap('Fixes (change either side to match the other):', width), ...fixes] : [];
}

/** The report for a terminal; every string from an input is made terminal-safe first (sanitize.ts). */
export function renderTable(report: Report, opts: TableOptions): string {
  // a fleet's table prints how many pairs there are, not the pairs: no terminal-safe copy of each
  const safe = opts.fleet ? { ...terminalReport({ ...report, pairs: [] }), pairs: report.pairs } : terminalReport(report);
  return neutralizeCommands(tableOf(safe, opts));
}

function tableOf(report: Report, opts: TableOptions): string {
  const width = Math.max(MIN_WIDTH, opts.width);
  const o = { ...opts, width };
  const head: string[] = headLines(report, o).flatMap((l) => wrap(l, width, { hang: '    ' }));
  if (report.findings.length === 0) {
    head.push('', report.pairs.length ? 'No differences found.' : 'No tunnels could be paired and none point at the other device.');
    return `${head.join('\n')}\n`;
  }
  const s = report.summary;
  // concat, not push(...lines): the blocks and fixes of thousands of findings are more lines than a call takes arguments
  const lines = head.concat(
    '',
    width >= TABLE_MIN_WIDTH ? tableLines(report, o) : blockLines(report, o),
    fixLines(report, width),
    '',
    `${s.error} error(s), ${s.warning} warning(s), ${s.info} info`,
  );
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
