/**
 * What a PAN-OS end does when DPD (IKEv1 dpd, IKEv2 liveness check) declares its peer dead (issue 16),
 * README "Dead-peer action":
 * - the tunnel's `tunnel-monitor enable yes` → restart: PAN-OS 11.2 web help, Network › Network
 *   Profiles › Monitor: whether the action is wait-recover or fail-over, "the firewall tries to
 *   negotiate new IPSec keys to accelerate the recovery";
 * - otherwise → hold: a tunnel is negotiated when traffic is routed into it (assumed: no page found
 *   that says it after a dead peer);
 * - `passive-mode yes` or a dynamic peer never initiates → clear.
 */
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { DeadPeerAction, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';

/** Set only when DPD is on. `monitor`: the tunnel's `tunnel-monitor enable` when it says yes. */
export function panosDeadPeerAction(t: TunnelEnd, monitor: { raw: string; at: SourceRef | undefined } | undefined): Setting<DeadPeerAction> | undefined {
  if (t.dpd.mode.value === 'off') return undefined;
  const init = t.initiates;
  if (init?.value === false) return inferred<DeadPeerAction>('clear', `${init.raw} (this end never initiates)`, init.at);
  if (monitor) return explicit<DeadPeerAction>('restart', monitor.raw, monitor.at);
  const s = byDefault<DeadPeerAction>('hold', 'tunnel-monitor enable no (negotiated when traffic is routed into the tunnel)');
  s.assumed = true;
  return s;
}
