/**
 * Windows writes address ranges (`10.0.0.1-10.0.0.20` in netsh, `IPAddressRange` start/end pairs
 * in RRAS traffic selectors); the model keeps CIDRs. A range becomes the smallest exact list of
 * CIDRs covering it.
 */
import { canonicalCidr, formatCidr, parseCidr } from '../../src/model/net.js';

export function rangeToCidrs(start: string, end: string): string[] | undefined {
  const a = parseCidr(start);
  const b = parseCidr(end);
  if (!a || !b || a.family !== b.family || a.prefix !== (a.family === 4 ? 32 : 128) || b.prefix !== a.prefix) return undefined;
  const width = a.family === 4 ? 32 : 128;
  let lo = a.base;
  const hi = b.base;
  if (lo > hi) return undefined;
  const out: string[] = [];
  while (lo <= hi) {
    // the largest block that starts at lo and does not pass hi
    let size = 0;
    while (size < width) {
      const next = size + 1;
      const blockMask = (1n << BigInt(next)) - 1n;
      if ((lo & blockMask) !== 0n || lo + blockMask > hi) break;
      size = next;
    }
    out.push(formatCidr({ family: a.family, base: lo, prefix: width - size }));
    lo += 1n << BigInt(size);
  }
  return out;
}

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
