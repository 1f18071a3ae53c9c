/**
 * One configuration tree for both forms Junos prints. `show configuration` (braces) and
 * `show configuration | display set` describe the same hierarchy word by word:
 *
 *   security { ike { proposal P { dh-group group5; } } }
 *   set security ike proposal P dh-group group5
 *
 * are the path security → ike → proposal → P → dh-group → group5 in both. Every word of a
 * statement is a node; a leaf's value is its child. Children keep the order they were written
 * in, and writing a word again moves it to the end: so the value of a leaf is its *last* child,
 * whichever form wrote it and however often (a later `set … dh-group group14` wins, as the
 * candidate configuration would have it), and one of several alternatives (`pre-shared-key
 * ascii-text|hexadecimal`, `dead-peer-detection always-send|optimized|probe-idle-tunnel`) is the
 * one written last. Lists (`proposals [ a b ]`, a gateway's `address`) are all the children.
 */

export interface JNode {
  /** the word, unquoted */
  name: string;
  /** 1-based line of the statement that wrote it last */
  line: number;
  children: JNode[];
  /** `deactivate …` / `inactive:`: present in the file, ignored by the device */
  inactive?: true;
  /** the statement as written (a set line, or `name value;`), secrets replaced; on the leaf key and its value */
  raw?: string;
  /** the `groups` entry it was inherited from (apply-groups) */
  group?: string;
}

export function node(name: string, line: number): JNode {
  return { name, line, children: [] };
}

/** The active child of that name (inactive statements do not exist for the device). */
export function child(n: JNode | undefined, name: string): JNode | undefined {
  if (!n) return undefined;
  for (let i = n.children.length - 1; i >= 0; i--) {
    const c = n.children[i];
    if (c.name === name) return c.inactive ? undefined : c;
  }
  return undefined;
}

/** The child of that name whether active or not. */
export function anyChild(n: JNode | undefined, name: string): JNode | undefined {
  return n?.children.find((c) => c.name === name);
}

/** Walk active children by words (`perfect-forward-secrecy/keys`). */
export function at(n: JNode | undefined, path: string): JNode | undefined {
  let cur = n;
  for (const part of path.split('/')) cur = child(cur, part);
  return cur;
}

/** Active children. */
export function active(n: JNode | undefined): JNode[] {
  return n ? n.children.filter((c) => !c.inactive) : [];
}

/** The value of a leaf: its last active child (`dh-group group5` → the node `group5`). */
export function valueNode(n: JNode | undefined, path?: string): JNode | undefined {
  const leaf = path === undefined ? n : at(n, path);
  const kids = active(leaf);
  return kids[kids.length - 1];
}

export function value(n: JNode | undefined, path?: string): string | undefined {
  return valueNode(n, path)?.name;
}

/** The values of a list leaf (`proposals [ a b ]`), in order. */
export function values(n: JNode | undefined, path?: string): string[] {
  const leaf = path === undefined ? n : at(n, path);
  return active(leaf).map((c) => c.name);
}

/**
 * The last written of several alternatives under `n` (`ascii-text` or `hexadecimal`), if any. One
 * written here wins over one a group brought in (local statements override inherited ones).
 */
export function choice(n: JNode | undefined, names: readonly string[]): JNode | undefined {
  const kids = active(n).filter((c) => names.includes(c.name));
  const own = kids.filter((c) => c.group === undefined || c.group === n?.group);
  const pick = own.length ? own : kids;
  return pick[pick.length - 1];
}

/** The statement that wrote a leaf: its value's raw, else its own, else `fallback`. */
export function rawOf(leaf: JNode | undefined, fallback: string): string {
  return valueNode(leaf)?.raw ?? leaf?.raw ?? fallback;
}

/** The line of a leaf's value, else of the leaf. */
export function lineOf(leaf: JNode): number {
  return valueNode(leaf)?.line ?? leaf.line;
}

/** A deep copy (groups are copied into the places that apply them). */
export function clone(n: JNode, group?: string): JNode {
  const c: JNode = { name: n.name, line: n.line, children: n.children.map((k) => clone(k, group)) };
  if (n.inactive) c.inactive = true;
  if (n.raw !== undefined) c.raw = n.raw;
  const g = n.group ?? group;
  if (g !== undefined) c.group = g;
  return c;
}
