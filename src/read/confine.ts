/**
 * The audited tree, and the rule that nothing outside it is read because a file said so. An
 * inventory's `devices[].file`, a strongSwan `include`, an `ipsec.secrets` beside an ipsec.conf:
 * each is a path written in a file that whoever opens a pull request controls, so each must
 * resolve — after every symbolic link, with realpath — inside the tree being audited. A path
 * that does not is reported by name and never opened (not even listed, for a glob).
 *
 * The tree is what the user named on the command line: the audit's directories (and the
 * inventory's folder), or the folder of a file given to compare/show/audit. Those paths are the
 * user's own and are followed as typed; only what files name is confined.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Real paths of the directories everything read must lie in. */
export interface Tree {
  roots: readonly string[];
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The tree of a directory or file the user named: the directory itself, or the file's directory. */
export function treeOf(paths: readonly string[], isFile: (p: string) => boolean): Tree {
  const roots: string[] = [];
  for (const p of paths) {
    const r = real(p) ?? resolve(p);
    roots.push(isFile(r) ? dirname(r) : r);
  }
  return { roots: [...new Set(roots)] };
}

/** `path` (already real) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}

export type Resolution = { inside: true; real: string } | { inside: false; real?: string };

/**
 * Where `path` really is and whether that is inside the tree. A path that does not exist is
 * judged by its nearest existing ancestor (a missing file inside the tree is "inside": the
 * caller reports it missing; one below a symlink that leads out is outside).
 */
export function resolveIn(tree: Tree, path: string): Resolution {
  let probe = resolve(path);
  let suffix = '';
  let r = real(probe);
  while (r === undefined) {
    const up = dirname(probe);
    if (up === probe) return { inside: false };
    suffix = suffix ? `${probe.slice(up.length + 1)}/${suffix}` : probe.slice(up.length + 1);
    probe = up;
    r = real(probe);
  }
  const full = suffix ? resolve(r, suffix) : r;
  return tree.roots.some((root) => isInside(root, full)) ? { inside: true, real: full } : { inside: false, real: full };
}
