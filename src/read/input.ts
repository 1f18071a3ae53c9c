/**
 * Bytes on disk to text: a regular file only, read with a byte limit (regular-file.ts), decoded
 * as the user saved it (BOM, UTF-16, CRLF: decode.ts). Every failure is a ParseError naming the
 * file; a file the tool may not read says so (`denied`), so an audit can report it.
 */
import { ParseError } from '../model/errors.js';
import { decodeText } from './decode.js';
import { FileRefused, type RefusalKind, readRegularFile } from './regular-file.js';

/** Larger files are not configuration exports; reading them would only waste memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** An input that could not be read at all, with why (a missing file, no permission, a FIFO…). */
export class InputRefused extends ParseError {
  constructor(
    file: string,
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(file, undefined, message);
  }
}

/** The file's bytes, or an InputRefused in the words a user expects. */
export function readInputBytes(path: string, maxBytes = MAX_INPUT_BYTES): Buffer {
  try {
    return readRegularFile(path, maxBytes);
  } catch (e) {
    if (!(e instanceof FileRefused)) throw e;
    const why: Record<RefusalKind, string> = {
      missing: 'cannot read the file: no such file',
      denied: 'cannot read the file: permission denied',
      directory: 'is a directory: expected a configuration file (use `audit` for a directory)',
      'not-regular': `${e.message} (expected a configuration file)`,
      'too-large': `${e.message} (larger than any configuration export)`,
      io: `cannot read the file: ${e.message}`,
    };
    throw new InputRefused(path, e.kind, why[e.kind]);
  }
}

export function readInput(path: string): string {
  const text = decodeText(readInputBytes(path), path);
  if (text.trim() === '') throw new ParseError(path, undefined, 'the file is empty: expected a device configuration or command output');
  return text;
}

/** An inventory is a list of devices and pairs: 16 MB is far more than any has. */
export const MAX_INVENTORY_BYTES = 16 * 1024 * 1024;

/** The inventory's text (a regular file, size-limited, decoded), or a ParseError naming it. */
export function readInventoryText(path: string): string {
  try {
    return decodeText(readRegularFile(path, MAX_INVENTORY_BYTES), path);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(path, undefined, `cannot read the inventory file: ${(e as Error).message}`);
  }
}
