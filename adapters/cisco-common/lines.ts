/**
 * Cisco CLI text as people actually save it, turned into clean numbered lines.
 *
 * What we meet in the wild (ASA and IOS alike): `show running-config` output with its headers
 * (`: Saved`, `Cryptochecksum:`, `: end`, `Building configuration...`), saved terminal sessions
 * with prompts and echoed commands (`asa-hq# show run crypto`, `asa(config)# crypto map …`),
 * pager remnants (`<--- More --->` on the ASA, ` --More-- ` on IOS) with the backspaces and blanks
 * the terminal used to erase them, `!` separators and comments, trailing blanks, and IOS banners
 * whose body can look like anything. Line numbers always stay the user's line numbers.
 */
import { isSpace } from '../../src/model/chars.js';

/** One meaningful line: 1-based number, indentation, the text and its words. */
export interface CiscoLine {
  n: number;
  indent: number;
  /** the text without indentation, trailing blanks or pager remnants */
  text: string;
  /** words as written (names are case-sensitive on Cisco) */
  words: string[];
  /** the same words in lower case, for keyword matching (`crypto IPsec` is `crypto ipsec`) */
  keys: string[];
  /** `keys[0]` without splitting the line (most lines are only ever asked what they start with) */
  first?: string;
}

/** `keys[0]` of a line, from `first` when the line has it. */
export function firstKey(line: Pick<CiscoLine, 'keys' | 'first'>): string | undefined {
  return line.first ?? line.keys[0];
}

/**
 * A line of a file, split into words only when asked: a hub's thousands of ACL entries and
 * objects are read by what they start with, and only the few a crypto map names are split.
 */
class Line implements CiscoLine {
  #words: string[] | undefined;
  #keys: string[] | undefined;
  constructor(
    public n: number,
    public indent: number,
    public text: string,
    public first: string,
  ) {}
  get words(): string[] {
    this.#words ??= words(this.text);
    return this.#words;
  }
  set words(w: string[]) {
    this.#words = w;
  }
  get keys(): string[] {
    this.#keys ??= this.words.map((x) => x.toLowerCase());
    return this.#keys;
  }
  set keys(k: string[]) {
    this.#keys = k;
  }
}

/** The first word of a trimmed, non-empty text in lower case: what `words(text)[0].toLowerCase()` is. */
function firstWord(text: string): string {
  let end = 0;
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  return (end === text.length ? text : text.slice(0, end)).toLowerCase();
}

/**
 * The first `n` words of a text: `text.split(/\s+/).filter((w) => w !== '').slice(0, n)` — for a
 * trimmed text that is `text.split(/\s+/, n)` — read by hand: a regular-expression split per line
 * was a fifth of an ASA parse.
 */
export function splitWords(text: string, n = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const len = text.length;
  let i = 0;
  while (i < len && isSpace(text.charCodeAt(i))) i++;
  while (i < len && out.length < n) {
    let j = i + 1;
    while (j < len && !isSpace(text.charCodeAt(j))) j++;
    out.push(text.slice(i, j));
    while (j < len && isSpace(text.charCodeAt(j))) j++;
    i = j;
  }
  return out;
}

export interface CleanedText {
  lines: CiscoLine[];
  /** hostname seen in a prompt (`asa-hq#`), used when the text has no `hostname` line */
  promptHostname?: string;
  /** line numbers of `exit` commands: they close the open block in typed sessions */
  exits: Set<number>;
  /** the software release the text says it comes from (`ASA Version 9.16(4)19`, IOS `version 17.3`) */
  release?: Release;
}

/** A Cisco software release as the configuration prints it. */
export interface Release {
  /** ASA `9.16(4)19` → 9, 16; IOS `17.3` → 17, 3 */
  major: number;
  minor: number;
  text: string;
  line: number;
}

/** `ASA Version 9.16(4)19` / `version 17.3` / `version 15.2` → the release; anything else → undefined. */
export function releaseOf(text: string, n: number): Release | undefined {
  const m = /^(?:ASA Version|version)\s+(\d+)\.(\d+)\S*\s*$/i.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), text, line: n } : undefined;
}

const PAGER = /(<-+\s*More\s*-+>|-{2,}\s*More\s*-{2,})([ \x08]*)/i;

/**
 * Remove a pager prompt and the erase sequence after it. The terminal erases the prompt with
 * backspaces, blanks and backspaces again; what follows the last backspace is the real line,
 * with its own indentation, so we keep exactly that.
 */
export function stripPager(raw: string): string {
  // every pager prompt has `<-` or `--`: most lines have neither and skip the pattern
  if (!raw.includes('--') && !raw.includes('<-')) return applyBackspaces(raw);
  let line = raw;
  for (let guard = 0; guard < 4; guard++) {
    const m = PAGER.exec(line);
    if (!m) break;
    const tail = m[2];
    const lastBs = tail.lastIndexOf('\b');
    const keep = lastBs >= 0 ? tail.slice(lastBs + 1) : '';
    line = line.slice(0, m.index) + keep + line.slice(m.index + m[0].length);
  }
  return applyBackspaces(line);
}

/** A stray backspace deletes the character before it, as it did on the terminal. */
function applyBackspaces(line: string): string {
  if (!line.includes('\b')) return line;
  const out: string[] = [];
  for (const ch of line) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/** `asa-hq# show run`, `r1(config-if)# ip address …`, `ciscoasa>` */
const PROMPT = /^([A-Za-z0-9][\w.\-/]*)(\([\w\-/.]+\))?([#>])\s?(.*)$/;

/** Commands typed at a prompt that are not configuration: dropped with their prompt. */
const SESSION_COMMAND =
  /^(sh(o(w)?)?|more|term(inal)?|en(able)?|conf(igure)?|disable|exit|end|wr(ite)?|copy|dir|ping|traceroute|clear|debug|undebug|login|logout)\b/i;

/** Lines that carry no configuration at all. */
function isNoise(text: string): boolean {
  if (text === '' || text.startsWith('!') || text.startsWith(':')) return true;
  // each pattern below starts with its own letter (any case) or `[`: only that one is tried
  switch (text.charCodeAt(0) | 0x20) {
    case 0x63 /* c */:
      return /^Cryptochecksum:/i.test(text) || /^Current configuration\s*:/i.test(text) || /^(conf t|configure terminal)$/i.test(text);
    case 0x62 /* b */:
      return /^Building configuration/i.test(text);
    case 0x6c /* l */:
      return /^Last configuration change/i.test(text);
    case 0x6e /* n */:
      return /^NVRAM config last updated/i.test(text);
    case 0x61 /* a */:
      return /^ASA Version\b/i.test(text);
    case 0x76 /* v */:
      return /^version\s+\d/i.test(text);
    case 0x65 /* e */:
      return /^end$/i.test(text);
    case 0x77 /* w */:
      return /^(wr|write( memory)?)$/i.test(text);
    case 0x7b /* [ */:
      return text === '[OK]';
    default:
      return false;
  }
}

function words(text: string): string[] {
  return splitWords(text);
}

function indentOf(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) n += 1;
    else if (c === 9) n += 4;
    else break;
  }
  return n;
}

/**
 * Commands that only exist at the top level of a configuration. An IOS interface's own
 * `crypto map NAME` (three words) is a sub-command and does not count.
 */
function topLevelOnly(text: string): boolean {
  // most lines are decided by their first word alone (an object's `host`, an ACL's `access-list`)
  const first = firstWord(text);
  if (first !== 'no' && first !== 'crypto' && first !== 'ip') return TOP_LEVEL_ONLY.has(first);
  // the first words only (a length above 4 reads as 5: only `=== 3` and `> 3` are asked); lower
  // case per word is lower case of the line, split the same way
  const k = splitWords(text, 5).map((w) => w.toLowerCase());
  const [a, b] = k[0] === 'no' ? k.slice(1) : k;
  if (a === 'crypto') return !(b === 'map' && k.length === 3);
  if (a === 'ip') return ['route', 'access-list', 'nat', 'domain-name', 'name-server'].includes(b ?? '') && k.length > 3;
  return TOP_LEVEL_ONLY.has(a ?? '');
}

/** First words of the commands topLevelOnly knows besides `crypto …` and `ip …`. */
const TOP_LEVEL_ONLY_WORDS: readonly string[] = [
  'access-list',
  'tunnel-group',
  'object',
  'object-group',
  'interface',
  'hostname',
  'group-policy',
  'route',
  'router',
  'policy-map',
  'class-map',
  'service-policy',
];
const TOP_LEVEL_ONLY: ReadonlySet<string> = new Set(TOP_LEVEL_ONLY_WORDS);
const TOP_LEVEL_BY_LENGTH = byLength(TOP_LEVEL_ONLY_WORDS);

/**
 * The indentation every line of a configuration pasted from a document or an e-mail carries
 * (`asa.cfg` of the summerice7 pairs: every line, `interface` and `crypto` commands included, starts
 * with one blank; the paste often loses it on the first line of a block, so a few unindented lines
 * are tolerated). It is the smallest indentation of a command that only exists at the top level,
 * when no line sits between it and the left margin and unindented lines are rare next to indented
 * top-level commands. 0 = the text is not uniformly indented (a `show running-config` is not:
 * its top-level commands start at the margin).
 */
export function pastedIndent(raw: readonly string[]): number {
  return pastedIndentOf(raw.join('\n'));
}

/**
 * pastedIndent of a whole text, its lines read in place (a hub has hundreds of thousands): a
 * line is trimmed and its first word compared by char codes, not sliced, unless that word is
 * `no`, `crypto` or `ip` (topLevelOnly reads further).
 */
export function pastedIndentOf(text: string): number {
  const len = text.length;
  let k = Number.POSITIVE_INFINITY;
  for (let ls = 0; ; ) {
    const le = lineEnd(text, ls);
    const indent = indentAt(text, ls);
    // only an indented line left of the margin so far can move it: the rest are not trimmed or split
    if (indent !== 0 && indent < k) {
      const e = trimmedEnd(text, ls, le);
      const s = trimmedStart(text, ls, e);
      if (s < e && text.charCodeAt(s) !== 0x21 /* ! */ && topLevelAt(text, s, e)) k = indent;
    }
    if (le === len) break;
    ls = le + 1;
  }
  if (!Number.isFinite(k)) return 0;
  let zeros = 0;
  let topAtK = 0;
  for (let ls = 0; ; ) {
    const le = lineEnd(text, ls);
    const e = trimmedEnd(text, ls, le);
    const s = trimmedStart(text, ls, e);
    if (s < e && text.charCodeAt(s) !== 0x21 /* ! */) {
      const indent = indentAt(text, ls);
      if (indent === 0) zeros++;
      else if (indent < k)
        return 0; // something sits left of the supposed margin: not a uniform indent
      else if (indent === k && topLevelAt(text, s, e)) topAtK++;
    }
    if (le === len) break;
    ls = le + 1;
  }
  return zeros <= 3 && zeros * 4 <= topAtK ? k : 0;
}

/** topLevelOnly of the trimmed text text[s, e), sliced only when its first word needs more than a comparison. */
function topLevelAt(text: string, s: number, e: number): boolean {
  const we = wordEnd(text, s, e);
  if (wordIs(text, s, we, 'no') || wordIs(text, s, we, 'crypto') || wordIs(text, s, we, 'ip')) return topLevelOnly(text.slice(s, e));
  return wordIn(TOP_LEVEL_BY_LENGTH, text, s, we);
}

/** Words grouped by length, for wordIn. */
export function byLength(words: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const w of words) {
    out[w.length] ??= [];
    out[w.length].push(w);
  }
  return out;
}

/** Is text[s, e) one of the lower-case ASCII words (grouped by byLength) in any case (wordIs)? */
export function wordIn(words: string[][], text: string, s: number, e: number): boolean {
  const same = words[e - s];
  if (same === undefined) return false;
  for (const w of same) if (wordIs(text, s, e, w)) return true;
  return false;
}

// --- reading a text in place (scan.ts and pastedIndentOf): positions, no strings ---------------

/** Index of the `\n` ending the line that starts at ls, or the text's length. */
export function lineEnd(text: string, ls: number): number {
  const le = text.indexOf('\n', ls);
  return le < 0 ? text.length : le;
}

/** indentOf the line starting at ls (a blank is 1, a tab 4, up to the first other character). */
export function indentAt(text: string, ls: number): number {
  let n = 0;
  for (let i = ls; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) n += 1;
    else if (c === 9) n += 4;
    else break;
  }
  return n;
}

/** End of text[s, e) without trailing blanks (what trimEnd keeps). */
export function trimmedEnd(text: string, s: number, e: number): number {
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Start of text[s, e) without leading blanks (what trim keeps). */
export function trimmedStart(text: string, s: number, e: number): number {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  return s;
}

/** End of the word starting at s (the first blank, or e). */
export function wordEnd(text: string, s: number, e: number): number {
  while (s < e && !isSpace(text.charCodeAt(s))) s++;
  return s;
}

/**
 * Is text[s, e) the lower-case ASCII word w in any case, as `text.slice(s, e).toLowerCase() === w`
 * says? Only two characters outside ASCII have a lower case with ASCII in it: U+212A (Kelvin)
 * is `k`, U+0130 is `i` plus a combining dot (one character more, so never equal).
 */
export function wordIs(text: string, s: number, e: number, w: string): boolean {
  if (e - s !== w.length) return false;
  for (let i = 0; i < w.length; i++) {
    let c = text.charCodeAt(s + i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x212a) c = 0x6b;
    if (c !== w.charCodeAt(i)) return false;
  }
  return true;
}

/** What cleaning carries from one line to the next (and what it learns about the whole text). */
export interface CleanState {
  /** the uniform indentation of a pasted text (pastedIndent), taken off every line */
  margin: number;
  /** the delimiter that ends the IOS banner being skipped */
  bannerEnd?: string;
  promptHostname?: string;
  release?: Release;
}

/**
 * One raw line (without its `\n`) → nothing (noise, a banner, a session command), `exit`, or
 * the command's text and indentation. The hand-written scanner (scan.ts) takes the common
 * lines past this function and must agree with it on them.
 */
export function cleanLine(raw: string, n: number, st: CleanState): Kept | undefined {
  const line = stripPager(raw).trimEnd(); // same whitespace set as /\s+$/, without the regex

  // an IOS banner body runs until its delimiter comes back; nothing in it is configuration
  if (st.bannerEnd !== undefined) {
    if (line.includes(st.bannerEnd)) st.bannerEnd = undefined;
    return undefined;
  }
  const trimmed = line.trim();
  const banner = (trimmed.charCodeAt(0) | 0x20) === 0x62 /* b */ ? /^banner\s+\S+\s+(\^C|\S)/i.exec(trimmed) : null;
  if (banner) {
    const delim = banner[1];
    const after = trimmed.slice(banner[0].length);
    if (!after.includes(delim)) st.bannerEnd = delim;
    return undefined;
  }

  let indent = Math.max(0, indentOf(line) - st.margin);
  let body = trimmed;

  // a prompt ends in `#` or `>`
  if (indent === 0 && (body.includes('#') || body.includes('>'))) {
    const p = PROMPT.exec(body);
    if (p) {
      st.promptHostname ??= p[1];
      const typed = p[4].trim();
      if (typed === '' || (p[2] === undefined && SESSION_COMMAND.test(typed))) return undefined;
      if (p[2] !== undefined && SESSION_COMMAND.test(typed) && !/^exit$/i.test(typed)) return undefined;
      // a configuration command typed at a config prompt: keep it, at top level
      body = typed;
      indent = 0;
    }
  }

  if (body.length === 4 && /^exit$/i.test(body)) return { indent, body, exit: true };
  if (isNoise(body)) {
    st.release ??= releaseOf(body, n);
    return undefined;
  }
  return { indent, body };
}

/** A line cleaning keeps: a command, or an `exit` (which closes the open block in typed sessions). */
export interface Kept {
  indent: number;
  body: string;
  exit?: true;
}

/** The CiscoLine of a kept line. */
export function keptLine(n: number, kept: Kept): CiscoLine {
  if (kept.exit) return { n, indent: kept.indent, text: kept.body, words: ['exit'], keys: ['exit'] };
  return commandLine(n, kept.indent, kept.body);
}

/** A command line (trimmed, not empty): its words are split when first asked for. */
export function commandLine(n: number, indent: number, body: string): CiscoLine {
  return new Line(n, indent, body, firstWord(body));
}

/** Clean and number the lines of a Cisco text. Pure. */
export function cleanLines(text: string): CleanedText {
  const raw = text.split('\n');
  const lines: CiscoLine[] = [];
  const exits = new Set<number>();
  // a uniformly indented paste: measure indentation from its own margin, so sub-commands stay
  // nested under their command and top-level commands are top-level again
  const st: CleanState = { margin: pastedIndent(raw) };
  for (let i = 0; i < raw.length; i++) {
    const n = i + 1;
    const kept = cleanLine(raw[i], n, st);
    if (kept === undefined) continue;
    if (kept.exit) exits.add(n);
    lines.push(keptLine(n, kept));
  }
  const out: CleanedText = { lines, promptHostname: st.promptHostname, exits };
  if (st.release) out.release = st.release;
  return out;
}

/** Index of every word that is a secret (PSK, key, password) in a Cisco command line. */
export function secretIndexes(keys: string[]): number[] {
  const out: number[] = [];
  const takeAfter = (i: number): void => {
    let j = i + 1;
    // an encryption-type digit (`key 6 …`, `pre-shared-key 8 …`) precedes the secret
    if (/^[0-9]$/.test(keys[j] ?? '') && keys[j + 1] !== undefined) j++;
    if (keys[j] !== undefined) out.push(j);
  };
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === 'key' || k === 'password' || k === 'secret' || k === 'key-string') takeAfter(i);
    else if (k === 'pre-shared-key') {
      const next = keys[i + 1];
      if (next === 'address' || next === 'hostname' || next === 'ipv6') continue; // `… key K` follows
      if (next === 'local' || next === 'remote') takeAfter(i + 1);
      else takeAfter(i);
    }
  }
  return out;
}

/** The line as written, with every secret replaced by `<redacted>`: the only form we ever quote. */
export function safeText(line: Pick<CiscoLine, 'words' | 'keys'>): string {
  const hide = new Set(secretIndexes(line.keys));
  // joined by a loop, not map+join: the mapped array's elements kind varied, and the .join on it
  // was the "wrong map" that deoptimised collectIkev2Keyrings where pskAt is inlined (issue 13)
  const words = line.words;
  let out = '';
  for (let i = 0; i < words.length; i++) {
    if (i > 0) out += ' ';
    out += hide.has(i) ? '<redacted>' : (words[i] ?? ''); // ('' for a hole, as join gives)
  }
  return out;
}
