/**
 * Durations and data sizes as vendors write them, normalized to seconds and kilobytes.
 * Every function returns `undefined` for text it cannot read, never a guess: the caller turns
 * that into a ParseError or a diagnostic with the line.
 */
import type { FieldUnit } from './types.js';

const SECONDS_PER: Record<string, number> = {
  w: 604800,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
};

/** Whole non-negative integer in decimal, nothing else (no `1e3`, no `12abc`). */
export function parseWholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A MikroTik / strongSwan time string: `1d`, `8h`, `30m`, `1h30m`, `1d2h30m15s`, `2w`,
 * `00:30:00`, `1d 02:00:00`, or bare seconds. Returns seconds.
 */
export function parseTimeString(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  const bare = parseWholeNumber(t);
  if (bare !== undefined) return bare;
  // [Nd ]HH:MM:SS (RouterOS prints 1d 00:00:00 in some versions; `00:30:00` in exports)
  const clock = /^(?:(\d+)d\s*)?(\d{1,3}):(\d{2}):(\d{2})$/.exec(t);
  if (clock) {
    const [, d, h, m, s] = clock;
    return Number(d ?? 0) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
  }
  // unit groups, each number followed by a unit letter; `min` accepted for minutes
  const groups = /^(?:\d+(?:w|d|h|min|m|s))+$/.test(t);
  if (!groups) return undefined;
  let total = 0;
  for (const [, n, u] of t.matchAll(/(\d+)(w|d|h|min|m|s)/g)) {
    total += Number(n) * SECONDS_PER[u === 'min' ? 'm' : u];
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** A number in a known field unit, to seconds. */
export function durationToSeconds(amount: number, unit: FieldUnit): number {
  switch (unit) {
    case 'seconds':
    case 'time-string':
      return amount;
    case 'minutes':
      return amount * 60;
    case 'hours':
      return amount * 3600;
    case 'days':
      return amount * 86400;
    default:
      throw new Error(`durationToSeconds: ${unit} is not a time unit`);
  }
}

/** seconds back into a field's unit, for fixes; undefined if it does not divide evenly. */
export function secondsToUnit(seconds: number, unit: FieldUnit): number | undefined {
  const per = unit === 'minutes' ? 60 : unit === 'hours' ? 3600 : unit === 'days' ? 86400 : 1;
  return seconds % per === 0 ? seconds / per : undefined;
}

/** Shortest exact time string: 28800 → `8h`, 5400 → `1h30m`, 86400 → `1d`, 0 → `0s`. */
export function formatTimeString(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const [u, per] of [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (u === 'w') continue; // `w` is valid but people read days better
    const n = Math.floor(rest / per);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * per;
    }
  }
  return out;
}

/** Human text for a normalized duration: `3600 s (1h)`. */
export function describeSeconds(seconds: number): string {
  return seconds >= 60 ? `${seconds} s (${formatTimeString(seconds)})` : `${seconds} s`;
}

const KB_PER: Record<string, number> = {
  b: 1 / 1024,
  byte: 1 / 1024,
  bytes: 1 / 1024,
  k: 1,
  kb: 1,
  kib: 1,
  kbytes: 1,
  kilobyte: 1,
  kilobytes: 1,
  m: 1024,
  mb: 1024,
  mib: 1024,
  megabytes: 1024,
  g: 1024 * 1024,
  gb: 1024 * 1024,
  gib: 1024 * 1024,
  gigabytes: 1024 * 1024,
};

/**
 * A data size with its unit written next to it: `100000kb`, `4608000 kilobytes`, `100M`, `2G`.
 * `defaultUnit` applies to a bare number (its meaning depends on the field: FortiOS keylifekbs
 * is KB, strongSwan life_bytes is bytes). Returns kilobytes (rounded down for bytes).
 */
export function parseDataSize(text: string, defaultUnit: 'kilobytes' | 'bytes'): number | undefined {
  const t = text.trim().toLowerCase();
  const m = /^(\d+)\s*([a-z]*)$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] === '' ? (defaultUnit === 'bytes' ? 'b' : 'kb') : m[2];
  const per = KB_PER[unit];
  if (per === undefined || !Number.isSafeInteger(n)) return undefined;
  return Math.floor(n * per);
}
