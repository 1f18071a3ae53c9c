/**
 * Reading one file of an audit: decode, detect, parse (with companion files). The same function
 * runs on the main thread and in the read pool's workers, so its result is plain data that
 * crosses a thread boundary (the ParseError travels as file/line/message). Below the detection
 * threshold a file is "not a device config" and skipped with a note rather than reported unreadable.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Device } from '../model/types.js';
import { ParseError } from '../model/errors.js';
import { adapterById } from '../../adapters/index.js';
import { readCompanions } from './companions.js';
import type { Tree } from './confine.js';
import { DETECT_THRESHOLD, detectBest } from './detect.js';
import { InputRefused, readInput } from './input.js';
import { guardedParse, outsideRefs, type OutsideRef } from './guard.js';
import { timed } from '../audit/timing.js';

export interface ReadJob {
  path: string;
  /** the names an inventory may call this device by (pairs, contracts, ignores) */
  names: string[];
  vendor?: string;
  /** named in the inventory: a file that is not a config is an error, not a skip */
  mustBeConfig: boolean;
  /** the audited tree: the files this one names (includes, secrets) must lie inside it */
  tree?: Tree;
}

export interface Loaded {
  names: string[];
  device?: Device;
  error?: ParseError;
  vendor?: string;
  /** files read as part of this one (strongSwan includes, ipsec.secrets): not devices of their own */
  companions?: string[];
  /** paths a file named that lie outside the audited tree: not read, each a finding */
  outside?: OutsideRef[];
}

export type ReadOutcome = { loaded: Loaded } | { skipped: { path: string; reason: string } };

/** A path as the user sees it: relative to the working directory, `/`-separated (SARIF wants repo-relative URIs). */
export function displayPath(p: string): string {
  const rel = isAbsolute(p) ? relative(process.cwd(), p) : p;
  return rel.split(sep).join('/');
}

export function readJob(job: ReadJob): ReadOutcome {
  return read(job);
}

/**
 * readJob on the read pool's main thread: the device's strings are interned into `strings` (the
 * strings of the devices read so far, here or in a worker) as they are copied off the file text.
 */
export function readJobInterned(job: ReadJob, strings: Map<string, string>): ReadOutcome {
  return read(job, strings);
}

function read(job: ReadJob, strings?: Map<string, string>): ReadOutcome {
  const { path, names, vendor, mustBeConfig } = job;
  const file = displayPath(path);
  let text: string;
  try {
    text = timed('read', () => readInput(path));
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    // a file the tool may not read is a finding even when nobody named it: it may hold a tunnel
    const denied = e instanceof InputRefused && (e.kind === 'denied' || e.kind === 'io');
    return mustBeConfig || denied ? { loaded: { names, error: new ParseError(file, undefined, e.message) } } : { skipped: { path: file, reason: e.message } };
  }
  const best = vendor ? undefined : timed('detect', () => detectBest(text, file));
  const adapter = vendor ? adapterById(vendor) : best && best.confidence >= DETECT_THRESHOLD ? best.adapter : undefined;
  if (!adapter) {
    if (mustBeConfig)
      return {
        loaded: {
          names,
          error: new ParseError(file, 1, vendor ? `unknown vendor "${vendor}"` : 'unknown format: not a configuration of any supported vendor'),
        },
      };
    return { skipped: { path: file, reason: 'not a device configuration (no adapter recognised it)' } };
  }
  try {
    const companions = timed('read', () => readCompanions(adapter, text, path, job.tree));
    // in a worker, structured clone copies every string flat on its way out: releasing there is wasted work
    const parsed = timed(`parse ${adapter.id}`, () => guardedParse(adapter, text, file, companions?.texts, Boolean(vendor)));
    const device = !isMainThread
      ? parsed
      : strings
        ? timed('intern strings', () => internStrings(parsed, strings, true))
        : timed('release text', () => releaseText(parsed));
    const loaded: Loaded = { names, device, vendor: adapter.id, companions: Object.keys(companions?.texts ?? {}).map(displayPath) };
    if (companions?.refused.length) loaded.outside = outsideRefs(companions.refused, displayPath);
    return { loaded };
  } catch (e) {
    return { loaded: { names, error: e as ParseError, vendor: adapter.id } };
  }
}

/** The outcome as structured-clone-safe data (a ParseError loses its class across threads). */
export function toWire(o: ReadOutcome): unknown {
  if ('loaded' in o && o.loaded.error) {
    const { error, ...rest } = o.loaded;
    return { loaded: { ...rest, error: { file: error.file, line: error.line, message: error.message } } };
  }
  return o;
}

export function fromWire(w: unknown): ReadOutcome {
  const o = w as { loaded?: Loaded & { error?: { file: string; line?: number; message: string } }; skipped?: { path: string; reason: string } };
  if (o.loaded?.error) {
    const e = o.loaded.error;
    return { loaded: { ...o.loaded, error: new ParseError(e.file, e.line, e.message) } };
  }
  return o as ReadOutcome;
}

/**
 * An adapter's strings (raw text, names, values) are often substrings of the file, and a V8
 * substring of 13 characters or more can keep its whole parent string alive: over a repo of large
 * backups the audit would hold every file in memory (2,000 devices: 430 MB instead of 160 MB).
 * Copying each such string into its own flat string lets the file go. In place: the device is
 * the adapter's fresh output (frozen objects are left alone).
 */
export function releaseText<T>(value: T): T {
  // the same walk as interning, with a table of this device's strings only
  return internStrings(value, new Map(), true);
}

/**
 * A device that crossed from a worker holds its own copy of every string: structured clone does
 * not share strings, so `explicit`, `seconds`, the file path of every setting's `at` … each exist
 * once per setting (2,000 devices: 1.9 million strings, 53,000 distinct, over 100 MB). Replaces
 * each string by the first equal one `seen` holds, in place (frozen objects are left alone).
 * `release`: the device was parsed on this thread, so a string seen for the first time may be a
 * substring holding its file alive: it is kept as a flat copy (as releaseText does), in one walk.
 */
export function internStrings<T>(value: T, seen: Map<string, string>, release = false): T {
  const one = (x: string): string => {
    const known = seen.get(x);
    if (known !== undefined) return known;
    const flat = release && x.length > 12 ? ` ${x}`.slice(1) : x;
    seen.set(flat, flat);
    return flat;
  };
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return one(x);
    if (x === null || typeof x !== 'object' || Object.isFrozen(x)) return x;
    if (Array.isArray(x)) for (let i = 0; i < x.length; i++) x[i] = walk(x[i]);
    // for…in, not Object.keys: no array of keys per object (a cloned device's objects are plain)
    else for (const k in x) (x as Record<string, unknown>)[k] = walk((x as Record<string, unknown>)[k]);
    return x;
  };
  return walk(value) as T;
}
