/**
 * Pairing across many devices (audit of a config repo): only devices that point at each other
 * (a tunnel's peer address is one of the other's addresses) are paired, with the same two-device
 * pairing `compare` uses. Cost is linear in tunnels plus the linked device pairs, not n².
 */
import type { Device, TunnelEnd } from '../model/types.js';
import { deviceAddresses, pairDevices, sameAddresses } from './pair.js';
import type { EndRef, TunnelPair } from './types.js';

export interface NatMapping {
  /** the address the world (and the other end) uses */
  public: string;
  /** the address the device itself is configured with */
  private: string;
}

export interface FleetPairing {
  pairs: TunnelPair[];
  /** enabled ends that point at a device in the set but found no counterpart there */
  unmatched: Array<{ end: EndRef; peerDevice: Device }>;
  /** enabled ends whose peer is outside the set (partners, or any-peer responders with no caller) */
  external: EndRef[];
}

/** address → device, including public addresses the NAT map assigns to a device's private one. */
export function addressIndex(devices: Device[], nat: NatMapping[] = []): Map<string, Device> {
  const index = new Map<string, Device>();
  for (const d of devices) for (const a of deviceAddresses(d)) if (!index.has(a)) index.set(a, d);
  for (const m of nat) {
    const d = index.get(m.private);
    if (d && !index.has(m.public)) index.set(m.public, d);
  }
  return index;
}

/** The device with NAT public addresses added as interfaces, so two-device pairing sees them. */
function withNat(d: Device, nat: NatMapping[], own: Set<string>): Device {
  const extra = nat.filter((m) => own.has(m.private) && !own.has(m.public));
  if (!extra.length) return d;
  return { ...d, interfaces: [...d.interfaces, ...extra.map((m) => ({ name: `nat:${m.private}`, address: m.public }))] };
}

/**
 * The device as one link sees it: only the ends that may pair across the link, but every address
 * of the whole device (local gateways of the other tunnels included), so gateway matching is what
 * it would be on the full device.
 */
function linkView(d: Device, addresses: Set<string>, ends: TunnelEnd[]): Device {
  const own = new Set(d.interfaces.map((i) => i.address));
  const extra = [...addresses].filter((a) => !own.has(a)).map((address) => ({ name: 'local gateway', address }));
  const view = { ...d, interfaces: extra.length ? [...d.interfaces, ...extra] : d.interfaces, tunnels: ends };
  // its interfaces are `addresses` (own ones and the rest), its ends' local gateways among them
  sameAddresses(view, addresses);
  return view;
}

/** Two lists of ends, each in the device's tunnel order, merged into that order. */
function inTunnelOrder(x: TunnelEnd[] = [], y: TunnelEnd[] = [], position: Map<TunnelEnd, number>): TunnelEnd[] {
  if (!y.length) return x;
  if (!x.length) return y;
  const out: TunnelEnd[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) out.push(j >= y.length || (i < x.length && position.get(x[i])! < position.get(y[j])!) ? x[i++] : y[j++]);
  return out;
}

export function pairFleet(devices: Device[], nat: NatMapping[] = []): FleetPairing {
  const index = addressIndex(devices, nat);
  const position = new Map(devices.map((d, i) => [d, i]));
  const tunnelPosition = new Map<TunnelEnd, number>();
  for (const d of devices) for (const [i, t] of d.tunnels.entries()) tunnelPosition.set(t, i);
  // each device's enabled ends by the device their peer address belongs to (undefined: none in the
  // set — a partner, a DNS name, `any`); an end pointing at its own device pairs with nothing.
  // Grouping once keeps a hub with hundreds of links linear instead of tunnels × links.
  const endsTo = new Map<Device, Map<Device | undefined, TunnelEnd[]>>();
  // linked device pairs, each once, in input order
  const links = new Map<Device, Set<Device>>();
  const link = (x: Device, y: Device) => {
    const [p, q] = position.get(x)! < position.get(y)! ? [x, y] : [y, x];
    if (!links.has(p)) links.set(p, new Set());
    links.get(p)!.add(q);
  };
  for (const d of devices) {
    const groups = new Map<Device | undefined, TunnelEnd[]>();
    for (const t of d.tunnels) {
      if (!t.enabled) continue;
      const peer = index.get(t.remoteGateway.value);
      if (peer === d) continue;
      if (!groups.has(peer)) groups.set(peer, []);
      groups.get(peer)!.push(t);
      if (peer) link(d, peer);
    }
    endsTo.set(d, groups);
  }
  const addressed = new Map(
    devices.map((d) => {
      const natted = withNat(d, nat, deviceAddresses(d));
      return [d, { device: natted, addresses: deviceAddresses(natted) }];
    }),
  );
  const view = (d: Device, other: Device) => {
    const { device, addresses } = addressed.get(d)!;
    // an end whose peer is a third device in the set belongs with that device, not this one
    const groups = endsTo.get(d)!;
    return linkView(device, addresses, inTunnelOrder(groups.get(other), groups.get(undefined), tunnelPosition));
  };

  const pairs: TunnelPair[] = [];
  // names of the paired ends by device origin (not one string of both per end: tens of thousands)
  const paired = new Map<string, Set<string>>();
  const markPaired = (d: Device, name: string) => {
    let names = paired.get(d.origin);
    if (!names) {
      names = new Set();
      paired.set(d.origin, names);
    }
    names.add(name);
  };
  for (const d of devices) {
    for (const other of links.get(d) ?? []) {
      const r = pairDevices(view(d, other), view(other, d));
      for (const p of r.pairs) {
        // report against the original devices (not the views with NAT and gateway addresses)
        p.a.device = d;
        p.b.device = other;
        pairs.push(p);
        markPaired(d, p.a.tunnel.name);
        markPaired(other, p.b.tunnel.name);
      }
    }
  }

  const unmatched: FleetPairing['unmatched'] = [];
  const external: EndRef[] = [];
  for (const d of devices)
    for (const t of d.tunnels) {
      if (!t.enabled || paired.get(d.origin)?.has(t.name)) continue;
      const peer = index.get(t.remoteGateway.value);
      if (peer && peer !== d) unmatched.push({ end: { device: d, tunnel: t }, peerDevice: peer });
      else external.push({ device: d, tunnel: t });
    }
  return { pairs, unmatched, external };
}
