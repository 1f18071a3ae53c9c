/** What every Cisco parsing step carries: the file name (for errors) and the diagnostics list. */
import type { Diagnostic, SourceRef } from '../../src/model/types.js';
import { noteOnce, warnOnce } from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';
import type { CiscoLine } from './lines.js';

export interface Ctx {
  file: string;
  diagnostics: Diagnostic[];
}

export function newCtx(file: string): Ctx {
  return { file, diagnostics: [] };
}

export function at(ctx: Ctx, line: CiscoLine): SourceRef {
  return { file: ctx.file, line: line.n };
}

/** A warning at a Cisco line, said once: the same finding reached from several tunnels is said once. */
export function warn(ctx: Ctx, message: string, line?: CiscoLine): void {
  warnOnce(ctx, message, line && at(ctx, line));
}

export function note(ctx: Ctx, message: string, line?: CiscoLine): void {
  noteOnce(ctx, message, line && at(ctx, line));
}

/** A value that matters could not be read: stop with `file:line: expected …`. */
export function fail(ctx: Ctx, line: CiscoLine, message: string): never {
  throw new ParseError(ctx.file, line.n, message);
}

/** A value with the line it was read from. */
export interface Located<T> {
  value: T;
  line: CiscoLine;
}
