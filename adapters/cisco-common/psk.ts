/**
 * Pre-shared keys as Cisco writes them, turned into a fingerprint (never kept, never quoted):
 * - plain: `ikev1 pre-shared-key s3cret`, `crypto isakmp key s3cret address …`, `… key 0 s3cret`;
 * - not readable: `*****` (ASA `show running-config` masks keys), `8 <cipher>` (ASA master-key
 *   encryption), `6 <cipher>` (IOS AES type 6), `7 <cipher>` (IOS type 7) → PSK_UNKNOWN;
 * - a template placeholder (`<Pre_Shared_Key>` in vendor sample configs) → PSK_UNKNOWN, with a
 *   warning: it is not a key, and two samples with the same placeholder do not share one.
 */
import type { Setting } from '../../src/model/types.js';
import { explicit } from '../../src/model/setting.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { type Ctx, at, warn } from './context.js';
import { type CiscoLine, safeText } from './lines.js';

/** The PSK starting at word `i` (an optional encryption-type digit first). */
export function pskAt(ctx: Ctx, line: CiscoLine, i: number): Setting<string> | undefined {
  let j = i;
  let encrypted = false;
  if (/^[0-9]$/.test(line.words[j] ?? '') && line.words[j + 1] !== undefined) {
    encrypted = line.words[j] !== '0';
    j++;
  }
  const secret = line.words[j];
  if (secret === undefined) return undefined;
  if (/^<[^<>]+>$/.test(secret)) {
    warn(ctx, `"${safeText(line)}": the pre-shared key is a template placeholder, not a key`, line);
    return explicit(PSK_UNKNOWN, safeText(line), at(ctx, line));
  }
  const masked = encrypted || /^\*+$/.test(secret);
  return explicit(masked ? PSK_UNKNOWN : pskFingerprint(secret), safeText(line), at(ctx, line));
}
