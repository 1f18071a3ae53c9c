/**
 * Walking a config repository: every regular file below the roots, minus excludes
 * (`--exclude`, `.ipsec-driftignore`, `.gitignore` at the root, and always `.git/` and
 * `node_modules/`). Symlinks inside the tree are not followed (no loops, nothing outside the
 * repo); a root named on the command line is (the user typed it). Files over the size limit are
 * skipped with a note rather than read; a directory the tool may not list is reported, and the
 * walk goes on.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeText } from '../read/decode.js';
import { FileRefused, readRegularFile } from '../read/regular-file.js';
import { isExcluded, parsePatterns, type Pattern } from './glob.js';

export interface Discovered {
  /** paths as given (root joined with the relative path), sorted */
  files: string[];
  skipped: Array<{ path: string; reason: string }>;
  /** directories that could not be listed (no permission): each becomes a finding */
  unreadable: Array<{ path: string; reason: string }>;
}

const ALWAYS = ['.git/', 'node_modules/', '.ipsec-drift-baseline.json', '*.sarif', 'junit.xml'];

/** An ignore file is a list of patterns, not a configuration: 1 MB is far more than any has. */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * The patterns of the root's .gitignore and .ipsec-driftignore. They come with the repository:
 * only a regular file is read (a symbolic link is not followed, as git does not follow one for
 * .gitignore), with a size limit; anything else is skipped with a note.
 */
export function ignoreFilePatterns(root: string, skipped: Discovered['skipped'] = []): Pattern[] {
  const lines: string[] = [];
  for (const name of ['.gitignore', '.ipsec-driftignore']) {
    const f = join(root, name);
    try {
      lines.push(...decodeText(readRegularFile(f, MAX_IGNORE_FILE_BYTES, { noFollow: true }), f).split('\n'));
    } catch (e) {
      if (!(e instanceof FileRefused) || e.kind !== 'missing') skipped.push({ path: f, reason: `ignore file not read: ${(e as Error).message}` });
    }
  }
  return parsePatterns(lines);
}

function denied(e: unknown): string | undefined {
  const code = (e as { code?: string }).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EIO' || code === 'ENOTDIR' ? `cannot be listed (${code})` : undefined;
}

export function discover(roots: string[], excludes: string[], maxBytes: number): Discovered {
  const files: string[] = [];
  const skipped: Discovered['skipped'] = [];
  const unreadable: Discovered['unreadable'] = [];
  for (const root of roots) {
    let st = lstatSync(root, { throwIfNoEntry: false });
    if (!st) {
      skipped.push({ path: root, reason: 'does not exist' });
      continue;
    }
    // a root the user named is followed when it is a symbolic link (to a file or a directory)
    if (st.isSymbolicLink()) st = statSync(root, { throwIfNoEntry: false });
    if (!st) {
      skipped.push({ path: root, reason: 'is a symbolic link to nothing' });
      continue;
    }
    if (st.isFile()) {
      files.push(root);
      continue;
    }
    if (!st.isDirectory()) {
      skipped.push({ path: root, reason: 'is neither a file nor a directory' });
      continue;
    }
    const patterns = [...parsePatterns([...ALWAYS, ...excludes]), ...ignoreFilePatterns(root, skipped)];
    const walk = (dir: string) => {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch (e) {
        const why = denied(e);
        if (!why) throw e;
        unreadable.push({ path: dir, reason: `directory ${why}: the configurations in it are not checked` });
        return;
      }
      for (const name of names) {
        const full = join(dir, name);
        const rel = relative(root, full).split(sep).join('/');
        const s = lstatSync(full, { throwIfNoEntry: false });
        if (!s) continue; // removed while the walk ran
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
        } else skipped.push({ path: full, reason: 'not a regular file (a FIFO, socket or device): not read' });
      }
    };
    walk(root);
  }
  return { files, skipped, unreadable };
}
