import type { Finding, PairRule } from '../types.js';
import { side, withFixes } from '../finding.js';
import { showPfs } from '../display.js';
import { pairVersion } from '../negotiation.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'pfs-mismatch',
  title: 'Phase 2 PFS (DH group) differs',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.INVALID_GROUP, S.INVALID_KE, S.NO_PROPOSAL_CHOSEN, S.QM_EXPIRED, S.ATTRIB_FAIL, 'ASA: "IPSec PFS group mismatch"'],
  explain:
    'With PFS each phase 2 rekey runs its own Diffie-Hellman exchange in the group configured. The groups (or PFS on/off) must agree. IKEv1 fails quick mode at once when the initiator\'s PFS group is not acceptable (a Cisco end without PFS accepts a peer\'s PFS offer, but a peer requiring PFS refuses a Cisco offer without it). IKEv2 creates the first CHILD_SA inside IKE_AUTH without any DH exchange, so the tunnel comes up and then breaks at the first phase 2 rekey (CREATE_CHILD_SA refused) — the classic "drops after an hour".',
  check(pair) {
    const out: Finding[] = [];
    const version = pairVersion(pair.a.tunnel, pair.b.tunnel);
    for (const p of pair.phase2) {
      const ga = p.a.pfsGroups;
      const gb = p.b.pfsGroups;
      if (ga.value.some((g) => gb.value.includes(g))) continue;
      const a = side(pair.a, ga, showPfs(ga.value), p.a);
      const b = side(pair.b, gb, showPfs(gb.value), p.b);
      withFixes(a, b, 'phase2.pfsGroups', gb.value, ga.value);
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
