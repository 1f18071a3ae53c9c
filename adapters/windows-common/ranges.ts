/**
 * Windows writes address ranges (`10.0.0.1-10.0.0.20` in netsh, `IPAddressRange` start/end pairs
 * in RRAS traffic selectors); the model keeps CIDRs. A range becomes the smallest exact list of
 * CIDRs covering it.
 */
import { canonicalCidr, formatCidr, parseCidr, rangeToCidrs } from '../../src/model/net.js';

/** `10.1.0.0/24` → ['10.1.0.0', '10.1.0.255'] (for New-VpnTrafficSelector -IPAddressRange). */
export function cidrBounds(cidr: string): [string, string] | undefined {
  const c = parseCidr(cidr);
  if (!c) return undefined;
  const width = c.family === 4 ? 32 : 128;
  const last = c.base | ((1n << BigInt(width - c.prefix)) - 1n);
  const addr = (n: bigint) => formatCidr({ family: c.family, base: n, prefix: width }).split('/')[0];
  return [addr(c.base), addr(last)];
}

/**
 * One address item as Windows writes it: `Any`, `10.1.0.5`, `10.1.0.0/24`, `10.1.0.0/255.255.255.0`,
 * `10.1.0.1-10.1.0.9` → CIDRs; undefined for keywords (LocalSubnet, DNS, DHCP, …) and names.
 */
export function addressItem(item: string): string[] | undefined {
  const t = item.trim();
  if (/^any$/i.test(t)) return ['0.0.0.0/0'];
  const range = /^([0-9a-f.:]+)-([0-9a-f.:]+)$/i.exec(t);
  if (range) return rangeToCidrs(range[1], range[2]);
  const c = canonicalCidr(t);
  return c ? [c] : undefined;
}
