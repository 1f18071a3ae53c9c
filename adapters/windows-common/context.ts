/** What every Windows reader carries: the file name (for `at`) and the diagnostics it collects. */
import type { Diagnostic, SourceRef } from '../../src/model/types.js';
import * as diagnostics from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';

export interface ReadContext {
  file: string;
  diagnostics: Diagnostic[];
}

export function newContext(file: string): ReadContext {
  return { file, diagnostics: [] };
}

export function at(ctx: ReadContext, line: number): SourceRef {
  return { file: ctx.file, line };
}

export function warn(ctx: ReadContext, message: string, line?: number): void {
  diagnostics.warn(ctx, message, line === undefined ? undefined : at(ctx, line));
}

export function note(ctx: ReadContext, message: string, line?: number): void {
  diagnostics.note(ctx, message, line === undefined ? undefined : at(ctx, line));
}

/** A value that matters cannot be read: stop with file:line and what was expected. */
export function fail(ctx: ReadContext, line: number, message: string): never {
  throw new ParseError(ctx.file, line, message);
}
