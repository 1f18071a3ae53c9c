/**
 * Collect many devices at once: a worker pool, per-device timeouts (connect, each command, the
 * whole device), a bounded retry with backoff for connection errors only, and one outcome per
 * device — text for the adapter, or why not. One dead device never stops the others.
 */
import { adapterById, adapters } from '../../adapters/index.js';
import type { Adapter } from '../model/adapter.js';
import type { Device } from '../model/types.js';
import { type Credentials, ENABLE_PASSWORD_ENV, PASSWORD_ENV, resolveCredentials, scrub } from './credentials.js';
import { CollectError, type Live, within } from '../model/live.js';
import { collectApi } from './api.js';
import type { KnownHosts } from './hostkeys.js';
import { parseWith } from '../read/load.js';
import { redact } from './snapshot.js';
import { apiOf, type LiveSource } from './source.js';
import { type Budget, type Collected, collectExec, collectShell, connectSsh } from './ssh.js';

export interface DeviceSpec {
  /** inventory name, or the source's origin when pulled from the command line */
  name: string;
  source: LiveSource;
  /** adapter id from the inventory or --vendor (the URL's `?vendor=` wins) */
  vendor?: string;
  /** pinned `SHA256:` fingerprint */
  hostKey?: string;
  passwordEnv?: string;
  enablePasswordEnv?: string;
  /** snapshot file name (pull) */
  snapshot?: string;
  /** config (default): the adapter's configuration commands; state: its SA-listing reader's commands */
  purpose?: 'config' | 'state';
}

export interface Timeouts {
  connectMs: number;
  commandMs: number;
  overallMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, commandMs: 30_000, overallMs: 120_000 };
export const DEFAULT_RETRY = { attempts: 3, baseMs: 500 };
export const DEFAULT_CONCURRENCY = 16;

export interface CollectOptions {
  knownHosts: KnownHosts;
  acceptNew: boolean;
  identity?: Buffer;
  env: NodeJS.ProcessEnv;
  timeouts: Timeouts;
  retry: { attempts: number; baseMs: number };
  concurrency: number;
  /** called as each device finishes (progress line, writing its snapshot); the worker waits for it */
  onDone?: (o: Outcome, done: number, total: number) => void | Promise<void>;
}

interface OutcomeBase {
  spec: DeviceSpec;
  attempts: number;
  ms: number;
}
export interface Success extends OutcomeBase {
  ok: true;
  /** the adapter that reads the text */
  adapter: Adapter;
  text: string;
  warnings: string[];
}
export interface Failure extends OutcomeBase {
  ok: false;
  error: CollectError;
}
export type Outcome = Success | Failure;

interface Plan {
  /** the live record whose dialect drives the session (a group's first adapter) */
  live: Live;
  commands: string[];
  /** undefined: pick among `candidates` by detect() once the text is in */
  adapter?: Adapter;
  candidates: Adapter[];
}

/** Adapters that share one session under `?vendor=<group>` (`live.group`), in list order. */
function groupMembers(group: string): Adapter[] {
  return adapters.filter((a) => a.live?.group === group);
}

function planFor(spec: DeviceSpec): Plan {
  const vendor = spec.source.vendor ?? spec.vendor;
  if (!vendor) {
    throw new CollectError('setup', `name the vendor: ${spec.source.origin}?vendor=ID (one of ${liveVendors().join(', ')}); prompts do not tell vendors apart`);
  }
  const adapter = adapterById(vendor) ?? (spec.purpose === 'state' ? groupMembers(vendor).find((a) => a.state) : undefined);
  if (spec.purpose === 'state' && adapter) return statePlan(adapter, spec);
  if (!adapter) {
    const candidates = groupMembers(vendor);
    if (candidates.length === 0) throw new CollectError('setup', `unknown vendor "${vendor}" (expected one of ${liveVendors().join(', ')})`);
    const live = candidates[0].live!;
    return { live, commands: [...new Set(candidates.flatMap((a) => a.live!.commands))], candidates };
  }
  if (!adapter.live?.commands.length)
    throw new CollectError('setup', `${adapter.label} declares no read-only commands: it cannot be pulled live (copy its files instead)`);
  const api = apiOf(spec.source.transport);
  if (spec.source.transport !== 'ssh' && api?.owner !== adapter)
    throw new CollectError('setup', `${spec.source.transport}:// is for ${api?.transport.product ?? 'another vendor'} only`);
  return { live: adapter.live, commands: [...adapter.live.commands], adapter, candidates: [adapter] };
}

/**
 * Runtime state: the SA-listing commands of the adapter's state reader, in the adapter's own session
 * dialect (every listing after the first may be refused: an older release without `detail`, a
 * platform without IKEv1), and over a device API the reader's own conversion of the replies.
 */
function statePlan(adapter: Adapter, spec: DeviceSpec): Plan {
  const reader = adapter.state;
  if (!reader) throw new CollectError('setup', `${adapter.label} has no SA-listing reader: its runtime state cannot be read`);
  const dialect0 = reader.dialect ?? adapter.live?.dialect;
  if (!dialect0) throw new CollectError('setup', `${adapter.label}: no live session driver; save the SA listing to a file and read that`);
  const live: Live = adapter.live ?? { commands: [], dialect: dialect0, snapshot: { extension: '.txt', redact: [], volatile: [] } };
  const api = apiOf(spec.source.transport);
  if (spec.source.transport !== 'ssh' && api?.owner !== adapter)
    throw new CollectError('setup', `${spec.source.transport}:// is for ${api?.transport.product ?? 'another vendor'} only`);
  const commands = reader.commands.map((c) => c.command);
  const optional = (c: string) => c !== commands[0];
  const dialect = { ...dialect0, optional };
  const transport = live.api && reader.fromApi ? { ...live.api, text: reader.fromApi, optional } : undefined;
  return { live: { ...live, dialect, ...(transport ? { api: transport } : {}) }, commands, adapter, candidates: [adapter] };
}

/** Vendors a live source may name: adapters with live collection, then the groups they share a session in. */
export function liveVendors(): string[] {
  const live = adapters.filter((a) => a.live?.commands.length);
  return [...live.map((a) => a.id), ...new Set(live.flatMap((a) => (a.live?.group ? [a.live.group] : [])))];
}

function pickAdapter(plan: Plan, text: string, name: string): Adapter {
  if (plan.adapter) return plan.adapter;
  return [...plan.candidates].sort((a, b) => b.detect(text, name) - a.detect(text, name))[0];
}

async function collectOnce(spec: DeviceSpec, plan: Plan, creds: Credentials, opts: CollectOptions, deadline: number): Promise<Collected> {
  const budget: Budget = { deadline, commandMs: opts.timeouts.commandMs };
  const connectMs = Math.max(1, Math.min(opts.timeouts.connectMs, deadline - Date.now()));
  const s = spec.source;
  if (s.transport !== 'ssh') {
    const api = apiOf(s.transport);
    if (!api || !plan.live.api) throw new CollectError('setup', `${s.transport}:// is not a scheme any adapter answers on`);
    return collectApi(
      { host: s.host, port: s.port, user: s.user, scheme: api.scheme.scheme, tls: api.scheme.tls, pinned: spec.hostKey },
      plan.live.api,
      plan.commands,
      creds,
      budget,
      connectMs,
    );
  }
  const client = await connectSsh(
    { host: s.host, port: s.port, user: s.user, origin: s.origin },
    creds,
    { knownHosts: opts.knownHosts, pinned: spec.hostKey, acceptNew: opts.acceptNew },
    connectMs,
  );
  try {
    const dialect = plan.live.dialect;
    return dialect.kind === 'shell'
      ? await collectShell(client, dialect, plan.commands, creds, budget)
      : await collectExec(client, dialect, plan.commands, budget);
  } finally {
    client.end();
    client.destroy();
  }
}

/** The device's whole time limit, whatever is pending (a library that never calls back included). */
function withDeadline<T>(p: Promise<T>, deadline: number, overallMs: number): Promise<T> {
  return within(
    p,
    Math.max(0, deadline - Date.now()) + 50,
    () => new CollectError('timeout', `not done within the per-device time limit of ${overallMs / 1000} s`),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every secret the run could have read from the environment, for scrubbing messages. */
export function envSecrets(specs: readonly DeviceSpec[], env: NodeJS.ProcessEnv): string[] {
  const names = new Set([PASSWORD_ENV, ENABLE_PASSWORD_ENV, ...specs.flatMap((s) => [s.passwordEnv, s.enablePasswordEnv].filter((n): n is string => !!n))]);
  return [...names].map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.length >= 3);
}

export async function collectDevice(spec: DeviceSpec, opts: CollectOptions): Promise<Outcome> {
  const start = Date.now();
  const deadline = start + opts.timeouts.overallMs;
  const secrets = envSecrets([spec], opts.env);
  let attempts = 0;
  // a device's own words are quoted in messages: passwords and anything secret-shaped go first
  const clean = (text: string) => redact(scrub(text, secrets), spec.source.vendor ?? spec.vendor ?? '');
  const fail = (e: unknown): Failure => {
    const err = e instanceof CollectError ? e : new CollectError('connection', (e as Error)?.message ?? String(e));
    return { ok: false, spec, attempts, ms: Date.now() - start, error: new CollectError(err.kind, clean(err.message)) };
  };
  let plan: Plan;
  let creds: Credentials;
  try {
    plan = planFor(spec);
    creds = resolveCredentials({ passwordEnv: spec.passwordEnv, enablePasswordEnv: spec.enablePasswordEnv }, opts.env, opts.identity);
  } catch (e) {
    return fail(e);
  }
  for (;;) {
    attempts++;
    try {
      const got = await withDeadline(collectOnce(spec, plan, creds, opts, deadline), deadline, opts.timeouts.overallMs);
      const adapter = pickAdapter(plan, got.text, spec.name);
      return { ok: true, spec, attempts, ms: Date.now() - start, adapter, text: got.text, warnings: got.warnings.map(clean) };
    } catch (e) {
      const err = e instanceof CollectError ? e : new CollectError('connection', (e as Error)?.message ?? String(e));
      const backoff = opts.retry.baseMs * 2 ** (attempts - 1) * (0.5 + Math.random());
      if (!err.retryable || attempts >= opts.retry.attempts || Date.now() + backoff >= deadline) {
        if (attempts > 1) err.message += ` (after ${attempts} attempts)`;
        return fail(err);
      }
      await sleep(backoff);
    }
  }
}

/** Run `fn` over `items` with at most `concurrency` at once; results in input order. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

export async function collectAll(specs: readonly DeviceSpec[], opts: CollectOptions): Promise<Outcome[]> {
  let done = 0;
  return runPool(specs, opts.concurrency, async (spec) => {
    const o = await collectDevice(spec, opts);
    done++;
    await opts.onDone?.(o, done, specs.length);
    return o;
  });
}

/** The Device from a collected text, through the same read stage as a file (origin = the source URL). */
export function deviceOf(o: Success): Device {
  return parseWith(o.adapter, o.text, o.spec.source.origin);
}
