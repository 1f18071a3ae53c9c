/**
 * Two listings are taken at different moments (and by clocks that may disagree). Every state
 * rule reasons on one time line: B's capture is `offset` seconds after A's, and anything that
 * could have changed inside the skew window is given the benefit of the doubt.
 */
import type { CaptureTime, ChildSa, DirectionalSa } from '../model/state.js';
import { timersOf } from '../model/state.js';
import type { StatePair, Side } from './types.js';

export const DEFAULT_SKEW_SECONDS = 60;

export function captureMs(c: CaptureTime): number {
  return Date.parse(c.iso);
}

/** Seconds from the capture of `from` to the capture of `to` (positive: `to` was taken later). */
export function secondsBetween(pair: StatePair, from: Side, to: Side): number {
  return from === to ? 0 : from === 'a' ? pair.offsetSeconds : -pair.offsetSeconds;
}

/**
 * Could the other end's listing show this SA at all? Not when it was installed after the other
 * listing was taken, nor when it expired (or was due to) before the other listing was taken.
 * Returns why not, or undefined when the other end should have it.
 */
export function outsideOtherListing(pair: StatePair, side: Side, child: ChildSa, dir: DirectionalSa): string | undefined {
  const other: Side = side === 'a' ? 'b' : 'a';
  const later = secondsBetween(pair, other, side); // > 0: this end was captured after the other
  const t = timersOf(child, dir);
  if (later > pair.skewSeconds && t.ageSeconds && t.ageSeconds.value < later - pair.skewSeconds) {
    return `installed ${t.ageSeconds.value} s before this listing, which was taken ${later} s after the other one`;
  }
  const before = -later; // > 0: the other end was captured after this one
  if (before > 0) {
    const left = t.expireSeconds?.value ?? t.rekeySeconds?.value;
    if (left !== undefined && left < before + pair.skewSeconds)
      return `due to expire ${left} s after this listing, which was taken ${before} s before the other one`;
  }
  return undefined;
}

/** How far apart the two listings are, for messages. */
export function describeOffset(pair: StatePair): string {
  const s = Math.abs(pair.offsetSeconds);
  if (s === 0) return 'taken at the same moment';
  return `${pair.offsetSeconds > 0 ? 'B' : 'A'} taken ${s} s after ${pair.offsetSeconds > 0 ? 'A' : 'B'}`;
}
