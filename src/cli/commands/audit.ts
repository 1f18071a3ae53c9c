/**
 * `ipsec-drift audit [DIR…]`: every config in a tree (or an inventory), paired and checked, in
 * one or more formats (`--format X --output FILE`, repeatable), with baselines for CI.
 */
import { existsSync, lstatSync } from 'node:fs';
import { rules } from '../../compare/rules/index.js';
import { UsageError } from '../../model/errors.js';
import { runAudit } from '../../audit/audit.js';
import { addStageTime, onProgress, recordingStageTimes, timed } from '../../audit/timing.js';
import { readInventoryText } from '../../read/input.js';
import { defaultJobs } from '../../read/pool.js';
import { type Inventory, parseInventory } from '../../audit/inventory.js';
import { applyBaseline, readBaseline, toBaseline, writeBaseline } from '../../audit/baseline.js';
import { jsonChunks } from '../../report/json.js';
import { sarifChunks } from '../../report/sarif.js';
import { renderJunit } from '../../report/junit.js';
import { renderHtml, type ReportSource } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderCodeQuality } from '../../report/codequality.js';
import type { Report, ReportFinding } from '../../report/report.js';
import { forTerminal } from '../../report/sanitize.js';
import type { Device, SourceRef } from '../../model/types.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { checkOutputPath, writeOutput, writeOutputChunks } from '../output.js';
import { progressLine } from '../progress.js';
import { auditTableChunks } from '../audit-table.js';
import { startTableWorker, TABLE_WORKER_MIN, type TableWorker } from '../table-worker.js';
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
  table: (r, _f, io, toFile) => auditTableChunks(r, { color: io.color, width: io.width }, toFile),
  json: (r) => jsonChunks(r),
  sarif: (r, _f, _io, _t, _s, a) => sarifChunks(r, rules, { anchors: a.anchors, baselined: a.baselined }),
  junit: (r, failOn, _io, _t, _s, a) => renderJunit(r, rules, failOn, { accepted: a.baselined }),
  html: (r, _f, _io, _t, source) => renderHtml(r, source, { title: 'ipsec-drift audit' }),
  markdown: (r, failOn, _io, _t, _s, a) => renderMarkdown(r, failOn, { baselined: a.baselined }),
  codequality: (r, _f, _io, _t, _s, a) => renderCodeQuality(r, a.anchors),
};

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
  // the table is rendered on a worker while this thread renders the other formats (table-worker.ts):
  // started once the files are read, so that it loads while this thread pairs and checks
  let worker: TableWorker | undefined;
  // (not when the audit is to use one thread: --jobs 1, or a machine of one core)
  const offload = outputs.length > 1 && outputs.some((o) => o.format === 'table') && (jobs ?? defaultJobs()) > 1;
  const afterRead = (devices: number) => {
    if (offload && devices >= TABLE_WORKER_MIN.devices) worker = startTableWorker();
  };
  try {
    let result: ReturnType<typeof runAudit> | undefined;
    try {
      result = runAudit({ roots, excludes: args.exclude, inventory, now: io.now(), liveDevices: args.liveDevices, jobs, afterRead });
    } finally {
      onProgress(undefined);
      line?.finish();
    }
    if (result.devices.length === 0) {
      const why = result.unreadable ? 'every configuration failed to parse' : 'no device configuration was found';
      const report = result.report.findings
        .filter((f) => f.rule === 'unreadable-config' || f.rule === 'outside-audited-tree')
        .map((f) => forTerminal(f.message));
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
    if (worker && report.findings.length < TABLE_WORKER_MIN.findings) {
      worker.stop();
      worker = undefined;
    }
    // the devices and their pairs are most of the audit's memory, and only the HTML report reads
    // them: without one they are let go before the reports are made (where the table worker's copy
    // of the report, about 40 MB at 10,000 findings, then fits)
    const source: ReportSource = outputs.some((o) => o.format === 'html') ? { devices: result.devices, pairs: result.pairs } : { devices: [], pairs: [] };
    result = undefined;
    const run: ReportRun = { report, failOn, io, source, context };
    if (worker) writeReportsBeside(outputs, run, worker);
    else for (const o of outputs) writeReport(o, run);
    if (args.writeBaseline) return EXIT.OK;
    return failsGate(gated, failOn) ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    worker?.stop();
  }
}

/** What every format of one audit is rendered from. */
interface ReportRun {
  report: Report;
  failOn: FailOn;
  io: Io;
  source: ReportSource;
  context: AuditContext;
}

/**
 * One format rendered and written where it goes (`stdout`: given, standard output's text is
 * handed to it instead of printed); its render and write times recorded apart.
 */
function writeReport(o: { format: AuditFormat; output?: string }, run: ReportRun, stdout?: (text: string) => void): void {
  const start = recordingStageTimes() ? performance.now() : 0;
  let writing = 0;
  const { report, failOn, io, source, context } = run;
  const rendered = RENDERERS[o.format](report, failOn, io, Boolean(o.output), source, context);
  // the formats made in pieces render while they are written: the writes' own time is counted apart
  const text = typeof rendered === 'string' ? rendered : o.output ? undefined : [...rendered].join('');
  if (text === undefined) writeOutputChunks(o.output!, rendered, '--output', (ms) => (writing += ms));
  else if (!o.output && stdout) stdout(text);
  else writing = elapsed(() => (o.output ? writeOutput(o.output, text) : io.stdout(text)));
  if (start) {
    addStageTime(`render ${o.format}`, performance.now() - start - writing);
    addStageTime(`write ${o.format}`, writing);
  }
}

/**
 * The outputs, the table's on the worker and the others here at the same time. What a reader
 * sees is as if they were written one after the other: standard output is printed, and the first
 * error (in command-line order) thrown, after every output is done. Unlike one after the other,
 * a file after a failing output is still written.
 */
function writeReportsBeside(outputs: Array<{ format: AuditFormat; output?: string }>, run: ReportRun, worker: TableWorker): void {
  const away = outputs.findIndex((o) => o.format === 'table');
  const job = { report: run.report, terminal: { color: run.io.color, width: run.io.width }, output: outputs[away].output };
  if (!timed('render handoff', () => worker.post(job))) {
    for (const o of outputs) writeReport(o, run);
    return;
  }
  const failed: unknown[] = [];
  let printed: string | undefined;
  const keep = (text: string) => {
    printed = text;
  };
  for (const [i, o] of outputs.entries()) {
    if (i === away) continue;
    try {
      writeReport(o, run, keep);
    } catch (e) {
      failed[i] = e;
    }
  }
  try {
    const done = timed('render wait', () => worker.result());
    if (!done) writeReport(outputs[away], run, keep);
    else {
      if (done.text !== undefined) printed = done.text;
      addStageTime('render table (worker)', done.renderMs);
      addStageTime('write table (worker)', done.writeMs);
    }
  } catch (e) {
    failed[away] = e;
  }
  for (const [i, o] of outputs.entries()) {
    if (i in failed) throw failed[i];
    if (!o.output && printed !== undefined) {
      const text = printed;
      addStageTime(
        `write ${o.format}`,
        elapsed(() => run.io.stdout(text)),
      );
    }
  }
}
