/**
 * What a Cisco ASA or IOS end does when DPD (ISAKMP keepalives, IKEv2 dpd) declares its peer dead
 * (issue 16). Cisco "IPsec Dead Peer Detection Periodic Message Option" (IOS / IOS-XE IPsec Data
 * Plane Configuration Guide): a dead peer's IKE and IPsec SAs are torn down; nothing in the
 * configuration chooses another action, so it follows from how the end starts a tunnel
 * (README "Dead-peer action"):
 * - a crypto map entry negotiates when outbound traffic matches its ACL → hold;
 * - a tunnel interface with `tunnel protection` → restart: the interface brings its SA up by itself
 *   (assumed: the lead's brief and common practice, no Cisco page found that says it in words);
 * - an end that never initiates (dynamic crypto map, `set connection-type answer-only`) → clear.
 * Crypto-map hold is assumed too for the same reason (no page found that says it in words); the
 * rules only tell clear from the others, and clear follows from `initiates`, which is read.
 */
import { inferred, inferredFromAssumed } from '../../src/model/setting.js';
import type { DeadPeerAction, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';

/** Set only when DPD is on. `entry`: the crypto map entry or the tunnel interface the end was read from. */
export function ciscoDeadPeerAction(
  t: TunnelEnd,
  entry: { text: string; at: SourceRef | undefined; viaInterface: boolean },
): Setting<DeadPeerAction> | undefined {
  if (t.dpd.mode.value === 'off') return undefined;
  const init = t.initiates;
  if (init?.value === false) return inferred<DeadPeerAction>('clear', `${init.raw} (this end never initiates)`, init.at);
  return entry.viaInterface
    ? inferredFromAssumed<DeadPeerAction>('restart', `${entry.text} (a protected tunnel interface brings its SA up again)`, entry.at)
    : inferredFromAssumed<DeadPeerAction>('hold', `${entry.text} (negotiated again when traffic matches the ACL)`, entry.at);
}
