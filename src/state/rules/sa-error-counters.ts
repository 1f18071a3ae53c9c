import type { SaCounters } from '../../model/state.js';
import { childRef, endLabel, flowText, sideOf } from '../display.js';
import type { StateHit, StateRule } from '../types.js';
import { T } from './symptoms.js';

const MEANING: Record<keyof SaCounters, { what: string; severity: 'warning' | 'info' }> = {
  invalidSpi: { what: 'packets arrived for an SPI this end does not have (the peer sends on a stale SA)', severity: 'warning' },
  authFailed: { what: 'packets failed integrity verification (keys out of step, or corruption on the path)', severity: 'warning' },
  decapsFailed: { what: 'packets could not be decapsulated', severity: 'warning' },
  replayFailed: { what: 'packets failed the anti-replay check (reordering on the path, QoS, or a replay window too small)', severity: 'info' },
  noSa: { what: 'packets had to be sent with no SA for them', severity: 'info' },
  dropped: { what: 'inbound packets were dropped', severity: 'warning' },
};

export const rule: StateRule = {
  id: 'sa-error-counters',
  title: 'SA counters show invalid-SPI, replay or integrity failures',
  severity: 'warning',
  scope: 'state',
  symptoms: [T.BAD_SPI, T.IOS_INV_SPI, T.REPLAY, 'IOS `#pkts invalid sa (rcv)`, `##pkts replay failed (rcv)`, `#pkts verify failed` above zero'],
  explain:
    'Where the platform counts them (Cisco `show crypto ipsec sa detail`, IOS `show crypto session detail` drops), non-zero error counters tell what the SA tables alone cannot: an invalid-SPI count means the peer is sending on an SA this end no longer has (the other half of stale-sa, seen from the receiver), verify failures mean keys out of step, replay failures mean reordering on the path or a replay window too small for it. Counters are cumulative since the SA was installed or the counters were cleared (`clear crypto sa counters`).',
  check(pair) {
    const hits: StateHit[] = [];
    for (const end of [pair.a, pair.b]) {
      for (const c of end.children) {
        const counters = c.counters ?? {};
        for (const key of Object.keys(MEANING) as Array<keyof SaCounters>) {
          const v = counters[key];
          if (!v || v.value === 0) continue;
          hits.push({
            finding: {
              severity: MEANING[key].severity,
              message: `${endLabel(end)} ${c.id} [${flowText(c)}] with ${c.remoteAddress ?? 'its peer'}: ${v.raw}`,
              effect: `${v.value} ${MEANING[key].what}.`,
              on: sideOf(end, { ...childRef(c), ...(v.at ? { at: v.at } : {}) }, v.raw),
              setting: key,
            },
          });
        }
      }
    }
    return hits;
  },
};
