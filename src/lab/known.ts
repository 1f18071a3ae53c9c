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
  // ikev1-aggressive-first-dh-group (p1-proposal-mismatch counted any shared DH group under IKEv1 aggressive mode) was fixed in the rule
];

export function knownBugFor(pair: TunnelPair): KnownRuleBug | undefined {
  return KNOWN_RULE_BUGS.find((b) => b.applies(pair));
}
