/**
 * Character classes the hand-written scanners share (they walk char codes instead of running a
 * regular expression per line).
 */

/** A character of JavaScript's `\s` (what `/\s+/` splits on and `String.prototype.trim` removes), ASCII tested first: it is the common case. */
export function isSpace(c: number): boolean {
  if (c > 32 && c < 127) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
