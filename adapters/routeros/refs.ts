/**
 * Which RouterOS entries a tunnel end was read from, so `fix` can say
 * `/ip ipsec proposal set [ find name=p2 ] lifetime=1h` instead of describing the entry.
 * The parser records them in the model's `vendorRefs` (plain data: they survive JSON and worker
 * threads). When a Device carries none (built by hand), `fix` falls back to selecting the entry
 * through the peer/policy with RouterOS's own `[ /menu get [ find … ] property ]` substitution,
 * which is always valid.
 */
import type { Phase2, TunnelEnd } from '../../src/model/types.js';

/** `[ find … ]` filter text for an entry: `name=p2`, `default=yes`, `peer=peer1`, `address=1.2.3.4/32`. */
export type Selector = string;

export interface TunnelRefs {
  peer: Selector;
  /** `ip ipsec profile`, `ip ipsec peer profile`, or `ip ipsec peer` (≤ 6.42, crypto on the peer) */
  profileMenu: string;
  profile: Selector;
  /** `ip ipsec identity`, or `ip ipsec peer` (≤ 6.43, secret on the peer) */
  identityMenu: string;
  identity: Selector;
}

export interface Phase2Refs {
  /** undefined for a phase 2 generated from a policy template */
  policy?: Selector;
  proposal: Selector;
}

export function rememberTunnel(t: TunnelEnd, refs: TunnelRefs): void {
  t.vendorRefs = { ...refs };
}

export function rememberPhase2(p: Phase2, refs: Phase2Refs): void {
  p.vendorRefs = refs.policy === undefined ? { proposal: refs.proposal } : { policy: refs.policy, proposal: refs.proposal };
}

export function refsOfTunnel(t: TunnelEnd): TunnelRefs | undefined {
  const r = t.vendorRefs;
  if (!r || r.peer === undefined || r.profileMenu === undefined || r.profile === undefined || r.identityMenu === undefined || r.identity === undefined)
    return undefined;
  return { peer: r.peer, profileMenu: r.profileMenu, profile: r.profile, identityMenu: r.identityMenu, identity: r.identity };
}

export function refsOfPhase2(p: Phase2): Phase2Refs | undefined {
  const r = p.vendorRefs;
  if (!r || r.proposal === undefined) return undefined;
  return r.policy === undefined ? { proposal: r.proposal } : { policy: r.policy, proposal: r.proposal };
}
