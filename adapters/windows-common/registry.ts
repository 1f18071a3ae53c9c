/**
 * `reg query HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule`
 *
 *     HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\PolicyAgent
 *         AssumeUDPEncapsulationContextOnSendRule    REG_DWORD    0x2
 *
 * or, when the value was never created, `ERROR: The system was unable to find the specified
 * registry key or value.` (then Windows uses 0). KB 947234 / KB 926179: 0 = no SAs with a server
 * behind NAT, 1 = the server may be behind NAT, 2 = server and client may both be behind NAT.
 */
import type { Line } from './blocks.js';

export type RegNatt =
  | { state: 'set'; value: 0 | 1 | 2; line: number; raw: string }
  | { state: 'absent'; line: number; raw: string }
  | { state: 'unreadable'; line: number; raw: string; why: string };

const VALUE = /^\s*AssumeUDPEncapsulationContextOnSendRule\s+(REG_\w+)\s+(\S+)\s*$/i;

export function readRegistryNatt(lines: Line[]): RegNatt | undefined {
  for (const l of lines) {
    const m = VALUE.exec(l.text);
    if (m) {
      const raw = l.text.trim().replace(/\s{2,}/g, ' ');
      const n = m[1].toUpperCase() === 'REG_DWORD' ? Number(m[2]) : NaN;
      if (n === 0 || n === 1 || n === 2) return { state: 'set', value: n, line: l.n, raw };
      return { state: 'unreadable', line: l.n, raw, why: `expected REG_DWORD 0x0, 0x1 or 0x2, found ${m[1]} ${m[2]}` };
    }
    if (/^ERROR: The system was unable to find the specified registry key or value/i.test(l.text.trim())) {
      return { state: 'absent', line: l.n, raw: l.text.trim() };
    }
  }
  return undefined;
}
