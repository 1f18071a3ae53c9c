/**
 * Configuration groups: `groups { G { security { ike { … } } } }` with `apply-groups G;` (or
 * `apply-groups [ G H ];`) at the top or at any level below. The device reads a group's
 * statements as if written where it is applied, under these rules (Junos "Configuration Groups"
 * in the CLI user guide): statements written locally win over inherited ones; of several groups
 * the first listed wins; `apply-groups-except` stops a group below the level that names it; a
 * group's `<pattern>` names (`<*>`, `<st0*>`) match every local name of that level that fits the
 * glob. Expanded once after reading, so parse.ts sees one tree; inherited nodes carry the group's
 * name and lines (a finding points into the group).
 */
import { warn } from '../../src/model/diagnostics.js';
import type { Diagnostic } from '../../src/model/types.js';
import { active, anyChild, child, clone, type JNode, values } from './tree.js';

function glob(pattern: string): RegExp {
  const body = pattern
    .slice(1, -1)
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const isPattern = (name: string) => name.startsWith('<') && name.endsWith('>');

/** A leaf as opposed to a container: its children are values (no grandchildren). */
function isLeafLike(n: JNode): boolean {
  return n.children.length > 0 && n.children.every((c) => c.children.length === 0);
}

/** Merge a group's subtree `from` into the local `to`: what `to` says itself wins. */
function merge(to: JNode, from: JNode, group: string, except: ReadonlySet<string>): void {
  for (const src of from.children) {
    if (src.name === 'apply-groups' || src.name === 'apply-groups-except') continue;
    if (isPattern(src.name)) {
      const re = glob(src.name);
      for (const local of to.children) if (re.test(local.name) && !local.inactive) mergeInto(local, src, group, except);
      continue;
    }
    const local = anyChild(to, src.name);
    if (!local) {
      to.children.push(clone(src, group));
      continue;
    }
    // a leaf written here keeps its value; a container takes what it lacks
    if (isLeafLike(local) || local.children.length === 0) continue;
    mergeInto(local, src, group, except);
  }
}

function mergeInto(local: JNode, src: JNode, group: string, except: ReadonlySet<string>): void {
  const stop = new Set([...except, ...values(local, 'apply-groups-except')]);
  if (stop.has(group)) return;
  merge(local, src, group, stop);
}

/** Apply every `apply-groups` of the tree, top level first, then each level below. */
export function applyGroups(root: JNode, file: string, diagnostics: Diagnostic[]): void {
  const groups = child(root, 'groups');
  if (!groups) {
    if (hasApply(root)) warn(diagnostics, 'apply-groups names groups this file does not define (no `groups` statement): not applied');
    return;
  }
  const apply = (target: JNode, path: string[], except: ReadonlySet<string>) => {
    const own = values(target, 'apply-groups');
    const stop = new Set([...except, ...values(target, 'apply-groups-except')]);
    for (const g of own) {
      const def = child(groups, g);
      const line = child(child(target, 'apply-groups'), g)?.line;
      if (!def) {
        warn(diagnostics, `apply-groups names group ${g}, which is not defined in this file: not applied`, line ? { file, line } : undefined);
        continue;
      }
      if (stop.has(g)) continue;
      const sub = subtreeAt(def, path);
      for (const s of sub) merge(target, s, g, stop);
    }
    for (const c of active(target)) {
      if (path.length === 0 && c.name === 'groups') continue;
      if (c.name === 'apply-groups' || c.name === 'apply-groups-except') continue;
      if (c.children.length) apply(c, [...path, c.name], stop);
    }
  };
  apply(root, [], new Set());
}

/** The nodes of a group at `path` (pattern names in the group match the local names). */
function subtreeAt(group: JNode, path: readonly string[]): JNode[] {
  let level: JNode[] = [group];
  for (const name of path) {
    const next: JNode[] = [];
    for (const n of level) for (const c of active(n)) if (c.name === name || (isPattern(c.name) && glob(c.name).test(name))) next.push(c);
    level = next;
    if (!level.length) break;
  }
  return level;
}

function hasApply(n: JNode): boolean {
  return n.children.some((c) => c.name === 'apply-groups' || hasApply(c));
}
