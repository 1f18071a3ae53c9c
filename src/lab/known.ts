/**
 * Disagreements the lab found that are bugs in a rule, reported to the rule's owner and listed
 * here until fixed, so `npm run test:lab` fails only on new ones. Each entry recognises the pairs
 * it explains from the pair itself (not from a case id), so it also applies to `ipsec-drift lab`.
 * When a rule is fixed its cases agree again and the entry is reported as stale: delete it.
 */
import type { TunnelPair } from '../compare/types.js';

export interface KnownRuleBug {
  id: string;
  rule: string;
  summary: string;
  applies(pair: TunnelPair): boolean;
}

export const KNOWN_RULE_BUGS: KnownRuleBug[] = [
  // ikev1-pfs-first-group (pfs-mismatch accepted any shared group under IKEv1) was fixed in the rule
  {
    id: 'ikev1-aggressive-first-dh-group',
    rule: 'p1-proposal-mismatch',
    summary:
      "IKEv1 aggressive mode sends its key exchange in the first message, so only the DH group of the initiator's first proposal can be chosen; the rule still counts any shared group (info) where the lab fails to set up",
    applies: (pair) =>
      [pair.a.tunnel, pair.b.tunnel].every((t) => t.ikeVersion.value === 1 && t.phase1.exchangeMode?.value === 'aggressive') &&
      pair.a.tunnel.phase1.proposals.value[0]?.dhGroups[0] !== pair.b.tunnel.phase1.proposals.value[0]?.dhGroups[0],
  },
];

export function knownBugFor(pair: TunnelPair): KnownRuleBug | undefined {
  return KNOWN_RULE_BUGS.find((b) => b.applies(pair));
}
