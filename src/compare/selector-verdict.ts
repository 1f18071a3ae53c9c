/**
 * What a selector difference does to the tunnel, in words and severity, from who can initiate and
 * whether the responder narrows (src/compare/selectors.ts computes both).
 */
import type { Phase2 } from '../model/types.js';
import { selectorRelation } from '../model/net.js';
import type { EndRef, Severity, TunnelPair } from './types.js';
import { protocolName, selectorOf, type SelectorOutcome } from './selectors.js';
import { labelOf } from './names.js';

export interface SelectorVerdict {
  severity: Severity;
  /** why they are not mirrored, for the message */
  how: string;
  effect: string;
}

function names(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Which dimension keeps two disjoint selectors apart, for the message. */
function disjointHow(a: Phase2, b: Phase2): string {
  const pa = selectorOf(a, 'local').protocol;
  const pb = selectorOf(b, 'local').protocol;
  if (pa !== 0 && pb !== 0 && pa !== pb) return `different protocols: ${protocolName(pa)} vs ${protocolName(pb)}`;
  const addr =
    selectorRelation(a.localSelectors.value, b.remoteSelectors.value) === 'disjoint' ||
    selectorRelation(a.remoteSelectors.value, b.localSelectors.value) === 'disjoint';
  return addr ? 'the selectors have no address in common' : 'the selectors have no port in common';
}

export function selectorVerdict(pair: TunnelPair, a: Phase2, b: Phase2, outcome: SelectorOutcome): SelectorVerdict {
  const { relation, directions } = outcome;
  if (relation === 'disjoint')
    return {
      severity: 'error',
      how: disjointHow(a, b),
      effect:
        'Phase 2 will not come up: the responder finds no policy for the proposed selectors (TS_UNACCEPTABLE / no matching crypto map / ERROR_IPSEC_IKE_NO_POLICY), whoever initiates.',
    };
  const n = (e: EndRef) => labelOf(pair, e);
  const narrower = relation === 'subset' ? pair.a : relation === 'superset' ? pair.b : undefined;
  const wider = narrower === pair.a ? pair.b : narrower === pair.b ? pair.a : undefined;
  const how = narrower ? `${n(narrower)}'s selectors are a subset of the other side's` : 'the selectors overlap only partly';
  const ok = directions.filter((d) => d.accepted);
  const refused = directions.filter((d) => !d.accepted);
  const notCarried = narrower
    ? `traffic of ${n(wider!)} outside ${n(narrower)}'s selectors is not carried`
    : 'only the traffic both ends select is carried; the rest of each end is not';
  if (refused.length === 0)
    return {
      severity: narrower ? 'info' : 'warning',
      how,
      effect: narrower
        ? `Comes up whoever initiates: ${n(narrower)} narrows a wider proposal to its own selectors (RFC 7296 §2.9), and ${n(wider!)} accepts ${n(narrower)}'s narrower one; ${notCarried}.`
        : `Comes up narrowed to the common part (each responder narrows, RFC 7296 §2.9); ${notCarried}.`,
    };
  const refusals = refused.map((d) => `${n(d.responder)} refuses ${n(d.initiator)}'s proposal`).join('; ');
  if (ok.length === 0)
    return {
      severity: 'error',
      how,
      effect: `Phase 2 will not come up: ${refusals} (TS_UNACCEPTABLE / no matching crypto map / ERROR_IPSEC_IKE_NO_POLICY)${directions.length === 1 ? `, and ${n(directions[0].responder)} never initiates` : ''}.`,
    };
  const must = names(ok.map((d) => n(d.initiator)));
  return {
    severity: 'warning',
    how,
    effect: `Comes up only when ${must} initiates: ${refusals} (TS_UNACCEPTABLE / no matching crypto map) — at setup, after a drop, or when it starts a rekey. ${must} must be the initiator, or make the selectors mirror images; ${notCarried}.`,
  };
}

/** Says so when a refusal above rests on an end whose narrowing is not known (assumed to refuse). */
export function selectorNarrowingNote(pair: TunnelPair, outcome: SelectorOutcome): string {
  const unknown = outcome.directions
    .filter((d) => !d.accepted && d.responder.tunnel.behaviour?.selectorNarrowing === undefined && outcome.relation !== 'disjoint')
    .map((d) => labelOf(pair, d.responder));
  return unknown.length
    ? ` (Whether ${names([...new Set(unknown)])} narrows a wider proposal is not known for its vendor; it is assumed to refuse, as many appliances do.)`
    : '';
}
