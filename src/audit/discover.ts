/**
 * Walking a config repository: every regular file below the roots, minus excludes
 * (`--exclude`, `.ipsec-driftignore`, `.gitignore` at the root, and always `.git/` and
 * `node_modules/`). Symlinks are not followed (no loops, nothing outside the repo); files over
 * the size limit are skipped with a note rather than read.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isExcluded, parsePatterns, type Pattern } from './glob.js';

export interface Discovered {
  /** paths as given (root joined with the relative path), sorted */
  files: string[];
  skipped: Array<{ path: string; reason: string }>;
}

const ALWAYS = ['.git/', 'node_modules/', '.ipsec-drift-baseline.json', '*.sarif', 'junit.xml'];

export function ignoreFilePatterns(root: string): Pattern[] {
  const lines: string[] = [];
  for (const name of ['.gitignore', '.ipsec-driftignore']) {
    const f = join(root, name);
    if (existsSync(f)) lines.push(...readFileSync(f, 'utf8').split(/\r?\n/));
  }
  return parsePatterns(lines);
}

export function discover(roots: string[], excludes: string[], maxBytes: number): Discovered {
  const files: string[] = [];
  const skipped: Discovered['skipped'] = [];
  for (const root of roots) {
    const st = lstatSync(root, { throwIfNoEntry: false });
    if (!st) {
      skipped.push({ path: root, reason: 'does not exist' });
      continue;
    }
    if (st.isFile()) {
      files.push(root);
      continue;
    }
    const patterns = [...parsePatterns([...ALWAYS, ...excludes]), ...ignoreFilePatterns(root)];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const rel = relative(root, full).split(sep).join('/');
        const s = lstatSync(full);
        if (s.isSymbolicLink()) {
          skipped.push({ path: full, reason: 'symbolic link (not followed)' });
          continue;
        }
        if (isExcluded(rel, s.isDirectory(), patterns)) continue;
        if (s.isDirectory()) walk(full);
        else if (s.isFile()) {
          if (s.size > maxBytes)
            skipped.push({ path: full, reason: `${Math.round(s.size / 1048576)} MB, over the ${Math.round(maxBytes / 1048576)} MB limit for a configuration` });
          else files.push(full);
        }
      }
    };
    walk(root);
  }
  return { files, skipped };
}
