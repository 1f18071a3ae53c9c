/**
 * From a path (or a text) to a Device: read, decode, detect the vendor from content (or take
 * --vendor), read companion files, parse. What compare, show, pull and the lab read goes through
 * here; the audit reads through job.ts, which uses the same pieces.
 */
import type { Adapter } from '../model/adapter.js';
import { warn } from '../model/diagnostics.js';
import type { Device } from '../model/types.js';
import { readCompanions } from './companions.js';
import { pickAdapter } from './detect.js';
import { guardedParse, outsideRefs } from './guard.js';
import { readInput } from './input.js';

/** `adapter.parse`, with any failure a ParseError naming the input: an adapter bug must still name the input and never print a stack. */
export function parseWith(adapter: Adapter, text: string, file: string, companions?: Record<string, string>, forced = false): Device {
  return guardedParse(adapter, text, file, companions, forced);
}

export function parseText(text: string, file: string, vendor?: string, companions?: Record<string, string>): Device {
  const adapter = pickAdapter(text, file, vendor);
  if (companions) return parseWith(adapter, text, file, companions, Boolean(vendor));
  const read = readCompanions(adapter, text, file);
  const device = parseWith(adapter, text, file, read?.texts, Boolean(vendor));
  for (const o of outsideRefs(read?.refused ?? [], (p) => p))
    warn(device, `${o.path} lies outside the folder of ${file} (after symbolic links): not read`, { file: o.file, line: o.line });
  return device;
}

export function loadDevice(path: string, vendor?: string): Device {
  return parseText(readInput(path), path, vendor);
}
