/**
 * `ipsec-drift audit [DIR…]`: every config in a tree (or an inventory), paired and checked, in
 * one or more formats (`--format X --output FILE`, repeatable), with baselines for CI.
 */
import { existsSync, lstatSync } from 'node:fs';
import { rules } from '../../compare/rules/index.js';
import { UsageError } from '../../model/errors.js';
import { runAudit } from '../../audit/audit.js';
import { addStageTime, onProgress, recordingStageTimes } from '../../audit/timing.js';
import { readInventoryText } from '../../read/input.js';
import { type Inventory, parseInventory } from '../../audit/inventory.js';
import { applyBaseline, readBaseline, toBaseline, writeBaseline } from '../../audit/baseline.js';
import { jsonChunks } from '../../report/json.js';
import { tableChunks } from '../../report/table.js';
import { wrap } from '../../report/text.js';
import { sarifChunks } from '../../report/sarif.js';
import { renderJunit } from '../../report/junit.js';
import { renderHtml, type ReportSource } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderCodeQuality } from '../../report/codequality.js';
import type { Report, ReportFinding } from '../../report/report.js';
import { forTerminal, neutralizeCommands, terminalReport } from '../../report/sanitize.js';
import type { Device, SourceRef } from '../../model/types.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { checkOutputPath, writeOutput, writeOutputChunks } from '../output.js';
import { progressLine } from '../progress.js';
import { failsGate, parseFailOn, type FailOn } from '../options.js';

export const AUDIT_FORMATS = ['table', 'json', 'sarif', 'junit', 'html', 'markdown', 'codequality'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditArgs {
  positionals: string[];
  format?: string[];
  output?: string[];
  /** --format and --output in command-line order (each --output is for the --format before it) */
  formatSequence?: ReadonlyArray<{ option: 'format' | 'output'; value: string }>;
  failOn?: string;
  inventory?: string;
  baseline?: string;
  writeBaseline?: string;
  exclude?: string[];
  /** inventory devices with a url, already collected (by inventory name) */
  liveDevices?: Map<string, Device>;
  /** threads that read and parse the files (default: one per core) */
  jobs?: string;
  /** draw progress on stderr (a person at a terminal, not --quiet, not CI) */
  progress?: boolean;
}

/**
 * Each `--output FILE` belongs to the `--format` just before it (`--format table --format sarif
 * --output r.sarif` writes the table to standard output); a format without one goes to standard
 * output. Without the command-line order (a programmatic call) the n-th output is the n-th format's.
 */
export function outputsOf(
  formats: string[] | undefined,
  outputs: string[] | undefined,
  sequence?: ReadonlyArray<{ option: 'format' | 'output'; value: string }>,
): Array<{ format: AuditFormat; output?: string }> {
  const checkFormat = (f: string): AuditFormat => {
    if (!(AUDIT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format ${f}: expected ${AUDIT_FORMATS.join(', ')}`);
    return f as AuditFormat;
  };
  let list: Array<{ format: AuditFormat; output?: string }>;
  if (sequence) {
    list = [];
    for (const t of sequence) {
      if (t.option === 'format') list.push({ format: checkFormat(t.value) });
      else if (list.length === 0 && !sequence.some((x) => x.option === 'format')) list.push({ format: 'table', output: t.value });
      else if (list.length === 0 || list[list.length - 1].output !== undefined)
        throw new UsageError(`--output ${t.value}: put it right after the --format it is for (--format sarif --output ${t.value})`);
      else list[list.length - 1].output = t.value;
    }
    if (list.length === 0) list.push({ format: 'table' });
  } else {
    const fs = formats?.length ? formats : ['table'];
    const os = outputs ?? [];
    if (os.length > fs.length)
      throw new UsageError(`--output is given ${os.length} times for ${fs.length} --format: pair each --output with a --format before it`);
    list = fs.map((f, i) => ({ format: checkFormat(f), output: os[i] }));
  }
  if (list.filter((o) => !o.output).length > 1) throw new UsageError('only one --format may go to standard output; give the others an --output FILE');
  return list;
}

/** What only the audit knows: inventory anchors of live sources, and the findings a baseline accepted. */
export interface AuditContext {
  anchors: ReadonlyMap<string, SourceRef>;
  /** set when --baseline is given (possibly empty) */
  baselined?: ReadonlySet<ReportFinding>;
}

/** A report's text, whole or (the formats a fleet makes large) in pieces written as they are made. */
export type Renderer = (report: Report, failOn: FailOn, io: Io, toFile: boolean, source: ReportSource, audit: AuditContext) => string | Iterable<string>;

const RENDERERS: Record<AuditFormat, Renderer> = {
  table: (r, _f, io, toFile) => auditTableChunks(r, io, toFile),
  json: (r) => jsonChunks(r),
  sarif: (r, _f, _io, _t, _s, a) => sarifChunks(r, rules, { anchors: a.anchors, baselined: a.baselined }),
  junit: (r, failOn, _io, _t, _s, a) => renderJunit(r, rules, failOn, { accepted: a.baselined }),
  html: (r, _f, _io, _t, source) => renderHtml(r, source, { title: 'ipsec-drift audit' }),
  markdown: (r, failOn, _io, _t, _s, a) => renderMarkdown(r, failOn, { baselined: a.baselined }),
  codequality: (r, _f, _io, _t, _s, a) => renderCodeQuality(r, a.anchors),
};

/**
 * The fleet's table, then what the audit adds under it. The table ends with its summary line and
 * one newline, so what follows it starts on a line of its own.
 */
function* auditTableChunks(report: Report, io: Io, toFile: boolean): Generator<string> {
  yield* tableChunks(report, { color: io.color && !toFile, width: io.width, fleet: true });
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
  const width = Math.max(40, io.width);
  // the table is already safe (tableChunks): only the lines added here are neutralized
  const rest = lines.flatMap((l) => (l.includes('\n') ? [l] : wrap(l, width, { hang: '    ' })));
  if (rest.length) yield `${neutralizeCommands(rest.join('\n'))}\n`;
}

/** How long `fn` took (ms). */
function elapsed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function readInventory(path: string): Inventory {
  return parseInventory(readInventoryText(path), path);
}

export function runAuditCommand(args: AuditArgs, io: Io): ExitCode {
  const failOn = parseFailOn(args.failOn);
  const outputs = outputsOf(args.format, args.output, args.formatSequence);
  const inventory = args.inventory ? readInventory(args.inventory) : undefined;
  const roots = args.positionals.length ? args.positionals : ['.'];
  // a path that is not there is a typo, not an empty repository: say so before reading anything
  for (const r of roots) if (!existsSync(r) && !isLink(r)) throw new UsageError(`audit: ${r}: no such file or directory`);
  for (const o of outputs) if (o.output) checkOutputPath(o.output);
  if (args.writeBaseline) checkOutputPath(args.writeBaseline, '--write-baseline');
  const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64))
    throw new UsageError(`--jobs ${args.jobs}: expected a whole number from 1 to 64`);
  // a progress line while the audit reads and checks (erased before anything is printed)
  const line = args.progress
    ? progressLine(
        (text) => io.stderr(text),
        () => io.now().getTime(),
      )
    : undefined;
  onProgress(line?.listener);
  let result: ReturnType<typeof runAudit>;
  try {
    result = runAudit({ roots, excludes: args.exclude, inventory, now: io.now(), liveDevices: args.liveDevices, jobs });
  } finally {
    onProgress(undefined);
    line?.finish();
  }
  if (result.devices.length === 0) {
    const why = result.unreadable ? 'every configuration failed to parse' : 'no device configuration was found';
    const report = result.report.findings.filter((f) => f.rule === 'unreadable-config' || f.rule === 'outside-audited-tree').map((f) => forTerminal(f.message));
    throw new UsageError(`audit: nothing could be read (${why})${report.length ? `:\n${report.join('\n')}` : ''}`);
  }
  const report = result.report;
  report.audit = {
    skipped: result.skipped,
    suppressed: result.suppressed.map((s) => ({ rule: s.finding.rule, message: s.finding.message, reason: s.reason })),
  };
  let gated = report.findings;
  const context: AuditContext = { anchors: result.anchors };
  if (args.baseline) {
    const b = applyBaseline(report.findings, readBaseline(args.baseline));
    gated = b.fresh;
    context.baselined = new Set(b.baselined);
    report.audit.baselined = b.baselined.length;
    report.audit.staleBaseline = b.stale.map((e) => ({ rule: e.rule, ends: e.ends, setting: e.setting }));
  }
  if (args.writeBaseline) writeBaseline(args.writeBaseline, toBaseline(report.findings));
  for (const o of outputs) {
    const start = recordingStageTimes() ? performance.now() : 0;
    let writing = 0;
    const rendered = RENDERERS[o.format](report, failOn, io, Boolean(o.output), { devices: result.devices, pairs: result.pairs }, context);
    // the formats made in pieces render while they are written: the writes' own time is counted apart
    const text = typeof rendered === 'string' ? rendered : o.output ? undefined : [...rendered].join('');
    if (text === undefined) writeOutputChunks(o.output!, rendered, '--output', (ms) => (writing += ms));
    else writing = elapsed(() => (o.output ? writeOutput(o.output, text) : io.stdout(text)));
    if (start) {
      addStageTime(`render ${o.format}`, performance.now() - start - writing);
      addStageTime(`write ${o.format}`, writing);
    }
  }
  if (args.writeBaseline) return EXIT.OK;
  return failsGate(gated, failOn) ? EXIT.FINDINGS : EXIT.OK;
}
