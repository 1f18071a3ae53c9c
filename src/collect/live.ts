/**
 * The glue between the command line and the collector, shared by `pull`, `compare`, `show` and
 * `audit`: options (`--identity`, `--known-hosts`, `--accept-new`, `--concurrency`), device specs
 * from URLs or the inventory, the progress line and the failure summary.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Inventory, parseInventory } from '../audit/inventory.js';
import { readInventoryText } from '../read/input.js';
import { UsageError } from '../model/errors.js';
import type { CaptureTime, SaState } from '../model/state.js';
import type { Device } from '../model/types.js';
import {
  collectAll,
  type CollectOptions,
  DEFAULT_CONCURRENCY,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  deviceOf,
  type DeviceSpec,
  type Failure,
  type Outcome,
  type Success,
  type Timeouts,
} from './collect.js';
import { readIdentity } from './credentials.js';
import { CollectError } from '../model/live.js';
import { KnownHosts } from './hostkeys.js';
import { isLiveSource, type LiveSource, parseSource } from './source.js';
import { forTerminal, neutralizeCommands } from '../report/sanitize.js';

export interface LiveArgs {
  identity?: string;
  knownHosts?: string;
  acceptNew?: boolean;
  concurrency?: string;
  /** per-device time limit in seconds (`--timeout`) */
  timeout?: string;
  /** programmatic overrides (tests, the benchmark) */
  timeouts?: Partial<Timeouts>;
  retry?: { attempts: number; baseMs: number };
  /** show a progress line on stderr (only when stderr is a TTY) */
  progress?: boolean;
}

interface IoLike {
  stderr: (t: string) => void;
  env: NodeJS.ProcessEnv;
}

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`${flag} ${text}: expected a whole number from 1 to 1024`);
  return n;
}

export function collectOptions(args: LiveArgs, io: IoLike): CollectOptions {
  const knownHostsFile = args.knownHosts ?? join(io.env.HOME || homedir(), '.ssh', 'known_hosts');
  let identity: Buffer | undefined;
  if (args.identity) {
    try {
      identity = readIdentity(args.identity);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const overall = args.timeout !== undefined ? positiveInt(args.timeout, '--timeout', 0) * 1000 : undefined;
  return {
    knownHosts: new KnownHosts(knownHostsFile),
    acceptNew: Boolean(args.acceptNew),
    identity,
    env: io.env,
    timeouts: { ...DEFAULT_TIMEOUTS, ...(overall ? { overallMs: overall } : {}), ...args.timeouts },
    retry: args.retry ?? DEFAULT_RETRY,
    concurrency: positiveInt(args.concurrency, '--concurrency', DEFAULT_CONCURRENCY),
  };
}

/** Inventory devices with a `url`, shared defaults applied. */
export function inventorySpecs(inv: Inventory): DeviceSpec[] {
  const d = inv.defaults ?? {};
  return inv.devices
    .filter((x) => x.url)
    .map((x) => {
      let source: LiveSource;
      try {
        source = parseSource(x.url!);
      } catch (e) {
        throw new UsageError(`${inv.file}:${x.line}: ${(e as Error).message}`);
      }
      return {
        name: x.name,
        source,
        vendor: x.vendor ?? d.vendor,
        hostKey: x['host-key'],
        passwordEnv: x['password-env'] ?? d['password-env'],
        enablePasswordEnv: x['enable-password-env'] ?? d['enable-password-env'],
        snapshot: x.snapshot,
      };
    });
}

/** A source on the command line: the URL is its name; `--vendor` applies unless the URL says. */
export function urlSpec(url: string, vendor?: string): DeviceSpec {
  const source = parseSource(url);
  return { name: source.origin, source, vendor };
}

/** `\r[ 37/200] 35 pulled, 2 failed` while running; erased at the end. */
export function progressReporter(io: IoLike, enabled: boolean): { onDone: CollectOptions['onDone']; finish: () => void } {
  if (!enabled) return { onDone: undefined, finish: () => undefined };
  let failed = 0;
  return {
    onDone: (o, done, total) => {
      if (!o.ok) failed++;
      io.stderr(`\r[${String(done).padStart(String(total).length)}/${total}] ${done - failed} collected, ${failed} failed `);
    },
    finish: () => io.stderr('\r\x1b[K'),
  };
}

/** The failure summary: one line per device, why, in the device's or the network's words. */
export function failureSummary(failures: readonly Failure[], total: number): string {
  if (failures.length === 0) return '';
  const lines = [`${failures.length} of ${total} device(s) could not be collected:`];
  for (const f of failures) {
    const where = f.spec.name === f.spec.source.origin ? f.spec.name : `${f.spec.name} (${f.spec.source.origin})`;
    lines.push(`  ${forTerminal(where)}: ${f.error.kind}: ${forTerminal(f.error.message)}`);
  }
  return `${neutralizeCommands(lines.join('\n'))}\n`;
}

/** A device that was collected but whose text its reader could not read: a failure like any other, in the reader's words. */
function unreadable(o: Success, e: unknown): Failure {
  const error = new CollectError('unreadable', (e as Error & { located?: string }).located ?? (e as Error).message);
  return { ok: false, spec: o.spec, attempts: o.attempts, ms: o.ms, error };
}

export function warningLines(outcomes: readonly Outcome[]): string {
  const lines: string[] = [];
  // a device's own words: terminal-safe, like everything read from outside
  for (const o of outcomes) if (o.ok) for (const w of o.warnings) lines.push(`${forTerminal(o.spec.name)}: warning: ${forTerminal(w)}`);
  return lines.length ? `${neutralizeCommands(lines.join('\n'))}\n` : '';
}

export interface LiveResult {
  devices: Map<string, Device>;
  failures: Failure[];
}

/**
 * Collect and parse: the Device of each spec that could be collected and read (by spec name),
 * the failures otherwise (a text the adapter cannot read counts as a failure of that device).
 */
export async function readLive(specs: readonly DeviceSpec[], args: LiveArgs, io: IoLike): Promise<LiveResult> {
  const opts = collectOptions(args, io);
  const progress = progressReporter(io, Boolean(args.progress));
  const outcomes = await collectAll(specs, { ...opts, onDone: progress.onDone });
  progress.finish();
  const devices = new Map<string, Device>();
  const failures: Failure[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      failures.push(o);
      continue;
    }
    try {
      devices.set(o.spec.name, deviceOf(o));
    } catch (e) {
      failures.push(unreadable(o, e));
    }
  }
  io.stderr(warningLines(outcomes));
  io.stderr(failureSummary(failures, specs.length));
  return { devices, failures };
}

/** Live sources among positionals (compare/show): collected together, keyed by the text as typed. */
export async function readLivePositionals(
  positionals: readonly string[],
  vendors: readonly (string | undefined)[],
  args: LiveArgs,
  io: IoLike,
): Promise<LiveResult & { byPositional: Map<string, Device> }> {
  const specs: DeviceSpec[] = [];
  const keyOf = new Map<string, string>();
  positionals.forEach((p, i) => {
    if (!isLiveSource(p)) return;
    const spec = urlSpec(p, vendors[i]);
    specs.push(spec);
    keyOf.set(p, spec.name);
  });
  if (specs.length === 0) return { devices: new Map(), failures: [], byPositional: new Map() };
  const r = await readLive(specs, args, io);
  const byPositional = new Map<string, Device>();
  for (const [p, name] of keyOf) {
    const d = r.devices.get(name);
    if (d) byPositional.set(p, d);
  }
  return { ...r, byPositional };
}

/** The live-source options as main.ts parses them. */
export interface LiveFlags {
  identity?: string;
  'known-hosts'?: string;
  'accept-new'?: boolean;
  concurrency?: string;
  timeout?: string;
}

/** Flags → LiveArgs; the progress line only for the real process on a terminal. */
export function liveArgsOf(flags: LiveFlags, io: IoLike): LiveArgs {
  return {
    identity: flags.identity,
    knownHosts: flags['known-hosts'],
    acceptNew: flags['accept-new'],
    concurrency: flags.concurrency,
    timeout: flags.timeout,
    progress: io.env === process.env && Boolean(process.stderr.isTTY),
  };
}

/** `audit --inventory`: collect the inventory's url devices (none → undefined, nothing printed). */
export async function readLiveInventory(inventoryFile: string, args: LiveArgs, io: IoLike): Promise<LiveResult | undefined> {
  let text: string;
  try {
    text = readInventoryText(inventoryFile);
  } catch {
    return undefined; // the audit command reports the unreadable inventory itself
  }
  const specs = inventorySpecs(parseInventory(text, inventoryFile));
  return specs.length ? readLive(specs, args, io) : undefined;
}

/** The SA state of a live source and when it was collected. */
export interface LiveState {
  state: SaState;
  capturedAt: CaptureTime;
}

/**
 * Runtime state of the live sources among positionals (`state`, `compare --state`): each device's
 * SA-listing commands, read by its adapter's state reader, stamped with the time the listing came in.
 * Keyed by the text as typed; a device that could not be collected or read is a failure (exit 3).
 */
export async function readLiveStates(
  positionals: readonly string[],
  vendors: readonly (string | undefined)[],
  args: LiveArgs,
  io: IoLike,
): Promise<{ byPositional: Map<string, LiveState>; failures: Failure[] }> {
  const specs: DeviceSpec[] = [];
  const keyOf = new Map<string, string>();
  positionals.forEach((p, i) => {
    if (!isLiveSource(p)) return;
    const spec: DeviceSpec = { ...urlSpec(p, vendors[i]), purpose: 'state' };
    specs.push(spec);
    keyOf.set(p, spec.name);
  });
  const byPositional = new Map<string, LiveState>();
  if (specs.length === 0) return { byPositional, failures: [] };
  const opts = collectOptions(args, io);
  const collectedAt = new Map<string, string>();
  const outcomes = await collectAll(specs, { ...opts, onDone: (o) => void collectedAt.set(o.spec.name, new Date().toISOString()) });
  const failures: Failure[] = [];
  const byName = new Map<string, LiveState>();
  for (const o of outcomes) {
    if (!o.ok) {
      failures.push(o);
      continue;
    }
    try {
      const reader = o.adapter.state;
      if (!reader) throw new Error(`${o.adapter.label} has no SA-listing reader`);
      const state = reader.read(o.text, o.spec.source.origin);
      byName.set(o.spec.name, { state, capturedAt: { iso: collectedAt.get(o.spec.name) ?? new Date().toISOString(), source: 'collected' } });
    } catch (e) {
      failures.push(unreadable(o, e));
    }
  }
  io.stderr(warningLines(outcomes));
  io.stderr(failureSummary(failures, specs.length));
  for (const [p, name] of keyOf) {
    const s = byName.get(name);
    if (s) byPositional.set(p, s);
  }
  return { byPositional, failures };
}
