/**
 * The audit's terminal report: the fleet's table, then what the audit adds under it. A module of
 * its own (not commands/audit.ts) so the table worker (table-worker.ts) loads only the renderer.
 */
import { tableChunks } from '../report/table.js';
import { wrap } from '../report/text.js';
import type { Report } from '../report/report.js';
import { neutralizeCommands, terminalReport } from '../report/sanitize.js';

/** What the table needs of the terminal it is for (plain data: it crosses to the table worker). */
export interface TableTerminal {
  color: boolean;
  width: number;
}

/**
 * The table ends with its summary line and one newline, so what follows it starts on a line of
 * its own. `toFile`: written to a file, never colored.
 */
export function* auditTableChunks(report: Report, terminal: TableTerminal, toFile: boolean): Generator<string> {
  yield* tableChunks(report, { color: terminal.color && !toFile, width: terminal.width, fleet: true });
  const lines: string[] = [];
  // skipped paths and baseline entries come from the repository: terminal-safe like the table
  const a = terminalReport(report.audit);
  if (a?.skipped.length) for (const l of ['', `skipped ${a.skipped.length} file(s):`, ...a.skipped.map((s) => `  ${s.path}: ${s.reason}`)]) lines.push(l);
  if (a?.suppressed.length) lines.push('', `${a.suppressed.length} finding(s) ignored by the inventory`);
  if (a?.baselined) lines.push('', `${a.baselined} finding(s) in the baseline (not failing)`);
  if (a?.staleBaseline?.length)
    lines.push(
      '',
      `${a.staleBaseline.length} baseline entr${a.staleBaseline.length === 1 ? 'y matches' : 'ies match'} nothing any more (prune with --write-baseline):`,
      ...a.staleBaseline.map((e) => `  ${e.rule} ${e.ends.join(' <-> ')} ${e.setting}`),
    );
  const width = Math.max(40, terminal.width);
  // the table is already safe (tableChunks): only the lines added here are neutralized
  const rest = lines.flatMap((l) => (l.includes('\n') ? [l] : wrap(l, width, { hang: '    ' })));
  if (rest.length) yield `${neutralizeCommands(rest.join('\n'))}\n`;
}
