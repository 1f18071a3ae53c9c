import { childRef, endLabel, flowText, sideOf } from '../display.js';
import type { StateHit, StateRule } from '../types.js';
import { T } from './symptoms.js';

export const rule: StateRule = {
  id: 'ike-sa-missing',
  title: 'CHILD_SAs exist with no IKE SA to rekey them',
  severity: 'warning',
  scope: 'state',
  symptoms: [T.QM_EXPIRED, T.MM_EXPIRED, 'The tunnel drops at the next rekey and comes back only after a new phase 1'],
  explain:
    'CHILD_SAs are created and rekeyed under an IKE SA. When an end lists IPsec SAs with a peer but no established IKE SA with it, nothing can rekey them: at their expiry the tunnel goes down until a new IKE SA is negotiated (IKEv2), or phase 1 is rebuilt first (IKEv1, where phase 2 SAs outliving phase 1 is allowed but still means a full renegotiation at rekey). It also happens after the peer deleted the IKE SA and this end missed the DELETE. Checked only on an end whose listing shows its IKE SAs.',
  check(pair, ctx) {
    const hits: StateHit[] = [];
    for (const end of [pair.a, pair.b]) {
      if (!end.state.shows.ikeSas) {
        if (end.children.length) ctx.note(`${endLabel(end)}'s listing shows no IKE SAs: ike-sa-missing is not checked there`, end.side);
        continue;
      }
      const up = end.ikeSas.filter((i) => i.established);
      for (const c of end.children) {
        if (c.inbound.length + c.outbound.length === 0 && !c.state) continue;
        const linked = c.ike ? up.find((i) => i.id === c.ike) : undefined;
        const byPeer = up.find((i) => c.remoteAddress !== undefined && (i.remoteAddress === c.remoteAddress || i.localAddress === c.remoteAddress));
        if (linked || byPeer) continue;
        const v2 = end.state.ikeSas.find((i) => i.remoteAddress === c.remoteAddress)?.version === 2;
        hits.push({
          finding: {
            severity: v2 ? 'error' : 'warning',
            message: `${endLabel(end)} ${c.id} [${flowText(c)}] with ${c.remoteAddress ?? 'its peer'} has no established IKE SA${c.ike ? ` (its IKE SA ${c.ike} is not established)` : ''}`,
            effect: 'Nothing can rekey this CHILD_SA: at its expiry the tunnel drops until a new IKE SA is negotiated.',
            on: sideOf(end, childRef(c)),
          },
          clear: { kind: 'child', sa: c },
        });
      }
    }
    return hits;
  },
};
