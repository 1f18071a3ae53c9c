/**
 * Interfaces: addresses (the local gateway of a crypto map or a tunnel), the ASA `nameif` that
 * other commands use instead of the interface name, the IOS `crypto map NAME` binding, and the
 * tunnel commands of a VTI (`tunnel source|destination|mode|protection ipsec profile`).
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { InterfaceAddress } from '../../src/model/types.js';
import { maskToPrefix } from '../../src/model/net.js';
import { type Block, isInterfaceKeyword } from './blocks.js';
import { type Ctx, type Located, at, note } from './context.js';
import type { CiscoLine } from './lines.js';

export interface Iface {
  name: string;
  at: CiscoLine;
  nameif?: Located<string>;
  address?: Located<{ ip: string; prefix?: number }>;
  shutdown?: CiscoLine;
  cryptoMap?: Located<string>;
  tunnelSource?: Located<string>;
  tunnelDestination?: Located<string>;
  /** as written after `tunnel mode` (`ipsec ipv4`, `gre ip`); undefined = the platform default */
  tunnelMode?: Located<string>;
  tunnelProtection?: Located<string>;
}

export interface Interfaces {
  list: Iface[];
  byName: Map<string, Iface>;
  byNameif: Map<string, Iface>;
}

function readAddress(ctx: Ctx, iface: Iface, line: CiscoLine): void {
  const w = line.words;
  const k = line.keys;
  if (k[0] === 'ipv6') {
    const [ip, len] = (w[2] ?? '').split('/');
    if (ip && isIPv6(ip) && !iface.address) iface.address = { value: { ip, prefix: len ? Number(len) : undefined }, line };
    return;
  }
  const ip = w[2];
  if (ip === undefined || k[2] === 'dhcp' || k[2] === 'pppoe' || k[2] === 'negotiated') return;
  if (k.includes('secondary')) return;
  if (!isIPv4(ip)) {
    // sanitized configs (`206.X.X.X`) or placeholders: the interface name stands in for it
    note(ctx, `interface ${iface.name}: "${line.text}" is not an IPv4 address; the interface name is used instead`, line);
    return;
  }
  const prefix = w[3] !== undefined ? maskToPrefix(w[3]) : undefined;
  iface.address = { value: { ip, prefix }, line };
}

export function collectInterfaces(ctx: Ctx, blocks: Block[]): Interfaces {
  const out: Interfaces = { list: [], byName: new Map(), byNameif: new Map() };
  for (const b of blocks) {
    if (!isInterfaceKeyword(b.head.keys[0]) || b.head.words.length < 2) continue;
    const name = b.head.words.slice(1).join(' ');
    const iface: Iface = out.byName.get(name) ?? { name, at: b.head };
    for (const c of b.children) {
      const k = c.keys;
      const w = c.words;
      if (k[0] === 'nameif' && w[1]) iface.nameif = { value: w[1], line: c };
      else if ((k[0] === 'ip' || k[0] === 'ipv6') && k[1] === 'address') readAddress(ctx, iface, c);
      else if (k[0] === 'shutdown') iface.shutdown = c;
      else if (k[0] === 'no' && k[1] === 'shutdown') iface.shutdown = undefined;
      else if (k[0] === 'crypto' && k[1] === 'map' && w[2]) iface.cryptoMap = { value: w[2], line: c };
      else if (k[0] === 'tunnel') {
        // `tunnel source interface outside` (ASA) / `tunnel source Loopback0` / `tunnel source 1.1.1.2`
        if (k[1] === 'source' && w[2]) iface.tunnelSource = { value: k[2] === 'interface' && w[3] ? w[3] : w[2], line: c };
        else if (k[1] === 'destination' && w[2]) iface.tunnelDestination = { value: w[2], line: c };
        else if (k[1] === 'mode' && w[2]) iface.tunnelMode = { value: k.slice(2).join(' '), line: c };
        else if (k[1] === 'protection' && k[2] === 'ipsec' && k[3] === 'profile' && w[4]) iface.tunnelProtection = { value: w[4], line: c };
      }
    }
    if (!out.byName.has(name)) {
      out.byName.set(name, iface);
      out.list.push(iface);
    }
    if (iface.nameif) out.byNameif.set(iface.nameif.value, iface);
  }
  return out;
}

/** Interface by nameif (ASA) or by name (IOS), nameif first. */
export function findInterface(ifs: Interfaces, name: string): Iface | undefined {
  return ifs.byNameif.get(name) ?? ifs.byName.get(name);
}

/** The device's addresses for `Device.interfaces` (named by nameif when there is one). */
export function interfaceAddresses(ctx: Ctx, ifs: Interfaces): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const i of ifs.list) {
    if (!i.address) continue;
    const entry: InterfaceAddress = { name: i.nameif?.value ?? i.name, address: i.address.value.ip, at: at(ctx, i.address.line) };
    if (i.address.value.prefix !== undefined) entry.prefixLength = i.address.value.prefix;
    out.push(entry);
  }
  return out;
}
