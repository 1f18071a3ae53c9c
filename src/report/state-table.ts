/**
 * The state report in a terminal: each end with its capture time (and where that time comes from),
 * the listings read and missing, both ends' SAs side by side with each SPI's partner status, then
 * the findings and the command that clears exactly the SA concerned.
 */
import type { Severity } from '../compare/types.js';
import type { SaRow, StateReport, StateReportEnd } from '../state/report.js';
import { breakLong } from './table.js';
import { padCells, renderGrid, wrap } from './text.js';
import { neutralizeCommands, terminalReport } from './sanitize.js';

const COLORS: Record<Severity, string> = { error: '\u001b[31;1m', warning: '\u001b[33;1m', info: '\u001b[36m' };
const RESET = '\u001b[0m';
const MARK = { matched: '✓', stale: '✗ STALE', unchecked: '?' } as const;

const CAPTURE_SOURCE: Record<StateReportEnd['capturedAt']['source'], string> = {
  listing: 'printed in the listing',
  collected: 'when it was collected',
  'file-mtime': "the file's modification time (the listing prints none)",
  given: 'given with --captured-at',
};

function endLines(e: StateReportEnd): string[] {
  const who = `${e.side.toUpperCase()}: ${e.origin} (${e.vendor}${e.hostname ? `, ${e.hostname}` : ''})`;
  const out = [who, `   captured ${e.capturedAt.iso} — ${CAPTURE_SOURCE[e.capturedAt.source]}`];
  out.push(`   listings: ${e.listings.map((l) => `${l.command} (line ${l.at.line})`).join(', ') || 'none'}`);
  for (const m of e.missing) out.push(`   missing: ${m.command} — ${m.consequence}`);
  out.push(`   ${e.counts.facingChildSas} of ${e.counts.childSas} CHILD_SA(s) and ${e.counts.facingIkeSas} of ${e.counts.ikeSas} IKE SA(s) face the other end`);
  if (e.configuration) out.push(`   configuration: ${e.configuration}`);
  return out;
}

function spiText(r: SaRow, dir: 'in' | 'out'): string {
  return (
    r.spis
      .filter((s) => s.direction === dir)
      .map((s) => `${s.spi ? `0x${s.spi}` : s.raw} ${MARK[s.status]}`)
      .join('\n') || '—'
  );
}

function timersText(r: SaRow): string {
  const parts: string[] = [];
  if (r.age !== undefined) parts.push(`age ${r.age}s`);
  if (r.rekey !== undefined) parts.push(`rekey ${r.rekey}s`);
  if (r.expire !== undefined) parts.push(`expire ${r.expire}s`);
  return parts.join(', ') || '—';
}

/** Narrower than this, SAs and findings are printed as blocks rather than tables. */
const GRID_MIN_WIDTH = 100;

/** A labelled field of a block: the label in a 13-cell margin, the text wrapped beside it. */
function field(name: string, text: string, width: number): string[] {
  const label = 13;
  return wrap(text, Math.max(10, width - label)).map((l, i) => `${i === 0 ? padCells(`   ${name}`, label) : ' '.repeat(label)}${l}`);
}

/** The state report for a terminal; every string from an input is made terminal-safe first (sanitize.ts). */
export function renderStateTable(report: StateReport, opts: { color: boolean; width: number }): string {
  return neutralizeCommands(stateTableOf(terminalReport(report), opts));
}

function stateTableOf(report: StateReport, opts: { color: boolean; width: number }): string {
  const paint = (t: string, s: Severity) => (opts.color ? `${COLORS[s]}${t}${RESET}` : t);
  const w = Math.max(40, opts.width);
  const lines: string[] = [];
  for (const e of report.ends) lines.push(...endLines(e).flatMap((l) => wrap(l, w, { hang: '   ' })));
  const gap = Math.abs(report.offsetSeconds);
  lines.push(
    ...wrap(
      `time: ${gap === 0 ? 'both captured at the same second' : `${report.offsetSeconds > 0 ? 'B' : 'A'} captured ${gap} s after ${report.offsetSeconds > 0 ? 'A' : 'B'}`}; skew tolerated ${report.skewSeconds} s`,
      w,
      { hang: '   ' },
    ),
    ...wrap(`matched by: ${report.how}`, w, { hang: '   ' }),
  );
  const grid = w >= GRID_MIN_WIDTH;
  lines.push('', ...wrap('SAs (✓ partner found on the other end, ✗ STALE no partner, ? not comparable):', w));
  if (grid) {
    // the SPI columns hold "0x8d2f6a0f ✗ STALE"; the others share what is left (six borders)
    const rest = w - 40 - 6;
    const colWidths = [Math.floor(rest * 0.42), Math.floor(rest * 0.3), 20, 20, Math.floor(rest * 0.28)];
    const rows = report.ends.flatMap((e) =>
      e.sas.map((r) => [
        breakLong(`${e.side.toUpperCase()} ${r.id}${r.peer ? ` ↔ ${r.peer}` : ''}\n${r.at.file}:${r.at.line}`, colWidths[0] - 2),
        breakLong(r.flow, colWidths[1] - 2),
        spiText(r, 'in'),
        spiText(r, 'out'),
        timersText(r),
      ]),
    );
    lines.push(renderGrid(rows, { colWidths, head: ['End / SA', 'Selectors', 'In SPI', 'Out SPI', 'Timers'], color: opts.color }));
  } else {
    for (const e of report.ends)
      for (const r of e.sas)
        lines.push(
          '',
          ...wrap(`${e.side.toUpperCase()} ${r.id}${r.peer ? ` ↔ ${r.peer}` : ''}`, w),
          ...field('at', `${r.at.file}:${r.at.line}`, w),
          ...field('selectors', r.flow, w),
          ...field('in SPI', spiText(r, 'in'), w),
          ...field('out SPI', spiText(r, 'out'), w),
          ...field('timers', timersText(r), w),
        );
  }
  if (report.findings.length === 0) lines.push('', 'No state findings.');
  else {
    const where = (f: StateReport['findings'][number]) => (f.on.sa?.at ? `(${f.on.sa.at.file}:${f.on.sa.at.line})` : '');
    if (grid) {
      const text = [Math.floor((w - 44) * 0.55), Math.floor((w - 44) * 0.45)];
      const rows = report.findings.map((f, i) => [
        paint(`${i + 1}. ${f.severity}`, f.severity),
        f.rule,
        breakLong(`${f.message}${where(f) ? `\n${where(f)}` : ''}`, text[0] - 2),
        breakLong(f.effect, text[1] - 2),
      ]);
      lines.push('', renderGrid(rows, { colWidths: [12, 26, ...text], head: ['Severity', 'Rule', 'Finding', 'Effect'], color: opts.color }));
    } else {
      report.findings.forEach((f, i) => {
        lines.push('', `${paint(`${i + 1}. ${f.severity}`, f.severity)}  ${f.rule}`, ...field('', f.message, w));
        if (where(f)) lines.push(...field('', where(f), w));
        lines.push(...field('', `→ ${f.effect}`, w));
      });
    }
    const fixes = report.findings
      .map((f, i) => (f.on.fix ? `${i + 1}. ${f.rule} — on ${f.on.side.toUpperCase()} (${f.on.origin}): ${f.on.fix}` : ''))
      .filter(Boolean);
    if (fixes.length)
      lines.push('', ...wrap('To clear (advice, run by hand; ipsec-drift never sends it):', w), ...fixes.flatMap((l) => wrap(l, w, { hang: '    ' })));
  }
  if (report.notes.length) lines.push('', 'Not checked:', ...report.notes.flatMap((n) => wrap(`  - ${n.rule}: ${n.message}`, w, { hang: '    ' })));
  return `${lines.join('\n')}\n`;
}
