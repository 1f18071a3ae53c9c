/** Helpers for the state tests: read a listing with a reader as the CLI does, and check it validates. */
import { relative } from 'node:path';
import type { SaState, StateReader } from '../../src/model/state.js';
import { validateSaState } from '../../src/model/state-schema.js';
import { REAL_CONFIGS, ROOT, readText } from '../helpers.js';

/** Read a file with a reader (file names relative to the repo root, as a user types them) and validate the result. */
export function readState(reader: StateReader, path: string, text = readText(path)): SaState {
  const state = reader.read(text, relative(ROOT, path) || path);
  const errors = validateSaState(state);
  if (errors.length) throw new Error(`${path}: state does not validate:\n${errors.join('\n')}`);
  return state;
}

/** A file of the real corpus (../shared/real-configs), or undefined when the corpus is absent. */
export function realState(...parts: string[]): string | undefined {
  return REAL_CONFIGS ? [REAL_CONFIGS, ...parts].join('/') : undefined;
}

/** `[id, [in SPIs], [out SPIs]]` of every CHILD_SA, for compact exact assertions. */
export function spiTable(s: SaState): Array<[string, string[], string[]]> {
  return s.childSas.map((c) => [c.id, c.inbound.map((d) => d.spi ?? d.raw), c.outbound.map((d) => d.spi ?? d.raw)]);
}
