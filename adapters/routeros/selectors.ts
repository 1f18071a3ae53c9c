/**
 * Addresses as RouterOS writes them: policy selectors (`src-address=10.1.0.0/24`), peer
 * addresses (`address=203.0.113.1/32`, `0.0.0.0/0` = any, a DNS name in v7), IP protocols by
 * name, and `/ip address` entries.
 */
import { canonicalCidr, isIpAddress, parseCidr } from '../../src/model/net.js';

/** "Not set" as RouterOS prints an empty address property (`sa-src-address=::`). */
export function isUnsetAddress(value: string): boolean {
  return value === '' || value === '::' || value === '0.0.0.0';
}

/** A selector CIDR, canonical; undefined when not an IP prefix. */
export function selectorCidr(value: string): string | undefined {
  return canonicalCidr(value);
}

/**
 * ASSUMED (README): in a policy template `::/0` stands for "any address", IPv4 included — the
 * built-in template is printed that way by 6.49 and 7.x and L2TP/IPsec over IPv4 works with it.
 */
export function templateSelectors(cidr: string): string[] {
  return cidr === '::/0' ? ['0.0.0.0/0', '::/0'] : [cidr];
}

export type PeerAddress =
  | { kind: 'any' }
  | { kind: 'host'; address: string }
  | { kind: 'subnet'; cidr: string }
  | { kind: 'name'; name: string }
  /** written but not an address (masked samples such as `13.X.X.X/32`) */
  | { kind: 'unreadable'; text: string };

/** A peer's `address=`: a host (/32, /128 or no prefix), a subnet it accepts peers from, any, or a DNS name. */
export function peerAddress(value: string): PeerAddress {
  if (value === '' || value === '0.0.0.0/0' || value === '::/0' || value === '0.0.0.0' || value === '::') return { kind: 'any' };
  const c = parseCidr(value);
  if (c) {
    const width = c.family === 4 ? 32 : 128;
    const host = value.split('/')[0];
    if (c.prefix === width) return { kind: 'host', address: canonicalCidr(host)!.split('/')[0] };
    return { kind: 'subnet', cidr: canonicalCidr(value)! };
  }
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(value) && !/^[\d.]+$/.test(value)) {
    return { kind: 'name', name: value.toLowerCase() };
  }
  return { kind: 'unreadable', text: value.replace(/\/(32|128)$/, '') };
}

/** Does the peer address cover `ip` (for v6 policies that name their peer by `sa-dst-address`)? */
export function peerCovers(peer: PeerAddress, ip: string): boolean {
  switch (peer.kind) {
    case 'any':
      return true;
    case 'host':
      return isIpAddress(ip) && canonicalCidr(ip) === canonicalCidr(peer.address);
    case 'subnet': {
      const inner = parseCidr(ip);
      const outer = parseCidr(peer.cidr);
      if (!inner || !outer || inner.family !== outer.family) return false;
      const shift = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
      return inner.base >> shift === outer.base >> shift;
    }
    case 'name':
      return ip.toLowerCase() === peer.name;
    case 'unreadable':
      return ip === peer.text;
  }
}

/** How specific a peer address is (RouterOS picks the longest matching prefix). */
export function peerSpecificity(peer: PeerAddress): number {
  switch (peer.kind) {
    case 'any':
      return 0;
    case 'subnet':
      return parseCidr(peer.cidr)!.prefix;
    default:
      return 129;
  }
}

/** RouterOS protocol names (the /etc/protocols names it uses) → IANA numbers. */
const PROTOCOLS: Record<string, number> = {
  all: 0,
  icmp: 1,
  igmp: 2,
  ggp: 3,
  ipencap: 4,
  st: 5,
  tcp: 6,
  egp: 8,
  pup: 12,
  udp: 17,
  hmp: 20,
  'xns-idp': 22,
  rdp: 27,
  'iso-tp4': 29,
  dccp: 33,
  xtp: 36,
  ddp: 37,
  'idpr-cmtp': 38,
  'ipv6-encap': 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  rsvp: 46,
  gre: 47,
  'ipsec-esp': 50,
  'ipsec-ah': 51,
  icmpv6: 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  rspf: 73,
  vmtp: 81,
  ospf: 89,
  ipip: 94,
  etherip: 97,
  encap: 98,
  pim: 103,
  vrrp: 112,
  l2tp: 115,
  sctp: 132,
  'udp-lite': 136,
};

/** `protocol=tcp` → 6, `protocol=47` → 47; undefined when unknown. */
export function protocolNumber(value: string): number | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n <= 255 ? n : undefined;
  }
  return PROTOCOLS[value];
}
