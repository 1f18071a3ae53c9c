/**
 * Which Junos statements hold secrets, in both forms. Junos marks every stored secret in the
 * brace form with a trailing `## SECRET-DATA` comment and prints it encrypted: `$9$…` (reversible
 * obfuscation, salted: two `$9$` strings of one key differ), `$1$`/`$5$`/`$6$` password hashes
 * (real exports: the batfish srx-testbed configs, the IBM vSRX sample, Oxidized's SRX300 22.4
 * simulation). The words below take the secret as their next word: `pre-shared-key ascii-text
 * "$9$…"`, `encrypted-password "$6$…"`, `authentication-key "$9$…"`, `secret "$9$…"`.
 */

export const REDACTED = '<redacted>';

/** Words whose next word is a secret (the value of the statement). */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  'ascii-text', // pre-shared-key ascii-text, manual SA keys
  'hexadecimal',
  'encrypted-password',
  'authentication-key', // OSPF/BGP/NTP/VRRP keys
  'secret', // RADIUS/TACACS+
  'password', // archive-site passwords, PPP
  'simple-password',
  'pre-shared-key', // a bare `pre-shared-key <key>` in some hierarchies
  'key', // manual SA `key ascii-text …` is covered by ascii-text; `key` alone in others
  'community', // SNMP: the community name is the secret
  'plain-text-password-value',
]);

/** Replace the word after each secret word (a statement's words, quotes already removed). */
export function redactWords(words: readonly string[]): string[] {
  const out = [...words];
  for (let i = 0; i < out.length - 1; i++) {
    if (!SECRET_WORDS.has(out[i])) continue;
    // `pre-shared-key ascii-text X`: the secret is after ascii-text, not ascii-text itself
    if ((out[i] === 'pre-shared-key' || out[i] === 'key') && (out[i + 1] === 'ascii-text' || out[i + 1] === 'hexadecimal')) continue;
    out[i + 1] = REDACTED;
    i++;
  }
  return out;
}

/**
 * Junos stores a pre-shared key as `$9$…`: reversible on the device but not meant to be read here,
 * and salted, so two ends' `$9$` strings of the same key differ. Not comparable.
 */
export function isEncryptedSecret(value: string): boolean {
  return /^\$9\$/.test(value.trim());
}
