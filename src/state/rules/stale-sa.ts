import type { ChildSa } from '../../model/state.js';
import { childRef, endLabel, flowText, hex, other, sideOf } from '../display.js';
import { describeOffset, outsideOtherListing } from '../time.js';
import type { Side, StateHit, StatePair, StateRule } from '../types.js';
import { T } from './symptoms.js';

/** The SPIs of a CHILD_SA the other end has no partner for (skipping what the time line explains). */
function unpartnered(pair: StatePair, side: Side, c: ChildSa, explained: string[]): { in: string[]; out: string[] } {
  const there = pair.spis[other(side)];
  const pick = (dirs: ChildSa['inbound'], partners: Set<string>) =>
    dirs.flatMap((d) => {
      if (!d.spi || partners.has(d.spi)) return [];
      const why = outsideOtherListing(pair, side, c, d);
      if (why) {
        explained.push(`${hex(d.spi)}: ${why}`);
        return [];
      }
      return [d.spi];
    });
  return { in: pick(c.inbound, there.out), out: pick(c.outbound, there.in) };
}

export const rule: StateRule = {
  id: 'stale-sa',
  title: 'An SA one end has and the other end does not (stale SPI)',
  severity: 'error',
  scope: 'state',
  symptoms: [T.BAD_SPI, T.BAD_SPI_WIN32, T.IOS_INV_SPI, T.ASA_INV_SPI, 'Traffic one way only; the error repeats every few seconds until the SA expires'],
  explain:
    "An IPsec SA is a pair of one-way SAs, identified by SPI: what one end sends on (its outbound SPI) the other must have as an inbound SA. When one end reboots, restarts its IKE daemon, or loses a rekey's DELETE, the other end keeps sending on an SPI nobody has any more: every packet is dropped with STATUS_IPSEC_BAD_SPI (0xC0360001) or the platform's invalid-SPI log, until that SA expires — which can be hours. This rule matches the SPIs of both listings: an outbound SPI with no inbound partner on the other end, or an inbound SA the other end never sends on. SAs installed after the other listing was taken, or due to expire before it, are not counted (see --skew). The fix clears exactly that SA (or its IKE SA, when the other end has lost that too), never everything.",
  check(pair, ctx) {
    const hits: StateHit[] = [];
    for (const side of ['a', 'b'] as const) {
      const end = pair[side];
      const there = pair[other(side)];
      if (!end.state.shows.spis) continue;
      if (!there.state.shows.spis) {
        if (end.children.length) ctx.note(`${endLabel(there)}'s listing shows no SPIs: the SPIs of ${endLabel(end)} cannot be matched`, side);
        continue;
      }
      const explained: string[] = [];
      for (const c of end.children) {
        const lost = unpartnered(pair, side, c, explained);
        if (lost.in.length + lost.out.length === 0) continue;
        const ike = c.ike ? end.ikeSas.find((i) => i.id === c.ike) : undefined;
        const ikeLost =
          ike?.spis !== undefined &&
          there.state.shows.ikeSas &&
          // only a listing that prints IKE SPIs can tell an IKE SA is gone
          there.state.ikeSas.some((i) => i.spis) &&
          !there.ikeSas.some((i) => i.spis?.initiator === ike.spis!.initiator && i.spis?.responder === ike.spis!.responder);
        const parts: string[] = [];
        if (lost.out.length) parts.push(`sends on ${lost.out.map(hex).join(', ')} (outbound), which ${endLabel(there)} has no inbound SA for`);
        if (lost.in.length) parts.push(`expects ${lost.in.map(hex).join(', ')} (inbound), which ${endLabel(there)} never sends on`);
        const stamp = Math.abs(pair.offsetSeconds) > pair.skewSeconds ? ` (listings ${describeOffset(pair)})` : '';
        hits.push({
          finding: {
            severity: Math.abs(pair.offsetSeconds) > pair.skewSeconds * 10 ? 'warning' : 'error',
            message: `${endLabel(end)} ${c.id} [${flowText(c)}] ${parts.join('; and ')}${stamp}`,
            effect: lost.out.length
              ? `Every packet ${endLabel(end)} sends into this SA is dropped by ${endLabel(there)} as an unknown SPI (STATUS_IPSEC_BAD_SPI / invalid SPI) until it expires${ikeLost ? `; its IKE SA ${ike!.id} is unknown to ${endLabel(there)} as well` : ''}.`
              : `${endLabel(end)} holds an inbound SA nothing arrives on: harmless in itself, but it shows the two ends disagree about which SAs exist${ikeLost ? ` (its IKE SA ${ike!.id} is unknown to ${endLabel(there)})` : ''}.`,
            on: sideOf(end, childRef(c, lost), [...lost.out.map((s) => `out ${hex(s)}`), ...lost.in.map((s) => `in ${hex(s)}`)].join(', ')),
          },
          clear: ikeLost
            ? { kind: 'ike', sa: ike! }
            : { kind: 'child', sa: c, ...(lost.out[0] ? { spi: lost.out[0], direction: 'out' as const } : { spi: lost.in[0], direction: 'in' as const }) },
        });
      }
      for (const e of explained) ctx.note(`${endLabel(end)} ${e}: not compared`, side);
    }
    return hits;
  },
};
