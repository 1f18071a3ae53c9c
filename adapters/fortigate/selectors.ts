/**
 * Phase 2 selectors: `src-addr-type subnet|ip|range|name` (and the `…6` forms) with their values,
 * names resolved through `config firewall address` / `addrgrp` (nested groups, per VDOM).
 * Every name that does not resolve to addresses becomes a diagnostic naming the line that
 * referenced it and the phase 2 it belongs to — never a silently empty selector.
 */
import { byDefault, explicit } from '../../src/model/setting.js';
import { canonicalCidr, rangeToCidrs } from '../../src/model/net.js';
import type { Diagnostic, Setting, SourceRef } from '../../src/model/types.js';
import { ParseError } from '../../src/model/errors.js';
import { DEFAULTS } from './defaults.js';
import type { Entry, SetLine } from './scan.js';

/** Address objects and groups of one VDOM, by name (FortiOS keeps them in one namespace). */
export interface AddressBook {
  addresses: Map<string, Entry>;
  groups: Map<string, Entry>;
}

export function addressBooks(entries: Entry[]): Map<string, AddressBook> {
  const books = new Map<string, AddressBook>();
  const book = (vdom: string) => {
    const known = books.get(vdom);
    if (known) return known;
    const fresh: AddressBook = { addresses: new Map(), groups: new Map() };
    books.set(vdom, fresh);
    return fresh;
  };
  for (const e of entries) {
    if (e.table === 'firewall address' || e.table === 'firewall address6') book(e.vdom).addresses.set(e.name, e);
    else if (e.table === 'firewall addrgrp' || e.table === 'firewall addrgrp6') book(e.vdom).groups.set(e.name, e);
  }
  return books;
}

const NONE: ReadonlyMap<string, Entry> = new Map();

/**
 * The address book of one VDOM, the books built (all) only when a name is first looked up: a
 * VDOM without address objects reads as empty maps, as an absent book does.
 */
export function lazyAddressBook(all: () => Map<string, AddressBook>, vdom: string): AddressBook {
  return {
    get addresses() {
      return (all().get(vdom)?.addresses ?? NONE) as Map<string, Entry>;
    },
    get groups() {
      return (all().get(vdom)?.groups ?? NONE) as Map<string, Entry>;
    },
  };
}

/** FortiOS factory objects a `show` of the VPN tables alone may reference without printing. */
const BUILTIN: Record<string, string[]> = { all: ['0.0.0.0/0'], all6: ['::/0'] };

/** `10.0.0.0 255.255.255.0`, `10.0.0.0/24`, `2001:db8::/32` → canonical CIDR. */
export function subnetValue(values: string[]): string | undefined {
  if (values.length === 2) return canonicalCidr(values[0], values[1]);
  if (values.length === 1) return canonicalCidr(values[0]);
  return undefined;
}

// --- resolving names ---------------------------------------------------------------------------

interface Resolution {
  cidrs: string[];
  problems: string[];
}

function addressCidrs(e: Entry, file: string): { cidrs?: string[]; problem?: string } {
  const v6 = e.table === 'firewall address6';
  const type = e.fields.get('type')?.values[0] ?? (v6 ? 'ipprefix' : 'ipmask');
  const where = `address "${e.name}" (line ${e.line})`;
  switch (type) {
    case 'ipmask':
    case 'interface-subnet':
    case 'ipprefix': {
      const f = e.fields.get(v6 ? 'ip6' : 'subnet');
      if (!f) return { cidrs: [v6 ? '::/0' : '0.0.0.0/0'] };
      const c = subnetValue(f.values);
      if (!c)
        throw new ParseError(file, f.line, `expected ${f.key} as an address and netmask (10.0.0.0 255.255.255.0) or a prefix, found '${f.values.join(' ')}'`);
      return { cidrs: [c] };
    }
    case 'iprange': {
      const s = e.fields.get('start-ip');
      const t = e.fields.get('end-ip') ?? s;
      if (!s || !t) return { problem: `${where} is a range without start-ip/end-ip` };
      const r = rangeToCidrs(s.values[0] ?? '', t.values[0] ?? '');
      if (!r) throw new ParseError(file, s.line, `expected start-ip and end-ip as an ascending address range, found '${s.values[0]}'–'${t.values[0]}'`);
      return { cidrs: r };
    }
    default:
      return { problem: `${where} is of type ${type}, which cannot be an IPsec selector` };
  }
}

function resolveName(name: string, book: AddressBook | undefined, file: string, seen: string[]): Resolution {
  const a = book?.addresses.get(name);
  if (a) {
    const r = addressCidrs(a, file);
    return { cidrs: r.cidrs ?? [], problems: r.problem ? [r.problem] : [] };
  }
  const g = book?.groups.get(name);
  if (g) {
    if (seen.includes(name)) return { cidrs: [], problems: [`address group "${name}" (line ${g.line}) contains itself`] };
    const members = g.fields.get('member');
    if (!members || members.values.length === 0) return { cidrs: [], problems: [`address group "${name}" (line ${g.line}) has no members`] };
    const out: Resolution = { cidrs: [], problems: [] };
    for (const m of members.values) {
      const defined = book?.addresses.has(m) || book?.groups.has(m) || m in BUILTIN;
      if (!defined) {
        out.problems.push(`member "${m}" of address group "${name}" (line ${members.line}) is not defined in config firewall address/addrgrp`);
        continue;
      }
      const r = resolveName(m, book, file, [...seen, name]);
      out.cidrs.push(...r.cidrs);
      out.problems.push(...r.problems);
    }
    return out;
  }
  if (name in BUILTIN) return { cidrs: BUILTIN[name], problems: [] };
  return { cidrs: [], problems: [`"${name}" is not defined in config firewall address/addrgrp`] };
}

// --- one side of a phase 2 ---------------------------------------------------------------------

type Side = 'src' | 'dst';

function at(file: string, f: SetLine): SourceRef {
  return { file, line: f.line };
}

/**
 * The address type, from `set src-addr-type` or, when a hand-written config leaves it out, from
 * the fields present (FortiOS would print the type: its default is subnet).
 */
function addrType(p2: Entry, side: Side): { type: string; line?: SetLine; guessed: boolean } {
  const f = p2.fields.get(`${side}-addr-type`);
  if (f) return { type: f.values[0] ?? '', line: f, guessed: false };
  const has = (k: string) => p2.fields.has(`${side}-${k}`);
  if (has('name')) return { type: 'name', guessed: true };
  if (has('name6')) return { type: 'name6', guessed: true };
  if (has('end-ip')) return { type: 'range', guessed: true };
  if (has('end-ip6')) return { type: 'range6', guessed: true };
  if (has('subnet6')) return { type: 'subnet6', guessed: true };
  return { type: DEFAULTS.phase2['addr-type'].value, guessed: false };
}

export function selectorSetting(p2: Entry, side: Side, book: AddressBook | undefined, file: string, diagnostics: Diagnostic[]): Setting<string[]> {
  const { type, line: typeLine, guessed } = addrType(p2, side);
  const field = (k: string) => p2.fields.get(`${side}-${k}`);
  const what = `phase2 "${p2.name}" (line ${p2.line})`;
  if (guessed) {
    diagnostics.push({ level: 'info', message: `${what} has no ${side}-addr-type; read it as ${type} from the fields present`, at: { file, line: p2.line } });
  }
  const v6 = type.endsWith('6');
  switch (type) {
    case 'subnet':
    case 'subnet6': {
      const f = field(type);
      if (!f)
        return byDefault(
          [v6 ? DEFAULTS.phase2.subnet6.value : '0.0.0.0/0'],
          `set ${side}-${type} ${v6 ? DEFAULTS.phase2.subnet6.value : DEFAULTS.phase2.subnet.value}`,
        );
      const c = subnetValue(f.values);
      if (!c)
        throw new ParseError(file, f.line, `expected ${f.key} as an address and netmask (10.0.0.0 255.255.255.0) or a prefix, found '${f.values.join(' ')}'`);
      return explicit([c], f.raw, at(file, f));
    }
    case 'ip':
    case 'ip6':
    case 'range':
    case 'range6': {
      const s = field(v6 ? 'start-ip6' : 'start-ip');
      if (!s) throw new ParseError(file, typeLine?.line ?? p2.line, `expected ${side}-start-ip${v6 ? '6' : ''} for ${side}-addr-type ${type} in ${what}`);
      const isRange = type.startsWith('range');
      const e = isRange ? field(v6 ? 'end-ip6' : 'end-ip') : undefined;
      if (isRange && !e) throw new ParseError(file, s.line, `expected ${side}-end-ip${v6 ? '6' : ''} for ${side}-addr-type ${type} in ${what}`);
      const cidrs = rangeToCidrs(s.values[0] ?? '', (e ?? s).values[0] ?? '');
      if (!cidrs)
        throw new ParseError(
          file,
          s.line,
          `expected ${isRange ? 'an ascending address range' : 'an IP address'}, found '${[s, e]
            .filter(Boolean)
            .map((x) => x!.values[0])
            .join("'–'")}'`,
        );
      return explicit(
        cidrs,
        [s, e]
          .filter(Boolean)
          .map((x) => x!.raw)
          .join('; '),
        at(file, s),
      );
    }
    case 'name':
    case 'name6': {
      const f = field(type);
      if (!f?.values[0]) throw new ParseError(file, typeLine?.line ?? p2.line, `expected ${side}-${type} for ${side}-addr-type ${type} in ${what}`);
      const r = resolveName(f.values[0], book, file, []);
      for (const problem of r.problems) {
        diagnostics.push({ level: 'warning', message: `${what}: ${side}-${type} "${f.values[0]}" (line ${f.line}): ${problem}`, at: at(file, f) });
      }
      // what did resolve is kept; what did not is in the diagnostic (an empty list only with one)
      return explicit([...new Set(r.cidrs)], f.raw, at(file, f));
    }
    default:
      throw new ParseError(file, typeLine?.line ?? p2.line, `expected ${side}-addr-type subnet|ip|range|name (or subnet6|ip6|range6|name6), found '${type}'`);
  }
}
