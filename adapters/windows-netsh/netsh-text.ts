/**
 * netsh's two layouts: `show global` prints `Key<spaces>Value` under section headers
 * (`IPsec:`, `Main Mode:`); `consec show rule … verbose` prints `Key:<spaces>Value`, one rule
 * after another, each starting with `Rule Name:` (a dashed line may follow it). A console 80
 * columns wide cuts long values (`SecMethods …,DH` / `Group14-AES256-SHA256`): the cut line fills
 * the width and the rest starts at column 0, so we glue such lines back before reading them.
 */
import type { Line } from '../windows-common/blocks.js';

/** A logical line: the text after gluing wrapped pieces; `n` is the first physical line. */
export interface LogicalLine extends Line {
  /** physical lines it was glued from (for messages) */
  last: number;
}

/** Console width below which a line cannot have been cut by wrapping. */
const WRAP_WIDTH = 79;

/**
 * Glue wrapped lines. A line continues the previous one when it is not a key line itself and
 * the previous line filled the console (a cut mid-token) or ended with a list comma.
 */
export function foldWrapped(lines: Line[], isKeyLine: (text: string) => boolean): LogicalLine[] {
  const out: LogicalLine[] = [];
  let prevPhysical = '';
  for (const l of lines) {
    const prev = out[out.length - 1];
    const continues =
      prev !== undefined &&
      l.text.trim() !== '' &&
      !isKeyLine(l.text) &&
      !isSeparator(l.text) &&
      prevPhysical.trim() !== '' &&
      (prevPhysical.length >= WRAP_WIDTH || prevPhysical.trimEnd().endsWith(','));
    if (continues) {
      prev.text += prevPhysical.length >= WRAP_WIDTH && !prevPhysical.endsWith(',') ? l.text : l.text.trimStart();
      prev.last = l.n;
    } else out.push({ n: l.n, text: l.text, last: l.n });
    prevPhysical = l.text;
  }
  return out;
}

export function isSeparator(text: string): boolean {
  return /^-{5,}\s*$/.test(text.trim()) || /^Ok\.$/.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// consec show rule: `Key: value`

/** A `Key:` that begins a consec line. Protocol prefixes of a wrapped proposal (`ESP:`, `AH:`) are not keys. */
const CONSEC_KEY = /^([A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*)?):(?:\s*(.*))?$/;
const NOT_KEYS = new Set(['esp', 'ah', 'authnoencap']);

export function consecKey(text: string): { key: string; value: string } | undefined {
  const m = CONSEC_KEY.exec(text.trim());
  if (!m || NOT_KEYS.has(m[1].toLowerCase())) return undefined;
  return { key: m[1], value: (m[2] ?? '').trim() };
}

// ---------------------------------------------------------------------------------------------
// show global: `Key<spaces>Value`

/** The labels `show global` prints (Windows 7 … Server 2022). */
export const GLOBAL_KEYS = [
  'StrongCRLCheck',
  'SAIdleTimeMin',
  'DefaultExemptions',
  'IPsecThroughNAT',
  'AuthzUserGrp',
  'AuthzComputerGrp',
  'AuthzUserGrpTransport',
  'AuthzComputerGrpTransport',
  'StatefulFTP',
  'StatefulPPTP',
  'KeyLifetime',
  'SecMethods',
  'ForceDH',
  'BootTimeRuleCategory',
  'FirewallRuleCategory',
  'StealthRuleCategory',
  'ConSecRuleCategory',
];
const GLOBAL_KEY_SET = new Set(GLOBAL_KEYS.map((k) => k.toLowerCase()));

export function globalKey(text: string): { key: string; value: string } | undefined {
  const m = /^\s*([A-Za-z]+)(?:\s+(.*))?$/.exec(text);
  if (!m || !GLOBAL_KEY_SET.has(m[1].toLowerCase())) return undefined;
  return { key: m[1], value: (m[2] ?? '').trim() };
}

/** Section headers of `show global` (`IPsec:`, `Main Mode:`, `Categories:`, `Global Settings:`). */
export function isGlobalHeader(text: string): boolean {
  return /^\s*[A-Z][A-Za-z ]*:\s*$/.test(text);
}
