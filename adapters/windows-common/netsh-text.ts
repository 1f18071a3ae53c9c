/**
 * netsh's two layouts: `show global` prints `Key<spaces>Value` under section headers
 * (`IPsec:`, `Main Mode:`); `consec show rule … verbose` prints `Key:<spaces>Value`, one rule
 * after another, each starting with `Rule Name:` (a dashed line may follow it). A console 80
 * columns wide cuts long values (`SecMethods …,DH` / `Group14-AES256-SHA256`): the cut line fills
 * the width and the rest starts at column 0, so we glue such lines back before reading them.
 */
import type { Line } from './blocks.js';

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

/**
 * The labels whose value matters, recognised even when the colon is missing or the value is glued
 * to the label. KB 949856's sample prints `MainModeSecMethods ECDHP384-3DES-SHA256,…` (no colon)
 * and `QuickModeSecMethodsAH:AESGMAC256+ESP:…` (no separator at all): read as the generic
 * `Key: value`, the latter would become a key `QuickModeSecMethodsAH`. Longest first.
 */
const GLUED_CONSEC_KEYS = ['QuickModeSecMethods', 'MainModeSecMethods', 'MainModeKeyLifetime', 'QuickModePFS'];

/** `raw` keeps the separator as printed: `Key: value`, `Key value` (no colon), `Keyvalue` (glued). */
export function consecKey(text: string): { key: string; value: string; raw: string } | undefined {
  const t = text.trim();
  for (const k of GLUED_CONSEC_KEYS) {
    if (t.length > k.length && t.slice(0, k.length).toLowerCase() === k.toLowerCase()) {
      const rest = t.slice(k.length);
      // `QuickModePFS:` must not be taken for a glued `QuickModePFSx`: the next character is a
      // separator, or (glued) the start of a value netsh writes in upper case or digits
      if (/^\s*:/.test(rest) || /^\s+\S/.test(rest) || /^[A-Z0-9]/.test(rest)) {
        const value = rest.replace(/^\s*:?\s*/, '').trim();
        const sep = /^\s*:/.test(rest) ? ': ' : /^\s/.test(rest) ? ' ' : '';
        return { key: k, value, raw: `${k}${sep}${value}` };
      }
    }
  }
  const m = CONSEC_KEY.exec(t);
  if (!m || NOT_KEYS.has(m[1].toLowerCase())) return undefined;
  const value = (m[2] ?? '').trim();
  return { key: m[1], value, raw: `${m[1]}: ${value}` };
}

// ---------------------------------------------------------------------------------------------
// show global: `Key<spaces>Value`

/** The labels `show global` prints (the puppet capture; KB 949856). */
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
/** longest first, so `AuthzUserGrpTransport` is not read as `AuthzUserGrp` + `Transport` */
const GLOBAL_KEYS_LONGEST = [...GLOBAL_KEYS].sort((a, b) => b.length - a.length);

/**
 * `IPsecThroughNAT                       Never` (the puppet capture), and the same line with its
 * column whitespace collapsed, as KB 949856's sample prints it: `KeyLifetime2min,0sess`,
 * `SecMethodsDHGroup1-3DES-SHA256,…`, `StatefulFTPEnable`. A label is only taken at the start of
 * the line and only when something follows it that cannot continue the label itself (a space, or
 * a value starting with an upper-case letter, a digit or a sign netsh writes).
 */
export function globalKey(text: string): { key: string; value: string } | undefined {
  const t = text.trim();
  for (const k of GLOBAL_KEYS_LONGEST) {
    if (t.slice(0, k.length).toLowerCase() !== k.toLowerCase()) continue;
    const rest = t.slice(k.length);
    if (rest === '') return { key: k, value: '' };
    if (/^\s/.test(rest) || /^[A-Z0-9<({-]/.test(rest)) return { key: k, value: rest.trim() };
  }
  return undefined;
}

/** Section headers of `show global` (`IPsec:`, `Main Mode:`, `Categories:`, `Global Settings:`). */
export function isGlobalHeader(text: string): boolean {
  return /^\s*[A-Z][A-Za-z ]*:\s*$/.test(text);
}
