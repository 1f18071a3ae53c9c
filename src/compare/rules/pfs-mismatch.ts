import type { Finding, PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showPfs } from '../display.js';
import { canInitiate, pairVersion } from '../negotiation.js';
import type { Phase2 } from '../../model/types.js';
import type { EndRef } from '../types.js';

/**
 * IKEv1 quick mode carries one KE payload: an initiator offering several groups (or "group or
 * none") commits to its first, and a responder that does not accept that one refuses, even when
 * the lists share another group (confirmed in the IKE lab: lab id ikev1-pfs-first-group).
 */
function ikev1FirstGroupRefused(init: Phase2, resp: Phase2): boolean {
  return !resp.pfsGroups.value.includes(init.pfsGroups.value[0] ?? 0);
}
import { S } from './symptoms.js';
import { labelOf } from '../names.js';

export const rule: PairRule = {
  id: 'pfs-mismatch',
  title: 'Phase 2 PFS (DH group) differs',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.INVALID_GROUP, S.INVALID_KE, S.NO_PROPOSAL_CHOSEN, S.QM_EXPIRED, S.ATTRIB_FAIL, 'ASA: "IPSec PFS group mismatch"'],
  explain:
    'With PFS each phase 2 rekey runs its own Diffie-Hellman exchange in the group configured. The groups (or PFS on/off) must agree. IKEv1 fails quick mode at once when the initiator\'s PFS group is not acceptable (a Cisco end without PFS accepts a peer\'s PFS offer, but a peer requiring PFS refuses a Cisco offer without it). IKEv1 quick mode also carries a single key exchange: an initiator offering several groups commits to its first, so when the lists share a group that is not first on one end, phase 2 works while the other end initiates and is refused when this end does (warning naming the end that must initiate; error when that end never initiates). IKEv2 creates the first CHILD_SA inside IKE_AUTH without any DH exchange, so the tunnel comes up and then breaks at the first phase 2 rekey (CREATE_CHILD_SA refused) — the classic "drops after an hour".',
  check(pair) {
    const out: Finding[] = [];
    const version = pairVersion(pair.a.tunnel, pair.b.tunnel);
    for (const p of pair.phase2) {
      const ga = p.a.pfsGroups;
      const gb = p.b.pfsGroups;
      if (ga.value.some((g) => gb.value.includes(g))) {
        if (version !== 1) continue; // IKEv2: INVALID_KE_PAYLOAD makes the initiator retry with the group the responder wants
        const refused: Array<[EndRef, EndRef, Phase2, Phase2]> = [];
        if (canInitiate(pair.a.tunnel) && ikev1FirstGroupRefused(p.a, p.b)) refused.push([pair.a, pair.b, p.a, p.b]);
        if (canInitiate(pair.b.tunnel) && ikev1FirstGroupRefused(p.b, p.a)) refused.push([pair.b, pair.a, p.b, p.a]);
        if (!refused.length) continue;
        const a = side(pair.a, ga, showPfs(ga.value), p.a);
        const b = side(pair.b, gb, showPfs(gb.value), p.b);
        // put the shared group first on the end(s) whose first choice is refused
        const common = ga.value.filter((g) => gb.value.includes(g));
        const reorder = (own: number[]) => [...common.filter((g) => own.includes(g)), ...own.filter((g) => !common.includes(g))];
        withChanges(
          a,
          b,
          'phase2.pfsGroups',
          refused.some(([i]) => i === pair.a) ? reorder(ga.value) : undefined,
          refused.some(([i]) => i === pair.b) ? reorder(gb.value) : undefined,
        );
        const [init, resp, pi] = refused[0];
        // refused only when one end initiates: it works while the other end initiates (warning,
        // naming it), unless that end never initiates or is refused too (error)
        const mustInitiate = refused.length === 1 && canInitiate(resp.tunnel) ? resp : undefined;
        out.push({
          rule: 'pfs-mismatch',
          severity: mustInitiate ? 'warning' : 'error',
          setting: `phase2[${p.a.name}].pfsGroups`,
          message: `PFS: ${labelOf(pair, init)} proposes ${showPfs([pi.pfsGroups.value[0] ?? 0])} first, which ${labelOf(pair, resp)} does not accept (${showPfs(ga.value)} vs ${showPfs(gb.value)})`,
          effect: mustInitiate
            ? `IKEv1 quick mode carries a single key exchange: when ${labelOf(pair, init)} initiates — at setup, after a drop, or when it starts a rekey — phase 2 is refused (NO_PROPOSAL_CHOSEN) although the lists share a group. It works while ${labelOf(pair, mustInitiate)} initiates: ${labelOf(pair, mustInitiate)} must be the initiator, or put the shared group first on ${labelOf(pair, init)}.`
            : refused.length === 2
              ? `IKEv1 quick mode carries a single key exchange: each end proposes a group the other does not accept first, so phase 2 is refused (NO_PROPOSAL_CHOSEN) whoever initiates, although the lists share a group.`
              : `IKEv1 quick mode carries a single key exchange: ${labelOf(pair, init)} is the only end that initiates and its first group is refused (NO_PROPOSAL_CHOSEN), so phase 2 does not come up although the lists share a group.`,
          a,
          b,
        });
        continue;
      }
      const a = side(pair.a, ga, showPfs(ga.value), p.a);
      const b = side(pair.b, gb, showPfs(gb.value), p.b);
      withChanges(a, b, 'phase2.pfsGroups', gb.value, ga.value);
      out.push({
        rule: 'pfs-mismatch',
        severity: 'error',
        setting: `phase2[${p.a.name}].pfsGroups`,
        message: `PFS differs: ${showPfs(ga.value)} vs ${showPfs(gb.value)}`,
        effect:
          version === 2
            ? 'The tunnel comes up (the first CHILD_SA needs no DH exchange) and breaks at the first phase 2 rekey, when CREATE_CHILD_SA is refused.'
            : 'Phase 2 (quick mode) will not come up when the end whose PFS the other refuses initiates; in practice it fails at setup or at the first rekey.',
        a,
        b,
      });
    }
    return out;
  },
};
