/**
 * Which Windows object a tunnel end was read from decides the syntax of its fix (netsh for a
 * connection security rule, Set-VpnS2SInterface for an RRAS interface…). The model has no field
 * for it, so it is recovered from what the readers record and any saved Device keeps: the unit
 * of the lifetime fields — netsh and NetSecurity write minutes, RRAS writes seconds, and the VPN
 * client has no lifetime field at all (no unit).
 */
import type { TunnelEnd } from '../../src/model/types.js';
import { VPN_SERVER_END } from './rras-tunnels.js';

export type WindowsEndKind = 'consec' | 's2s' | 'vpn-server' | 'vpn-client';

export function windowsEndKind(t: TunnelEnd): WindowsEndKind {
  const unit = t.phase2[0]?.lifetimeSeconds.unit ?? t.phase1.lifetimeSeconds.unit;
  if (unit === 'minutes') return 'consec';
  if (unit === 'seconds') return t.name === VPN_SERVER_END && t.remoteGateway.value === 'any' ? 'vpn-server' : 's2s';
  return 'vpn-client';
}
