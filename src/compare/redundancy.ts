/**
 * Redundant tunnels (`TunnelEnd.redundancy`: a cloud VPN connection's tunnels): which member ends
 * sit beside an end on its device, and which tunnel of another device answers a member — the one
 * whose peer address is the member's own (outside) address.
 */
import type { Device, TunnelEnd } from '../model/types.js';
import type { EndRef } from './types.js';

/** The other members of this end's group on its device, in the group's order. */
export function siblings(end: EndRef): TunnelEnd[] {
  const g = end.tunnel.redundancy;
  if (!g) return [];
  return g.members.filter((n) => n !== end.tunnel.name).flatMap((n) => end.device.tunnels.filter((t) => t.name === n && t.redundancy?.id === g.id));
}

/** The enabled tunnel on `device` that points at this member's address, if any. */
export function counterpartOn(device: Device, member: TunnelEnd): TunnelEnd | undefined {
  const own = member.localGateway?.value;
  if (!own) return undefined;
  return device.tunnels.find((t) => t.enabled && t.remoteGateway.value === own);
}

/** Is some other member of this end's group answered by one of these devices? */
export function answeredSibling(end: EndRef, devices: Device[]): TunnelEnd | undefined {
  return siblings(end).find((s) => devices.some((d) => counterpartOn(d, s)));
}
