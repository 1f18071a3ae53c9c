/**
 * Files a configuration needs beside itself (includes, a secrets file): the adapter names them
 * (`companions`), they are read here, and handed to its pure `parse`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from '../model/adapter.js';
import { readInput } from './input.js';

/** `dir/*.conf` → the matching files (globs only in the last path segment, as includes use them). */
export function expandPattern(pattern: string): string[] {
  const dir = dirname(pattern);
  const base = basename(pattern);
  if (!/[*?[]/.test(base)) return existsSync(pattern) && statSync(pattern).isFile() ? [pattern] : [];
  const re = new RegExp(
    '^' +
      base
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '.') +
      '$',
  );
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
    .filter((p) => statSync(p).isFile());
}

/** The files an adapter asks for beside the main one, read recursively (bounded, no file twice). */
export function readCompanions(adapter: Adapter, text: string, file: string): Record<string, string> | undefined {
  if (!adapter.companions) return undefined;
  const out: Record<string, string> = {};
  const queue: Array<[string, string]> = [[text, file]];
  while (queue.length && Object.keys(out).length < 256) {
    const [t, f] = queue.shift()!;
    for (const pattern of adapter.companions(t, f)) {
      for (const path of expandPattern(pattern)) {
        if (path in out || path === file) continue;
        try {
          out[path] = readInput(path);
        } catch {
          continue; // unreadable or empty: the adapter reports the include as not read
        }
        queue.push([out[path], path]);
      }
    }
  }
  return out;
}
