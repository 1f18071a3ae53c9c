/**
 * IKE identities: how they read in a report, and whether an end accepts the identity its peer
 * sends. Pure; vendor syntax (strongSwan's `@`/`@@`/`@#` prefixes, FortiGate's `localid-type`, …)
 * is read by each adapter into `Identity` / `IdentityMatch` (src/model/types.ts).
 */
import { addressIn, isIpAddress, parseCidr } from './net.js';
import type { IdType, Identity, IdentityMatch } from './types.js';

const TYPE_LABEL: Record<IdType, string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  fqdn: 'FQDN',
  'user-fqdn': 'user FQDN',
  dn: 'distinguished name',
  'key-id': 'key ID',
};

/** "FQDN vpn.example.com", "IPv4 address 192.0.2.1", "distinguished name (the certificate subject)". */
export function formatIdentity(id: Identity, unknownValue = 'value not in the input'): string {
  return `${TYPE_LABEL[id.type]} ${id.value ?? `(${unknownValue})`}`;
}

/** "any identity", "any FQDN", "FQDN *.example.com", "the value 192.0.2.1 of any type". */
export function formatMatch(m: IdentityMatch): string {
  if (!m.type && !m.value) return 'any identity';
  if (!m.type) return `the value ${m.value} (any type)`;
  if (!m.value) return `any ${TYPE_LABEL[m.type]}`;
  return `${TYPE_LABEL[m.type]} ${m.value}`;
}

export function formatMatches(ms: IdentityMatch[]): string {
  return ms.map(formatMatch).join(' or ');
}

/** The type an address identity has: ipv4 / ipv6; undefined for anything that is not an address. */
export function addressType(text: string): 'ipv4' | 'ipv6' | undefined {
  if (!isIpAddress(text)) return undefined;
  return text.includes(':') ? 'ipv6' : 'ipv4';
}

/** An end that accepts any identity at all (no constraint). */
export function acceptsAny(ms: IdentityMatch[]): boolean {
  return ms.some((m) => !m.type && !m.value);
}

/**
 * RDNs of a DN, for comparison: `C=CH, O=Example,CN=gw` and `c=CH,o=Example,cn=gw` are equal
 * (attribute names are case-insensitive; spacing around separators is not part of the DN).
 */
function rdns(dn: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === '\\' && i + 1 < dn.length) {
      cur += ch + dn[++i];
      continue;
    }
    if (ch === ',' || ch === '/') {
      if (cur.trim()) out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((r) => {
    const eq = r.indexOf('=');
    return eq < 0 ? r.trim() : `${r.slice(0, eq).trim().toLowerCase()}=${r.slice(eq + 1).trim()}`;
  });
}

function dnMatches(pattern: string, value: string): boolean {
  const p = rdns(pattern);
  const v = rdns(value);
  if (p.length !== v.length) return false;
  return p.every((r, i) => {
    const [pk, pv] = [r.slice(0, r.indexOf('=')), r.slice(r.indexOf('=') + 1)];
    const [vk, vv] = [v[i].slice(0, v[i].indexOf('=')), v[i].slice(v[i].indexOf('=') + 1)];
    return pk === vk && (pv === '*' || pv === vv);
  });
}

/** Does `value` (of `type`) satisfy the pattern `pattern`? Names compare case-insensitively (RFC 4343; strongSwan strcasecmp). */
export function valueMatches(type: IdType, pattern: string, value: string): boolean {
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      if (pattern.includes('/') && parseCidr(pattern)) return isIpAddress(value) && addressIn(value, [pattern]);
      const a = parseCidr(pattern);
      const b = parseCidr(value);
      return a && b ? a.family === b.family && a.base === b.base && a.prefix === b.prefix : pattern === value;
    }
    case 'fqdn':
    case 'user-fqdn': {
      const p = pattern.toLowerCase();
      const v = value.toLowerCase();
      return p.startsWith('*') ? v.endsWith(p.slice(1)) : p === v;
    }
    case 'dn':
      return dnMatches(pattern, value);
    case 'key-id':
      return pattern.toLowerCase() === value.toLowerCase();
  }
}

/**
 * Whether an end accepting `accepts` takes the identity `sent`.
 * accepted: some match holds. type: no match is of the sent type (the ID payload's type differs).
 * value: a match of this type exists but its value differs. unknown: it depends on a value the
 * input does not hold (a certificate subject).
 */
export type IdentityVerdict = 'accepted' | 'type' | 'value' | 'unknown';

export function identityVerdict(sent: Identity, accepts: IdentityMatch[]): IdentityVerdict {
  let unknown = false;
  let typeSeen = false;
  for (const m of accepts) {
    if (m.type && m.type !== sent.type) continue;
    typeSeen = true;
    if (!m.value) return 'accepted';
    if (sent.value === undefined) {
      unknown = true;
      continue;
    }
    // a match without a type compares the text: an address written another way is still the same address
    const type = m.type ?? sent.type;
    if (valueMatches(type, m.value, sent.value)) return 'accepted';
  }
  if (unknown) return 'unknown';
  return typeSeen ? 'value' : 'type';
}
