/**
 * Disagreements the lab found that are bugs in a rule, reported to the rule's owner and listed
 * here until fixed, so `npm run test:lab` fails only on new ones. Each entry recognises the pairs
 * it explains from the pair itself (not from a case id), so it also applies to `ipsec-drift lab`.
 * When a rule is fixed its cases agree again and the entry is reported as stale: delete it.
 */
import type { TunnelPair } from '../compare/types.js';
import { canInitiate } from '../compare/negotiation.js';
import type { Phase2 } from '../model/types.js';

export interface KnownRuleBug {
  id: string;
  rule: string;
  summary: string;
  applies(pair: TunnelPair): boolean;
}

/** IKEv1 quick mode has one KE payload: the initiator commits to its first PFS group (0: none). */
function firstGroupRefused(init: Phase2, resp: Phase2): boolean {
  const first = init.pfsGroups.value[0] ?? 0;
  return !resp.pfsGroups.value.includes(first) && init.pfsGroups.value.some((g) => resp.pfsGroups.value.includes(g));
}

export const KNOWN_RULE_BUGS: KnownRuleBug[] = [
  {
    id: 'ikev1-pfs-first-group',
    rule: 'pfs-mismatch',
    summary:
      'IKEv1 quick mode carries a single KE payload, so an initiator offering several PFS groups (or "group or none") commits to its first; a responder that does not accept that group refuses (NO_PROPOSAL_CHOSEN). pfs-mismatch accepts any common group and says nothing: the tunnel comes up only when the other end initiates, and breaks when this end rekeys.',
    applies(pair) {
      if (pair.a.tunnel.ikeVersion.value !== 1 || pair.b.tunnel.ikeVersion.value !== 1) return false;
      return pair.phase2.some(
        (p) => (canInitiate(pair.a.tunnel) && firstGroupRefused(p.a, p.b)) || (canInitiate(pair.b.tunnel) && firstGroupRefused(p.b, p.a)),
      );
    },
  },
];

export function knownBugFor(pair: TunnelPair): KnownRuleBug | undefined {
  return KNOWN_RULE_BUGS.find((b) => b.applies(pair));
}
