/**
 * What both strongSwan forms share: time and byte values, traffic selectors, identities, PSK
 * decoding and the secret lookup, strongSwan's defaults, and the include-path helpers.
 */
import { posix } from 'node:path';
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr, isIpAddress, rangeToCidrs } from '../../src/model/net.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Diagnostic, SourceRef } from '../../src/model/types.js';
import { parseTimeString } from '../../src/model/units.js';

// --- defaults (sources in README.md) -----------------------------------------------------------

export const DEFAULTS = {
  /** swanctl connections.<conn>.rekey_time (swanctl.opt) */
  ikeRekey: 4 * 3600,
  /** swanctl children.<child>.rekey_time (swanctl.opt) */
  childRekey: 3600,
  /** ipsec.conf ikelifetime / lifetime / margintime (ipsec.conf(5)) */
  ikelifetime: 3 * 3600,
  lifetime: 3600,
  margintime: 9 * 60,
  /** ipsec.conf dpddelay, used only when dpdaction is not none */
  dpddelay: 30,
  /** strongswan.conf charon.keep_alive (charon.opt), not in either file */
  keepAlive: 20,
} as const;

// --- values ----------------------------------------------------------------------------------

/**
 * strongSwan time: a whole number with at most one unit letter (s, m, h, d). Both vici (swanctl)
 * and starter (ipsec.conf) refuse anything else, so `1h30m` or `4x` is an input error, not a
 * value to guess: returns undefined.
 */
export function parseStrongswanTime(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+\s*[smhd]?$/i.test(t)) return undefined;
  return parseTimeString(t.replace(/\s+/g, ''));
}

export function timeOrThrow(text: string, key: string, file: string, line: number): number {
  const v = parseStrongswanTime(text);
  if (v === undefined) throw new ParseError(file, line, `expected a time for ${key} like 4h, 30m, 1d or plain seconds, found "${text.trim()}"`);
  return v;
}

/** The exact strongSwan spelling of a duration: the largest single unit that divides it. */
export function formatStrongswanTime(seconds: number): string {
  if (seconds === 0) return '0s';
  for (const [unit, per] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % per === 0) return `${seconds / per}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * Byte counts (rekey_bytes, life_bytes, lifebytes): a plain number of bytes (vici also takes
 * 0x… hex; neither takes a unit suffix — vici_parse_utils.c). Returns kilobytes, rounded down.
 */
export function bytesToKilobytesOrThrow(text: string, key: string, file: string, line: number): number {
  const t = text.trim();
  const bytes = /^\d+$/.test(t) ? Number(t) : /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t.slice(2), 16) : undefined;
  if (bytes === undefined || !Number.isSafeInteger(bytes))
    throw new ParseError(file, line, `expected a number of bytes for ${key} like 500000000, found "${t}"`);
  return Math.floor(bytes / 1024);
}

/** The booleans vici accepts (vici_parse_bool); starter takes the yes/no subset. */
export function yesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'yes' || t === 'true' || t === 'enabled' || t === '1') return true;
  if (t === 'no' || t === 'false' || t === 'disabled' || t === '0') return false;
  return undefined;
}

/** Comma-separated list, blanks dropped (both forms use it for addresses, selectors, proposals). */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// --- addresses --------------------------------------------------------------------------------

/** `%any`, `%any4`, `%any6`, `0.0.0.0`, `::` and empty: any peer. */
export function isAnyAddress(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '' || t === '%any' || t === '%any4' || t === '%any6' || t === '0.0.0.0' || t === '::';
}

/**
 * The address an end initiates to/from: the first entry that is a single address or DNS name
 * (swanctl.conf(5): "the first non-range/non-subnet is used"). undefined when there is none.
 */
export function firstConcreteAddress(list: string[]): string | undefined {
  for (const raw of list) {
    const t = raw.trim();
    // ipsec.conf magic values name no address; `%host` is a host with allowany=yes
    if (isAnyAddress(t) || /^%(defaultroute|any|dynamic|config|group|opportunistic)/i.test(t)) continue;
    const a = t.replace(/^%/, '');
    if (a.includes('/') || (a.includes('-') && a.split('-').every((x) => isIpAddress(x.trim())))) continue;
    return a;
  }
  return undefined;
}

// --- traffic selectors ------------------------------------------------------------------------

const PROTOCOLS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58, sctp: 132 };

export interface SelectorList {
  cidrs: string[];
  /** `dynamic` / `%dynamic` present: the IKE address of that end */
  dynamic: boolean;
  /** protocols named in `[proto/port]` (0 = any); empty when none was written */
  protocols: number[];
  /** a port restriction was written (not in the model) */
  ports: boolean;
}

/**
 * `10.1.0.0/16, 10.2.0.1, 10.3.0.1-10.3.0.9, dynamic[tcp/22]` → canonical CIDRs. Throws a
 * ParseError naming the entry when one is not a subnet, address, range or dynamic.
 */
export function parseSelectors(text: string, key: string, file: string, line: number): SelectorList {
  const out: SelectorList = { cidrs: [], dynamic: false, protocols: [], ports: false };
  for (const entry of commaList(text)) {
    const m = /^([^[\]]*?)\s*(?:\[([^\]]*)\])?$/.exec(entry);
    const addr = (m?.[1] ?? '').trim();
    const protoPort = m?.[2];
    if (!m) throw new ParseError(file, line, `expected a subnet, address, range or dynamic in ${key}, found "${entry}"`);
    if (protoPort !== undefined) {
      const [proto, port] = protoPort.split('/').map((s) => s.trim());
      if (proto && proto !== '%any') {
        const n = /^\d+$/.test(proto) ? Number(proto) : PROTOCOLS[proto.toLowerCase()];
        if (n === undefined || n > 255) throw new ParseError(file, line, `expected a protocol name or number in ${key}, found "${proto}" in "${entry}"`);
        if (!out.protocols.includes(n)) out.protocols.push(n);
      } else if (!out.protocols.includes(0)) out.protocols.push(0);
      if (port && port !== '%any') out.ports = true;
    } else if (!out.protocols.includes(0)) out.protocols.push(0);
    const lower = addr.toLowerCase();
    if (lower === 'dynamic' || lower === '%dynamic' || addr === '') {
      out.dynamic = true;
      continue;
    }
    if (lower === '%any' || lower === '%any4') {
      out.cidrs.push('0.0.0.0/0');
      continue;
    }
    if (lower === '%any6') {
      out.cidrs.push('::/0');
      continue;
    }
    const range = /^([^-\s]+)\s*-\s*([^-\s]+)$/.exec(addr);
    const cidrs = range ? rangeToCidrs(range[1], range[2]) : [canonicalCidr(addr)];
    if (!cidrs || cidrs.some((c) => c === undefined))
      throw new ParseError(file, line, `expected a subnet, address, range or dynamic in ${key}, found "${entry}"`);
    for (const c of cidrs as string[]) if (!out.cidrs.includes(c)) out.cidrs.push(c);
  }
  return out;
}

/** The host selector of a gateway address, or undefined when it is not a literal IP. */
export function hostSelector(address: string | undefined): string | undefined {
  return address && isIpAddress(address) ? canonicalCidr(address) : undefined;
}

// --- identities and secrets -------------------------------------------------------------------

/** Identities compare loosely: ipsec.conf `@fqdn`, quotes and case do not make a different peer. */
export function normalizeId(id: string): string {
  return id
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/^@#?/, '')
    .replace(/^(fqdn|dns|email|rfc822|userfqdn|ipv4|ipv6):/i, '')
    .toLowerCase();
}

function isWildcardId(id: string): boolean {
  const t = id.trim().toLowerCase();
  return t === '%any' || t === '%any6' || t === '*' || t === '';
}

/** A shared key as read from a secrets file: the value stays inside the adapter. */
export interface SharedKey {
  /** identities/addresses the key is bound to; empty = any */
  owners: string[];
  secret: string;
  /** the line with the secret replaced, for `raw` */
  raw: string;
  at: SourceRef;
}

/**
 * Pick the key charon would use between `local` and `remote` identities: a key naming the
 * remote scores 2, naming the local 1, a key with no owners (or %any) matches anything with 0.
 * A key that names owners, none of them ours, does not match. Ties go to the first defined.
 * (Approximates mem_cred's best-match over ID_MATCH_* in strongSwan; see README.)
 */
/**
 * A key's owners as findSharedKey compares them, worked out once per key: it is asked once per
 * connection over every key, and a hub's secrets file names each of its peers (200 connections
 * and 200 keys were 80,000 normalisations of four patterns each).
 */
const comparableOwners = new WeakMap<SharedKey, string[]>();
function ownersOf(key: SharedKey): string[] {
  let owners = comparableOwners.get(key);
  if (!owners) {
    owners = key.owners.filter((o) => !isWildcardId(o)).map(normalizeId);
    comparableOwners.set(key, owners);
  }
  return owners;
}

export function findSharedKey(keys: SharedKey[], local: string[], remote: string[]): SharedKey | undefined {
  const l = local.map(normalizeId);
  const r = remote.map(normalizeId);
  let best: SharedKey | undefined;
  let bestScore = -1;
  for (const key of keys) {
    const owners = ownersOf(key);
    let score = 0;
    if (owners.length) {
      const mr = owners.some((o) => r.includes(o));
      const ml = owners.some((o) => l.includes(o));
      if (!mr && !ml) continue;
      score = (mr ? 2 : 0) + (ml ? 1 : 0);
    }
    if (score > bestScore) {
      best = key;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The fingerprint of a secret as strongSwan reads it: `0x…` is hex, `0s…` base64, anything else
 * the text itself. Decoded bytes that are text fingerprint as that text, so the same key written
 * as hex on one end and plainly on the other compares equal.
 */
export function fingerprintSecret(secret: string): string {
  let bytes: Buffer | undefined;
  if (/^0x[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0) bytes = Buffer.from(secret.slice(2), 'hex');
  else if (/^0s[A-Za-z0-9+/=]+$/.test(secret)) bytes = Buffer.from(secret.slice(2), 'base64');
  if (!bytes) return pskFingerprint(secret);
  const text = bytes.toString('utf8');
  return pskFingerprint(Buffer.from(text, 'utf8').equals(bytes) ? text : `bytes:${bytes.toString('hex')}`);
}

// --- includes ---------------------------------------------------------------------------------

/** Where an `include` pattern points: relative patterns are relative to the including file's directory. */
export function resolveIncludePath(pattern: string, includingFile: string): string {
  return posix.normalize(posix.isAbsolute(pattern) ? pattern : posix.join(posix.dirname(includingFile.replace(/\\/g, '/')), pattern));
}

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Shell-style glob (`*`, `?`, `[…]`; `*` does not cross `/`) as a RegExp. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re +=
          '[' +
          pattern
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The provided files an include pattern names, in the sorted order glob(3) returns them. */
export function matchIncludes(resolvedPattern: string, provided: Record<string, string>): string[] {
  const normalized = Object.keys(provided).map((k) => [posix.normalize(k.replace(/\\/g, '/')), k] as const);
  if (!hasGlob(resolvedPattern)) return normalized.filter(([n]) => n === resolvedPattern).map(([, k]) => k);
  const re = globRegExp(resolvedPattern);
  return normalized
    .filter(([n]) => re.test(n))
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, k]) => k);
}

/** The diagnostics a parse collects. */
export type Diags = Diagnostic[];
