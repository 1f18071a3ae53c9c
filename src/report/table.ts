/**
 * The terminal table: one row per finding with both sides as written, where each came from,
 * the normalized values and the effect; fixes listed under the table (they are multi-line).
 */
import Table from 'cli-table3';
import type { Report, ReportSide } from './report.js';
import { defaultLabel, lineLabel } from '../model/setting.js';
import type { Severity } from '../compare/types.js';

export interface TableOptions {
  color: boolean;
  /** terminal width to fit */
  width: number;
  /** an audit of a whole repository: count inputs and pairs instead of listing each as A/B */
  fleet?: boolean;
}

const COLORS: Record<Severity, string> = { error: '\u001b[31;1m', warning: '\u001b[33;1m', info: '\u001b[36m' };
const RESET = '\u001b[0m';

function paint(text: string, sev: Severity, color: boolean): string {
  return color ? `${COLORS[sev]}${text}${RESET}` : text;
}

/** Break tokens longer than the column (file paths) at `/` so word wrapping never truncates them. */
export function breakLong(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((tok) => {
          if (tok.length <= width) return tok;
          const parts: string[] = [];
          let cur = '';
          for (const piece of tok.split(/(?<=\/)/)) {
            if (cur && (cur + piece).length > width) {
              parts.push(cur);
              cur = '';
            }
            cur += piece;
            while (cur.length > width) {
              parts.push(cur.slice(0, width));
              cur = cur.slice(width);
            }
          }
          if (cur) parts.push(cur);
          return parts.join('\n');
        })
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

function tunnelOf(r: Report['findings'][number]): string {
  const a = r.a?.end;
  const b = r.b?.end;
  const name = (e: typeof a) => (e ? `${e.tunnel}${e.phase2 && e.phase2 !== e.tunnel ? ` [${e.phase2}]` : ''}` : '—');
  return `${name(a)}\n↔ ${name(b)}`;
}

export function renderTable(report: Report, opts: TableOptions): string {
  const lines: string[] = [];
  if (opts.fleet) {
    const vendors = new Map<string, number>();
    for (const i of report.inputs) vendors.set(i.vendor, (vendors.get(i.vendor) ?? 0) + 1);
    lines.push(`read ${report.inputs.length} device(s) (${[...vendors].map(([v, n]) => `${n} ${v}`).join(', ')}), paired ${report.pairs.length} tunnel(s)`);
  } else {
    lines.push(
      ...report.inputs.map((i, n) => `${n === 0 ? 'A' : n === 1 ? 'B' : `#${n + 1}`}: ${i.origin} (${i.vendor}${i.hostname ? `, ${i.hostname}` : ''})`),
    );
    for (const p of report.pairs) lines.push(`paired: ${p.a.tunnel} ↔ ${p.b.tunnel} (${p.how})`);
  }
  if (report.findings.length === 0) {
    lines.push('', report.pairs.length ? 'No differences found.' : 'No tunnels could be paired and none point at the other device.');
    return `${lines.join('\n')}\n`;
  }
  const w = Math.max(100, opts.width);
  // fixed columns first, the rest shared between the wide text columns
  const fixed = [11, 27, 20];
  const rest = w - fixed.reduce((x, y) => x + y, 0) - 8;
  const colWidths = [...fixed, Math.floor(rest * 0.2), Math.floor(rest * 0.2), Math.floor(rest * 0.17), Math.floor(rest * 0.43)];
  const cell = (text: string, col: number) => breakLong(text, colWidths[col] - 2);
  const table = new Table({
    head: ['Severity', 'Rule', 'Tunnel', 'A: as written', 'B: as written', 'Normalized (A | B)', 'Effect'],
    colWidths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: opts.color ? { head: ['bold'], border: ['grey'] } : { head: [], border: [] },
  });
  report.findings.forEach((f, i) => {
    table.push([
      paint(`${i + 1}. ${f.severity}`, f.severity, opts.color),
      cell(f.rule, 1),
      cell(tunnelOf(f), 2),
      cell(written(f.a), 3),
      cell(written(f.b), 4),
      cell([f.a?.display ?? '—', f.b?.display ?? '—'].join('\n|\n'), 5),
      cell(`${f.message}\n→ ${f.effect}`, 6),
    ]);
  });
  lines.push('', table.toString());
  const fixes: string[] = [];
  report.findings.forEach((f, i) => {
    for (const [label, s] of [
      ['A', f.a],
      ['B', f.b],
    ] as const) {
      if (s?.fix) fixes.push(`${i + 1}. ${f.rule} — fix on ${label} (${s.end.device}):\n${indent(s.fix)}`);
    }
  });
  if (fixes.length) lines.push('', 'Fixes (change either side to match the other):', ...fixes);
  const s = report.summary;
  lines.push('', `${s.error} error(s), ${s.warning} warning(s), ${s.info} info`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
