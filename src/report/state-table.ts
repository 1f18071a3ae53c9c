/**
 * The state report in a terminal: each end with its capture time (and where that time comes from),
 * the listings read and missing, both ends' SAs side by side with each SPI's partner status, then
 * the findings and the command that clears exactly the SA concerned.
 */
import Table from 'cli-table3';
import type { Severity } from '../compare/types.js';
import type { SaRow, StateReport, StateReportEnd } from '../state/report.js';
import { breakLong } from './table.js';

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

export function renderStateTable(report: StateReport, opts: { color: boolean; width: number }): string {
  const paint = (t: string, s: Severity) => (opts.color ? `${COLORS[s]}${t}${RESET}` : t);
  const lines: string[] = [];
  for (const e of report.ends) lines.push(...endLines(e));
  const gap = Math.abs(report.offsetSeconds);
  lines.push(
    `time: ${gap === 0 ? 'both captured at the same second' : `${report.offsetSeconds > 0 ? 'B' : 'A'} captured ${gap} s after ${report.offsetSeconds > 0 ? 'A' : 'B'}`}; skew tolerated ${report.skewSeconds} s`,
    `matched by: ${report.how}`,
  );
  const w = Math.max(100, opts.width);
  const colWidths = [Math.floor(w * 0.28), Math.floor(w * 0.2), 20, 20, Math.floor(w * 0.2)];
  const sas = new Table({
    head: ['End / SA', 'Selectors', 'In SPI', 'Out SPI', 'Timers'],
    colWidths,
    wordWrap: true,
    style: opts.color ? { head: ['bold'], border: ['grey'] } : { head: [], border: [] },
  });
  for (const e of report.ends) {
    for (const r of e.sas) {
      sas.push([
        breakLong(`${e.side.toUpperCase()} ${r.id}${r.peer ? ` ↔ ${r.peer}` : ''}\n${r.at.file}:${r.at.line}`, colWidths[0] - 2),
        breakLong(r.flow, colWidths[1] - 2),
        spiText(r, 'in'),
        spiText(r, 'out'),
        timersText(r),
      ]);
    }
  }
  lines.push('', `SAs (✓ partner found on the other end, ✗ STALE no partner, ? not comparable):`, sas.toString());
  if (report.findings.length === 0) lines.push('', 'No state findings.');
  else {
    const ft = new Table({
      head: ['Severity', 'Rule', 'Finding', 'Effect'],
      colWidths: [12, 26, Math.floor((w - 44) * 0.55), Math.floor((w - 44) * 0.45)],
      wordWrap: true,
      style: opts.color ? { head: ['bold'], border: ['grey'] } : { head: [], border: [] },
    });
    report.findings.forEach((f, i) => {
      const where = f.on.sa?.at ? `\n(${f.on.sa.at.file}:${f.on.sa.at.line})` : '';
      ft.push([
        paint(`${i + 1}. ${f.severity}`, f.severity),
        f.rule,
        breakLong(`${f.message}${where}`, Math.floor((w - 44) * 0.55) - 2),
        breakLong(f.effect, Math.floor((w - 44) * 0.45) - 2),
      ]);
    });
    lines.push('', ft.toString());
    const fixes = report.findings
      .map((f, i) => (f.on.fix ? `${i + 1}. ${f.rule} — on ${f.on.side.toUpperCase()} (${f.on.origin}): ${f.on.fix}` : ''))
      .filter(Boolean);
    if (fixes.length) lines.push('', 'To clear (advice, run by hand; ipsec-drift never sends it):', ...fixes);
  }
  if (report.notes.length) lines.push('', 'Not checked:', ...report.notes.map((n) => `  - ${n.rule}: ${n.message}`));
  return `${lines.join('\n')}\n`;
}
