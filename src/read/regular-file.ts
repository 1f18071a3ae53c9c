/**
 * Reading a file that someone else controls (a config in a pull request, an inventory, a
 * baseline, a .gitignore): only a regular file, and never more than a byte limit. The file is
 * opened first and the open descriptor checked (fstat), so what is checked is what is read: a
 * path swapped for a FIFO, `/dev/zero` or `/dev/stdin` between a stat and a read cannot slip
 * through. O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer
 * forever. The limit is enforced while reading, not taken from a size that `/dev/zero` or a
 * procfs file reports as 0.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type RefusalKind = 'missing' | 'denied' | 'directory' | 'not-regular' | 'too-large' | 'io';

/** Why a file was not read, in words for `file: …` messages. */
export class FileRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}

/** `O_NONBLOCK` where the platform has it (not on Windows, where no FIFO can be opened this way anyway). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refusalOf(e: unknown): FileRefused {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileRefused('missing', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return new FileRefused('denied', 'permission denied');
  if (code === 'EISDIR') return new FileRefused('directory', 'is a directory');
  // opening a socket (`/dev/stdin` of a process whose stdin is a socket pair) fails with ENXIO
  if (code === 'ENXIO') return new FileRefused('not-regular', 'is a socket, not a regular file: refused');
  if (code === 'ELOOP') return new FileRefused('not-regular', 'is a symbolic link that loops or is not followed');
  return new FileRefused('io', `cannot be read (${code ?? (e as Error).message})`);
}

/**
 * The bytes of `path`, if it is a regular file of at most `maxBytes` bytes; otherwise a
 * FileRefused saying why. `noFollow`: refuse a symbolic link as the last path component.
 */
export function readRegularFile(path: string, maxBytes: number, opts: { noFollow?: boolean } = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | (opts.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (e) {
    throw refusalOf(e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileRefused('directory', 'is a directory');
    if (!st.isFile()) throw new FileRefused('not-regular', `is ${kindOf(st)}, not a regular file: refused`);
    if (st.size > maxBytes) throw tooLarge(maxBytes);
    // the size is a hint for the first buffer only: the limit is what was actually read
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size, 4096) + 1, maxBytes + 1));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk.subarray(0, n));
      if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.min(chunk.length * 2, maxBytes + 1 - total));
      else chunk = chunk.subarray(n);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof FileRefused) throw e;
    throw refusalOf(e);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(maxBytes: number): FileRefused {
  return new FileRefused('too-large', `is larger than ${formatBytes(maxBytes)}: refused`);
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
