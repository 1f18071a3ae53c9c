/**
 * Small pure helpers the SA-listing readers share: durations as platforms print them, prompt
 * lines of saved terminal sessions, line positions. No vendor knowledge here beyond the shapes
 * of durations and prompts; each reader keeps its own grammar in adapters/<id>/state.ts.
 */
import type { Observed } from './state.js';
import type { SourceRef } from './types.js';
import { parseTimeString } from './units.js';

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  hr: 3600,
  hrs: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

/**
 * Durations in words: `13 minutes`, `1 hours, 10 mins`, `2 seconds`, `7 hours`, `298s`,
 * `1 day, 2 hours`. Undefined when any part is not a number + unit.
 */
export function wordsToSeconds(text: string): number | undefined {
  const parts = text
    .trim()
    .split(/\s*,\s*|\s+(?=\d)/)
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  let total = 0;
  for (const p of parts) {
    const m = /^(\d+)\s*([a-z]+)$/i.exec(p.trim());
    if (!m) return undefined;
    const unit = UNIT_SECONDS[m[2].toLowerCase()];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
  }
  return total;
}

/** The precision of a duration in words: its smallest unit in seconds (`13 minutes` → 60). */
export function wordsPrecision(text: string): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const m of text.matchAll(/\d+\s*([a-z]+)/gi)) smallest = Math.min(smallest, UNIT_SECONDS[m[1].toLowerCase()] ?? 1);
  return Number.isFinite(smallest) ? smallest : 1;
}

/** `00:01:47`, `23:32:18`, `1:02` (m:ss) → seconds. */
export function clockToSeconds(text: string): number | undefined {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return (m[1] ? Number(m[1]) * 3600 : 0) + Number(m[2]) * 60 + Number(m[3]);
}

/** Cisco uptimes and RouterOS times: `7w0d`, `3d18h`, `5h9m14s`, `24m23s`, `00:27:42`. */
export function compactToSeconds(text: string): number | undefined {
  const t = text.trim();
  const clock = clockToSeconds(t);
  if (clock !== undefined) return clock;
  const m = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (m && t !== '' && m.slice(1).some((x) => x !== undefined)) {
    const [w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
    return w * 604800 + d * 86400 + h * 3600 + mi * 60 + s;
  }
  return parseTimeString(t);
}

export function observe<T>(value: T, raw: string, at?: SourceRef): Observed<T> {
  return at ? { value, raw, at } : { value, raw };
}

/** `file:line` of line index `i` (0-based) */
export function lineAt(file: string, i: number): SourceRef {
  return { file, line: i + 1 };
}

/**
 * A line of a saved terminal session that echoes a command after a prompt:
 * `ciscoasa# show crypto ipsec sa`, `FGT60F (root) # diagnose vpn tunnel list`, `# diagnose vpn  tunnel list`,
 * `[admin@hub] > ip ipsec/installed-sa/print detail`, `carol# swanctl --list-sas`, `sam@node:/etc$ sudo ipsec statusall`,
 * `PS C:\> Get-NetIPsecQuickModeSA`, `C:\Users\x>netsh advfirewall monitor show qmsa`.
 * Returns the prompt's host name (when it has one) and the command with its runs of spaces folded.
 */
export function promptCommand(line: string): { host?: string; command: string } | undefined {
  const l = line.trimEnd();
  let m = /^\[([^\]@\s]+)@([^\]\s]+)\]\s*(?:\/[\w/-]*)?\s*>\s*(\S.*)$/.exec(l); // RouterOS [user@host] >
  if (m) return { host: m[2], command: fold(m[3]) };
  m = /^(?:PS )?[A-Za-z]:\\[^>]*>\s*(\S.*)$/.exec(l); // Windows
  if (m) return { command: fold(m[1]) };
  m = /^([A-Za-z0-9][\w.\-/]*(?:@[\w.-]+(?::[^$#\s]*)?)?)(?:\s*\([\w\-/.]+\))?\s*[#>$]\s*(\S.*)$/.exec(l); // host# cmd, host (vdom) # cmd, user@host:dir$ cmd
  if (m) return { host: m[1].replace(/^[^@]+@/, '').replace(/:.*$/, ''), command: fold(m[2]) };
  m = /^[#$]\s+(\S.*)$/.exec(l); // a bare `# command`
  if (m) return { command: fold(m[1]) };
  return undefined;
}

function fold(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}
