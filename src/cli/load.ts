/**
 * From a path on the command line to a Device: read, decode (BOM, UTF-16, CRLF), detect the
 * vendor from content (or take --vendor), parse. Every failure is a ParseError naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
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
  if (size > MAX_INPUT_BYTES) throw new ParseError(path, undefined, `is ${Math.round(size / 1048576)} MB: larger than any configuration export (limit ${MAX_INPUT_BYTES / 1048576} MB)`);
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
  const head = text.length > 262144 ? text.slice(0, 262144) : text;
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
    throw new ParseError(file, 1, `unknown format: expected a configuration or command output of one of: ${adapters.map((x) => x.label).join(', ')} (or name it with --vendor)`);
  }
  return best.adapter;
}

export function parseText(text: string, file: string, vendor?: string): Device {
  const adapter = pickAdapter(text, file, vendor);
  try {
    return adapter.parse(text, file);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // an adapter bug must still name the input and never print a stack
    throw new ParseError(file, undefined, `could not be read as ${adapter.label}: ${(e as Error).message}`);
  }
}

export function loadDevice(path: string, vendor?: string): Device {
  return parseText(readInput(path), path, vendor);
}
