/**
 * Junos text → one configuration tree (tree.ts), whichever way it was printed or pasted:
 *
 * - the brace form (`show configuration`): `name {`, `leaf value;`, `leaf [ a b ];`, `}`;
 *   `inactive: ` before a statement; `/* annotations *\/`; `#` comments (`## Last commit: …`,
 *   `; ## SECRET-DATA`); quoted strings with `\"` escapes;
 * - the set form (`show configuration | display set`, or commands typed in configure mode):
 *   `set`, `delete`, `deactivate`, `activate` applied in order, as the candidate configuration
 *   applies them (a later `set` of a leaf wins, see tree.ts);
 * - a saved session: prompts (`user@host> show configuration security ike`, `user@host# show`,
 *   the bare `# show security ike` of documentation, `{primary:node0}` above a prompt), `[edit …]`
 *   lines, `configure`, `commit`, `exit`. A `show` prints relative to its path (`# show security
 *   ike` then `proposal P { … }` is `security ike proposal P`), `edit` moves the edit level set
 *   commands are relative to, and the output of any other command is skipped.
 *
 * Brace statements and set commands may follow each other (a saved configuration with a fix
 * typed under it): both are applied to the same tree in the order of the file.
 */
import { note as noteAt, warn as warnAt } from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';
import type { Diagnostic } from '../../src/model/types.js';
import { redactWords, REDACTED } from './secrets.js';
import { JUNOS_WORDS, splitWords } from '../setline-common/words.js';
import { clone, type JNode, node } from './tree.js';

export interface ReadResult {
  root: JNode;
  /** set: only commands; brace: only blocks; mixed: both */
  form: 'set' | 'brace' | 'mixed';
  diagnostics: Diagnostic[];
}

/** `user@host> …`, `user@host# …` (operational and configure mode), with an optional `{primary:node0}` glued before. */
const PROMPT = /^(?:\{[\w:-]+\}\s*)?[\w.+-]+@[\w.-]+(?:\([\w.-]+\))?([>#%])\s?(.*)$/;
/** A pager prompt left in a saved session: `---(more)---`, `---(more 40%)---`. */
const PAGER = /^---\((?:more(?: \d{1,3}%)?|Head of output truncated; more)\)---$/;
/** `{primary:node0}`, `{master:0}`: the chassis-cluster / virtual-chassis line above a prompt. */
const CLUSTER_LINE = /^\{[\w:-]+\}$/;
const SET_VERBS = /^(set|delete|deactivate|activate|insert|rename|annotate|protect|unprotect|copy|replace)\s+\S/;
const SESSION_NOISE =
  /^(configure(\s+(private|exclusive|dynamic|batch))?|commit(\s.*)?|exit(\s+configuration-mode)?|quit|top|up(\s+\d+)?|rollback(\s+\d+)?|Entering configuration mode|Exiting configuration mode|commit complete|The configuration has been changed but not committed|Users currently editing the configuration:.*|configuration check succeeds|load complete)$/i;

/** Words of a command line: `"` quotes group and are removed, `[` and `]` are words of their own (setline-common). */
export function commandWords(text: string, file: string, line: number): string[] {
  return splitWords(text, file, line, JUNOS_WORDS);
}

/** A word as Junos prints it: quoted when it holds blanks or specials. */
export function quoteWord(word: string): string {
  return /^[\w.:/@+=,^-]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

/** `set a b c` (or `set a b [ c d ]`), as Junos prints it, secrets replaced. */
export function setLine(verb: string, words: readonly string[], list?: readonly string[]): string {
  const red = redactWords(list ? [...words, ...list] : words).map((w) => (w === REDACTED ? w : quoteWord(w)));
  const head = [verb, ...red.slice(0, words.length)].join(' ');
  return list ? `${head} [ ${red.slice(words.length).join(' ')} ]` : head;
}

// --- applying statements to the tree ----------------------------------------------------------

/** Walk to `path`, creating what is missing; the last word moves to the end of its parent (it was written last). */
function openPath(root: JNode, path: readonly string[], line: number): JNode[] {
  const trail: JNode[] = [];
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    const idx = cur.children.findIndex((c) => c.name === name);
    let next: JNode;
    if (idx === -1) {
      next = node(name, line);
      cur.children.push(next);
    } else {
      next = cur.children[idx];
      if (i === path.length - 1 && idx !== cur.children.length - 1) {
        cur.children.splice(idx, 1);
        cur.children.push(next);
      }
      if (i === path.length - 1) next.line = line;
    }
    trail.push(next);
    cur = next;
  }
  return trail;
}

/** Set a statement's words (and list items) at `base`; `raw` goes on the leaf key and its value(s). */
function setStatement(
  root: JNode,
  base: readonly string[],
  words: readonly string[],
  list: readonly string[] | undefined,
  line: number,
  raw: string,
  inactive: boolean,
): void {
  const trail = openPath(root, [...base, ...words], line);
  const last = trail[trail.length - 1];
  if (list) {
    for (const item of list) {
      const [v] = openPath(last, [item], line);
      v.raw = raw;
    }
    last.raw = raw;
  } else if (words.length) {
    last.raw = raw;
    const key = trail[trail.length - 2];
    if (key && words.length >= 2) key.raw = raw;
  }
  if (inactive && words.length) last.inactive = true;
  else if (words.length) delete last.inactive;
}

function find(root: JNode, path: readonly string[]): { parent: JNode; node: JNode } | undefined {
  let parent = root;
  for (let i = 0; i < path.length; i++) {
    const n = parent.children.find((c) => c.name === path[i]);
    if (!n) return undefined;
    if (i === path.length - 1) return { parent, node: n };
    parent = n;
  }
  return undefined;
}

// --- the reader ----------------------------------------------------------------------------------

interface Open {
  path: string[];
  line: number;
}

/**
 * Blocks nested deeper than this are an input error. A Junos configuration nests about 7 deep
 * (fixtures/junos/srx-hq-22.4-show-configuration.conf), groups and logical systems add a few;
 * without a bound, each level copies its whole path and 64 KB of `a {` lines took seconds.
 */
export const MAX_BLOCK_DEPTH = 64;

interface State {
  file: string;
  root: JNode;
  diagnostics: Diagnostic[];
  /** configure-mode edit level (`[edit security ike]`, `edit …`): set commands are relative to it */
  edit: string[];
  /** the path the brace statements that follow are printed relative to (`show configuration security`) */
  base: string[];
  /** the output of a command that is not the configuration: skipped up to the next prompt */
  skipping: boolean;
  stack: Open[];
  words: Array<{ text: string; line: number }>;
  /** a `[ … ]` list being read */
  list?: string[];
  /** a list read, waiting for its `;` */
  listDone?: string[];
  inactive: boolean;
  blocks: number;
  commands: number;
}

const warn = (s: State, message: string, line: number) => warnAt(s, message, { file: s.file, line });
const note = (s: State, message: string, line: number) => noteAt(s, message, { file: s.file, line });

/** Close the blocks a session left open (a `show` cut short) before the next command. */
function closeOpenBlocks(s: State, line: number): void {
  if (!s.stack.length) return;
  const first = s.stack[0];
  warn(
    s,
    `the block \`${first.path.slice(s.base.length).join(' ') || first.path.join(' ')} {\` opened here is not closed before line ${line}: closed there (a saved session cut short?)`,
    first.line,
  );
  s.stack = [];
  s.words = [];
  s.list = undefined;
  s.listDone = undefined;
  s.inactive = false;
}

/**
 * The level a top-level statement of a `show` belongs to. A `show` that names a leaf prints the
 * leaf itself (`show configuration system host-name` → `host-name srx-dc;`): its first word
 * repeats the last word of the path, and it belongs one level up.
 */
function levelFor(s: State, first: string | undefined): string[] {
  if (s.stack.length) return s.stack[s.stack.length - 1].path;
  return s.base.length && first === s.base[s.base.length - 1] ? s.base.slice(0, -1) : s.base;
}

function applyCommand(s: State, text: string, line: number): void {
  const w = commandWords(text, s.file, line);
  const verb = w.shift() as string;
  const open = w.indexOf('[');
  let words = w;
  let list: string[] | undefined;
  if (open !== -1) {
    if (w[w.length - 1] !== ']') throw new ParseError(s.file, line, 'expected ] to close the [ list, found the end of the line');
    words = w.slice(0, open);
    list = w.slice(open + 1, -1);
  } else if (w.includes(']')) throw new ParseError(s.file, line, 'expected [ before the ] that ends the list');
  const path = [...s.edit, ...words];
  s.commands++;
  if (verb === 'set') {
    if (!words.length) throw new ParseError(s.file, line, 'expected a statement after set, found nothing');
    setStatement(s.root, s.edit, words, list, line, setLine('set', words, list), false);
    return;
  }
  if (verb === 'delete') {
    if (list) {
      const f = find(s.root, path);
      if (f) f.node.children = f.node.children.filter((c) => !list?.includes(c.name));
      return;
    }
    const f = find(s.root, path);
    if (f) f.parent.children = f.parent.children.filter((c) => c !== f.node);
    return;
  }
  if (verb === 'deactivate' || verb === 'activate') {
    const f = find(s.root, path);
    if (!f) {
      note(s, `\`${verb}\` names a statement this file does not hold (${path.join(' ')}): nothing to ${verb}`, line);
      return;
    }
    if (verb === 'deactivate') f.node.inactive = true;
    else delete f.node.inactive;
    return;
  }
  if (verb === 'copy' || verb === 'rename') {
    // `copy security ike policy A to policy B`: the target names the copy at the source's level
    const to = words.indexOf('to');
    const from = words.slice(0, to);
    const target = words.slice(to + 1);
    if (to < 1 || !target.length || target.length > from.length)
      throw new ParseError(s.file, line, `expected ${verb} <statement> to <new name>, found ${JSON.stringify(text)}`);
    const f = find(s.root, [...s.edit, ...from]);
    if (!f) {
      note(s, `\`${verb}\` names a statement this file does not hold (${from.join(' ')}): nothing to ${verb}`, line);
      return;
    }
    const destination = [...s.edit, ...from.slice(0, from.length - target.length), ...target];
    const made = openPath(s.root, destination, line);
    const copy = clone(f.node);
    const last = made[made.length - 1];
    last.children = copy.children;
    if (copy.inactive) last.inactive = true;
    if (verb === 'rename') f.parent.children = f.parent.children.filter((c) => c !== f.node);
    return;
  }
  if (verb === 'annotate' || verb === 'protect' || verb === 'unprotect') return;
  warn(s, `\`${verb}\` is not applied (set, delete, deactivate, activate, copy and rename are): the tree may differ from the device's`, line);
}

/** A prompt's (or `# show`'s) command: where the next lines belong. */
function onCommand(s: State, mode: '>' | '#', command: string, line: number): void {
  closeOpenBlocks(s, line);
  let c = command.trim();
  s.skipping = false;
  if (c === '') return;
  if (mode === '#' && /^run\s+/.test(c)) {
    c = c.replace(/^run\s+/, '');
    mode = '>';
  }
  const pipeless = c.split('|')[0].trim();
  if (mode === '>') {
    const m = /^show\s+configuration(?:\s+(.*))?$/.exec(pipeless);
    if (m) {
      s.base = m[1] ? commandWords(m[1], s.file, line) : [];
      return;
    }
    if (/^configure\b/.test(c)) {
      s.edit = [];
      return;
    }
    // the session ends: what follows is not its output (commands typed under a saved session)
    if (/^(exit|quit|logout)$/.test(c)) return;
    // any other operational command: its output is not configuration
    s.skipping = true;
    return;
  }
  // configure mode
  if (/^show(\s|$)/.test(pipeless)) {
    const rest = pipeless.replace(/^show\s*/, '');
    s.base = [...s.edit, ...(rest ? commandWords(rest, s.file, line) : [])];
    return;
  }
  if (/^edit\s+/.test(c)) {
    s.edit = [...s.edit, ...commandWords(c.replace(/^edit\s+/, ''), s.file, line)];
    return;
  }
  if (/^top$/.test(c)) {
    s.edit = [];
    return;
  }
  if (/^up(\s+\d+)?$/.test(c)) {
    s.edit = s.edit.slice(0, Math.max(0, s.edit.length - Number(/\d+/.exec(c)?.[0] ?? 1)));
    return;
  }
  if (SET_VERBS.test(c)) {
    applyCommand(s, c, line);
    return;
  }
  if (SESSION_NOISE.test(c)) return;
  s.skipping = true;
}

/** The tokens of one line of the brace form, with the tokenizer's cross-line state. */
interface Lexer {
  inQuote: boolean;
  quote: string;
  quoteLine: number;
  inComment: boolean;
  commentLine: number;
}

function braceLine(s: State, lx: Lexer, text: string, line: number): void {
  let i = 0;
  while (i < text.length) {
    if (lx.inComment) {
      const end = text.indexOf('*/', i);
      if (end === -1) return;
      lx.inComment = false;
      i = end + 2;
      continue;
    }
    if (lx.inQuote) {
      let j = i;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        lx.quote += text[j];
        j++;
      }
      if (j >= text.length) {
        lx.quote += '\n';
        return;
      }
      lx.inQuote = false;
      if (s.list) s.list.push(lx.quote);
      else s.words.push({ text: lx.quote, line: lx.quoteLine });
      i = j + 1;
      continue;
    }
    const ch = text[i];
    // any blank separates, as in set lines (setline-common): the word scan below stops at every
    // \s, and a blank skipped here only as ' ', tab or CR (not U+2005, NBSP) made an empty word
    // without advancing, forever
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      lx.inComment = true;
      lx.commentLine = line;
      i += 2;
      continue;
    }
    if (ch === '#') return; // `## SECRET-DATA`, `## Last commit: …`, a comment line
    if (ch === '"') {
      lx.inQuote = true;
      lx.quote = '';
      lx.quoteLine = line;
      i++;
      continue;
    }
    if (ch === '{') {
      if (s.list || s.listDone || !s.words.length) throw new ParseError(s.file, line, `expected a name before {, found ${s.list ? 'a [ list' : 'none'}`);
      if (s.stack.length >= MAX_BLOCK_DEPTH)
        throw new ParseError(s.file, line, `expected blocks nested at most ${MAX_BLOCK_DEPTH} deep, found a deeper one: ${s.words[0].text.slice(0, 40)} {`);
      const words = s.words.map((w) => w.text);
      const level = levelFor(s, words[0]);
      const path = [...level, ...words];
      setStatement(s.root, level, words, undefined, s.words[0].line, `${braceRaw(words)} {`, s.inactive);
      s.stack.push({ path, line: s.words[0].line });
      s.words = [];
      s.inactive = false;
      s.blocks++;
      i++;
      continue;
    }
    if (ch === ';') {
      if (s.list) throw new ParseError(s.file, line, 'expected ] to close the [ list before ;');
      flushLeaf(s, line);
      i++;
      continue;
    }
    if (ch === '[') {
      if (s.list || s.listDone) throw new ParseError(s.file, line, 'expected ] before another [');
      s.list = [];
      i++;
      continue;
    }
    if (ch === ']') {
      if (!s.list) throw new ParseError(s.file, line, 'expected [ before ]');
      // `leaf [ a b ];`: the list waits for its ;
      s.listDone = s.list;
      s.list = undefined;
      i++;
      continue;
    }
    if (ch === '}') {
      if (s.words.length || s.list || s.listDone) {
        throw new ParseError(s.file, line, `expected ; after ${JSON.stringify(s.words.map((w) => w.text).join(' '))}, found }`);
      }
      if (!s.stack.pop()) throw new ParseError(s.file, line, 'expected a statement, found a } that closes nothing');
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s{};[\]"#]/.test(text[j])) j++;
    const word = text.slice(i, j);
    if (s.list) s.list.push(word);
    else if (s.listDone) throw new ParseError(s.file, line, `expected ; after the ] of the list, found ${JSON.stringify(word)}`);
    else if (!s.words.length && /^(inactive|protect|replace|delete|active):$/.test(word)) {
      if (word === 'inactive:') s.inactive = true;
    } else s.words.push({ text: word, line });
    i = j;
  }
}

function flushLeaf(s: State, line: number): void {
  const list = s.listDone;
  const words = s.words.map((w) => w.text);
  s.listDone = undefined;
  const first = s.words[0]?.line ?? line;
  s.words = [];
  const inactive = s.inactive;
  s.inactive = false;
  if (!words.length && !list) return;
  const raw = `${braceRaw(words, list)};`;
  setStatement(s.root, levelFor(s, words[0]), words, list, first, raw, inactive);
  s.blocks++;
}

/** A brace statement as Junos prints it (`dh-group group5`, `proposals [ a b ]`), secrets replaced. */
function braceRaw(words: readonly string[], list?: readonly string[]): string {
  const red = redactWords(list ? [...words, ...list] : words).map((w) => (w === REDACTED ? w : quoteWord(w)));
  return list ? `${red.slice(0, words.length).join(' ')} [ ${red.slice(words.length).join(' ')} ]` : red.join(' ');
}

export function readJunosText(text: string, file: string): ReadResult {
  const s: State = {
    file,
    root: node('', 1),
    diagnostics: [],
    edit: [],
    base: [],
    skipping: false,
    stack: [],
    words: [],
    inactive: false,
    blocks: 0,
    commands: 0,
  };
  const lx: Lexer = { inQuote: false, quote: '', quoteLine: 0, inComment: false, commentLine: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].replace(/\r$/, '');
    const t = raw.trim();
    const boundary = !lx.inQuote && !lx.inComment && !s.words.length && !s.list && !s.listDone;
    if (boundary) {
      if (t === '' || CLUSTER_LINE.test(t) || /^-{20,}$/.test(t) || /^node\d+:$/.test(t) || PAGER.test(t)) continue;
      const clusterEdit = /^\{[\w:-]+\}(\[edit.*\])$/.exec(t);
      if (clusterEdit) {
        closeOpenBlocks(s, line);
        const w = /^\[edit(?:\s+(.*))?\]$/.exec(clusterEdit[1]);
        s.edit = w?.[1] ? commandWords(w[1], file, line) : [];
        s.skipping = false;
        continue;
      }
      const p = PROMPT.exec(t);
      if (p) {
        if (p[1] !== '%') onCommand(s, p[1] as '>' | '#', p[2], line);
        else s.skipping = true; // the FreeBSD shell below the CLI
        continue;
      }
      const docShow = /^#\s*(show(?:\s.*)?|run\s+show\s.*)$/.exec(t) ?? /^>\s*(show\s.*)$/.exec(t);
      if (docShow) {
        onCommand(s, t.startsWith('>') ? '>' : '#', docShow[1], line);
        continue;
      }
      const edit = /^\[edit(?:\s+(.*))?\]$/.exec(t);
      if (edit) {
        closeOpenBlocks(s, line);
        s.edit = edit[1] ? commandWords(edit[1], file, line) : [];
        s.skipping = false;
        continue;
      }
      if (s.skipping) continue;
      if (SET_VERBS.test(t) && !/[{};]\s*$/.test(t)) {
        closeOpenBlocks(s, line);
        applyCommand(s, t, line);
        continue;
      }
      if (t.startsWith('#')) continue;
      if (!s.stack.length && SESSION_NOISE.test(t)) continue;
      if (!s.stack.length && !/[{};[\]"]|\/\*/.test(t)) {
        note(s, 'line ignored: expected a statement (name { … } or name value;), a set command, a CLI prompt or a # comment', line);
        continue;
      }
    } else if (s.skipping) continue;
    braceLine(s, lx, raw, line);
  }
  if (lx.inQuote) throw new ParseError(file, lx.quoteLine, 'expected a closing " for the value opened here, found the end of the file');
  if (lx.inComment) throw new ParseError(file, lx.commentLine, 'expected */ to close the comment opened here, found the end of the file');
  if (s.words.length || s.list || s.listDone) {
    throw new ParseError(file, s.words[0]?.line ?? lines.length, 'expected ; or { after the last statement, found the end of the file: is the file truncated?');
  }
  if (s.stack.length) {
    const open = s.stack[s.stack.length - 1];
    const matters = open.path[0] === 'security' && (open.path[1] === 'ike' || open.path[1] === 'ipsec' || open.path.length === 1);
    if (matters) {
      throw new ParseError(
        file,
        lines.length,
        `expected } for the block \`${open.path.join(' ')}\` opened at line ${open.line}, found the end of the file: is the file truncated?`,
      );
    }
    warn(s, `the block \`${s.stack[0].path.join(' ')} {\` opened here is not closed at the end of the file: read as closed`, s.stack[0].line);
  }
  if (s.blocks === 0 && s.commands === 0) {
    const first = lines.findIndex((l) => l.trim() !== '');
    throw new ParseError(
      file,
      first === -1 ? 1 : first + 1,
      `expected Junos configuration (set commands or name { … } statements), found ${first === -1 ? 'an empty file' : JSON.stringify(lines[first].trim().slice(0, 40))}`,
    );
  }
  const form = s.commands && s.blocks ? 'mixed' : s.commands ? 'set' : 'brace';
  return { root: s.root, form, diagnostics: s.diagnostics };
}
