/** `ipsec-drift compare A B`: pair the tunnel ends of two devices and report every difference. */
import { compareDevices } from '../../compare/compare.js';
import { parseTunnelOption } from '../../compare/pair.js';
import { ruleById } from '../../compare/rules/index.js';
import { ParseError, UsageError } from '../../model/errors.js';
import { buildReport } from '../../report/report.js';
import { renderJson } from '../../report/json.js';
import { renderHtml } from '../../report/html.js';
import { renderTable } from '../../report/table.js';
import type { Device } from '../../model/types.js';
import { loadDevice } from '../../read/load.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { failsGate, parseFailOn, parseFormat } from '../options.js';
import { STATE_STYLES, stateSection } from '../../report/html/state.js';
import { renderStateTable } from '../../report/state-table.js';
import { buildStateReport, type StateReport } from '../../state/report.js';
import { type LoadedState, loadStateFile, parseCapturedAt, parseSkew, stateResult, withCapture } from './state.js';

export interface CompareArgs {
  positionals: string[];
  format?: string;
  output?: string;
  failOn?: string;
  tunnel?: string;
  vendor?: string[];
  /** devices already collected from live sources (ssh://, routeros://), by the text as typed */
  live?: Map<string, Device>;
  /** `--state`: the runtime state of both ends in the same report (see ./state.ts) */
  state?: CompareStateArgs;
}

export interface CompareStateArgs {
  enabled: boolean;
  /** `--sa A_SAS --sa B_SAS`: the SA listings, when they are not in A and B themselves */
  sa?: string[];
  skew?: string;
  capturedAt?: string[];
  /** states collected from live sources, by the text as typed */
  live?: Map<string, LoadedState>;
}

/** The state half of `compare --state`: the listings from --sa, the live collection, or A and B themselves (a session holding both). */
function compareState(args: CompareArgs, a: Device, b: Device, vendors: string[]): StateReport | undefined {
  const s = args.state;
  if (!s) return undefined;
  // runCompare has refused --sa/--skew/--captured-at without --state before anything was read
  if (!s.enabled) return undefined;
  const sa = s.sa ?? [];
  if (sa.length !== 0 && sa.length !== 2) throw new UsageError('--sa: give it twice, A then B (the SA listing of each end)');
  const [pa, pb] = args.positionals;
  const load = (positional: string, file: string | undefined, vendor: string | undefined): LoadedState => {
    const live = s.live?.get(positional);
    if (live) return live;
    try {
      return loadStateFile(file ?? positional, file ? undefined : vendor);
    } catch (e) {
      // A and B are configurations: without --sa their SA listings must be in the same files
      if (e instanceof ParseError && !file) throw new ParseError(e.file, e.line, `${e.message}; give the SA listings with --sa A_SAS --sa B_SAS`);
      throw e;
    }
  };
  const [atA, atB] = parseCapturedAt(s.capturedAt);
  const sa1 = withCapture(load(pa, sa[0], vendors[0]), atA);
  const sa2 = withCapture(load(pb, sa[1], vendors[1] ?? vendors[0]), atB);
  return buildStateReport(stateResult(sa1, sa2, { a, b }, parseSkew(s.skew)));
}

export const COMPARE_FORMATS = ['table', 'json', 'html'] as const;

export function runCompare(args: CompareArgs, io: Io): ExitCode {
  if (args.positionals.length !== 2) throw new UsageError('compare takes two inputs: ipsec-drift compare A B');
  const format = parseFormat(args.format, COMPARE_FORMATS, 'table');
  const failOn = parseFailOn(args.failOn);
  const vendors = args.vendor ?? [];
  if (vendors.length > 2) throw new UsageError('--vendor: give it once (both inputs) or twice (A then B)');
  if (args.state && !args.state.enabled)
    throw new UsageError('--sa, --skew and --captured-at go with --state: ipsec-drift compare A B --state [--sa A_SAS --sa B_SAS]');
  if (args.output) checkOutputPath(args.output);
  const [pa, pb] = args.positionals;
  const readAt = io.now().toISOString(); // the HTML report says when its inputs were read
  const a = args.live?.get(pa) ?? loadDevice(pa, vendors[0]);
  const b = args.live?.get(pb) ?? loadDevice(pb, vendors[1] ?? vendors[0]);
  const result = compareDevices(a, b, { tunnel: args.tunnel ? parseTunnelOption(args.tunnel) : undefined });
  const state = compareState(args, a, b, vendors);
  const report = buildReport(
    result.devices,
    result.pairs,
    result.findings,
    (id) => ruleById(id)?.title ?? id,
    io.now(),
    format === 'html'
      ? new Map([
          [a, readAt],
          [b, readAt],
        ])
      : undefined,
  );
  if (state) report.state = state;
  const text =
    format === 'json'
      ? renderJson(report)
      : format === 'html'
        ? renderHtml(report, result, state ? { appendix: stateSection(state), styles: STATE_STYLES } : {})
        : renderTable(report, { color: io.color && !args.output, width: io.width }) +
          (state ? `\nRuntime state\n${renderStateTable(state, { color: io.color && !args.output, width: io.width })}` : '');
  if (args.output) writeOutput(args.output, text);
  else io.stdout(text);
  return failsGate([...result.findings, ...(state?.findings ?? [])], failOn) ? EXIT.FINDINGS : EXIT.OK;
}
