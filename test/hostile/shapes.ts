/**
 * Adversarial input shapes, as a fuzzer and an attacker would write them: each a function of a
 * target size, so a test can feed the same shape at two sizes and compare the times (a parser or
 * detector that is linear takes about four times as long for four times the text).
 */

/** Every character JavaScript's `\s` matches, and the other spaces a copy-paste brings in. */
export const UNICODE_SPACES = [
  '\t',
  '\v',
  '\f',
  ' ',
  '\u00a0',
  '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u180e',
  '\u200b',
];

/** A text of about `n` characters made by repeating `unit`. */
export function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, Math.max(n, unit.length));
}

/** A deterministic pseudo-random generator (mulberry32): the same junk on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random UTF-16 code units, lone surrogates and non-characters included. */
function utf16Junk(n: number): string {
  const r = prng(0x13);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const pick = r();
    out.push(String.fromCharCode(pick < 0.05 ? 0xd800 + Math.floor(r() * 0x800) : pick < 0.08 ? 0xfffe + Math.floor(r() * 2) : Math.floor(r() * 0x10000)));
  }
  return out.join('');
}

export interface Shape {
  name: string;
  make(n: number): string;
}

/** The shapes. Each is generic: the test also plants them inside a real file of each vendor. */
export const SHAPES: readonly Shape[] = [
  { name: 'one long line', make: (n) => repeatTo('a', n) },
  { name: 'one long line of words', make: (n) => repeatTo('set a ', n) },
  { name: 'blank lines', make: (n) => repeatTo('\n', n) },
  { name: 'whitespace-only lines', make: (n) => repeatTo(' \t \n', n) },
  { name: 'every Unicode space', make: (n) => repeatTo(UNICODE_SPACES.join(''), n) },
  { name: 'every Unicode space, one per line', make: (n) => repeatTo(UNICODE_SPACES.map((s) => `x${s}\n`).join(''), n) },
  { name: 'value followed by Unicode spaces', make: (n) => repeatTo(`a = b${UNICODE_SPACES.join('')}`, n) },
  { name: 'backslash run', make: (n) => repeatTo('\\', n) },
  { name: 'quoted backslash run', make: (n) => `"${repeatTo('\\', n)}` },
  { name: 'continuation lines', make: (n) => repeatTo('a=b \\\n', n) },
  { name: 'bare continuation lines', make: (n) => repeatTo('\\\n', n) },
  { name: 'unclosed double quotes', make: (n) => repeatTo('"a ', n) },
  { name: 'unclosed single quotes', make: (n) => repeatTo("'a ", n) },
  { name: 'open braces', make: (n) => repeatTo('{', n) },
  { name: 'nested blocks', make: (n) => repeatTo('a {\n', n) },
  { name: 'open brackets', make: (n) => repeatTo('[', n) },
  { name: 'nested JSON objects', make: (n) => repeatTo('{"a":', n) },
  { name: 'nested config sections', make: (n) => repeatTo('config a\n', n) },
  { name: 'nested edits', make: (n) => repeatTo('edit "a"\n', n) },
  { name: 'deep indentation', make: (n) => `${repeatTo(' ', n - 2)}a\n` },
  { name: 'nested YAML', make: (n) => repeatTo('- ', n) },
  { name: 'nested XML elements', make: (n) => repeatTo('<a>', n) },
  { name: 'unclosed XML comments', make: (n) => repeatTo('<!--', n) },
  { name: 'unclosed CDATA', make: (n) => repeatTo('<![CDATA[', n) },
  { name: 'unclosed XML attributes', make: (n) => repeatTo('<a "', n) },
  { name: 'unclosed tags', make: (n) => repeatTo('<a ', n) },
  // sax re-tested an unknown declaration's whole text at each character (config.xml: 8 KB, 0.34 s)
  { name: 'unknown XML declarations', make: (n) => repeatTo('<!', n) },
  { name: 'entity soup', make: (n) => repeatTo('&#&amp;&', n) },
  { name: 'NUL bytes', make: (n) => repeatTo('\u0000', n) },
  { name: 'UTF-16 junk', make: (n) => utf16Junk(n) },
  { name: 'colon soup', make: (n) => repeatTo(': ', n) },
  { name: 'equals soup', make: (n) => repeatTo('=', n) },
  { name: 'hash lines', make: (n) => repeatTo('#\n', n) },
  { name: 'digits', make: (n) => repeatTo('1', n) },
  { name: 'dotted digits', make: (n) => repeatTo('1.', n) },
  { name: 'slashes', make: (n) => repeatTo('/', n) },
];

/**
 * Ways to put a shape into a real file: alone, on a line of its own in the middle, right after a
 * value in the middle (no space before it: `value<shape>`), and the real file repeated.
 */
export interface Placement {
  name: string;
  place(seed: string, shape: string): string;
}

function middleLineEnd(seed: string): number {
  const nl = seed.indexOf('\n', Math.floor(seed.length / 2));
  return nl < 0 ? seed.length : nl;
}

export const PLACEMENTS: readonly Placement[] = [
  { name: 'alone', place: (_s, shape) => shape },
  {
    name: 'on its own line inside a real file',
    place: (s, shape) => {
      const at = middleLineEnd(s);
      return `${s.slice(0, at)}\n${shape}\n${s.slice(at)}`;
    },
  },
  {
    name: 'right after a value inside a real file',
    place: (s, shape) => {
      const at = middleLineEnd(s);
      return `${s.slice(0, at)}${shape}${s.slice(at)}`;
    },
  },
];

/** The seed placed with the shape sized so the whole text is about `n` characters. */
export function adversarial(seed: string, shape: Shape, placement: Placement, n: number): string {
  const room = placement.name === 'alone' ? n : Math.max(1024, n - seed.length);
  return placement.place(seed, shape.make(room));
}

/** The real file repeated to about `n` characters (many tunnels, many lines of real syntax). */
export function repeatedSeed(seed: string, n: number): string {
  return repeatTo(seed.endsWith('\n') ? seed : `${seed}\n`, n);
}
