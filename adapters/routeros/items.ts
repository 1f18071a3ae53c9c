/**
 * Replaying an export's commands into the entries of each menu, the way RouterOS itself does:
 * `add` creates an entry, `set [ find … ]` / `set <name>` / `set 0` edits entries, `remove`
 * deletes them, `disable`/`enable` flip `disabled`. Menus with a built-in entry (the `default`
 * IPsec profile, proposal, policy group, the policy template `*0`) get it on first touch: an
 * export prints only what differs from the defaults, so an untouched built-in has no line at all.
 */
import type { Arg, Command, Target } from './tokenize.js';

export interface Item {
  menu: string;
  /** the built-in entry (`default=yes`) rather than one added by the user */
  builtIn: boolean;
  /** where it was added, or first edited for a built-in; undefined for an untouched built-in */
  line?: number;
  /** the latest value of each key */
  args: Map<string, Arg>;
}

export interface EditProblem {
  line: number;
  message: string;
}

/** Menus whose first entry is built in and cannot be removed. */
const BUILT_IN_MENUS = new Set([
  'ip ipsec profile',
  'ip ipsec peer profile',
  'ip ipsec proposal',
  'ip ipsec policy',
  'ip ipsec policy group',
  'ip ipsec mode-config',
]);

/** Entries per menu, in print order (the built-in first, as `print` numbers them). */
export interface Items {
  menus: Map<string, Item[]>;
  problems: EditProblem[];
  /**
   * Set once the replay is done (entries no longer change): each menu's entries by name, first
   * wins, so that looking up a name per peer is not a scan of every entry (quadratic in peers).
   */
  names?: Map<string, Map<string, Item>>;
}

export function hasBuiltIn(menu: string): boolean {
  return BUILT_IN_MENUS.has(menu);
}

function entriesOf(items: Items, menu: string): Item[] {
  let list = items.menus.get(menu);
  if (!list) {
    list = hasBuiltIn(menu) ? [{ menu, builtIn: true, args: new Map() }] : [];
    items.menus.set(menu, list);
  }
  return list;
}

/** The built-in entry of a menu (untouched unless the export edits it). */
export function builtInOf(items: Items, menu: string): Item | undefined {
  return entriesOf(items, menu).find((i) => i.builtIn);
}

/** The entry a name refers to (`profile=x`, `proposal=x`, `peer=x`), `default` meaning the built-in. */
export function byName(items: Items, menu: string, name: string): Item | undefined {
  const list = entriesOf(items, menu);
  const named = items.names ? namesOf(items.names, menu, list).get(name) : list.find((i) => i.args.get('name')?.value === name);
  if (named) return named;
  return name === 'default' ? list.find((i) => i.builtIn) : undefined;
}

function namesOf(names: Map<string, Map<string, Item>>, menu: string, list: Item[]): Map<string, Item> {
  let index = names.get(menu);
  if (!index) {
    index = new Map();
    for (const i of list) {
      const n = i.args.get('name')?.value;
      if (n !== undefined && !index.has(n)) index.set(n, i);
    }
    names.set(menu, index);
  }
  return index;
}

function matchesFilter(item: Item, f: Arg, items?: Items): boolean {
  const value = items ? substitute(items, f.value) : f.value;
  if (f.key === 'default') return item.builtIn === (value === 'yes' || value === 'true');
  if (f.key === 'name' && item.builtIn && value === 'default' && !item.args.has('name')) return true;
  return (item.args.get(f.key)?.value ?? '') === value;
}

/**
 * The one scripting substitution an export or a fix uses in a filter:
 * `[ /ip ipsec peer get [ find name=x ] profile ]` — the property of the entry found, as RouterOS
 * would evaluate it when the line is pasted. Anything else is compared as written.
 */
function substitute(items: Items, value: string): string {
  const m = /^\[\s*\/?([a-z0-9/ -]+?)\s+get\s+\[\s*find\s+([^\]]*)\]\s+([a-z0-9-]+)\s*\]$/.exec(value.trim());
  if (!m) return value;
  const menu = m[1].replace(/\//g, ' ').trim();
  const filters = m[2]
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '' && t !== 'where')
    .map((t) => {
      const eq = t.indexOf('=');
      const v = t.slice(eq + 1).replace(/^"(.*)"$/, '$1');
      return { key: t.slice(0, eq), value: v, raw: t, line: 0 };
    });
  if (filters.some((f) => f.key === '')) return value;
  const found = entriesOf(items, menu).find((i) => filters.every((f) => matchesFilter(i, f)));
  if (!found) return value;
  const prop = m[3];
  if (prop === 'name' && found.builtIn && !found.args.has('name')) return 'default';
  return found.args.get(prop)?.value ?? (prop === 'profile' || prop === 'proposal' ? 'default' : value);
}

/** The entries a `set`/`remove` target selects. */
function select(items: Items, menu: string, target: Target): Item[] {
  const list = entriesOf(items, menu);
  if (target.kind === 'find') return list.filter((i) => target.filters.every((f) => matchesFilter(i, f, items)));
  const ref = target.ref.replace(/^\*/, '');
  if (/^\d+$/.test(ref)) {
    // `set 0` is the print number; `*0` the internal id of the built-in (both 0 here)
    const n = Number(ref);
    return list[n] ? [list[n]] : [];
  }
  const named = byName(items, menu, target.ref);
  return named ? [named] : [];
}

function assign(item: Item, args: Arg[]): void {
  for (const a of args) item.args.set(a.key, a);
}

/** Replay the commands of the menus we care about. */
export function replay(commands: Command[], wanted: (menu: string) => boolean): Items {
  const items: Items = { menus: new Map(), problems: [] };
  for (const c of commands) {
    if (!wanted(c.menu)) continue;
    if (c.verb === 'add') {
      const item: Item = { menu: c.menu, builtIn: false, line: c.line, args: new Map() };
      assign(item, c.args);
      entriesOf(items, c.menu).push(item);
      continue;
    }
    if (!['set', 'remove', 'enable', 'disable', 'unset'].includes(c.verb)) continue;
    // a menu without entries (`/system identity set name=x`): the menu itself is the one entry
    const target: Target | undefined = c.target;
    if (!target) {
      const list = entriesOf(items, c.menu);
      if (list.length === 0) list.push({ menu: c.menu, builtIn: true, args: new Map() });
      const single = list[0];
      single.line ??= c.line;
      if (c.verb === 'set') assign(single, c.args);
      continue;
    }
    const chosen = select(items, c.menu, target);
    if (chosen.length === 0) {
      const what = target.kind === 'ref' ? `"${target.ref}"` : `[ find ${target.filters.map((f) => f.raw).join(' ')} ]`;
      items.problems.push({ line: c.line, message: `/${c.menu} ${c.verb} ${what}: no such entry above this line; the command is ignored` });
      continue;
    }
    for (const item of chosen) {
      item.line ??= c.line;
      if (c.verb === 'set') assign(item, c.args);
      else if (c.verb === 'unset') for (const a of c.args) item.args.delete(a.value);
      else if (c.verb === 'disable' || c.verb === 'enable') {
        item.args.set('disabled', { key: 'disabled', value: c.verb === 'disable' ? 'yes' : 'no', raw: c.verb, line: c.line });
      } else if (c.verb === 'remove' && !item.builtIn) {
        const list = entriesOf(items, c.menu);
        list.splice(list.indexOf(item), 1);
      }
    }
  }
  items.names = new Map();
  return items;
}

/** The entries of a menu in print order (built-in first, when the menu has one). */
export function entries(items: Items, menu: string): Item[] {
  return entriesOf(items, menu);
}
