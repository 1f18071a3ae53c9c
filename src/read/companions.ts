/**
 * Files a configuration needs beside itself (includes, a secrets file): the adapter names them
 * (`companions`), they are read here, and handed to its pure `parse`. The names come from the
 * file, so each must resolve inside the audited tree (confine.ts): one that does not is returned
 * as refused, never opened or listed.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from '../model/adapter.js';
import { resolveIn, type Tree, treeOf } from './confine.js';
import { readInput } from './input.js';

/** `dir/*.conf` → the matching files (globs only in the last path segment, as includes use them). */
export function expandPattern(pattern: string): string[] {
  const dir = dirname(pattern);
  const base = basename(pattern);
  if (!/[*?[]/.test(base)) return isFile(pattern) ? [pattern] : [];
  const re = globSegment(base);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => join(dir, n))
    .filter(isFile);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * One path segment's glob (`*`, `?`, `[…]` as glob(3) has them) as a RegExp: nothing crosses a
 * `/`, a run of `*` is one `*` (so nothing backtracks), an unclosed `[` is a plain character.
 */
export function globSegment(base: string): RegExp {
  let re = '';
  for (let i = 0; i < base.length; i++) {
    const c = base[i];
    if (c === '*') {
      while (base[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[' && base.indexOf(']', i + 2) > 0) {
      const end = base.indexOf(']', i + 2);
      let body = base.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^[]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    // a class glob(3) accepts and a RegExp does not (a reversed range): the name as written
    return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  }
}

export interface Companions {
  /** text by path, as the adapter named the path */
  texts: Record<string, string>;
  /** paths (or patterns) a file named that resolve outside the tree, with where: not read */
  refused: Array<{ path: string; file: string; line: number }>;
}

/** Every file the configuration at `file` names, read recursively (bounded, no file twice), within `tree`. */
export function readCompanions(adapter: Adapter, text: string, file: string, tree: Tree = treeOf([file], isFile)): Companions | undefined {
  if (!adapter.companions) return undefined;
  const texts: Record<string, string> = {};
  const refused: Companions['refused'] = [];
  const refuse = (path: string, f: string, line: number | undefined) => {
    if (!refused.some((r) => r.path === path)) refused.push({ path, file: f, line: line ?? 1 });
  };
  const queue: Array<[string, string]> = [[text, file]];
  while (queue.length && Object.keys(texts).length < 256) {
    const [t, f] = queue.shift()!;
    for (const { path: pattern, line } of adapter.companions(t, f)) {
      // the folder a glob lists must be inside too: listing it would already tell what is there
      if (!resolveIn(tree, dirname(pattern)).inside) {
        refuse(pattern, f, line);
        continue;
      }
      for (const path of expandPattern(pattern)) {
        if (path in texts || path === file) continue;
        const where = resolveIn(tree, path);
        if (!where.inside) {
          refuse(path, f, line);
          continue;
        }
        try {
          texts[path] = readInput(where.real);
        } catch {
          continue; // unreadable or empty: the adapter reports the include as not read
        }
        queue.push([texts[path], path]);
      }
    }
  }
  return { texts, refused };
}
