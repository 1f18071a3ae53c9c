/**
 * `<interfaces>` and `<virtualip>` of a pfSense/OPNsense config.xml: the addresses a phase 1
 * `<interface>` and a phase 2 `<localid><type>lan</type>` stand for.
 *
 * An interface is `<wan>`, `<lan>`, `<optN>` with `<ipaddr>` (an address, or `dhcp`, `pppoe`, …)
 * and `<subnet>` (prefix length); `<ipaddrv6>`/`<subnetv6>` likewise. A CARP/IP-alias VIP is
 * `<virtualip><vip>` with `<subnet>` (the address), `<subnet_bits>` and `<uniqid>`; a phase 1 bound
 * to it says `<interface>_vip<uniqid></interface>`.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { InterfaceAddress, SourceRef } from '../../src/model/types.js';
import { canonicalCidr } from '../../src/model/net.js';
import { child, childText, childrenNamed, type XNode } from './xml-tree.js';

export type Family = 'inet' | 'inet6';

export interface FamilyAddress {
  /** an IP address, or the mode the address is obtained by (`dhcp`, `pppoe`, `track6`, …) */
  ipaddr: string;
  prefix?: number;
  /** the `<ipaddr>` element */
  node: XNode;
}

export interface NetInterface {
  /** config name: wan, lan, opt1 */
  name: string;
  descr?: string;
  node: XNode;
  v4?: FamilyAddress;
  v6?: FamilyAddress;
}

export interface Vip {
  uniqid: string;
  address: string;
  prefix?: number;
  interface?: string;
  node: XNode;
}

export interface InterfaceIndex {
  interfaces: Map<string, NetInterface>;
  vips: Map<string, Vip>;
}

export function readInterfaceIndex(root: XNode): InterfaceIndex {
  const interfaces = new Map<string, NetInterface>();
  for (const n of child(root, 'interfaces')?.children ?? []) {
    interfaces.set(n.name, {
      name: n.name,
      descr: childText(n, 'descr') || undefined,
      node: n,
      v4: familyAddress(n, 'ipaddr', 'subnet'),
      v6: familyAddress(n, 'ipaddrv6', 'subnetv6'),
    });
  }
  const vips = new Map<string, Vip>();
  for (const v of childrenNamed(child(root, 'virtualip'), 'vip')) {
    const uniqid = childText(v, 'uniqid');
    const address = childText(v, 'subnet');
    if (!uniqid || !address) continue;
    const bits = Number(childText(v, 'subnet_bits'));
    vips.set(uniqid, {
      uniqid,
      address,
      prefix: Number.isInteger(bits) && childText(v, 'subnet_bits') ? bits : undefined,
      interface: childText(v, 'interface') || undefined,
      node: v,
    });
  }
  return { interfaces, vips };
}

function familyAddress(n: XNode, addrName: string, prefixName: string): FamilyAddress | undefined {
  const node = child(n, addrName);
  if (!node || node.text === '') return undefined;
  const p = childText(n, prefixName);
  const prefix = p !== undefined && /^\d+$/.test(p) ? Number(p) : undefined;
  return { ipaddr: node.text, prefix, node };
}

/** Static addresses, as the Device lists them (dynamic ones have no address to list). */
export function deviceInterfaces(index: InterfaceIndex, file: string): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  const ref = (n: XNode): SourceRef => ({ file, line: n.line });
  for (const i of index.interfaces.values()) {
    for (const fam of [i.v4, i.v6]) {
      if (fam && (isIPv4(fam.ipaddr) || isIPv6(fam.ipaddr))) {
        out.push(withPrefix({ name: i.name, address: fam.ipaddr, at: ref(fam.node) }, fam.prefix));
      }
    }
  }
  for (const v of index.vips.values()) {
    if (isIPv4(v.address) || isIPv6(v.address)) out.push(withPrefix({ name: `_vip${v.uniqid}`, address: v.address, at: ref(v.node) }, v.prefix));
  }
  return out;
}

function withPrefix(a: InterfaceAddress, prefix: number | undefined): InterfaceAddress {
  if (prefix !== undefined) a.prefixLength = prefix;
  return a;
}

/** What an interface reference resolved to: an address, or why it could not be. */
export type Resolved = { ok: true; value: string; via: XNode[] } | { ok: false; reason: string; via: XNode[] };

/** The address IKE is sent from for a phase 1 `<interface>` (an interface or a VIP). */
export function interfaceAddress(index: InterfaceIndex, ref: string, family: Family): Resolved {
  if (ref.startsWith('_vip')) {
    const vip = index.vips.get(ref.slice(4));
    if (!vip) return { ok: false, reason: `virtual IP ${ref} is not defined under <virtualip>`, via: [] };
    return { ok: true, value: vip.address, via: [vip.node] };
  }
  const i = index.interfaces.get(ref);
  if (!i) return { ok: false, reason: `interface '${ref}' is not defined under <interfaces> (a gateway group?)`, via: [] };
  const fam = family === 'inet6' ? i.v6 : i.v4;
  if (!fam) return { ok: false, reason: `interface '${ref}' has no ${family === 'inet6' ? 'IPv6' : 'IPv4'} address`, via: [i.node] };
  if (!isIPv4(fam.ipaddr) && !isIPv6(fam.ipaddr)) {
    return {
      ok: false,
      reason: `interface '${ref}' gets its address by ${fam.ipaddr} (<${fam.node.name}>${fam.ipaddr}</${fam.node.name}> line ${fam.node.line}): not in the file`,
      via: [fam.node],
    };
  }
  return { ok: true, value: fam.ipaddr, via: [fam.node] };
}

/**
 * The network a phase 2 id of an interface type stands for: `lan` → the LAN subnet
 * (pfSense ipsec_idinfo_to_cidr: interface address + subnet, network part), `lanip` → its address.
 */
export function interfaceNetwork(index: InterfaceIndex, type: string, family: Family): Resolved {
  const asAddress = type.endsWith('ip') && index.interfaces.has(type.slice(0, -2)) && !index.interfaces.has(type);
  const name = asAddress ? type.slice(0, -2) : type;
  const i = index.interfaces.get(name);
  if (!i) return { ok: false, reason: `'${type}' is neither address, network nor an interface under <interfaces>`, via: [] };
  const fam = family === 'inet6' ? i.v6 : i.v4;
  if (!fam || (!isIPv4(fam.ipaddr) && !isIPv6(fam.ipaddr))) {
    const how = fam ? `gets its address by ${fam.ipaddr}` : `has no ${family === 'inet6' ? 'IPv6' : 'IPv4'} address`;
    return { ok: false, reason: `interface '${name}' ${how}, so its subnet is not in the file`, via: fam ? [fam.node] : [i.node] };
  }
  const bits = asAddress ? undefined : fam.prefix;
  if (!asAddress && bits === undefined)
    return { ok: false, reason: `interface '${name}' has no <${family === 'inet6' ? 'subnetv6' : 'subnet'}> prefix length`, via: [fam.node] };
  const cidr = canonicalCidr(fam.ipaddr, bits);
  if (!cidr) return { ok: false, reason: `interface '${name}' address ${fam.ipaddr}/${bits} is not a valid network`, via: [fam.node] };
  return { ok: true, value: cidr, via: [fam.node] };
}
