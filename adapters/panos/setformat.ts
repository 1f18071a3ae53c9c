/**
 * The set form: `show config running` after `set cli config-output-format set`, or the same
 * commands as typed in configure mode.
 *
 *   set network ike crypto-profiles ike-crypto-profiles default encryption [ aes-128-cbc 3des ]
 *   set network ike gateway GW-BRANCH peer-address ip 192.0.2.10
 *   set template HQ config network tunnel ipsec T1 auto-key ike-gateway GW-BRANCH
 *
 * Each line is a path of words ending in a value (one word, a quoted string, or a `[ … ]` list).
 * Lines apply in order as the candidate configuration applies them: a later `set` of a leaf
 * replaces it, a `set` of a member list adds to it, setting one alternative of a choice
 * (`lifetime hours|minutes|…`, `peer-address ip|fqdn|dynamic`) drops the others, and `delete`
 * removes. Prompts (`admin@PA-VM> …`), `configure`, `commit`, `exit` and `#` comments are skipped.
 */
import { ParseError } from '../../src/model/errors.js';
import { isSecretLeaf, REDACTED } from './secrets.js';
import { node, type PNode } from './tree.js';
import { PANOS_WORDS, splitWords } from '../setline-common/words.js';

export interface SetLine {
  text: string;
  line: number;
}

export interface Applied {
  /** set/delete lines applied */
  commands: number;
  /** lines that are neither commands nor session noise, for diagnostics */
  unknown: SetLine[];
}

/** `user@host> command`, `user@host# command` (the CLI prompt of operational and configure mode). */
export const PROMPT = /^[\w.-]+@[\w.-]+(?:\([\w.-]+\))?[>#]/;

/** Session lines that are neither configuration nor output worth a word. */
export const NOISE =
  /^(?:\s*|#.*|\[edit.*\]|configure|commit(?:\s.*)?|exit|quit|top|up|Entering configuration mode|Configuration committed.*|Exiting configuration mode)$/i;

export function isSetCommand(line: string): boolean {
  return /^\s*(?:set|delete)\s+\S/.test(line);
}

/** Split one command into words; `[`, `]` are words of their own; `"` and `'` quote (setline-common). */
export function words(text: string, file: string, line: number): string[] {
  return splitWords(text, file, line, PANOS_WORDS);
}

/** Apply `set`/`delete` lines to a tree (the set-form file itself, or commands after an XML document). */
export function applySetLines(root: PNode, lines: readonly SetLine[], file: string, mapPath: (w: string[]) => string[] = (w) => w): Applied {
  const applied: Applied = { commands: 0, unknown: [] };
  for (const l of lines) {
    const t = l.text.trim();
    if (NOISE.test(t) || PROMPT.test(t)) continue;
    if (!isSetCommand(t)) {
      applied.unknown.push(l);
      continue;
    }
    const w = words(t, file, l.line);
    const verb = w.shift();
    // `set config shared …` (an older output form) is `set shared …`
    if (w[0] === 'config' && w.length > 1) w.shift();
    if (verb === 'set') setPath(root, mapPath(w), l, file);
    else deletePath(root, mapPath(w));
    applied.commands++;
  }
  return applied;
}

/** A whole set-form file. */
export function parseSetConfig(text: string, file: string): { root: PNode; applied: Applied } {
  const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
  const root = node('config', 1);
  const applied = applySetLines(root, lines, file);
  if (applied.commands === 0) {
    const first = lines.find((l) => l.text.trim() !== '');
    throw new ParseError(
      file,
      first?.line ?? 1,
      `expected PAN-OS set commands (set network ike …), found ${first ? JSON.stringify(first.text.trim().slice(0, 40)) : 'an empty file'}`,
    );
  }
  return { root, applied };
}

function setPath(root: PNode, w: string[], l: SetLine, file: string): void {
  const { path, values } = splitValue(w, file, l.line);
  setLeaf(root, path, values, l.line, (secret) => (secret ? `${commandText('set', path)} ${REDACTED}` : l.text.trim()));
}

/**
 * Set the value(s) at `path` as the candidate configuration would: an entry list gets entries, a
 * member list grows, any other leaf is replaced; a choice keeps only what was set last.
 * `raw(secret)` is how the leaf was written (with the secret replaced when it holds one).
 */
export function setLeaf(root: PNode, path: string[], values: string[], line: number, raw: (secret: boolean) => string): void {
  if (!path.length) {
    // `set x` alone: a container with nothing in it
    if (values.length) openPath(root, values, line);
    return;
  }
  const parent = openPath(root, path, line);
  const leafName = path[path.length - 1];
  if (isChoice(path[path.length - 3], leafName)) parent.children = [];
  if (isEntryList(path)) {
    // `auto-key ike-gateway GW`, `units tunnel.11`, `layer3 ip 192.0.2.1/24`: the word names an entry
    for (const v of values) if (!parent.children.some((c) => c.name === v)) parent.children.push(node(v, line));
    return;
  }
  const append = isListLeaf(path);
  parent.values = append ? [...new Set([...(parent.values ?? []), ...values])] : values;
  parent.valueLine = line;
  parent.raw = raw(isSecretLeaf(leafName));
}

/** A command as PAN-OS prints it: words with spaces quoted. */
export function commandText(verb: string, path: readonly string[]): string {
  return [verb, ...path.map(quoteWord)].join(' ');
}

export function quoteWord(word: string): string {
  return /^[^\s"'[\]]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

/** The value is the last word, or a trailing `[ … ]` list. */
function splitValue(w: string[], file: string, line: number): { path: string[]; values: string[] } {
  if (w[w.length - 1] === ']') {
    const open = w.lastIndexOf('[');
    if (open === -1) throw new ParseError(file, line, 'expected [ before the ] that ends the list');
    return { path: w.slice(0, open), values: w.slice(open + 1, -1) };
  }
  if (w.includes('[')) throw new ParseError(file, line, 'expected ] to close the [ list, found the end of the line');
  return { path: w.slice(0, -1), values: w.slice(-1) };
}

/** Walk to the node at `path`, creating what is missing; entering one branch of a choice drops the others. */
export function openPath(root: PNode, path: string[], line: number): PNode {
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    let next = cur.children.find((c) => c.name === name);
    if (!next) {
      if (i > 0 && isChoice(path[i - 3], path[i - 1])) {
        cur.children = [];
        cur.values = undefined;
      }
      if (isChoiceChild(path[i - 2], name)) cur.children = cur.children.filter((c) => c.name !== 'esp' && c.name !== 'ah');
      next = node(name, line);
      // the set form may have named it as a value first (`auto-key ike-gateway GW`)
      if (cur.values?.includes(name)) next.line = cur.valueLine ?? line;
      cur.children.push(next);
    }
    cur = next;
  }
  return cur;
}

function deletePath(root: PNode, w: string[]): void {
  let parent: PNode | undefined = root;
  for (const name of w.slice(0, -1)) parent = parent?.children.find((c) => c.name === name);
  const last = w[w.length - 1];
  if (!parent || last === undefined) return;
  const before = parent.children.length;
  parent.children = parent.children.filter((c) => c.name !== last);
  if (parent.children.length === before && parent.values?.includes(last)) {
    const rest = parent.values.filter((v) => v !== last);
    parent.values = rest.length ? rest : undefined;
  }
}

/**
 * Containers whose children are alternatives (PAN-OS schema "choice"): `lifetime` and `lifesize`
 * of a crypto profile, `peer-address`, a gateway's `authentication`, a proxy ID's `protocol`.
 * `name` is the container, `grandparent` the list its parent entry is in (`gateway GW-1
 * authentication`). Two words, not the path: a path sliced per level made a long one quadratic.
 */
function isChoice(grandparent: string | undefined, name: string): boolean {
  if (name === 'lifetime' || name === 'lifesize' || name === 'peer-address') return true;
  if (name === 'protocol') return /^proxy-id/.test(grandparent ?? '');
  if (name === 'authentication') return grandparent === 'gateway';
  return false;
}

/** `esp` and `ah` are the alternatives of an IPsec crypto profile; `grandparent` as for isChoice. */
function isChoiceChild(grandparent: string | undefined, name: string): boolean {
  return (name === 'esp' || name === 'ah') && grandparent === 'ipsec-crypto-profiles';
}

/**
 * Lists of named entries (XML `<entry name>`): a word set on them adds an entry. The ones the
 * IPsec reader walks, from the PAN-OS schema (pan-os-codegen specs).
 */
const ENTRY_LISTS: ReadonlySet<string> = new Set([
  'ike-gateway',
  'units',
  'ethernet',
  'aggregate-ethernet',
  'gateway',
  'ike-crypto-profiles',
  'ipsec-crypto-profiles',
  'ipsec',
  'proxy-id',
  'proxy-id-v6',
  'address',
  'template',
  'template-stack',
  'variable',
  'vsys',
  'users',
]);

/** An interface's `ip` holds entries too (`layer3 ip`, `units tunnel.1 ip`), a gateway's does not. */
function isEntryList(path: string[]): boolean {
  const [leaf, parent, grand] = [path[path.length - 1], path[path.length - 2], path[path.length - 3]];
  if (leaf === 'ip') return parent === 'layer3' || grand === 'units' || parent === 'loopback' || parent === 'tunnel' || parent === 'vlan';
  return ENTRY_LISTS.has(leaf);
}

/** Member lists: `set` adds to them. Everything else is a leaf that `set` replaces. */
function isListLeaf(path: string[]): boolean {
  const [leaf, parent, grand] = [path[path.length - 1], path[path.length - 2], path[path.length - 3]];
  if (leaf === 'encryption' || leaf === 'hash') return true;
  if (leaf === 'authentication') return parent === 'esp' || parent === 'ah';
  if (leaf === 'dh-group') return grand === 'ike-crypto-profiles';
  return false;
}
