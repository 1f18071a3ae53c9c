/**
 * The RouterOS export language, as `/export`, `/export verbose` and `/ip ipsec export` print it:
 *
 *   # 2024-01-02 10:00:00 by RouterOS 7.12          ← header (version), other `#` lines are comments
 *   /ip ipsec profile                               ← menu line
 *   set [ find default=yes ] lifetime=8h            ← command in the current menu
 *   add name=ike1 dh-group=modp2048 \               ← `\` continues the command on the next line,
 *       enc-algorithm=aes-256                          whose indentation is not part of the text
 *   /ip ipsec peer add name=x address=1.2.3.4/32   ← one-line form: menu and command together
 *
 * This file knows nothing about IPsec: it turns text into `Command`s (menu, verb, target, args),
 * each carrying the line of its first physical line. Errors never quote the text of a value,
 * because the value might be a secret.
 */
import { ParseError } from '../../src/model/errors.js';

/** One `key=value` argument as written. */
export interface Arg {
  key: string;
  /** the value with quotes removed and escapes resolved */
  value: string;
  /** `key=value` exactly as written (quotes and escapes kept); may contain a secret: never output it */
  raw: string;
  line: number;
}

/** What a `set`/`remove`/`enable`/`disable` applies to. */
export type Target =
  /** `[ find ]`, `[ find default=yes ]`, `[ find where name="x" ]` */
  | { kind: 'find'; filters: Arg[] }
  /** `set 0 …`, `set *0 …`, `set default …`, `set ether1 …` */
  | { kind: 'ref'; ref: string };

export interface Command {
  /** menu path, words joined by one space, without the leading slash: `ip ipsec peer` */
  menu: string;
  verb: string;
  target?: Target;
  args: Arg[];
  /** `!key` tokens (`export verbose` prints unset properties that way) */
  unset: string[];
  /** 1-based line of the first physical line of the command */
  line: number;
}

export interface Comment {
  text: string;
  line: number;
}

export interface Script {
  /** lines that open a RouterOS menu (`/ip …`, `/interface …`): what makes the text an export */
  menuLines: number;
  commands: Command[];
  comments: Comment[];
  /** lines that are neither menu, command nor comment (scripting such as `:local`, `{ … }`) */
  other: Array<{ line: number; menu: string }>;
}

/** A command as one string: continuation lines joined, with the line it started on. */
export interface LogicalLine {
  text: string;
  line: number;
}

/** RouterOS's top-level menus: a line opening one of these is an export line. */
const TOP_MENUS = new Set([
  'beep',
  'caps-man',
  'certificate',
  'console',
  'container',
  'disk',
  'dude',
  'file',
  'interface',
  'iot',
  'ip',
  'ipv6',
  'log',
  'lora',
  'mpls',
  'partitions',
  'port',
  'ppp',
  'queue',
  'radius',
  'routing',
  'snmp',
  'special-login',
  'system',
  'tool',
  'user',
  'user-manager',
  'zerotier',
]);

/** Verbs that start a command; any other word after a menu line is a sub-menu. */
const VERBS = new Set([
  'add',
  'set',
  'remove',
  'unset',
  'enable',
  'disable',
  'move',
  'print',
  'export',
  'edit',
  'find',
  'get',
  'reset',
  'reset-counters',
  'comment',
  'monitor',
  'import',
  'flush',
  'kill-connections',
]);

/** Odd number of trailing backslashes: the last one escapes the line end. */
function continues(physical: string): boolean {
  // counted from the end: /\\+$/ tries every backslash of a long run inside the line (quadratic)
  let n = 0;
  while (n < physical.length && physical.charCodeAt(physical.length - 1 - n) === 0x5c) n++;
  return n % 2 === 1;
}

/**
 * Join `\` continuations. The export wraps long commands at ~80 columns, even inside a quoted
 * value or a token (`mac-address=\` / `    B8:69:…`), and indents the continuation by four spaces
 * that are not part of the text — so the next line's leading blanks are dropped.
 */
export function logicalLines(text: string, file: string): LogicalLine[] {
  const physical = text.split('\n');
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    // the pieces, joined once at the end: growing one string and reading its end on every line
    // flattens it each time (80,000 continuation lines were quadratic)
    const parts = [physical[i].trimEnd()];
    // a comment is one line, whatever it ends with (decided once: the joined text only grows at its end)
    const comment = parts[0].trimStart().startsWith('#');
    // the joined text's trailing backslashes have the parity of the last piece's: the piece before
    // kept an even run once its escaping backslash was dropped
    while (!comment && continues(parts[parts.length - 1])) {
      // the export never follows a `\` with a blank line: a blank or missing line is a cut-off file
      if (i + 1 >= physical.length || physical[i + 1].trim() === '') {
        const found =
          i + 1 >= physical.length || physical.slice(i + 1).every((l) => l.trim() === '') ? 'the end of the file (truncated export?)' : 'an empty line';
        throw new ParseError(file, start + 1, `expected the command to continue on the next line after the trailing "\\", found ${found}`);
      }
      i++;
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      parts.push(physical[i].trim());
    }
    const joined = parts.length === 1 ? parts[0] : parts.join('');
    out.push({ text: joined, line: start + 1 });
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', _: ' ' };

/** Resolve one escape after a backslash inside quotes; returns [text, characters consumed]. */
function unescapeAt(s: string, i: number): [string, number] {
  const c = s[i];
  // `\xx`: the character with hex code xx (RouterOS wants capital hex digits; `\a`, `\b`, `\f` are controls)
  const hex = /^[0-9A-F]{2}/.exec(s.slice(i, i + 2));
  if (hex) return [String.fromCharCode(parseInt(hex[0], 16)), 2];
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 1];
  return [c, 1]; // \" \\ \$ \? and anything else: the character itself
}

type Token =
  | { kind: 'word'; text: string; raw: string }
  | { kind: 'pair'; key: string; value: string; raw: string }
  | { kind: 'unset'; key: string }
  | { kind: 'bracket'; inner: string };

/** Index of the `]` closing the `[` at `open`, honouring quotes and nesting; -1 when missing. */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/**
 * One token from `start`: characters up to unquoted whitespace. Returns the raw text, the
 * unquoted text, and where the `=` splitting key from value is (-1 if none, or if the `=` is
 * quoted).
 */
function readToken(s: string, start: number, file: string, line: number): { end: number; raw: string; text: string; eq: number } {
  let i = start;
  let text = '';
  let eq = -1;
  while (i < s.length && !/\s/.test(s[i])) {
    const c = s[i];
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) {
          const [t, n] = unescapeAt(s, i + 1);
          text += t;
          i += 1 + n;
        } else text += s[i++];
      }
      // never quote the value here: it may be a pre-shared key
      if (i >= s.length) throw new ParseError(file, line, 'expected a closing double quote (") before the end of the command');
      i++;
    } else if (c === '[' && eq >= 0 && eq === text.length - 1) {
      // key=[ command ] (scripting substitution): keep the bracket text as the value
      const close = closingBracket(s, i);
      if (close < 0) throw new ParseError(file, line, 'expected "]" to close "[" before the end of the command');
      text += s.slice(i, close + 1);
      i = close + 1;
    } else {
      if (c === '=' && eq < 0) eq = text.length;
      text += c;
      i++;
    }
  }
  return { end: i, raw: s.slice(start, i), text, eq };
}

function tokenize(s: string, file: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i])) {
      i++;
      continue;
    }
    if (s[i] === '[') {
      const close = closingBracket(s, i);
      if (close < 0) throw new ParseError(file, line, 'expected "]" to close "[" before the end of the command');
      tokens.push({ kind: 'bracket', inner: s.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    const t = readToken(s, i, file, line);
    i = t.end;
    if (t.eq > 0) tokens.push({ kind: 'pair', key: t.text.slice(0, t.eq), value: t.text.slice(t.eq + 1), raw: t.raw });
    else if (t.raw.startsWith('!') && t.raw.length > 1) tokens.push({ kind: 'unset', key: t.raw.slice(1) });
    else tokens.push({ kind: 'word', text: t.text, raw: t.raw });
  }
  return tokens;
}

function toArg(t: Extract<Token, { kind: 'pair' }>, line: number): Arg {
  return { key: t.key, value: t.value, raw: t.raw, line };
}

/** `find default=yes`, `find where name="x"`, `find` → the filters. */
function findTarget(inner: string, file: string, line: number): Target | undefined {
  const tokens = tokenize(inner, file, line);
  if (tokens[0]?.kind !== 'word' || tokens[0].text !== 'find') return undefined;
  const filters: Arg[] = [];
  for (const t of tokens.slice(1)) {
    if (t.kind === 'pair') filters.push(toArg(t, line));
    else if (t.kind === 'word' && t.text === 'where') continue;
    else return undefined; // an expression we do not evaluate (`name~"x"`, `!disabled` …)
  }
  return { kind: 'find', filters };
}

/** Menu words from `/ip ipsec peer`, `/ip/ipsec/peer`, or `/ip ipsec peer profile`. */
function menuWords(first: string): string[] {
  return first.split('/').filter((w) => w !== '');
}

/** The menu a `/…` line names, from its leading words alone (no value parsing). */
function menuOfHead(line: string): string {
  const words = line.split(/\s+/);
  const path = menuWords(words[0]);
  for (const w of words.slice(1)) {
    if (w === '' || VERBS.has(w) || /[="[\]!]/.test(w)) break;
    path.push(w);
  }
  return path.join(' ');
}

/** Turn one logical line into a command (or a menu change). */
function commandOf(ll: LogicalLine, currentMenu: string, file: string): { menu: string; command?: Command; unreadable?: string } {
  const tokens = tokenize(ll.text, file, ll.line);
  let menu = currentMenu;
  let k = 0;
  const head = tokens[0];
  if (head?.kind === 'word' && head.text.startsWith('/')) {
    const words = menuWords(head.text);
    k = 1;
    while (k < tokens.length) {
      const t = tokens[k];
      if (t.kind !== 'word' || VERBS.has(t.text)) break;
      words.push(t.text);
      k++;
    }
    menu = words.join(' ');
    if (k >= tokens.length) return { menu };
  }
  const verbToken = tokens[k];
  if (verbToken?.kind !== 'word' || !VERBS.has(verbToken.text)) return { menu, unreadable: ll.text };
  const command: Command = { menu, verb: verbToken.text, args: [], unset: [], line: ll.line };
  k++;
  const next = tokens[k];
  if (next?.kind === 'bracket') {
    command.target = findTarget(next.inner, file, ll.line) ?? { kind: 'ref', ref: `[${next.inner}]` };
    k++;
  } else if (next?.kind === 'word' && command.verb !== 'add') {
    command.target = { kind: 'ref', ref: next.text };
    k++;
  }
  for (const t of tokens.slice(k)) {
    if (t.kind === 'pair') command.args.push(toArg(t, ll.line));
    else if (t.kind === 'unset') command.unset.push(t.key);
    // stray words (e.g. `place-before=0` variants written without `=`) carry nothing we read
  }
  return { menu, command };
}

/**
 * The whole export as commands. A menu line changes the current menu for the commands that
 * follow; a one-line `/menu verb …` also changes it (that is how RouterOS reads a script too).
 */
export function parseScript(text: string, file: string, wanted: (menu: string) => boolean = () => true): Script {
  const script: Script = { menuLines: 0, commands: [], comments: [], other: [] };
  let menu = '';
  for (const ll of logicalLines(text, file)) {
    const trimmed = ll.text.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      script.comments.push({ text: trimmed, line: ll.line });
      continue;
    }
    if (trimmed.startsWith(':') || trimmed.startsWith('{') || trimmed.startsWith('}')) {
      script.other.push({ line: ll.line, menu });
      continue;
    }
    // most of a full export is firewall, queues, wireless…: find the menu cheaply, skip the rest
    const lineMenu = trimmed.startsWith('/') ? menuOfHead(trimmed) : menu;
    if (trimmed.startsWith('/') && TOP_MENUS.has(lineMenu.split(' ')[0])) script.menuLines++;
    if (!wanted(lineMenu)) {
      menu = lineMenu;
      continue;
    }
    const r = commandOf({ text: trimmed, line: ll.line }, menu, file);
    menu = r.menu;
    if (r.command) script.commands.push(r.command);
    else if (r.unreadable !== undefined) script.other.push({ line: ll.line, menu });
  }
  return script;
}

/** A value as the export writes it: bare when safe, else double-quoted with RouterOS escapes. */
export function quoteRos(value: string): string {
  if (value !== '' && /^[^\s"\\$;[\]{}=?]*$/.test(value)) return value;
  const escaped = value
    .replace(/[\\"$?]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** `# … by RouterOS 7.12.1` → [7, 12, 1]; undefined when no header names a version. */
export function routerOsVersion(comments: Comment[]): { major: number; minor: number; patch: number; line: number } | undefined {
  for (const c of comments) {
    const m = /\bby RouterOS (\d+)\.(\d+)(?:\.(\d+))?/i.exec(c.text);
    if (m) return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), line: c.line };
  }
  return undefined;
}
