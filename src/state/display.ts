/** How the state rules name things in messages: SPIs as `0x…`, ends as A/B with their host name. */
import type { ChildSa, IkeSa } from '../model/state.js';
import type { SaRef, Side, StateEnd, StateFindingSide } from './types.js';

export function hex(spi: string): string {
  return `0x${spi}`;
}

export function endLabel(end: StateEnd): string {
  return `${end.side.toUpperCase()} (${end.state.hostname ?? end.state.origin})`;
}

export function other(side: Side): Side {
  return side === 'a' ? 'b' : 'a';
}

export function childRef(c: ChildSa, spis?: { in: string[]; out: string[] }): SaRef {
  const r: SaRef = { kind: 'child', id: c.id, at: c.at };
  r.spis = spis ?? { in: c.inbound.flatMap((d) => (d.spi ? [d.spi] : [])), out: c.outbound.flatMap((d) => (d.spi ? [d.spi] : [])) };
  return r;
}

export function ikeRef(i: IkeSa): SaRef {
  return { kind: 'ike', id: i.id, at: i.at };
}

export function sideOf(end: StateEnd, sa?: SaRef, display?: string): StateFindingSide {
  const s: StateFindingSide = { side: end.side, origin: end.state.origin, vendor: end.state.vendor };
  if (sa) s.sa = sa;
  if (display !== undefined) s.display = display;
  return s;
}

/** `10.1.0.0/16 === 10.2.0.0/16` (or the SA's id when the listing shows no selectors). */
export function flowText(c: ChildSa): string {
  if (c.localSelectors.length === 0 && c.remoteSelectors.length === 0) return c.id;
  return `${c.localSelectors.join(' ') || '?'} === ${c.remoteSelectors.join(' ') || '?'}`;
}
