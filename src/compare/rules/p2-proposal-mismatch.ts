import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showChildProposals } from '../display.js';
import { childProposalKey, commonChildSuite, sameOffers } from '../negotiation.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p2-proposal-mismatch',
  title: 'No common phase 2 (ESP/AH) proposal',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.POLICY_MATCH, S.ATTRIB_FAIL, S.NO_PROPOSAL_CHOSEN, S.FGT_NO_PROPOSAL, S.ASA_PROPOSALS],
  explain:
    "Each phase 2 (quick mode / CHILD_SA) offers protocol (ESP or AH), encryption and integrity transforms. The responder must accept one combination of the initiator's list. With no combination in common the IKE SA may come up but no traffic flows: the CHILD_SA is refused (IKEv2: the tunnel is torn down right after IKE_AUTH on many vendors).",
  check(pair) {
    const out: Finding[] = [];
    for (const p of pair.phase2) {
      const pa = p.a.proposals;
      const pb = p.b.proposals;
      if (sameOffers(pa.value, pb.value, childProposalKey)) continue;
      const a = side(pair.a, pa, showChildProposals(pa.value), p.a);
      const b = side(pair.b, pb, showChildProposals(pb.value), p.b);
      const common = commonChildSuite(pa.value, pb.value);
      if (common) {
        out.push({
          rule: 'p2-proposal-mismatch',
          severity: 'info',
          setting: `phase2[${p.a.name}].proposals`,
          message: `Phase 2 proposal lists differ but share ${common.protocol} ${[common.encryption, common.integrity].filter(Boolean).join('-')}`,
          effect: 'Comes up with the first common proposal; the extra offers are unused.',
          a,
          b,
        });
        continue;
      }
      withChanges(a, b, 'phase2.proposals', pb.value, pa.value);
      out.push({
        rule: 'p2-proposal-mismatch',
        severity: 'error',
        setting: `phase2[${p.a.name}].proposals`,
        message: `No common phase 2 proposal: ${showChildProposals(pa.value)} vs ${showChildProposals(pb.value)}`,
        effect: 'Phase 2 will not come up: quick mode / CHILD_SA negotiation fails with NO_PROPOSAL_CHOSEN; no traffic passes.',
        a,
        b,
      });
    }
    return out;
  },
};
