/**
 * Addresses and selectors. Selectors are kept as canonical CIDR strings (`10.1.0.0/24`,
 * `2001:db8::/32`, hosts as /32 or /128) so that two vendors' notations compare as strings, and
 * set relations (equal, subset, disjoint) are computed here on the numbers.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 4 | 6;
  /** network address as a bigint */
  base: bigint;
  prefix: number;
}

function v4ToBig(ip: string): bigint {
  // in Number arithmetic, one BigInt at the end: parsing ACLs and selectors calls this a lot
  const [a, b, c, d] = ip.split('.').map(Number);
  return BigInt(a * 16777216 + b * 65536 + c * 256 + d);
}

function v6ToBig(ip: string): bigint {
  let text = ip;
  // embedded IPv4 tail (::ffff:1.2.3.4)
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail) {
    const n = v4ToBig(v4tail[1]);
    text = `${text.slice(0, -v4tail[1].length) + ((n >> 16n) & 0xffffn).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const groups = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function bigToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn)).join('.');
}

function bigToV6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zeros (RFC 5952)
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** One octet as node:net's isIPv4 accepts it (no leading zero). */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** An address isIPv4 accepts, as a 32-bit number; undefined for anything else. */
export function ipv4Value(text: string): number | undefined {
  const m = DOTTED_QUAD.exec(text);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/** The prefix length of a dotted netmask, in 32-bit arithmetic: undefined unless contiguous. */
export function dottedPrefix(mask: string): number | undefined {
  const m = ipv4Value(mask);
  return m === undefined ? undefined : dottedPrefixOf(m);
}

function dottedPrefixOf(m: number): number | undefined {
  const prefix = Math.clz32(~m >>> 0);
  return m === (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0) ? prefix : undefined;
}

/**
 * `a.b.c.d` + a contiguous dotted netmask → the canonical CIDR, in 32-bit arithmetic; undefined
 * when either is anything else (then the BigInt path decides). canonicalCidr's answer for the
 * pair, without BigInt work or a cache entry per distinct pair: FortiGate phase 2 selectors,
 * Cisco ACL entries and interfaces are written this way (issue 13: 16,000 pairs cost 233 ms cold).
 */
export function dottedCidr(address: string, mask: string): string | undefined {
  const ip = ipv4Value(address);
  const prefix = ip === undefined ? undefined : dottedPrefix(mask);
  if (ip === undefined || prefix === undefined) return undefined;
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = (ip & bits) >>> 0;
  return `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`;
}

/** Dotted netmask → prefix length; undefined when not a contiguous mask. Wildcards (ACL-style) too. */
export function maskToPrefix(mask: string, wildcard = false): number | undefined {
  const m = ipv4Value(mask);
  if (m === undefined) return undefined;
  return wildcard ? dottedPrefixOf(~m >>> 0) : dottedPrefixOf(m);
}

/**
 * Parsed CIDRs by their text. Pairing and the rules compare the same selectors and gateways again
 * and again (a hub's are met once per spoke), and parsing one costs a split, two address checks
 * and BigInt arithmetic. The results are frozen: every caller shares them. Bounded, so that a long
 * audit's memory does not grow with it.
 */
const parsedCidrs = new Map<string, Readonly<Cidr> | undefined>();
const PARSED_CIDRS_MAX = 1 << 16;

export function parseCidr(text: string): Cidr | undefined {
  const known = parsedCidrs.get(text);
  if (known !== undefined || parsedCidrs.has(text)) return known;
  const c = parseCidrText(text);
  if (parsedCidrs.size >= PARSED_CIDRS_MAX) parsedCidrs.clear();
  parsedCidrs.set(text, c && Object.freeze(c));
  return c;
}

function parseCidrText(text: string): Cidr | undefined {
  const [addr, len, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const family = isIPv4(addr) ? 4 : isIPv6(addr) ? 6 : 0;
  if (family === 0) return undefined;
  const width = family === 4 ? 32 : 128;
  let prefix = width;
  if (len !== undefined) {
    if (/^\d+$/.test(len)) prefix = Number(len);
    else if (family === 4) {
      const p = maskToPrefix(len);
      if (p === undefined) return undefined;
      prefix = p;
    } else return undefined;
  }
  if (prefix > width) return undefined;
  const n = family === 4 ? v4ToBig(addr) : v6ToBig(addr);
  const hostBits = BigInt(width - prefix);
  const base = (n >> hostBits) << hostBits;
  return { family, base, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${c.family === 4 ? bigToV4(c.base) : bigToV6(c.base)}/${c.prefix}`;
}

/** `10.1.0.5 255.255.255.0` or `10.1.0.0/24` or `10.1.0.1` → canonical `10.1.0.0/24`. */
export function canonicalCidr(address: string, maskOrPrefix?: string | number): string | undefined {
  if (typeof maskOrPrefix === 'string') {
    const dotted = dottedCidr(address, maskOrPrefix);
    if (dotted !== undefined) return dotted;
  }
  const text = maskOrPrefix === undefined ? address : `${address}/${maskOrPrefix}`;
  const c = parseCidr(text);
  return c ? formatCidr(c) : undefined;
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** a ⊆ b for single CIDRs. */
export function cidrWithin(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family || a.prefix < b.prefix) return false;
  const width = a.family === 4 ? 32 : 128;
  const shift = BigInt(width - b.prefix);
  return a.base >> shift === b.base >> shift;
}

export type SetRelation = 'equal' | 'subset' | 'superset' | 'overlap' | 'disjoint';

/** Every CIDR of `inner` lies within some CIDR of `outer`. */
function coveredBy(inner: Cidr[], outer: Cidr[]): boolean {
  return inner.every((i) => outer.some((o) => cidrWithin(i, o)));
}

function intersects(a: Cidr[], b: Cidr[]): boolean {
  return a.some((x) => b.some((y) => cidrWithin(x, y) || cidrWithin(y, x)));
}

/**
 * The parsed CIDRs of a selector list, remembered by the list: pairing and the rules relate the
 * same lists of a device again and again (each phase 2 with every candidate on the other device,
 * then in several rules). A device's lists are not changed once it is parsed (deviceAddresses
 * relies on the same); a list made for one comparison goes with its entry when it is collected.
 */
const parsedLists = new WeakMap<string[], Cidr[]>();

function cidrsOf(list: string[]): Cidr[] {
  let parsed = parsedLists.get(list);
  if (parsed === undefined) {
    parsed = list.map(parseCidr).filter((c): c is Cidr => c !== undefined);
    parsedLists.set(list, parsed);
  }
  return parsed;
}

/** Relation of selector list `a` to list `b`, as address sets (approximate for unions that only jointly cover). */
export function selectorRelation(a: string[], b: string[]): SetRelation {
  const pa = cidrsOf(a);
  const pb = cidrsOf(b);
  const aInB = coveredBy(pa, pb);
  const bInA = coveredBy(pb, pa);
  if (aInB && bInA) return 'equal';
  if (aInB) return 'subset';
  if (bInA) return 'superset';
  return intersects(pa, pb) ? 'overlap' : 'disjoint';
}

/** Is `ip` inside any of the CIDRs (for "is the peer's address one of my interfaces/subnets"). */
export function addressIn(ip: string, cidrs: string[]): boolean {
  const a = parseCidr(ip);
  if (!a) return false;
  return cidrs.some((c) => {
    const p = parseCidr(c);
    return p !== undefined && cidrWithin(a, p);
  });
}

/**
 * An address range, both ends inclusive (`10.0.0.5`–`10.0.0.20`, IPv4 or IPv6), as the smallest
 * exact list of CIDRs covering it (`10.0.0.5/32, 10.0.0.6/31, 10.0.0.8/29, 10.0.0.16/30,
 * 10.0.0.20/32`). Both ends must be plain addresses of one family, the first not above the
 * second; anything else (a prefix, a name, a reversed or mixed range) is undefined, for the
 * adapter to report where it read it.
 */
export function rangeToCidrs(start: string, end: string): string[] | undefined {
  if (!isIpAddress(start.trim()) || !isIpAddress(end.trim())) return undefined;
  const a = parseCidr(start.trim());
  const b = parseCidr(end.trim());
  if (!a || !b || a.family !== b.family || a.base > b.base) return undefined;
  const width = a.family === 4 ? 32 : 128;
  const out: string[] = [];
  for (let lo = a.base; lo <= b.base; ) {
    // the largest block aligned at lo that does not pass the end
    let size = 0;
    while (size < width) {
      const mask = (1n << BigInt(size + 1)) - 1n;
      if ((lo & mask) !== 0n || lo + mask > b.base) break;
      size++;
    }
    out.push(formatCidr({ family: a.family, base: lo, prefix: width - size }));
    lo += 1n << BigInt(size);
  }
  return out;
}
