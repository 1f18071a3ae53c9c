/**
 * Stage 3 — pair: the inventory's pinned pairs and peer contracts first, then every other tunnel
 * end paired across the fleet (src/compare/pair-all.ts), which must not reuse a pinned end.
 */
import { ParseError } from '../../model/errors.js';
import type { Device, TunnelEnd } from '../../model/types.js';
import { pairPhase2 } from '../../compare/pair.js';
import { pairFleet } from '../../compare/pair-all.js';
import type { EndRef, TunnelPair } from '../../compare/types.js';
import type { Loaded } from '../../read/job.js';
import { contractDevice } from '../contract.js';
import type { Inventory } from '../inventory.js';

/** Every name a device answers to in the inventory (pairs, contracts, ignores). */
export function devicesByName(loaded: Loaded[]): Map<string, Device> {
  const byName = new Map<string, Device>();
  for (const l of loaded) if (l.device) for (const n of l.names) byName.set(n, l.device);
  return byName;
}

/** `device/tunnel` where the device part may itself contain `/` (a path): longest known device name wins. */
export function resolveEnd(ref: string, byName: Map<string, Device>, inv: Inventory, line: number): EndRef {
  let best: { device: Device; tunnel: string } | undefined;
  for (const [name, device] of byName) {
    if (ref.startsWith(`${name}/`) && (!best || name.length > ref.length - best.tunnel.length - 1)) best = { device, tunnel: ref.slice(name.length + 1) };
  }
  if (!best) {
    // name each device once, by the first (inventory-relative) of its names
    const known = [...new Map([...byName].reverse().map(([n, d]) => [d, n])).values()].reverse();
    throw new ParseError(inv.file, line, `"${ref}": no device of that name (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})`);
  }
  const tunnel = best.device.tunnels.find((t) => t.name === best!.tunnel);
  if (!tunnel)
    throw new ParseError(
      inv.file,
      line,
      `"${ref}": ${best.device.origin} has no tunnel "${best.tunnel}" (it has: ${best.device.tunnels.map((t) => t.name).join(', ') || 'none'})`,
    );
  return { device: best.device, tunnel };
}

export function endKey(d: Device, t: TunnelEnd): string {
  return `${d.origin}\u0000${t.name}`;
}

function makePair(a: EndRef, b: EndRef, how: string): TunnelPair {
  return { a, b, how, ...pairPhase2(a.tunnel, b.tunnel) };
}

export interface Pairing {
  pairs: TunnelPair[];
  /** ends that point at another device of the fleet which has no tunnel answering them, with that device */
  unmatched: Array<{ end: EndRef; peer: Device }>;
}

export function pairAll(devices: Device[], byName: Map<string, Device>, inv: Inventory | undefined): Pairing {
  const pinned: TunnelPair[] = [];
  const pinnedEnds = new Set<string>();
  for (const p of inv?.pairs ?? []) {
    const a = resolveEnd(p.a, byName, inv!, p.line);
    const b = resolveEnd(p.b, byName, inv!, p.line);
    pinned.push(makePair(a, b, `inventory ${inv!.file}:${p.line}`));
    pinnedEnds.add(endKey(a.device, a.tunnel)).add(endKey(b.device, b.tunnel));
  }
  for (const c of inv?.contracts ?? []) {
    const a = resolveEnd(c.tunnel, byName, inv!, c.line);
    const cd = contractDevice(c, a.tunnel, inv!.file);
    pinned.push(makePair(a, { device: cd, tunnel: cd.tunnels[0] }, `peer contract ${c.name} (${inv!.file}:${c.line})`));
    pinnedEnds.add(endKey(a.device, a.tunnel));
  }
  const fleet = pairFleet(
    devices.map((d) => (pinnedEnds.size ? { ...d, tunnels: d.tunnels.filter((t) => !pinnedEnds.has(endKey(d, t))) } : d)),
    inv?.nat ?? [],
  );
  // the fleet saw filtered copies: point its pairs back at the real devices
  const original = new Map(devices.map((d) => [d.origin, d]));
  for (const p of fleet.pairs) {
    p.a.device = original.get(p.a.device.origin)!;
    p.b.device = original.get(p.b.device.origin)!;
  }
  const unmatched = fleet.unmatched.map((u) => ({
    end: { device: original.get(u.end.device.origin)!, tunnel: u.end.tunnel },
    peer: original.get(u.peerDevice.origin)!,
  }));
  return { pairs: [...pinned, ...fleet.pairs], unmatched };
}
