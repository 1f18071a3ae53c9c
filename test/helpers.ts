/** Shared test helpers: fixtures by path, the ../shared real configs (when present), parse + validate. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../src/read/decode.js';
import type { Adapter } from '../src/model/adapter.js';
import type { Device, SourceRef, TunnelEnd } from '../src/model/types.js';
import { ParseError } from '../src/model/errors.js';
import { validateDevice } from '../src/model/schema.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** ../shared/real-configs next to the checkout, or undefined (tests then skip with a message). */
export const REAL_CONFIGS: string | undefined = (() => {
  const dir = resolve(ROOT, '..', 'shared', 'real-configs');
  return existsSync(dir) ? dir : undefined;
})();

export function fixturePath(...parts: string[]): string {
  return join(ROOT, 'fixtures', ...parts);
}

/** Read a file the way the CLI does (BOM/UTF-16/CRLF handled). */
export function readText(path: string): string {
  return decodeText(readFileSync(path), path);
}

/** Parse a file with an adapter; the file name passed on is relative to the repo root, as a user would type it. */
export function parseFile(adapter: Adapter, path: string): Device {
  return adapter.parse(readText(path), relative(ROOT, path) || path);
}

/** Parse and assert the Device validates against the schema. */
export function parseValid(adapter: Adapter, path: string): Device {
  const device = parseFile(adapter, path);
  const errors = validateDevice(device);
  if (errors.length) throw new Error(`${path}: device does not validate:\n${errors.join('\n')}`);
  return device;
}

/** All files under a directory (recursive), sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The tunnel of that name, or a failing assertion that lists the names there are. */
export function tunnelNamed(d: Device, name: string): TunnelEnd {
  const t = d.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no tunnel "${name}" in ${d.origin} (have: ${d.tunnels.map((x) => x.name).join(', ')})`);
  return t;
}

/** The ParseError `fn` throws; fails when it throws anything else or nothing. */
export function parseErrorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw new Error(`expected a ParseError, got ${String(e)}`);
  }
  throw new Error('expected a ParseError, nothing was thrown');
}

/** A SourceRef, for asserting `at`. */
export const at = (file: string, line: number): SourceRef => ({ file, line });

/** Assert the device validates against the Device schema; returns it. */
export function expectValid(device: Device): Device {
  const errors = validateDevice(device);
  if (errors.length) throw new Error(`${device.origin}: device does not validate:\n${errors.join('\n')}`);
  return device;
}
