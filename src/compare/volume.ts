/**
 * What a phase 2 volume lifetime (kilobytes) means on a busy tunnel: how often the end that has
 * one rekeys at a given sustained throughput. Kilobytes are the vendors' KB of 1024 bytes
 * (FortiOS keylifekbs, Cisco "kilobytes", Windows "kb", RRAS "(KB)").
 */
import { describeSeconds } from '../model/units.js';

/** Throughputs a site-to-site tunnel realistically carries, in bit/s, for the explanation. */
export const REALISTIC_RATES = [10e6, 100e6] as const;

/**
 * A one-sided volume limit is reported when, at 100 Mbit/s sustained, it forces a rekey at least
 * this often (seconds): "every few tens of seconds under load" — FortiOS keylifekbs 5120 (0.4 s),
 * Windows' 100000 kb (8 s) — while Cisco's 4608000 KB default (6 min) is not.
 */
export const ONE_SIDED_REPORT_SECONDS = 60;

/** Seconds to transfer `kb` kilobytes at `bitsPerSecond`. */
export function secondsToExhaust(kb: number, bitsPerSecond: number): number {
  return (kb * 1024 * 8) / bitsPerSecond;
}

function showRate(bps: number): string {
  return bps >= 1e9 ? `${bps / 1e9} Gbit/s` : `${bps / 1e6} Mbit/s`;
}

function showInterval(s: number): string {
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  return describeSeconds(Math.round(s));
}

/** "every 4.2 s at 10 Mbit/s and every 0.4 s at 100 Mbit/s" */
export function rekeyIntervals(kb: number): string {
  return REALISTIC_RATES.map((r) => `every ${showInterval(secondsToExhaust(kb, r))} at ${showRate(r)}`).join(' and ');
}

/** Is this volume limit small enough to report when the other end has none? */
export function volumeLimitMatters(kb: number): boolean {
  return kb > 0 && secondsToExhaust(kb, 100e6) <= ONE_SIDED_REPORT_SECONDS;
}
