/**
 * What a Junos SRX end does when DPD declares its peer dead (issue 16). DPD deletes the peer's SAs;
 * what happens next follows from the VPN's `establish-tunnels` (Junos CLI reference, `vpn` statement:
 * `establish-tunnels (immediately | on-traffic)`), README "Dead-peer action":
 * - `immediately` → restart (the VPN is kept up without waiting for traffic: assumed from the
 *   option's name, no page found that describes it after a dead peer);
 * - `on-traffic`, or no statement → hold (negotiated when traffic needs the tunnel; on-traffic as the
 *   default is assumed);
 * - a dynamic peer (`dynamic hostname|user-at-hostname …`) never initiates → clear.
 */
import { byDefault, explicit, inferred, inferredFromAssumed } from '../../src/model/setting.js';
import type { DeadPeerAction, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';

/** Set only when DPD is on. `establish`: the VPN's `establish-tunnels` value, as written, with its line. */
export function junosDeadPeerAction(
  t: TunnelEnd,
  establish: { value: string; raw: string; at: SourceRef | undefined } | undefined,
): Setting<DeadPeerAction> | undefined {
  if (t.dpd.mode.value === 'off') return undefined;
  const init = t.initiates;
  if (init?.value === false) return inferred<DeadPeerAction>('clear', `${init.raw} (a dynamic peer is never initiated to)`, init.at);
  if (!establish) {
    const s = byDefault<DeadPeerAction>('hold', 'establish-tunnels on-traffic (negotiated when traffic needs the tunnel)');
    s.assumed = true;
    return s;
  }
  if (establish.value === 'immediately')
    return inferredFromAssumed<DeadPeerAction>('restart', `${establish.raw} (the VPN is negotiated again at once)`, establish.at);
  return explicit<DeadPeerAction>('hold', establish.raw, establish.at);
}
