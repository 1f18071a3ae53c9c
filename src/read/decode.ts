/**
 * Bytes to text as the user saved it: UTF-8 (with or without BOM), UTF-16LE/BE with BOM
 * (Windows PowerShell 5.1 `>`), UTF-16LE without BOM (detected by NUL pattern), CRLF/CR line ends.
 */
import { ParseError } from '../model/errors.js';

export function decodeText(buf: Buffer, file: string): string {
  let text: string;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2).toString('utf16le');
  else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) text = swap16(buf.subarray(2)).toString('utf16le');
  else if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = buf.subarray(3).toString('utf8');
  else if (looksUtf16le(buf)) text = buf.toString('utf16le');
  else {
    if (looksBinary(buf)) throw new ParseError(file, undefined, 'this is a binary file, not a configuration text or command output');
    text = buf.toString('utf8');
  }
  if (text.includes('\u0000')) throw new ParseError(file, undefined, 'this is a binary file, not a configuration text or command output');
  // most files have no CR at all: a plain search is much cheaper than the pattern over the whole text
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function swap16(buf: Buffer): Buffer {
  const out = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2)));
  return out.swap16();
}

/** ASCII text in UTF-16LE has a NUL in every odd byte. */
function looksUtf16le(buf: Buffer): boolean {
  const n = Math.min(buf.length, 512);
  if (n < 4 || n % 2 === 1) return false;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 ? oddNul++ : evenNul++;
  // at least one NUL: a short ASCII file (`null`, `{}`) has none and is not UTF-16
  return oddNul > Math.max(0, n / 2 - 4) && evenNul === 0;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Lines of `\n`-ended text, for adapters that walk lines (index i is line i + 1). */
export function splitLines(text: string): string[] {
  return text.split('\n');
}
