/**
 * Writing a report where `--output` says. The directory is checked before any work is done (an
 * audit of a large repository should not run for a minute and then fail to write), and a write
 * that fails anyway is a one-line usage error naming the path as the user typed it.
 */
import { statSync, writeFileSync } from 'node:fs';
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
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${option} ${path}: cannot be written (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message)})`,
    );
  }
}
