/**
 * Bytes on disk to text: size-checked, decoded as the user saved it (BOM, UTF-16, CRLF: decode.ts).
 * Every failure is a ParseError naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { ParseError } from '../model/errors.js';
import { decodeText } from './decode.js';

/** Larger files are not configuration exports; reading them would only waste memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export function readInput(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ParseError(path, undefined, 'is a directory: expected a configuration file (use `audit` for a directory)');
    size = st.size;
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(path, undefined, 'cannot read the file (no such file or no permission)');
  }
  if (size > MAX_INPUT_BYTES)
    throw new ParseError(path, undefined, `is ${Math.round(size / 1048576)} MB: larger than any configuration export (limit ${MAX_INPUT_BYTES / 1048576} MB)`);
  const text = decodeText(readFileSync(path), path);
  if (text.trim() === '') throw new ParseError(path, undefined, 'the file is empty: expected a device configuration or command output');
  return text;
}
