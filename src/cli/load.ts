/**
 * From a path on the command line to a Device: read, decode (BOM, UTF-16, CRLF), detect the
 * vendor from content (or take --vendor), parse. Every failure is a ParseError naming the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { adapters, adapterById } from '../../adapters/index.js';
import type { Adapter } from '../model/adapter.js';
import { ParseError, UsageError } from '../model/errors.js';
import { decodeText } from '../model/text.js';
import type { Device } from '../model/types.js';

/** Larger files are not configuration exports; reading them would only waste memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Below this confidence no adapter claims the file. */
const DETECT_THRESHOLD = 0.5;

export function readInput(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ParseError(path, undefined, 'is a directory: expected a configuration file (use `audit` for a directory)');
    size = st.size;
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(path, undefined, 'cannot read the file (no such file or no permission)');
  }
  if (size > MAX_INPUT_BYTES)
    throw new ParseError(path, undefined, `is ${Math.round(size / 1048576)} MB: larger than any configuration export (limit ${MAX_INPUT_BYTES / 1048576} MB)`);
  const text = decodeText(readFileSync(path), path);
  if (text.trim() === '') throw new ParseError(path, undefined, 'the file is empty: expected a device configuration or command output');
  return text;
}

export interface Detection {
  adapter: Adapter;
  confidence: number;
}

/** Adapters ranked by how sure each is that the text is theirs. */
export function detectAll(text: string, fileName: string): Detection[] {
  // every vendor announces itself near the top (a header, the root element, the first sections)
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  return adapters
    .map((adapter) => ({ adapter, confidence: adapter.detect(head, fileName) }))
    .filter((d) => d.confidence > 0)
    .sort((x, y) => y.confidence - x.confidence);
}

export function pickAdapter(text: string, file: string, vendor?: string): Adapter {
  if (vendor) {
    const a = adapterById(vendor);
    if (!a) throw new UsageError(`--vendor ${vendor}: unknown vendor; expected one of: ${adapters.map((x) => x.id).join(', ')}`);
    return a;
  }
  const best = detectAll(text, basename(file))[0];
  if (!best || best.confidence < DETECT_THRESHOLD) {
    throw new ParseError(
      file,
      1,
      `unknown format: expected a configuration or command output of one of: ${adapters.map((x) => x.label).join(', ')} (or name it with --vendor)`,
    );
  }
  return best.adapter;
}

/** `dir/*.conf` → the matching files (globs only in the last path segment, as includes use them). */
export function expandPattern(pattern: string): string[] {
  const dir = dirname(pattern);
  const base = basename(pattern);
  if (!/[*?[]/.test(base)) return existsSync(pattern) && statSync(pattern).isFile() ? [pattern] : [];
  const re = new RegExp(
    '^' +
      base
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '.') +
      '$',
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

/** The files an adapter asks for beside the main one, read recursively (bounded, no file twice). */
export function readCompanions(adapter: Adapter, text: string, file: string): Record<string, string> | undefined {
  if (!adapter.companions) return undefined;
  const out: Record<string, string> = {};
  const queue: Array<[string, string]> = [[text, file]];
  while (queue.length && Object.keys(out).length < 256) {
    const [t, f] = queue.shift()!;
    for (const pattern of adapter.companions(t, f)) {
      for (const path of expandPattern(pattern)) {
        if (path in out || path === file) continue;
        try {
          out[path] = readInput(path);
        } catch {
          continue; // unreadable or empty: the adapter reports the include as not read
        }
        queue.push([out[path], path]);
      }
    }
  }
  return out;
}

export function parseText(text: string, file: string, vendor?: string, companions?: Record<string, string>): Device {
  const adapter = pickAdapter(text, file, vendor);
  try {
    return adapter.parse(text, file, companions ?? readCompanions(adapter, text, file));
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // an adapter bug must still name the input and never print a stack
    throw new ParseError(file, undefined, `could not be read as ${adapter.label}: ${(e as Error).message}`);
  }
}

export function loadDevice(path: string, vendor?: string): Device {
  return parseText(readInput(path), path, vendor);
}
