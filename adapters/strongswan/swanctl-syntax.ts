/**
 * The strongswan.conf syntax swanctl.conf uses, read the way strongSwan's settings lexer/parser
 * reads it (src/libstrongswan/settings/settings_lexer.l):
 *
 *   name {            a section; `{` on the same line; sections of the same name merge
 *   name : a.b, c {   a section that inherits from the referenced sections (5.7.0+)
 *   key = value       value ends at newline, `#` or `}`; its words are joined by one space;
 *                     "quoted" parts may hold anything, escapes \n \t \" and line continuation
 *   include pattern   other files, relative to the including file, parsed in the current section
 *   # comment
 *
 * The result is a tree of sections with every value's file and line. No I/O: included files
 * come in a map the caller has read (see `swanctlIncludePatterns`).
 */
import { ParseError } from '../../src/model/errors.js';
import type { SourceRef } from '../../src/model/types.js';
import { hasGlob, matchIncludes, resolveIncludePath } from './common.js';

export interface ConfValue {
  value: string;
  /** `key = value` as written (one line; comment dropped) */
  raw: string;
  at: SourceRef;
}

export interface ConfSection {
  name: string;
  at: SourceRef;
  refs: Array<{ path: string; at: SourceRef }>;
  values: Map<string, ConfValue>;
  sections: Map<string, ConfSection>;
}

export interface IncludeRecord {
  pattern: string;
  resolved: string;
  at: SourceRef;
  /** undefined: the caller provided no include map at all */
  matched?: string[];
}

export interface ConfTree {
  root: ConfSection;
  includes: IncludeRecord[];
  /** references to sections that do not exist, and reference cycles */
  problems: Array<{ message: string; at: SourceRef }>;
}

function newSection(name: string, at: SourceRef): ConfSection {
  return { name, at, refs: [], values: new Map(), sections: new Map() };
}

const MAX_INCLUDE_DEPTH = 10;
/**
 * Sections nested deeper than this are an input error. A real swanctl.conf nests about five deep
 * (connections › conn › children › child › …); the cap is checked while parsing so that `a {`
 * repeated a million times is a file:line error, not "Maximum call stack size exceeded" from the
 * recursive descent here or from the recursive walks over the tree afterwards (issue 13).
 */
export const MAX_SECTION_DEPTH = 64;

/** One file's text being scanned. */
class Scanner {
  pos = 0;
  line = 1;
  constructor(
    readonly text: string,
    readonly file: string,
  ) {}
  get eof(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  next(): string {
    const c = this.text[this.pos++] ?? '';
    if (c === '\n') this.line++;
    return c;
  }
  at(): SourceRef {
    return { file: this.file, line: this.line };
  }
  skipBlanks(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') this.pos++;
  }
  skipComment(): void {
    while (!this.eof && this.peek() !== '\n') this.pos++;
  }
  /** NAME: anything but the characters the lexer treats as syntax (and `:`/`,` of references). */
  name(): string {
    const start = this.pos;
    while (!this.eof && !/[#{}=",: \t\r\n]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  fail(message: string, line = this.line): never {
    throw new ParseError(this.file, line, message);
  }
}

/** A "quoted" string (the opening quote already consumed), with strongSwan's escapes. */
function quoted(s: Scanner, startLine: number): string {
  let out = '';
  for (;;) {
    if (s.eof) s.fail('expected a closing `"` for the string that starts here', startLine);
    const c = s.next();
    if (c === '"') return out;
    if (c === '\\') {
      const e = s.next();
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === '\n')
        continue; // escaped end of line joins lines
      else out += e;
      continue;
    }
    if (c !== '\r') out += c;
  }
}

/** The value after `=`: words and quoted strings up to newline, `#` or `}` (left for the caller). */
function value(s: Scanner): string {
  const parts: string[] = [];
  for (;;) {
    s.skipBlanks();
    const c = s.peek();
    if (s.eof || c === '\n' || c === '#' || c === '}') return parts.join(' ');
    if (c === '"') {
      const line = s.line;
      s.next();
      parts.push(quoted(s, line));
      continue;
    }
    const start = s.pos;
    while (!s.eof && !/[#}" \t\r\n]/.test(s.peek())) s.pos++;
    parts.push(s.text.slice(start, s.pos));
  }
}

/** The pattern after `include`: one word or a quoted string; `\` escapes `"#} `. */
function includePattern(s: Scanner): string {
  s.skipBlanks();
  if (s.peek() === '"') {
    const line = s.line;
    s.next();
    return quoted(s, line);
  }
  let out = '';
  while (!s.eof && !/[#} \t\r\n]/.test(s.peek())) {
    const c = s.next();
    if (c === '\\' && /["#} ]/.test(s.peek())) out += s.next();
    else out += c;
  }
  return out;
}

interface Context {
  includes?: Record<string, string>;
  records: IncludeRecord[];
  /** files being parsed, outermost first: an include cycle is an input error */
  stack: string[];
  /** sections open around the current statement (an included file continues at its includer's depth) */
  depth: number;
}

/**
 * Statements into `section` until `}` (when `closing` names the open section) or end of text.
 * Returns when the matching `}` has been consumed.
 */
function statements(s: Scanner, section: ConfSection, ctx: Context, closing?: { name: string; line: number }): void {
  for (;;) {
    s.skipBlanks();
    if (s.eof) {
      if (closing) s.fail(`expected "}" to close section "${closing.name}" opened on this line, found the end of the file`, closing.line);
      return;
    }
    const c = s.peek();
    if (c === '\n') {
      s.next();
      continue;
    }
    if (c === '#') {
      s.skipComment();
      continue;
    }
    if (c === '}') {
      if (!closing) s.fail('unexpected "}": no section is open here');
      s.next();
      return;
    }
    if (c === '"') s.fail('expected a setting or section name, found a quoted string');
    if (c === '{' || c === '=' || c === ':' || c === ',') s.fail(`expected a setting or section name before "${c}"`);

    const line = s.line;
    const keyStart = s.pos;
    const name = s.name();
    s.skipBlanks();

    // `include pattern` (but `include = x` is a setting called include)
    if (name === 'include' && s.peek() !== '=' && s.peek() !== '{' && s.peek() !== '\n' && !s.eof) {
      const pattern = includePattern(s);
      include(pattern, { file: s.file, line }, section, ctx);
      continue;
    }

    const next = s.peek();
    if (next === '=') {
      s.next();
      const v = value(s);
      const rawText = s.text.slice(keyStart, s.pos).trim();
      section.values.set(name, { value: v, raw: rawText.includes('\n') ? `${name} = ${v}` : rawText, at: { file: s.file, line } });
      continue;
    }
    if (next === '{' || next === ':') {
      const refs: ConfSection['refs'] = [];
      if (next === ':') {
        s.next();
        for (;;) {
          s.skipBlanks();
          const ref = s.name();
          if (!ref) s.fail(`expected the name of a section to inherit from after "${name} :"`);
          refs.push({ path: ref, at: { file: s.file, line } });
          s.skipBlanks();
          if (s.peek() === ',') {
            s.next();
            continue;
          }
          break;
        }
        if (s.peek() !== '{') s.fail(`expected "{" after the references of section "${name}"`);
      }
      s.next(); // {
      let sub = section.sections.get(name);
      if (!sub) {
        sub = newSection(name, { file: s.file, line });
        section.sections.set(name, sub);
      }
      sub.refs.push(...refs);
      if (ctx.depth >= MAX_SECTION_DEPTH) s.fail(`nesting deeper than ${MAX_SECTION_DEPTH} sections: section "${name}"`, line);
      ctx.depth++;
      statements(s, sub, ctx, { name, line });
      ctx.depth--;
      continue;
    }
    if (next === '\n' || s.eof || next === '#') s.fail(`expected "=" or "{" after "${name}"`);
    s.fail(`expected "=" or "{" after "${name}", found "${next}"`);
  }
}

function include(pattern: string, at: SourceRef, section: ConfSection, ctx: Context): void {
  const resolved = resolveIncludePath(pattern, at.file);
  const record: IncludeRecord = { pattern, resolved, at };
  ctx.records.push(record);
  if (!ctx.includes) return;
  record.matched = matchIncludes(resolved, ctx.includes);
  for (const file of record.matched) {
    if (ctx.stack.includes(file)) throw new ParseError(at.file, at.line, `include of "${file}" loops back to a file that includes it`);
    if (ctx.stack.length > MAX_INCLUDE_DEPTH) throw new ParseError(at.file, at.line, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`);
    ctx.stack.push(file);
    statements(new Scanner(ctx.includes[file], file), section, ctx);
    ctx.stack.pop();
  }
}

// --- references (`name : other.section { … }`) -------------------------------------------------

function lookup(root: ConfSection, path: string): ConfSection | undefined {
  let cur: ConfSection | undefined = root;
  for (const part of path.split('.')) {
    cur = cur?.sections.get(part);
    if (!cur) return undefined;
  }
  return cur;
}

/** Own settings win; then the references in the order written (strongswan.conf(5)). */
function mergeInto(target: ConfSection, from: ConfSection): void {
  for (const [k, v] of from.values) if (!target.values.has(k)) target.values.set(k, v);
  for (const [k, sub] of from.sections) {
    const own = target.sections.get(k);
    if (own) mergeInto(own, sub);
    else target.sections.set(k, cloneSection(sub));
  }
}

function cloneSection(s: ConfSection): ConfSection {
  const out = newSection(s.name, s.at);
  out.refs = [...s.refs];
  for (const [k, v] of s.values) out.values.set(k, v);
  for (const [k, sub] of s.sections) out.sections.set(k, cloneSection(sub));
  return out;
}

function resolveRefs(root: ConfSection, section: ConfSection, path: string, problems: ConfTree['problems'], visiting: Set<string>): void {
  if (section.refs.length) {
    visiting.add(path);
    for (const ref of section.refs) {
      const target = lookup(root, ref.path);
      if (!target) {
        problems.push({ message: `section "${section.name}" inherits from "${ref.path}", which is not defined: its settings are missing`, at: ref.at });
        continue;
      }
      // a section inside the one it inherits from (a repeated `conn-defaults {` line nests one in
      // the other): merging would copy the section into itself, and resolving the copy would copy
      // it again, until the stack overflowed
      if (path.startsWith(`${ref.path}.`)) {
        problems.push({ message: `section "${section.name}" inherits from "${ref.path}", which contains it: reference ignored`, at: ref.at });
        continue;
      }
      if (visiting.has(ref.path)) {
        problems.push({ message: `section "${section.name}" inherits from "${ref.path}", which inherits back from it: reference ignored`, at: ref.at });
        continue;
      }
      resolveRefs(root, target, ref.path, problems, visiting);
      mergeInto(section, target);
    }
    section.refs = [];
    visiting.delete(path);
  }
  for (const [name, sub] of section.sections) resolveRefs(root, sub, path ? `${path}.${name}` : name, problems, visiting);
}

/** Parse a swanctl.conf text (and the included files provided) into a resolved section tree. */
export function parseConfTree(text: string, file: string, includes?: Record<string, string>): ConfTree {
  const root = newSection('', { file, line: 1 });
  const ctx: Context = { includes, records: [], stack: [file], depth: 0 };
  statements(new Scanner(text, file), root, ctx);
  const problems: ConfTree['problems'] = [];
  resolveRefs(root, root, '', problems, new Set());
  return { root, includes: ctx.records, problems };
}

/**
 * The include patterns a swanctl.conf text names, resolved against its own path, for the caller
 * to read (expanding globs) and pass back to `parseSwanctl`. Included files may include more:
 * call this on each of them too.
 */
export function swanctlIncludePatterns(text: string, file: string): string[] {
  return swanctlIncludeRefs(text, file).map((r) => r.path);
}

/** The same, each with the line of `file` that names it. */
export function swanctlIncludeRefs(text: string, file: string): Array<{ path: string; line: number }> {
  const ctx: Context = { records: [], stack: [file], depth: 0 };
  try {
    statements(new Scanner(text, file), newSection('', { file, line: 1 }), ctx);
  } catch {
    // a broken file still names its includes up to the error; parse reports the error itself
  }
  return ctx.records.map((r) => ({ path: r.resolved, line: r.at.line }));
}

export { hasGlob };
