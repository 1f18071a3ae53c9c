/**
 * Writing a report where `--output` says. The directory is checked before any work is done (an
 * audit of a large repository should not run for a minute and then fail to write), and a write
 * that fails anyway is a one-line usage error naming the path as the user typed it.
 */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../model/errors.js';

/** `--output FILE` (or another option's FILE) can be written: its directory exists and FILE is not a directory. */
export function checkOutputPath(path: string, option = '--output'): void {
  const dir = dirname(path);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${option} ${path}: the directory ${dir} does not exist`);
  }
  if (!isDir) throw new UsageError(`${option} ${path}: ${dir} is not a directory`);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${option} ${path}: is a directory; give a file name`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // it does not exist yet: it will be created
  }
}

export function writeOutput(path: string, text: string, option = '--output'): void {
  checkOutputPath(path, option);
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw cannotWrite(path, option, e);
  }
}

function cannotWrite(path: string, option: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  return new UsageError(
    `${option} ${path}: cannot be written (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message)})`,
  );
}

/** Pieces gathered into one write of about this many UTF-16 units (a JSON report comes a finding at a time). */
const WRITE_UNITS = 1 << 20;
const LARGE_PIECE = 1 << 15;

/**
 * writeOutput for a report made in pieces (tableChunks, jsonChunks, sarifChunks): each piece is
 * written as it comes, so a fleet's report of tens of MB is never one string in memory. An error
 * of the renderer is thrown as it is; one of the file, as writeOutput's. `onWrite` hears how long
 * the writes themselves took (ms), which the audit's stage times count apart from the rendering.
 */
export function writeOutputChunks(path: string, chunks: Iterable<string>, option = '--output', onWrite?: (ms: number) => void): void {
  checkOutputPath(path, option);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw cannotWrite(path, option, e);
  }
  try {
    const pending: string[] = [];
    let units = 0;
    const flush = () => {
      const start = performance.now();
      const bytes = Buffer.from(pending.length === 1 ? pending[0] : pending.join(''), 'utf8');
      pending.length = 0;
      units = 0;
      try {
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      } catch (e) {
        throw cannotWrite(path, option, e);
      }
      onWrite?.(performance.now() - start);
    };
    for (const c of chunks) {
      pending.push(c);
      units += c.length;
      // a piece already large (the renderers gather theirs) is written as it is, not joined again
      if (units >= WRITE_UNITS || c.length >= LARGE_PIECE) flush();
    }
    if (units > 0) flush();
  } finally {
    closeSync(fd);
  }
}
