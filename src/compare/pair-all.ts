/**
 * Pairing across many devices (audit of a config repo): only devices that point at each other
 * (a tunnel's peer address is one of the other's addresses) are paired, with the same two-device
 * pairing `compare` uses. Cost is linear in tunnels plus the linked device pairs, not n².
 */
import type { Device } from '../model/types.js';
import { deviceAddresses, pairDevices } from './pair.js';
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

export function pairFleet(devices: Device[], nat: NatMapping[] = []): FleetPairing {
  const index = addressIndex(devices, nat);
  const natted = new Map(devices.map((d) => [d, withNat(d, nat, deviceAddresses(d))]));
  // linked device pairs, each once, in input order
  const links = new Map<Device, Set<Device>>();
  const link = (x: Device, y: Device) => {
    const [p, q] = devices.indexOf(x) < devices.indexOf(y) ? [x, y] : [y, x];
    if (!links.has(p)) links.set(p, new Set());
    links.get(p)!.add(q);
  };
  for (const d of devices)
    for (const t of d.tunnels) {
      if (!t.enabled) continue;
      const peer = index.get(t.remoteGateway.value);
      if (peer && peer !== d) link(d, peer);
    }

  const pairs: TunnelPair[] = [];
  const paired = new Set<string>();
  const keyOf = (d: Device, name: string) => `${d.origin}\u0000${name}`;
  for (const d of devices) {
    for (const other of links.get(d) ?? []) {
      // an end whose peer is a third device in the set belongs with that device, not this one
      const eligible = (self: Device, t: Device['tunnels'][number]) => {
        const peer = index.get(t.remoteGateway.value);
        const target = self === natted.get(d) ? other : d;
        return peer === undefined || peer === target;
      };
      const r = pairDevices(natted.get(d)!, natted.get(other)!, undefined, eligible);
      for (const p of r.pairs) {
        // report against the original devices (without the NAT interfaces we added)
        p.a.device = d;
        p.b.device = other;
        pairs.push(p);
        paired.add(keyOf(d, p.a.tunnel.name));
        paired.add(keyOf(other, p.b.tunnel.name));
      }
    }
  }

  const unmatched: FleetPairing['unmatched'] = [];
  const external: EndRef[] = [];
  for (const d of devices)
    for (const t of d.tunnels) {
      if (!t.enabled || paired.has(keyOf(d, t.name))) continue;
      const peer = index.get(t.remoteGateway.value);
      if (peer && peer !== d) unmatched.push({ end: { device: d, tunnel: t }, peerDevice: peer });
      else external.push({ device: d, tunnel: t });
    }
  return { pairs, unmatched, external };
}
