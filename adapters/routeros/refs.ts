/**
 * Which RouterOS entries a tunnel end was read from, so `fix` can say
 * `/ip ipsec proposal set [ find name=p2 ] lifetime=1h` instead of describing the entry.
 * The model has no place for a vendor's object names, so the parser records them here, keyed
 * by the very TunnelEnd / Phase2 objects it returns (a WeakMap: no lifetime of its own, nothing
 * observable changes). When a Device did not come from this process's parser (e.g. read back
 * from JSON), `fix` falls back to selecting the entry through the peer/policy with RouterOS's own
 * `[ /menu get [ find … ] property ]` substitution, which is always valid.
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

const tunnelRefs = new WeakMap<TunnelEnd, TunnelRefs>();
const phase2Refs = new WeakMap<Phase2, Phase2Refs>();

export function rememberTunnel(t: TunnelEnd, refs: TunnelRefs): void {
  tunnelRefs.set(t, refs);
}

export function rememberPhase2(p: Phase2, refs: Phase2Refs): void {
  phase2Refs.set(p, refs);
}

export function refsOfTunnel(t: TunnelEnd): TunnelRefs | undefined {
  return tunnelRefs.get(t);
}

export function refsOfPhase2(p: Phase2): Phase2Refs | undefined {
  return phase2Refs.get(p);
}
