/**
 * One configuration tree for both forms PAN-OS prints. The XML (`show config running`, an exported
 * running-config.xml) and the set form (`set cli config-output-format set`) describe the same
 * schema: `<gateway><entry name="GW"><protocol><version>ikev2</version>` is
 * `set network ike gateway GW protocol version ikev2`. Both readers build this tree, so the
 * IPsec reader (parse.ts) is written once.
 *
 * The one place the forms differ is the last word of a set line: `auto-key ike-gateway GW`,
 * `peer-address dynamic` and `layer3 ip 192.0.2.1/24` print as values what the XML writes as
 * empty elements (`<entry name="GW"/>`, `<dynamic/>`). `names()` and `has()` therefore look at
 * both the children and the values of a node.
 */

export interface PNode {
  /** element name, or the `name` attribute of an XML `<entry>` (the set form prints only the name) */
  name: string;
  /** 1-based line of the start tag / of the set line that created the node */
  line: number;
  children: PNode[];
  /** leaf text or `<member>` list as written (undefined for a container) */
  values?: string[];
  /** line of the leaf's value (the set line that last set it, or the element's line) */
  valueLine?: number;
  /** the leaf as the device printed it, for `Setting.raw` (secrets already replaced) */
  raw?: string;
}

export function node(name: string, line: number): PNode {
  return { name, line, children: [] };
}

export function child(n: PNode | undefined, name: string): PNode | undefined {
  if (!n) return undefined;
  const c = n.children.find((x) => x.name === name);
  if (c) return c;
  // set form: `peer-address dynamic` — the word is the node's value
  if (n.values?.includes(name)) return { name, line: n.valueLine ?? n.line, children: [] };
  return undefined;
}

/** Walk element names separated by `/` (`protocol/ikev1/dpd/enable`). */
export function at(n: PNode | undefined, path: string): PNode | undefined {
  let cur = n;
  for (const part of path.split('/')) cur = child(cur, part);
  return cur;
}

export function has(n: PNode | undefined, path: string): boolean {
  return at(n, path) !== undefined;
}

/** Entry names under a list node: XML `<entry name>` children, or set-form values. */
export function names(n: PNode | undefined): string[] {
  if (!n) return [];
  const out = n.children.map((c) => c.name);
  for (const v of n.values ?? []) if (!out.includes(v)) out.push(v);
  return out;
}

/** The single value of a leaf (`<version>ikev2</version>`, `version ikev2`); undefined when absent. */
export function text(n: PNode | undefined, path?: string): string | undefined {
  const leaf = path === undefined ? n : at(n, path);
  return leaf?.values?.[0];
}

/** The values of a leaf list (`<member>` elements or `[ a b ]`); [] when absent. */
export function list(n: PNode | undefined, path?: string): string[] {
  const leaf = path === undefined ? n : at(n, path);
  return leaf?.values ?? [];
}

/** The line of a leaf's value, else of the node. */
export function lineOf(n: PNode): number {
  return n.valueLine ?? n.line;
}
