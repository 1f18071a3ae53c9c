/** Shared test helpers: fixtures by path, the ../shared real configs (when present), parse + validate. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../src/model/text.js';
import type { Adapter } from '../src/model/adapter.js';
import type { Device } from '../src/model/types.js';
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
