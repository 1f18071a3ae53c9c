/**
 * From a path (or a text) to a Device: read, decode, detect the vendor from content (or take
 * --vendor), read companion files, parse. What compare, show, pull and the lab read goes through
 * here; the audit reads through job.ts, which uses the same pieces.
 */
import type { Adapter } from '../model/adapter.js';
import { ParseError } from '../model/errors.js';
import type { Device } from '../model/types.js';
import { readCompanions } from './companions.js';
import { pickAdapter } from './detect.js';
import { readInput } from './input.js';

/** `adapter.parse`, with any failure a ParseError naming the input: an adapter bug must still name the input and never print a stack. */
export function parseWith(adapter: Adapter, text: string, file: string, companions?: Record<string, string>): Device {
  try {
    return adapter.parse(text, file, companions);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(file, undefined, `could not be read as ${adapter.label}: ${(e as Error).message}`);
  }
}

export function parseText(text: string, file: string, vendor?: string, companions?: Record<string, string>): Device {
  const adapter = pickAdapter(text, file, vendor);
  return parseWith(adapter, text, file, companions ?? readCompanions(adapter, text, file));
}

export function loadDevice(path: string, vendor?: string): Device {
  return parseText(readInput(path), path, vendor);
}
