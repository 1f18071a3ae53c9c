/**
 * scripts/collect-windows.ps1 writes one header line before the first command:
 *
 *     # ipsec-drift collect-windows.ps1 format 2; windows 10.0.20348.2340; product Windows Server 2022 Standard; ui-culture de-DE; culture de-DE; powershell 5.1.20348.2340
 *
 * netsh prints its labels and values in the Windows display language (the UI culture), while the
 * PowerShell cmdlets print English property names and enum names in every language. The header
 * lets the reader know, before it reads a line of netsh output, whether that output is English.
 */
import type { Line } from './blocks.js';

export interface CollectHeader {
  line: number;
  /** `format 2` */
  format?: string;
  /** `10.0.20348.2340` (major.minor.build.revision) */
  windows?: string;
  product?: string;
  /** the display language netsh prints in (Get-UICulture), e.g. `en-US`, `de-DE` */
  uiCulture?: string;
  /** number and date formats (Get-Culture): does not change netsh's words */
  culture?: string;
  powershell?: string;
}

const HEADER = /^# ipsec-drift collect-windows\.ps1\b\s*(.*)$/;

/** The header, from the first lines of the file (it is the first line the script writes). */
export function readHeader(lines: Line[]): CollectHeader | undefined {
  for (const l of lines.slice(0, 5)) {
    const m = HEADER.exec(l.text.trim());
    if (!m) continue;
    const h: CollectHeader = { line: l.n };
    for (const part of m[1].split(';')) {
      const kv = /^\s*([a-z-]+)\s+(.*?)\s*$/i.exec(part);
      if (!kv) continue;
      const value = kv[2];
      switch (kv[1].toLowerCase()) {
        case 'format':
          h.format = value;
          break;
        case 'windows':
          h.windows = value;
          break;
        case 'product':
          h.product = value;
          break;
        case 'ui-culture':
          h.uiCulture = value;
          break;
        case 'culture':
          h.culture = value;
          break;
        case 'powershell':
          h.powershell = value;
          break;
      }
    }
    return h;
  }
  return undefined;
}

export function isHeaderLine(text: string): boolean {
  return HEADER.test(text.trim());
}

/** `en-US`, `en-GB`, `en` are English; an empty culture (invariant) says nothing. */
export function englishUi(h: CollectHeader | undefined): boolean | undefined {
  if (!h?.uiCulture) return undefined;
  return /^en(-|$)/i.test(h.uiCulture);
}
