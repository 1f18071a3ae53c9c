/** What every Cisco parsing step carries: the file name (for errors) and the diagnostics list. */
import type { Diagnostic, SourceRef } from '../../src/model/types.js';
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

/** Add a diagnostic once: the same finding reached from several tunnels is said once. */
function push(ctx: Ctx, level: Diagnostic['level'], line: CiscoLine | undefined, message: string): void {
  if (ctx.diagnostics.some((d) => d.level === level && d.message === message && d.at?.line === line?.n)) return;
  ctx.diagnostics.push(line ? { level, message, at: at(ctx, line) } : { level, message });
}

export function warn(ctx: Ctx, line: CiscoLine | undefined, message: string): void {
  push(ctx, 'warning', line, message);
}

export function note(ctx: Ctx, line: CiscoLine | undefined, message: string): void {
  push(ctx, 'info', line, message);
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
