/**
 * PSKs are never stored: an adapter hands the secret to `pskFingerprint` and keeps only the
 * result. The HMAC key is random per process, so fingerprints compare within one run and mean
 * nothing outside it (a fingerprint in a saved report cannot be brute-forced offline).
 */
import { createHmac, randomBytes } from 'node:crypto';

let RUN_KEY: Uint8Array = randomBytes(32);

/** This run's key, for the audit's read workers (they must fingerprint with the same key). */
export function runKey(): Uint8Array {
  return RUN_KEY;
}

/** In a read worker: adopt the main thread's key, so fingerprints compare across threads. */
export function useRunKey(key: Uint8Array): void {
  RUN_KEY = key;
}

/** Fingerprint value for a secret the device stores encrypted or masked (`ENC …`, `*****`). */
export const PSK_UNKNOWN = 'unknown';

/**
 * Placeholders that stand where a key was: our own snapshots' `<redacted>` (also XML-escaped),
 * and the devices' masks (`*****`, `********`). They are not keys and compare as unknown —
 * otherwise two redacted snapshots would look like equal keys.
 */
export function isMaskedSecret(secret: string): boolean {
  const t = secret.trim().replace(/^"(.*)"$/, '$1');
  return t === '' || /^(<redacted>|&lt;redacted&gt;|\*+)$/i.test(t);
}

export function pskFingerprint(secret: string): string {
  if (isMaskedSecret(secret)) return PSK_UNKNOWN;
  return `hmac:${createHmac('sha256', RUN_KEY).update(secret, 'utf8').digest('hex').slice(0, 16)}`;
}

export function isComparablePsk(fp: string | undefined): fp is string {
  return fp?.startsWith('hmac:') === true;
}
