import { selectorRelation } from '../../model/net.js';
import type { ChildSa } from '../../model/state.js';
import { childRef, endLabel, flowText, other, sideOf } from '../display.js';
import type { StateEnd, StateHit, StateRule } from '../types.js';
import { T } from './symptoms.js';

/** Does the other end's configuration (or the tunnels its listing shows) have a tunnel for this SA? */
function hasTunnelFor(there: StateEnd, here: StateEnd, c: ChildSa): boolean | undefined {
  const mine = here.localAddresses;
  const selectorsFit = (local?: string[], remote?: string[]) =>
    !local?.length ||
    !remote?.length ||
    c.localSelectors.length === 0 ||
    (selectorRelation(remote, c.localSelectors) !== 'disjoint' && selectorRelation(local, c.remoteSelectors) !== 'disjoint');
  if (there.device) {
    return there.device.tunnels.some(
      (t) =>
        t.enabled &&
        (t.remoteGateway.value === 'any' || mine.has(t.remoteGateway.value) || t.remoteGateway.value === c.localAddress) &&
        (t.phase2.length === 0 || t.phase2.some((p) => selectorsFit(p.localSelectors.value, p.remoteSelectors.value))),
    );
  }
  const listed = there.state.tunnels;
  if (listed.length === 0) return undefined;
  return listed.some(
    (t) =>
      (t.remoteAddress === undefined ||
        ['%any', '0.0.0.0', '::'].includes(t.remoteAddress) ||
        mine.has(t.remoteAddress) ||
        t.remoteAddress === c.localAddress) &&
      selectorsFit(t.localSelectors, t.remoteSelectors),
  );
}

export const rule: StateRule = {
  id: 'orphan-sa',
  title: 'An end holds SAs for a tunnel the other end has no configuration for',
  severity: 'error',
  scope: 'state',
  symptoms: [T.BAD_SPI, T.NO_POLICY, 'SAs that come back after every clear, or never rekey'],
  explain:
    "SAs on one end whose peer has no tunnel (configuration) for them at all: the tunnel was deleted or re-addressed on one side only, or the SAs belong to an old peer address. They cannot be rekeyed — the peer has nothing to negotiate with — and traffic on them is dropped by the peer as unknown SPIs. Unlike stale-sa, clearing them does not bring them back in working order: the configuration on one end is missing or different. Checked when the other end's configuration is given (compare --state, state --config) or its listing shows its configured tunnels (strongSwan statusall, FortiGate tunnel list, Cisco crypto map entries).",
  check(pair, ctx) {
    const hits: StateHit[] = [];
    for (const end of [pair.a, pair.b]) {
      const there = pair[other(end.side)];
      const noted = new Set<string>();
      for (const c of end.children) {
        const has = hasTunnelFor(there, end, c);
        if (has === undefined) {
          if (!noted.has('unknown'))
            ctx.note(
              `${endLabel(there)}: no configuration given and its listing shows no configured tunnels: orphan-sa is not checked for ${endLabel(end)}'s SAs`,
              end.side,
            );
          noted.add('unknown');
          continue;
        }
        if (has) continue;
        hits.push({
          finding: {
            severity: 'error',
            message: `${endLabel(end)} ${c.id} [${flowText(c)}] with ${c.remoteAddress ?? 'its peer'}: ${endLabel(there)} has no tunnel for ${c.localAddress ?? 'this end'} with these selectors`,
            effect: `${endLabel(there)} cannot rekey or use these SAs: traffic on them is dropped there, and clearing them only helps once the configurations agree.`,
            on: sideOf(end, childRef(c)),
            other: {
              side: there.side,
              origin: there.state.origin,
              vendor: there.state.vendor,
              display: there.device ? 'no matching tunnel in its configuration' : 'no matching tunnel in its listing',
            },
          },
          clear: { kind: 'child', sa: c },
        });
      }
    }
    return hits;
  },
};
