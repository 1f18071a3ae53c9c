import type { ChildSa, IkeSa } from '../../model/state.js';
import { generations, timersOf } from '../../model/state.js';
import { childRef, endLabel, flowText, hex, ikeRef, sideOf } from '../display.js';
import type { StateEnd, StateHit, StateRule } from '../types.js';
import { T } from './symptoms.js';

/** Rekey overlap: the new SA is installed before the old one is deleted. More than that is not a rekey. */
const NORMAL_OVERLAP = 2;

function flowKey(c: ChildSa): string {
  return [c.remoteAddress ?? '', [...c.localSelectors].sort().join(','), [...c.remoteSelectors].sort().join(','), c.ipProtocol ?? 0].join('|');
}

/** SAs whose listing shows them past their hard lifetime (expire time passed, or older than their lifetime). */
function pastExpiry(end: StateEnd, skew: number): Array<{ child: ChildSa; spi?: string; why: string }> {
  const out: Array<{ child: ChildSa; spi?: string; why: string }> = [];
  for (const c of end.children) {
    for (const d of [...c.inbound, ...c.outbound]) {
      const t = timersOf(c, d);
      if (t.expireSeconds && t.expireSeconds.value < -skew)
        out.push({ child: c, spi: d.spi, why: `expired ${-t.expireSeconds.value} s ago (${t.expireSeconds.raw})` });
      else if (t.ageSeconds && t.lifetimeSeconds && t.lifetimeSeconds.value > 0 && t.ageSeconds.value > t.lifetimeSeconds.value + skew)
        out.push({ child: c, spi: d.spi, why: `${t.ageSeconds.value} s old with a lifetime of ${t.lifetimeSeconds.value} s` });
    }
  }
  return out;
}

/** The oldest of a group first: by its age, else its IKE SA's age (statusall prints only that), else as listed. */
function oldestFirst(children: ChildSa[], ikeSas: IkeSa[]): ChildSa[] {
  const age = (c: ChildSa) =>
    c.timers.ageSeconds?.value ??
    Math.max(
      -1,
      ...[...c.inbound, ...c.outbound].map((d) => d.timers?.ageSeconds?.value ?? -1),
      ikeSas.find((i) => i.id === c.ike)?.timers.ageSeconds?.value ?? -1,
    );
  return [...children].sort((x, y) => age(y) - age(x));
}

export const rule: StateRule = {
  id: 'duplicate-sa',
  title: 'More SAs for the same traffic than a rekey overlap, or an SA past its expiry',
  severity: 'warning',
  scope: 'state',
  symptoms: [T.SIMULTANEOUS_REKEY, T.BAD_SPI, 'strongSwan: several IKE_SAs or CHILD_SAs with the same name and reqid', 'FortiGate: `sa=3` under one proxyid'],
  explain:
    'During a rekey both SAs of a pair of selectors exist for a moment: the new one is installed before the old one is deleted. Two is normal and never reported. Three or more SAs for the same selectors (or several IKE SAs with the same peer) mean rekeys that collide or deletes that are lost — both ends initiating at the same time with lifetimes too close, a peer that re-initiates without deleting (a restart, no initial-contact) — and each leftover SA is a candidate for a stale SPI. An SA the listing shows past its own lifetime was not deleted when it should have been.',
  check(pair, ctx) {
    const hits: StateHit[] = [];
    for (const end of [pair.a, pair.b]) {
      if (!end.state.shows.selectors && end.children.length)
        ctx.note(`${endLabel(end)}'s listing shows no traffic selectors: rekey overlaps cannot be told from SAs of different policies`, end.side);
      if (end.state.shows.selectors) {
        const groups = new Map<string, ChildSa[]>();
        for (const c of end.children) groups.set(flowKey(c), [...(groups.get(flowKey(c)) ?? []), c]);
        for (const group of groups.values()) {
          const n = group.reduce((s, c) => s + generations(c), 0);
          if (n <= NORMAL_OVERLAP) continue;
          const [oldest] = oldestFirst(group, end.state.ikeSas);
          hits.push({
            finding: {
              severity: 'warning',
              message: `${endLabel(end)} has ${n} SAs for ${flowText(group[0])} with ${group[0].remoteAddress ?? 'the same peer'} (${group.map((c) => c.id).join(', ')}): a rekey overlap is 2`,
              effect: 'Rekeys collide or deletes are lost: the extra SAs live until they expire, and the peer may already have dropped them (stale SPIs).',
              on: sideOf(end, childRef(oldest), group.map((c) => c.id).join(', ')),
            },
            clear: { kind: 'child', sa: oldest },
          });
        }
      }
      const ikeGroups = new Map<string, IkeSa[]>();
      for (const i of end.ikeSas.filter((x) => x.established && x.remoteAddress))
        ikeGroups.set(i.remoteAddress!, [...(ikeGroups.get(i.remoteAddress!) ?? []), i]);
      for (const [peer, group] of ikeGroups) {
        if (group.length <= NORMAL_OVERLAP) continue;
        const oldest = [...group].sort((x, y) => (y.timers.ageSeconds?.value ?? 0) - (x.timers.ageSeconds?.value ?? 0))[0];
        hits.push({
          finding: {
            severity: 'warning',
            message: `${endLabel(end)} has ${group.length} established IKE SAs with ${peer} (${group.map((i) => i.id).join(', ')}): a rekey overlap is 2`,
            effect:
              'Duplicate IKE SAs with one peer come from simultaneous initiations or re-authentications that did not replace the old SA; their CHILD_SAs duplicate too.',
            on: sideOf(end, ikeRef(oldest), group.map((i) => i.id).join(', ')),
          },
          clear: { kind: 'ike', sa: oldest },
        });
      }
      for (const p of pastExpiry(end, pair.skewSeconds)) {
        hits.push({
          finding: {
            severity: 'warning',
            message: `${endLabel(end)} ${p.child.id}${p.spi ? ` ${hex(p.spi)}` : ''} is ${p.why}`,
            effect: 'An SA past its lifetime should have been deleted and replaced; it lingers as a duplicate the peer may no longer have.',
            on: sideOf(end, childRef(p.child, p.spi ? { in: [], out: [p.spi] } : undefined), p.why),
          },
          clear: { kind: 'child', sa: p.child, ...(p.spi ? { spi: p.spi } : {}) },
        });
      }
    }
    return hits;
  },
};
