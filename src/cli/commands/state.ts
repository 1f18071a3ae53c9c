/**
 * `ipsec-drift state A B`: the runtime state of both ends of a tunnel, from saved SA listings or
 * live sources, matched SPI by SPI (stale SAs, duplicates, missing IKE SAs, what was really
 * negotiated). Also the state half of `compare A B --state`.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { adapterById, adapters } from '../../../adapters/index.js';
import type { Adapter } from '../../model/adapter.js';
import { MAX_MESSAGE, ParseError, UsageError } from '../../model/errors.js';
import type { CaptureTime, SaState } from '../../model/state.js';
import type { Device } from '../../model/types.js';
import { renderStateHtml } from '../../report/html/state.js';
import { renderStateTable } from '../../report/state-table.js';
import { checkState, type StateResult } from '../../state/check.js';
import { buildStateReport, type StateReport } from '../../state/report.js';
import { DEFAULT_SKEW_SECONDS } from '../../state/time.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { readInput } from '../../read/input.js';
import { loadDevice } from '../../read/load.js';
import { failsGate, parseFailOn, parseFormat } from '../options.js';

export const STATE_FORMATS = ['table', 'json', 'html'] as const;

/** Below this confidence no reader claims the text. */
const DETECT_THRESHOLD = 0.5;

/** A state as read: the listing and when it was taken. */
export interface LoadedState {
  state: SaState;
  capturedAt: CaptureTime;
}

function stateAdapters(): Adapter[] {
  return adapters.filter((a) => a.state);
}

export function pickStateReader(text: string, file: string, vendor?: string): Adapter {
  if (vendor) {
    const a = adapterById(vendor);
    if (!a)
      throw new UsageError(
        `--vendor ${vendor}: unknown vendor; expected one of: ${stateAdapters()
          .map((x) => x.id)
          .join(', ')}`,
      );
    if (!a.state)
      throw new UsageError(
        `--vendor ${vendor}: ${a.label} has no SA-listing reader; these do: ${stateAdapters()
          .map((x) => x.id)
          .join(', ')}`,
      );
    return a;
  }
  const ranked = stateAdapters()
    .map((adapter) => ({ adapter, confidence: adapter.state!.detect(text, basename(file)) }))
    .sort((x, y) => y.confidence - x.confidence);
  const best = ranked[0];
  if (!best || best.confidence < DETECT_THRESHOLD) {
    throw new ParseError(file, 1, notAListing());
  }
  return best.adapter;
}

/** Room left under MAX_MESSAGE for the hint a caller appends (`compare --state`: give the listings with --sa). */
const HINT_ROOM = 100;

/**
 * What a listing should have been: each reader's first command, with the readers that share it
 * (strongSwan, pfSense and OPNsense all read `swanctl --list-sas`). Once the readers are too many for
 * that to fit under MAX_MESSAGE with a caller's hint, only their ids and where the commands are listed.
 */
function notAListing(): string {
  const commands = readersByCommand()
    .map(([command, ids]) => `\`${command}\` (${ids.join(', ')})`)
    .join(', ');
  const full = `not an SA listing any reader knows: expected the output of ${commands}, or name the platform with --vendor`;
  if (full.length <= MAX_MESSAGE - HINT_ROOM) return full;
  const ids = stateAdapters()
    .map((a) => a.id)
    .join(', ');
  return `not an SA listing any reader knows: expected the output of an SA listing of ${ids} (docs/state.md names the commands), or name the platform with --vendor`;
}

function readersByCommand(): Array<[string, string[]]> {
  const byCommand = new Map<string, string[]>();
  for (const a of stateAdapters()) {
    const command = a.state!.commands[0].command;
    byCommand.set(command, [...(byCommand.get(command) ?? []), a.id]);
  }
  return [...byCommand];
}

/** A saved listing: read it, and take the capture time from it, else from the file's modification time. */
export function loadStateFile(path: string, vendor?: string, text = readInput(path)): LoadedState {
  const adapter = pickStateReader(text, path, vendor);
  let state: SaState;
  try {
    state = adapter.state!.read(text, path);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(path, undefined, `could not be read as ${adapter.label} SA listings: ${(e as Error).message}`);
  }
  return { state, capturedAt: state.capturedAt ?? { iso: statSync(path).mtime.toISOString(), source: 'file-mtime' } };
}

/** `--captured-at` (once for both, or A then B): ISO 8601 times overriding what the listings and files say. */
export function parseCapturedAt(values: string[] | undefined): Array<CaptureTime | undefined> {
  const v = values ?? [];
  if (v.length > 2) throw new UsageError('--captured-at: give it once (both inputs) or twice (A then B)');
  const parsed = v.map((t) => {
    const ms = Date.parse(t);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t) || Number.isNaN(ms))
      throw new UsageError(`--captured-at ${t}: expected an ISO 8601 time with its zone, e.g. 2026-03-01T14:05:00Z`);
    return { iso: new Date(ms).toISOString(), source: 'given' as const, raw: t };
  });
  return [parsed[0], parsed[1] ?? parsed[0]];
}

export function parseSkew(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SKEW_SECONDS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 86400) throw new UsageError(`--skew ${text}: expected whole seconds from 0 to 86400`);
  return n;
}

export function withCapture(s: LoadedState, at: CaptureTime | undefined): LoadedState {
  return at ? { ...s, capturedAt: at } : s;
}

export interface StateArgs {
  positionals: string[];
  format?: string;
  output?: string;
  failOn?: string;
  vendor?: string[];
  /** configurations of A and B, for negotiated-vs-configured and orphan-sa */
  config?: string[];
  skew?: string;
  /** `--captured-at`: when each listing was taken, when neither the listing nor the file says it right */
  capturedAt?: string[];
  /** states already collected from live sources, by the text as typed */
  live?: Map<string, LoadedState>;
}

export function stateResult(a: LoadedState, b: LoadedState, devices: { a?: Device; b?: Device }, skewSeconds: number): StateResult {
  return checkState({ ...a, ...(devices.a ? { device: devices.a } : {}) }, { ...b, ...(devices.b ? { device: devices.b } : {}) }, { skewSeconds });
}

export function renderState(report: StateReport, format: (typeof STATE_FORMATS)[number], io: Io, toFile: boolean): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'html') return renderStateHtml(report);
  return renderStateTable(report, { color: io.color && !toFile, width: io.width });
}

export function runState(args: StateArgs, io: Io): ExitCode {
  if (args.positionals.length !== 2) throw new UsageError('state takes two inputs: ipsec-drift state A B (saved SA listings or live sources)');
  const format = parseFormat(args.format, STATE_FORMATS, 'table');
  const failOn = parseFailOn(args.failOn);
  const skew = parseSkew(args.skew);
  const vendors = args.vendor ?? [];
  if (vendors.length > 2) throw new UsageError('--vendor: give it once (both inputs) or twice (A then B)');
  const configs = args.config ?? [];
  if (configs.length !== 0 && configs.length !== 2) throw new UsageError('--config: give it twice, A then B (a configuration file of each end, or - for none)');
  if (args.output) checkOutputPath(args.output);
  const [pa, pb] = args.positionals;
  const [atA, atB] = parseCapturedAt(args.capturedAt);
  const a = withCapture(args.live?.get(pa) ?? loadStateFile(pa, vendors[0]), atA);
  const b = withCapture(args.live?.get(pb) ?? loadStateFile(pb, vendors[1] ?? vendors[0]), atB);
  const devices = {
    ...(configs[0] && configs[0] !== '-' ? { a: loadDevice(configs[0]) } : {}),
    ...(configs[1] && configs[1] !== '-' ? { b: loadDevice(configs[1]) } : {}),
  };
  const result = stateResult(a, b, devices, skew);
  const report = buildStateReport(result, io.now());
  const text = renderState(report, format, io, Boolean(args.output));
  if (args.output) writeOutput(args.output, text);
  else io.stdout(text);
  return failsGate(result.findings, failOn) ? EXIT.FINDINGS : EXIT.OK;
}
