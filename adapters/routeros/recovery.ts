/**
 * What a RouterOS peer does when DPD declares its peer dead, and how it renews its IKE SA (issue 16).
 * Sources (README "Dead-peer action and IKE renewal"):
 * - help.mikrotik.com/docs/display/ROS/IPsec, "Internet Key Exchange Protocol (IKE)": the IKE daemon
 *   initiates when "some traffic caught by a policy rule … needs to become encrypted … but the policy
 *   doesn't have any SAs"; otherwise it only responds. DPD removes the SAs, the static policy stays:
 *   the next packet it catches initiates again → hold. A `passive=yes` peer never initiates → clear.
 *   A peer with no static policy of its own (only `generate-policy`): not known — whether it
 *   initiates at all without a policy to catch traffic is not documented, so nothing is said.
 * - wiki.mikrotik.com Manual:IP/IPsec (RouterOS v6.0+): "Phase 1 is not re-keyed if DPD is disabled
 *   when lifetime expires, only phase 2 is re-keyed. To force phase 1 re-key, enable DPD." →
 *   `dpd-interval=disable-dpd` renews nothing (none); v7 is assumed to do the same.
 */
import { inferred, inferredFromAssumed } from '../../src/model/setting.js';
import type { DeadPeerAction, IkeRenewal, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';

/** Set only when DPD is on. `policyAt`: the first static policy of this peer, where it has one. */
export function routerosDeadPeerAction(t: TunnelEnd, policyAt: { raw: string; at?: SourceRef } | undefined): Setting<DeadPeerAction> | undefined {
  if (t.dpd.mode.value === 'off') return undefined;
  const init = t.initiates;
  if (init?.value === false) return inferred<DeadPeerAction>('clear', `${init.raw} (a passive peer never initiates)`, init.at);
  return policyAt ? inferred<DeadPeerAction>('hold', `${policyAt.raw} (traffic this policy catches initiates again)`, policyAt.at) : undefined;
}

/** `disable-dpd`: phase 1 is not re-keyed at its lifetime (the manual's warning). Undefined: rekeys. */
export function routerosIkeRenewal(t: TunnelEnd): Setting<IkeRenewal> | undefined {
  const m = t.dpd.mode;
  if (m.value !== 'off') return undefined;
  const why = `${m.raw} (phase 1 is not re-keyed when DPD is disabled)`;
  return m.origin === 'explicit' ? inferred<IkeRenewal>('none', why, m.at) : inferredFromAssumed<IkeRenewal>('none', why, m.at);
}
