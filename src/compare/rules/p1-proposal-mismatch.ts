import type { PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showIkeProposals } from '../display.js';
import { commonIkeSuite, ikeProposalKey, pairVersion, sameOffers } from '../negotiation.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p1-proposal-mismatch',
  title: 'No common phase 1 (IKE) proposal',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.POLICY_MATCH, S.ATTRIB_FAIL, S.NO_PROPOSAL_CHOSEN, S.INVALID_KE, S.FGT_NO_PROPOSAL, S.ASA_PROPOSALS],
  explain:
    'The initiator offers its list of IKE proposals (encryption, integrity/PRF, DH group); the responder must accept one combination from its own list. The order of the lists does not matter for whether a match exists; the intersection does. When no combination is common to both lists phase 1 fails. When the lists differ but overlap the tunnel comes up with the first common suite, which is reported as info.',
  check(pair) {
    const pa = pair.a.tunnel.phase1.proposals;
    const pb = pair.b.tunnel.phase1.proposals;
    const version = pairVersion(pair.a.tunnel, pair.b.tunnel) ?? pair.a.tunnel.ikeVersion.value;
    if (sameOffers(pa.value, pb.value, ikeProposalKey)) return [];
    const a = side(pair.a, pa, showIkeProposals(pa.value));
    const b = side(pair.b, pb, showIkeProposals(pb.value));
    const common = commonIkeSuite(pa.value, pb.value, version);
    if (common) {
      return [
        {
          rule: 'p1-proposal-mismatch',
          severity: 'info',
          setting: 'phase1.proposals',
          message: `Phase 1 proposal lists differ but share ${common.encryption}${common.integrity ? `-${common.integrity}` : ''} with DH group ${common.dhGroup}`,
          effect: 'Comes up with the first common proposal; the extra offers on either side are unused.',
          a,
          b,
        },
      ];
    }
    withChanges(a, b, 'phase1.proposals', pb.value, pa.value);
    return [
      {
        rule: 'p1-proposal-mismatch',
        severity: 'error',
        setting: 'phase1.proposals',
        message: `No common phase 1 proposal: ${showIkeProposals(pa.value)} vs ${showIkeProposals(pb.value)}`,
        effect: 'The tunnel will not come up: phase 1 (IKE SA) negotiation fails with NO_PROPOSAL_CHOSEN.',
        a,
        b,
      },
    ];
  },
};
