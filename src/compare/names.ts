/**
 * How findings name the two ends of a pair. Usually the tunnel names differ (`to-hq` / `Branch
 * FGT`); when they do not (strongSwan's `gw-gw` on both moon and sun), the device is put in front.
 */
import { basename } from 'node:path';
import type { EndRef, TunnelPair } from './types.js';

function deviceLabel(e: EndRef): string {
  return e.device.hostname ?? basename(e.device.origin);
}

/** The names of A and B as messages use them. */
export function endLabels(pair: Pick<TunnelPair, 'a' | 'b'>): { a: string; b: string } {
  const a = pair.a.tunnel.name;
  const b = pair.b.tunnel.name;
  if (a !== b) return { a, b };
  const da = deviceLabel(pair.a);
  const db = deviceLabel(pair.b);
  return da !== db ? { a: `${da}/${a}`, b: `${db}/${b}` } : { a: `A ${a}`, b: `B ${b}` };
}

/** The label of one end of the pair. */
export function labelOf(pair: Pick<TunnelPair, 'a' | 'b'>, end: EndRef): string {
  const l = endLabels(pair);
  return end === pair.a ? l.a : l.b;
}
