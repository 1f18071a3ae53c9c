import type { EndRef, Finding, FindingSide, PairRule, TunnelPair } from '../types.js';
import type { IkeProposal, TunnelEnd } from '../../model/types.js';
import { side, withChanges } from '../finding.js';
import { showIkeProposals } from '../display.js';
import { dhGroupName } from '../../model/vocab.js';
import { canInitiate, commonIkeSuite, ikeProposalKey, pairVersion, sameOffers } from '../negotiation.js';
import { labelOf } from '../names.js';
import { S } from './symptoms.js';

/**
 * IKEv1 aggressive mode: the initiator sends its KE payload in the first message, beside the SA
 * offers, so it commits to the DH group of its first proposal before the responder chooses. RFC
 * 2409 §5: "Security Association negotiation is limited with Aggressive Mode. Due to message
 * construction requirements the group in which the Diffie-Hellman exchange is performed cannot be
 * negotiated." The responder can only pick an offer in that group; the other groups the lists
 * share do not help (confirmed in the IKE lab: v1/p1-dh-list-overlap+aggressive-both).
 */
function aggressiveGroup(t: TunnelEnd): number | undefined {
  if (t.ikeVersion.value !== 1 || t.phase1.exchangeMode?.value !== 'aggressive') return undefined;
  return t.phase1.proposals.value[0]?.dhGroups[0];
}

/** The initiator's offers narrowed to the one group its KE payload is in. */
function offersInGroup(proposals: IkeProposal[], group: number): IkeProposal[] {
  return proposals.filter((p) => p.dhGroups.includes(group)).map((p) => ({ ...p, dhGroups: [group] }));
}

/** True when `init` initiates in aggressive mode and `resp` accepts none of its offers in the group it committed to. */
function aggressiveGroupRefused(init: TunnelEnd, resp: TunnelEnd): boolean {
  const group = aggressiveGroup(init);
  if (group === undefined || !canInitiate(init)) return false;
  return commonIkeSuite(offersInGroup(init.phase1.proposals.value, group), resp.phase1.proposals.value, 1) === undefined;
}

/** `own` reordered so that an offer the peer accepts comes first, with the shared group first in it. */
function sharedGroupFirst(own: IkeProposal[], peer: IkeProposal[]): IkeProposal[] {
  const group = commonIkeSuite(own, peer, 1)?.dhGroup;
  if (group === undefined) return own;
  const accepted = (p: IkeProposal) => p.dhGroups.includes(group) && commonIkeSuite(offersInGroup([p], group), peer, 1) !== undefined;
  const first = own.filter(accepted).map((p) => ({ ...p, dhGroups: [group, ...p.dhGroups.filter((g) => g !== group)] }));
  return [...first, ...own.filter((p) => !accepted(p))];
}

/** The verdict when the lists share a suite but an aggressive-mode initiator commits to a group its peer refuses; undefined when none does. */
function aggressiveFinding(pair: TunnelPair, a: FindingSide, b: FindingSide): Finding | undefined {
  const refused: Array<[EndRef, EndRef]> = [];
  if (aggressiveGroupRefused(pair.a.tunnel, pair.b.tunnel)) refused.push([pair.a, pair.b]);
  if (aggressiveGroupRefused(pair.b.tunnel, pair.a.tunnel)) refused.push([pair.b, pair.a]);
  if (!refused.length) return undefined;
  const pa = pair.a.tunnel.phase1.proposals.value;
  const pb = pair.b.tunnel.phase1.proposals.value;
  withChanges(
    a,
    b,
    'phase1.proposals',
    refused.some(([i]) => i === pair.a) ? sharedGroupFirst(pa, pb) : undefined,
    refused.some(([i]) => i === pair.b) ? sharedGroupFirst(pb, pa) : undefined,
  );
  const [init, resp] = refused[0];
  const group = aggressiveGroup(init.tunnel) as number;
  // refused only when one end initiates: it works while the other end initiates (warning, naming
  // it), unless that end never initiates or is refused too (error)
  const mustInitiate = refused.length === 1 && canInitiate(resp.tunnel) ? resp : undefined;
  const i = labelOf(pair, init);
  const r = labelOf(pair, resp);
  return {
    rule: 'p1-proposal-mismatch',
    severity: mustInitiate ? 'warning' : 'error',
    setting: 'phase1.proposals',
    message: `IKEv1 aggressive mode: ${i} sends its key exchange in ${dhGroupName(group)} (${group}), which ${r} does not accept with any of ${i}'s offers (${showIkeProposals(pa)} vs ${showIkeProposals(pb)})`,
    effect: mustInitiate
      ? `Aggressive mode cannot negotiate the DH group (RFC 2409 §5): when ${i} initiates — at setup, after a drop, or when it starts a rekey — phase 1 is refused although the lists share a suite. It works while ${labelOf(pair, mustInitiate)} initiates: ${labelOf(pair, mustInitiate)} must be the initiator, or put the shared group first on ${i}.`
      : refused.length === 2
        ? 'Aggressive mode cannot negotiate the DH group (RFC 2409 §5): each end sends its key exchange in a group the other does not accept, so phase 1 is refused whoever initiates, although the lists share a suite.'
        : `Aggressive mode cannot negotiate the DH group (RFC 2409 §5): ${i} is the only end that initiates and its key exchange group is refused, so phase 1 does not come up although the lists share a suite.`,
    a,
    b,
  };
}

export const rule: PairRule = {
  id: 'p1-proposal-mismatch',
  title: 'No common phase 1 (IKE) proposal',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.POLICY_MATCH, S.ATTRIB_FAIL, S.NO_PROPOSAL_CHOSEN, S.INVALID_KE, S.FGT_NO_PROPOSAL, S.ASA_PROPOSALS],
  explain:
    "The initiator offers its list of IKE proposals (encryption, integrity/PRF, DH group); the responder must accept one combination from its own list. The order of the lists does not matter for whether a match exists; the intersection does. When no combination is common to both lists phase 1 fails. When the lists differ but overlap the tunnel comes up with the first common suite, which is reported as info. IKEv1 aggressive mode is the exception: the initiator sends its key exchange in the first message, in the DH group of its first proposal, so the group cannot be negotiated (RFC 2409 §5); when the responder accepts none of the initiator's offers in that group, phase 1 is refused although the lists share a suite (warning naming the end that must initiate; error when that end never initiates or is refused too).",
  check(pair) {
    const pa = pair.a.tunnel.phase1.proposals;
    const pb = pair.b.tunnel.phase1.proposals;
    const version = pairVersion(pair.a.tunnel, pair.b.tunnel) ?? pair.a.tunnel.ikeVersion.value;
    if (sameOffers(pa.value, pb.value, ikeProposalKey)) return [];
    const a = side(pair.a, pa, showIkeProposals(pa.value));
    const b = side(pair.b, pb, showIkeProposals(pb.value));
    const common = commonIkeSuite(pa.value, pb.value, version);
    if (common) {
      const aggressive = version === 1 ? aggressiveFinding(pair, a, b) : undefined;
      if (aggressive) return [aggressive];
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
