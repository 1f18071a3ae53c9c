/**
 * Address objects, object groups and access lists, resolved into selector CIDRs.
 *
 * Both platforms write a crypto ACL as `permit PROTO SOURCE DESTINATION`: the source is the local
 * protected network, the destination the remote one. They differ in how a network is written:
 * - ASA `access-list NAME [line N] extended permit ip 10.1.0.0 255.255.0.0 …` uses netmasks and
 *   may name `object NAME` / `object-group NAME` (groups nest through `group-object`);
 * - IOS `access-list 101 permit ip 10.1.0.0 0.0.255.255 …` and `ip access-list extended NAME`
 *   use wildcard masks (`0.0.0.0` is a host), and IOS object-groups list `host`/`A MASK`/`range`.
 * The `extended` keyword after the name only exists in ASA syntax, which is how we know which
 * mask we are reading without being told the platform.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { canonicalCidr, maskToPrefix, rangeToCidrs } from '../../src/model/net.js';
import type { Block } from './blocks.js';
import { type CiscoLine, firstKey, splitWords } from './lines.js';

export type AddrSpec =
  | { kind: 'cidrs'; cidrs: string[] }
  | { kind: 'object'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'interface'; name: string }
  | { kind: 'unreadable'; text: string };

export interface Ace {
  line: CiscoLine;
  /** IOS sequence number (written, or implied: 10, 20, … in order) */
  seq?: number;
  action: 'permit' | 'deny';
  /** IP protocol number, 0 = any */
  protocol: number;
  src: AddrSpec;
  dst: AddrSpec;
  /** the entry narrows by port or service */
  ports: boolean;
  /** the source / destination ports as ranges, when written as `eq|range|gt|lt|neq` with numbers or known names */
  srcPorts?: Ports;
  dstPorts?: Ports;
  inactive: boolean;
}

export interface Acl {
  name: string;
  at: CiscoLine;
  aces: Ace[];
}

type Member = { line: CiscoLine } & (
  | { kind: 'cidrs'; cidrs: string[] }
  | { kind: 'object'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'unreadable'; text: string }
);

export interface NetSet {
  name: string;
  at: CiscoLine;
  members: Member[];
}

export interface AddressBook {
  objects: ReadonlyMap<string, NetSet>;
  groups: ReadonlyMap<string, NetSet>;
  /** service/protocol object-groups: a name here after an address is a port spec, not an address */
  serviceGroups: Set<string>;
  acls: ReadonlyMap<string, Acl>;
}

const PROTOCOLS: Record<string, number> = {
  ip: 0,
  ipv6: 0,
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  ahp: 51,
  icmp6: 58,
  eigrp: 88,
  ospf: 89,
  pim: 103,
  sctp: 132,
};
const PORT_OPS = new Set(['eq', 'neq', 'lt', 'gt', 'range']);

/** Inclusive port ranges; `readable: false` when a port is a name this table lacks or a service object-group. */
export interface Ports {
  ranges: Array<{ from: number; to: number }>;
  readable: boolean;
}

/**
 * Port names both platforms print instead of numbers (`eq isakmp`, `eq domain`, `eq www`): the
 * ones an IPsec crypto ACL plausibly narrows to. Anything else is kept as unreadable.
 */
const PORT_NAMES: Record<string, number> = {
  bgp: 179,
  bootpc: 68,
  bootps: 67,
  domain: 53,
  ftp: 21,
  'ftp-data': 20,
  http: 80,
  https: 443,
  isakmp: 500,
  ldap: 389,
  ldaps: 636,
  'non500-isakmp': 4500,
  ntp: 123,
  radius: 1645,
  'radius-acct': 1646,
  rdp: 3389,
  sip: 5060,
  smtp: 25,
  snmp: 161,
  snmptrap: 162,
  sqlnet: 1521,
  ssh: 22,
  syslog: 514,
  tacacs: 49,
  telnet: 23,
  tftp: 69,
  www: 80,
};

function portNumber(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n <= 65535 ? n : undefined;
  }
  return PORT_NAMES[word];
}

/** `eq 53` / `range 1000 2000` / `gt 1023` / `lt 1024` / `neq 80` at word i → ranges. */
function readPorts(keys: string[], i: number): Ports {
  const op = keys[i];
  const a = portNumber(keys[i + 1]);
  if (op === 'range') {
    const b = portNumber(keys[i + 2]);
    return a === undefined || b === undefined ? { ranges: [], readable: false } : { ranges: [{ from: a, to: b }], readable: true };
  }
  if (a === undefined) return { ranges: [], readable: false };
  if (op === 'eq') return { ranges: [{ from: a, to: a }], readable: true };
  if (op === 'gt') return { ranges: a < 65535 ? [{ from: a + 1, to: 65535 }] : [], readable: true };
  if (op === 'lt') return { ranges: a > 0 ? [{ from: 0, to: a - 1 }] : [], readable: true };
  // neq: everything but one port
  return {
    ranges: [...(a > 0 ? [{ from: 0, to: a - 1 }] : []), ...(a < 65535 ? [{ from: a + 1, to: 65535 }] : [])],
    readable: true,
  };
}
const TRAILERS = new Set(['log', 'time-range', 'inactive', 'established', 'echo', 'echo-reply', 'fragments', 'precedence', 'tos', 'dscp']);

/** `10.0.0.0 255.0.0.0` (netmask) or `10.0.0.0 0.255.255.255` (wildcard) → CIDR, or undefined. */
function cidrFromMask(address: string, mask: string, wildcard: boolean): string | undefined {
  const prefix = maskToPrefix(mask, wildcard);
  return prefix === undefined ? undefined : canonicalCidr(address, prefix);
}

/**
 * Read one address at `i` in an ACE: any/any4/any6, host A, A MASK, v6 prefix, object NAME,
 * object-group NAME, interface IF. Returns the spec and the index after it.
 */
function readAddress(tokens: string[], keys: string[], i: number, wildcard: boolean): { spec: AddrSpec; next: number } {
  const k = keys[i];
  const t = tokens[i];
  if (k === undefined) return { spec: { kind: 'unreadable', text: '(nothing)' }, next: i };
  if (k === 'any' || k === 'any4') return { spec: { kind: 'cidrs', cidrs: ['0.0.0.0/0'] }, next: i + 1 };
  if (k === 'any6') return { spec: { kind: 'cidrs', cidrs: ['::/0'] }, next: i + 1 };
  if (k === 'host') {
    const c = tokens[i + 1] !== undefined ? canonicalCidr(tokens[i + 1]) : undefined;
    return { spec: c ? { kind: 'cidrs', cidrs: [c] } : { kind: 'unreadable', text: `host ${tokens[i + 1] ?? ''}`.trim() }, next: i + 2 };
  }
  if (k === 'object') return { spec: { kind: 'object', name: tokens[i + 1] ?? '' }, next: i + 2 };
  if (k === 'object-group') return { spec: { kind: 'group', name: tokens[i + 1] ?? '' }, next: i + 2 };
  if (k === 'interface') return { spec: { kind: 'interface', name: tokens[i + 1] ?? '' }, next: i + 2 };
  if (t.includes('/') && isIPv6(t.split('/')[0])) {
    const c = canonicalCidr(t);
    return { spec: c ? { kind: 'cidrs', cidrs: [c] } : { kind: 'unreadable', text: t }, next: i + 1 };
  }
  if (isIPv4(t)) {
    const mask = tokens[i + 1];
    if (mask !== undefined && isIPv4(mask)) {
      const c = cidrFromMask(t, mask, wildcard);
      return { spec: c ? { kind: 'cidrs', cidrs: [c] } : { kind: 'unreadable', text: `${t} ${mask}` }, next: i + 2 };
    }
    return { spec: { kind: 'cidrs', cidrs: [canonicalCidr(t)!] }, next: i + 1 };
  }
  return { spec: { kind: 'unreadable', text: t }, next: i + 1 };
}

/** Read the port spec after an address, if any. */
function skipPorts(keys: string[], i: number, book: Pick<AddressBook, 'serviceGroups'>): { next: number; ports: boolean; spec?: Ports } {
  const k = keys[i];
  if (k === undefined) return { next: i, ports: false };
  if (k === 'range') return { next: i + 3, ports: true, spec: readPorts(keys, i) };
  if (PORT_OPS.has(k)) return { next: i + 2, ports: true, spec: readPorts(keys, i) };
  if (k === 'object-group' && book.serviceGroups.has(keys[i + 1] ?? '')) return { next: i + 2, ports: true, spec: { ranges: [], readable: false } };
  return { next: i, ports: false };
}

/**
 * Parse the part of an ACE after the ACL name (and after `extended` on the ASA):
 * `permit ip SRC DST`, `deny tcp SRC eq 22 DST`, with an optional IOS sequence number in front.
 */
export function parseAce(line: CiscoLine, from: number, wildcard: boolean, book: Pick<AddressBook, 'serviceGroups'>): Ace | undefined {
  const tokens = line.words;
  const keys = line.keys;
  let i = from;
  if (/^\d+$/.test(keys[i] ?? '') && (keys[i + 1] === 'permit' || keys[i + 1] === 'deny')) i++;
  const action = keys[i];
  if (action !== 'permit' && action !== 'deny') return undefined;
  i++;
  let protocol = 0;
  let ports = false;
  const p = keys[i];
  if (p === 'object-group' || p === 'object') {
    // a service/protocol group or object in the protocol position (ASA)
    ports = true;
    i += 2;
  } else if (p !== undefined && /^\d+$/.test(p)) {
    protocol = Number(p);
    i++;
  } else if (p !== undefined && PROTOCOLS[p] !== undefined) {
    protocol = PROTOCOLS[p];
    i++;
  } else {
    return undefined;
  }
  const src = readAddress(tokens, keys, i, wildcard);
  const sp = skipPorts(keys, src.next, book);
  const dst = readAddress(tokens, keys, sp.next, wildcard);
  const dp = skipPorts(keys, dst.next, book);
  let rest = dp.next;
  let inactive = false;
  let extra = false;
  for (; rest < keys.length; rest++) {
    if (keys[rest] === 'inactive') inactive = true;
    else if (!TRAILERS.has(keys[rest]) && !/^\d+$/.test(keys[rest])) extra = true;
  }
  const ace: Ace = { line, action, protocol, src: src.spec, dst: dst.spec, ports: ports || sp.ports || dp.ports || extra, inactive };
  if (sp.spec) ace.srcPorts = sp.spec;
  if (dp.spec) ace.dstPorts = dp.spec;
  return ace;
}

function memberOf(line: CiscoLine, group: boolean): Member | undefined {
  const k = line.keys;
  const w = line.words;
  // ASA object network
  if (!group) {
    if (k[0] === 'host' && w[1]) return { line, ...cidrsOr(canonicalCidr(w[1]), line.text) };
    if (k[0] === 'subnet' && w[1]) {
      const c = w[2] !== undefined ? cidrFromMask(w[1], w[2], false) : canonicalCidr(w[1]);
      return { line, ...cidrsOr(c, line.text) };
    }
    if (k[0] === 'range' && w[1] && w[2]) {
      const r = rangeToCidrs(w[1], w[2]);
      return r ? { line, kind: 'cidrs', cidrs: r } : { line, kind: 'unreadable', text: line.text };
    }
    if (k[0] === 'fqdn') return { line, kind: 'unreadable', text: line.text };
    return undefined;
  }
  // object-group network (ASA network-object / group-object; IOS host / A MASK / range / group-object)
  let i = 0;
  if (k[0] === 'network-object') i = 1;
  else if (k[0] === 'group-object') return { line, kind: 'group', name: w[1] ?? '' };
  else if (k[0] === 'description') return undefined;
  const head = k[i];
  if (head === 'object') return { line, kind: 'object', name: w[i + 1] ?? '' };
  if (head === 'host' && w[i + 1]) return { line, ...cidrsOr(canonicalCidr(w[i + 1]), line.text) };
  if (head === 'range' && w[i + 1] && w[i + 2]) {
    const r = rangeToCidrs(w[i + 1], w[i + 2]);
    return r ? { line, kind: 'cidrs', cidrs: r } : { line, kind: 'unreadable', text: line.text };
  }
  const addr = w[i];
  if (addr !== undefined && (isIPv4(addr) || addr.includes(':'))) {
    const mask = w[i + 1];
    const c = mask !== undefined && isIPv4(mask) ? cidrFromMask(addr, mask, false) : canonicalCidr(addr);
    return { line, ...cidrsOr(c, line.text) };
  }
  return i === 1 ? { line, kind: 'unreadable', text: line.text } : undefined;
}

function cidrsOr(c: string | undefined, text: string): { kind: 'cidrs'; cidrs: string[] } | { kind: 'unreadable'; text: string } {
  return c ? { kind: 'cidrs', cidrs: [c] } : { kind: 'unreadable', text };
}

/** What one block of a file does to the address book (the first test that holds, in this order). */
type BookOp =
  | { kind: 'object'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'ace'; name: string }
  | { kind: 'named-acl'; name: string }
  | { kind: 'remove'; name?: string }
  | undefined;

/**
 * The blocks an address book is read from. A scanned file (scan.ts) keeps a hub's ACL entries,
 * objects and object-groups as runs of text (consecutive lines, and for ACL entries one name per
 * run), read into blocks only when the book asks for that name (or, for objects, for any object).
 * Any other block the book reads is in `blocks`. Blocks from both are merged by line number.
 */
export interface BookSource {
  /** blocks read as they are (ACL, object and removal heads the scanner made lines of), in file order */
  blocks: Block[];
  /** runs of `access-list NAME …` lines by NAME, in file order */
  aclRuns: ReadonlyMap<string, readonly Run[]>;
  objectRuns: readonly Run[];
  groupRuns: readonly Run[];
  /** a run's blocks, in file order */
  blocksOf(run: Run): Block[];
}

/** Consecutive lines of a text, and the number of the first: what the scanner keeps instead of lines. */
export interface Run {
  start: number;
  end: number;
  n: number;
}

/** A list of blocks as a BookSource. */
export function blockSource(blocks: Block[]): BookSource {
  return { blocks, aclRuns: new Map(), objectRuns: [], groupRuns: [], blocksOf: () => [] };
}

function opOf(b: Block): BookOp {
  const first = firstKey(b.head);
  if (first === 'object' || first === 'object-group') {
    const w = wordsUpTo(b.head, 3);
    if (w[1]?.toLowerCase() === 'network' && w[2]) return { kind: first === 'object' ? 'object' : 'group', name: w[2] };
    return undefined;
  }
  if (first === 'access-list') {
    const name = wordsUpTo(b.head, 2)[1];
    return name ? { kind: 'ace', name } : undefined;
  }
  if (first === 'ip' || first === 'ipv6') {
    const w = wordsUpTo(b.head, 4);
    if (w[1]?.toLowerCase() !== 'access-list') return undefined;
    // `ip access-list extended NAME` / `ipv6 access-list NAME`
    const name = first === 'ipv6' ? w[2] : w[3];
    return name ? { kind: 'named-acl', name } : undefined;
  }
  if (first === 'no' || first === 'clear') return { kind: 'remove', name: removedName(b.head) };
  return undefined;
}

/**
 * The first `n` words of a line (fewer if it has fewer), without splitting all of it: an ACL
 * entry is indexed by its name. The text is trimmed and not empty, so these are `words` cut short.
 */
function wordsUpTo(line: CiscoLine, n: number): string[] {
  return splitWords(line.text, n);
}

/** The ACL a `no …` / `clear …` line takes away (undefined: none, or every one for `clear configure access-list`). */
function removedName(line: CiscoLine): string | undefined {
  const k = line.keys;
  const w = line.words;
  if (k[0] === 'clear' && k[1] === 'configure' && k[2] === 'access-list') return w[3];
  if (k[0] !== 'no') return undefined;
  if ((k[1] === 'ip' || k[1] === 'ipv6') && k[2] === 'access-list') return k[1] === 'ipv6' ? w[3] : w[4];
  if (k[1] === 'access-list' && w[2]) return w[2];
  return undefined;
}

/** Does a `no …` / `clear …` line take away every ACL? */
function clearsAll(line: CiscoLine): boolean {
  const k = line.keys;
  return k[0] === 'clear' && k[1] === 'configure' && k[2] === 'access-list' && !line.words[3];
}

/** The book as it is built (replaying blocks in file order). */
interface Building {
  objects: Map<string, NetSet>;
  groups: Map<string, NetSet>;
  serviceGroups: Set<string>;
  acls: Map<string, Acl>;
}

/** Apply one block to the book, as the device does in file order. */
function apply(book: Building, b: Block, op: BookOp): void {
  if (op === undefined) return;
  if (op.kind === 'object' || op.kind === 'group') {
    // `object network X` appears twice in ASA configs (definition, then its auto-NAT): merge
    const sets = op.kind === 'object' ? book.objects : book.groups;
    const set = sets.get(op.name) ?? { name: op.name, at: b.head, members: [] };
    for (const c of b.children) {
      const m = memberOf(c, op.kind === 'group');
      if (m) set.members.push(m);
    }
    sets.set(op.name, set);
  } else if (op.kind === 'ace') {
    addAsaOrNumberedAce(book, b.head);
  } else if (op.kind === 'named-acl') {
    const acl = book.acls.get(op.name) ?? { name: op.name, at: b.head, aces: [] };
    for (const c of b.children) {
      if (c.keys[0] === 'no') removeNamedAce(acl, c, book);
      else {
        const ace = parseAce(c, 0, true, book);
        if (ace) {
          ace.seq = /^\d+$/.test(c.keys[0]) ? Number(c.keys[0]) : (acl.aces.at(-1)?.seq ?? 0) + 10;
          acl.aces.push(ace);
          acl.aces.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
        }
      }
    }
    book.acls.set(op.name, acl);
  } else {
    removeAcl(book, b.head);
  }
}

/**
 * A name → value table read on demand: `get`/`has` replay only the blocks that concern that name
 * (a hub's thousands of ACL entries and objects are not parsed for the few a crypto map uses);
 * anything that lists the table replays the whole file once, in order.
 */
class OnDemand<V> implements ReadonlyMap<string, V> {
  private readonly known = new Map<string, V | undefined>();
  private everything: Map<string, V> | undefined;
  constructor(
    private readonly one: (name: string) => V | undefined,
    private readonly all: () => Map<string, V>,
  ) {}
  get(name: string): V | undefined {
    if (this.everything) return this.everything.get(name);
    if (!this.known.has(name)) this.known.set(name, this.one(name));
    return this.known.get(name);
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  private full(): Map<string, V> {
    this.everything ??= this.all();
    return this.everything;
  }
  get size(): number {
    return this.full().size;
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.full()) fn(v, k, this);
  }
  keys(): MapIterator<string> {
    return this.full().keys();
  }
  values(): MapIterator<V> {
    return this.full().values();
  }
  entries(): MapIterator<[string, V]> {
    return this.full().entries();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.full()[Symbol.iterator]();
  }
}

/** The address book of a list of blocks (see addressBookOf). */
export function collectAddressBook(blocks: Block[]): AddressBook {
  return addressBookOf(blockSource(blocks));
}

/**
 * Objects, object-groups and ACLs of the blocks of one file. Each is read when first asked for
 * (OnDemand): an ACL's state depends only on the blocks naming it and on `clear configure
 * access-list` without a name, an object's or group's only on its own blocks, all in file order.
 * What is kept per block is its position (a number), not the block.
 */
export function addressBookOf(src: BookSource): AddressBook {
  /** the blocks read as they are, by what they do */
  const own = lazy(() => {
    const acls = new Map<string, Block[]>();
    const objects = new Map<string, Block[]>();
    const groups = new Map<string, Block[]>();
    const clearAll: Block[] = [];
    for (const b of src.blocks) {
      const op = opOf(b);
      if (op === undefined) continue;
      if (op.kind === 'remove') {
        if (clearsAll(b.head)) clearAll.push(b);
        else if (op.name !== undefined) push(acls, op.name, b);
      } else push(op.kind === 'object' ? objects : op.kind === 'group' ? groups : acls, op.name, b);
    }
    return { acls, objects, groups, clearAll };
  });
  // objects and groups kept as runs are read, all of them, when the first is asked for: a hub's
  // thousands of objects are not read at all when no ACL a crypto map names uses one
  const runIndex = (runs: readonly Run[], blocks: Map<string, Block[]>) => {
    const out = new Map<string, Block[]>();
    for (const [name, list] of blocks) out.set(name, [...list]);
    for (const run of runs)
      for (const b of src.blocksOf(run)) {
        const op = opOf(b);
        if (op?.kind === 'object' || op?.kind === 'group') push(out, op.name, b);
      }
    return out;
  };
  const objectBlocks = lazy(() => runIndex(src.objectRuns, own().objects));
  const groupBlocks = lazy(() => runIndex(src.groupRuns, own().groups));
  const serviceGroups = lazy(() => {
    const out = new Set<string>();
    const heads = [...src.blocks.map((b) => b.head), ...src.groupRuns.flatMap((r) => src.blocksOf(r).map((b) => b.head))];
    for (const h of heads) {
      if (firstKey(h) !== 'object-group') continue;
      const w = wordsUpTo(h, 3);
      if (w[1]?.toLowerCase() !== 'network' && w[2]) out.add(w[2].toLowerCase());
    }
    return out;
  });
  const fresh = (): Building => new Replay(serviceGroups);
  /** blocks from anywhere, applied in file order */
  const replay = (blocks: Block[]) => {
    const book = fresh();
    for (const b of [...blocks].sort((x, y) => x.head.n - y.head.n)) apply(book, b, opOf(b));
    return book;
  };
  /** every block: what a reader listing a table sees */
  const whole = lazy(() => {
    const runs = [...[...src.aclRuns.values()].flat(), ...src.objectRuns, ...src.groupRuns];
    return replay([...src.blocks.filter((b) => opOf(b) !== undefined), ...runs.flatMap((r) => src.blocksOf(r))]);
  });
  // an ACL's blocks: its runs, its own blocks and the global clears
  const aclBlocks = (name: string) => [...(src.aclRuns.get(name) ?? []).flatMap((r) => src.blocksOf(r)), ...(own().acls.get(name) ?? []), ...own().clearAll];
  return new LazyBook(
    new OnDemand(
      (name) => replay(objectBlocks().get(name) ?? []).objects.get(name),
      () => whole().objects,
    ),
    new OnDemand(
      (name) => replay(groupBlocks().get(name) ?? []).groups.get(name),
      () => whole().groups,
    ),
    serviceGroups,
    new OnDemand(
      (name) => replay(aclBlocks(name)).acls.get(name),
      () => whole().acls,
    ),
  );
}

/**
 * The book, its service groups made when first read. (A getter written in an object literal is
 * a property of that object's own hidden class: V8 made a class per book, kept in old space,
 * which held the closures — and through them the whole scan — past every young collection.)
 */
class LazyBook implements AddressBook {
  constructor(
    readonly objects: ReadonlyMap<string, NetSet>,
    readonly groups: ReadonlyMap<string, NetSet>,
    private readonly services: () => Set<string>,
    readonly acls: ReadonlyMap<string, Acl>,
  ) {}
  get serviceGroups(): Set<string> {
    return this.services();
  }
}

/** The book as one replay builds it (see LazyBook for why the getter is on a class). */
class Replay implements Building {
  readonly objects = new Map<string, NetSet>();
  readonly groups = new Map<string, NetSet>();
  readonly acls = new Map<string, Acl>();
  constructor(private readonly services: () => Set<string>) {}
  get serviceGroups(): Set<string> {
    return this.services();
  }
}

/** A value made on first use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** Add v to k's list (made when missing), and return that list. */
function push<T>(m: Map<string, T[]>, k: string, v: T): T[] {
  const list = m.get(k);
  if (list) {
    list.push(v);
    return list;
  }
  const made = [v];
  m.set(k, made);
  return made;
}

/** The words of an ACE after its ACL name, without `line N`: how two spellings of one entry compare. */
function aceText(words: string[], from: number): string {
  const rest = words.slice(from).map((x) => x.toLowerCase());
  if (rest[0] === 'line' && /^\d+$/.test(rest[1] ?? '')) rest.splice(0, 2);
  return rest.join(' ');
}

/**
 * Later lines that take entries away, as the device applies them in order (a fix appended to a
 * configuration uses them): ASA `clear configure access-list NAME` and `no access-list NAME
 * [line N] extended …` (that entry); IOS `no access-list 101 …` (the whole numbered list) and
 * `no ip access-list extended NAME`.
 */
function removeAcl(book: Building, line: CiscoLine): void {
  const k = line.keys;
  const w = line.words;
  if (k[0] === 'clear' && k[1] === 'configure' && k[2] === 'access-list') {
    if (w[3]) book.acls.delete(w[3]);
    else book.acls.clear();
    return;
  }
  if (k[0] !== 'no') return;
  if ((k[1] === 'ip' || k[1] === 'ipv6') && k[2] === 'access-list') {
    const name = k[1] === 'ipv6' ? w[3] : w[4];
    if (name) book.acls.delete(name);
    return;
  }
  if (k[1] !== 'access-list' || !w[2]) return;
  const acl = book.acls.get(w[2]);
  if (!acl) return;
  const rest = aceText(w, 3);
  if (!rest.startsWith('extended ')) {
    book.acls.delete(w[2]); // IOS: `no access-list 101 …` removes the whole numbered list
    return;
  }
  acl.aces = acl.aces.filter((a) => aceText(a.line.words, 2) !== rest);
}

/** ` no 20` or ` no permit ip …` inside `ip access-list extended NAME`. */
function removeNamedAce(acl: Acl, line: CiscoLine, _book: Building): void {
  const k = line.keys;
  if (/^\d+$/.test(k[1] ?? '') && k.length === 2) {
    acl.aces = acl.aces.filter((a) => a.seq !== Number(k[1]));
    return;
  }
  const rest = k.slice(1).join(' ');
  acl.aces = acl.aces.filter((a) => a.line.keys.join(' ').replace(/^\d+ /, '') !== rest.replace(/^\d+ /, ''));
}

function addAsaOrNumberedAce(book: Building, line: CiscoLine): void {
  const name = line.words[1];
  const k = line.keys;
  let i = 2;
  if (k[i] === 'line' && /^\d+$/.test(k[i + 1] ?? '')) i += 2;
  let wildcard = true;
  if (k[i] === 'extended') {
    wildcard = false;
    i++;
  } else if (k[i] === 'remark' || k[i] === 'standard' || k[i] === 'webtype' || k[i] === 'ethertype') {
    return;
  }
  const acl = book.acls.get(name) ?? { name, at: line, aces: [] };
  const ace = parseAce(line, i, wildcard, book);
  if (ace) acl.aces.push(ace);
  book.acls.set(name, acl);
}

export interface Resolved {
  cidrs: string[];
  /** names referenced but not defined, with the line that referenced them (a group member line when nested) */
  missing: Array<{ what: string; line: CiscoLine }>;
  unreadable: Array<{ text: string; line: CiscoLine }>;
}

/** Addresses of an AddrSpec, following objects and nested groups (cycles stop). */
export function resolveAddress(spec: AddrSpec, line: CiscoLine, book: AddressBook, interfaceAddress: (name: string) => string | undefined): Resolved {
  const out: Resolved = { cidrs: [], missing: [], unreadable: [] };
  const seen = new Set<string>();
  const walk = (s: AddrSpec | Member, at: CiscoLine): void => {
    switch (s.kind) {
      case 'cidrs':
        for (const c of s.cidrs) if (!out.cidrs.includes(c)) out.cidrs.push(c);
        return;
      case 'unreadable':
        out.unreadable.push({ text: s.text, line: at });
        return;
      case 'interface': {
        const ip = interfaceAddress(s.name);
        if (ip) walk({ kind: 'cidrs', cidrs: [canonicalCidr(ip)!] }, at);
        else out.missing.push({ what: `interface ${s.name}`, line: at });
        return;
      }
      case 'object':
      case 'group': {
        const key = `${s.kind}:${s.name}`;
        if (seen.has(key)) return;
        seen.add(key);
        const set = (s.kind === 'object' ? book.objects : book.groups).get(s.name);
        if (!set) {
          out.missing.push({ what: `${s.kind === 'object' ? 'object' : 'object-group'} ${s.name}`, line: at });
          return;
        }
        for (const m of set.members) walk(m, m.line);
        return;
      }
    }
  };
  walk(spec, line);
  return out;
}
