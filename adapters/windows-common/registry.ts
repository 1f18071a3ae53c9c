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
    // `reg query … 2>&1` under Windows PowerShell 5.1 wraps the same message in a NativeCommandError
    // record (`reg : ERROR: …`, issue 14): still the normal "value absent" case, not a failure
    if (/^(?:reg(?:\.exe)? : )?ERROR: The system was unable to find the specified registry key or value/i.test(l.text.trim())) {
      return { state: 'absent', line: l.n, raw: l.text.trim() };
    }
  }
  return undefined;
}

/**
 * The same value read by scripts/collect-windows.ps1 with
 * `Get-ItemProperty -Path HKLM:\SYSTEM\CurrentControlSet\Services\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule -ErrorAction SilentlyContinue | Format-List AssumeUDPEncapsulationContextOnSendRule`:
 * `AssumeUDPEncapsulationContextOnSendRule : 2` (Format-List prints a DWORD in decimal), or no
 * output at all when the value does not exist (the error is silenced; Windows then uses 0). Under
 * Windows PowerShell 5.1, `reg query … 2>&1` would have turned that normal case into a
 * NativeCommandError record, which is why the script no longer uses reg query.
 */
export function readRegistryNattPs(lines: Line[], promptLine: number): RegNatt {
  for (const l of lines) {
    const m = /^\s*AssumeUDPEncapsulationContextOnSendRule\s*:\s*(\S*)\s*$/i.exec(l.text);
    if (!m) continue;
    const raw = `AssumeUDPEncapsulationContextOnSendRule : ${m[1]}`;
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NaN;
    if (n === 0 || n === 1 || n === 2) return { state: 'set', value: n, line: l.n, raw };
    return { state: 'unreadable', line: l.n, raw, why: `expected AssumeUDPEncapsulationContextOnSendRule 0, 1 or 2, found "${m[1]}"` };
  }
  const text = lines.find((l) => l.text.trim() !== '');
  if (text) {
    return {
      state: 'unreadable',
      line: text.n,
      raw: text.text.trim(),
      why: 'expected "AssumeUDPEncapsulationContextOnSendRule : <0|1|2>" or no output (value not set) from Get-ItemProperty',
    };
  }
  return { state: 'absent', line: promptLine, raw: 'AssumeUDPEncapsulationContextOnSendRule (not set: Get-ItemProperty printed nothing)' };
}
