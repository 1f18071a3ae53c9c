/**
 * PSKs are never stored: an adapter hands the secret to `pskFingerprint` and keeps only the
 * result. The HMAC key is random per process, so fingerprints compare within one run and mean
 * nothing outside it (a fingerprint in a saved report cannot be brute-forced offline).
 */
import { createHmac, randomBytes } from 'node:crypto';

const RUN_KEY = randomBytes(32);

/** Fingerprint value for a secret the device stores encrypted or masked (`ENC …`, `*****`). */
export const PSK_UNKNOWN = 'unknown';

export function pskFingerprint(secret: string): string {
  return 'hmac:' + createHmac('sha256', RUN_KEY).update(secret, 'utf8').digest('hex').slice(0, 16);
}

export function isComparablePsk(fp: string | undefined): fp is string {
  return fp !== undefined && fp.startsWith('hmac:');
}
