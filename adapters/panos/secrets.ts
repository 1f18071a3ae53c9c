/**
 * Which PAN-OS leaves hold secrets. The same names in both forms: `<key>…</key>` and
 * `set … pre-shared-key key …` are one schema. Seen in real exports (a PAN-OS 10.0 running
 * config in ilwij/portfolio uploads/Configuration-Phase1.md: `<phash>`, `<private-key>`,
 * `<secret>`, `<snmp-community-string>`, the IKE gateway's `<pre-shared-key><key>`; iron-skillet
 * templates: `<phash>`), plus the neighbours the same schema gives every admin, RADIUS/TACACS+/LDAP
 * profile, SNMPv3 user and manual-key tunnel.
 */

export const REDACTED = '<redacted>';

export const SECRET_LEAVES: readonly string[] = [
  'key', // IKE gateway pre-shared-key key, manual-key tunnel authentication/encryption keys
  'phash', // admin and local-user password hashes
  'password',
  'bind-password', // LDAP server profile
  'private-key', // certificates (encrypted, still not for a snapshot)
  'secret', // RADIUS / TACACS+ server profiles
  'shared-secret',
  'passphrase',
  'authpwd', // SNMPv3 users
  'privpwd',
  'snmp-community-string',
  'community',
  'auth-key',
  'api-key',
  'client-secret',
  'psk',
];

const SECRET_SET = new Set(SECRET_LEAVES);

export function isSecretLeaf(name: string): boolean {
  return SECRET_SET.has(name);
}

/**
 * PAN-OS prints every stored secret encrypted with the master key: `-AQ==<base64>=<base64>==`
 * (`-AA==` on older releases). Such a value cannot be compared with the other end's key.
 */
export function isEncryptedSecret(value: string): boolean {
  return /^-A[A-Za-z0-9+/]==/.test(value.trim());
}
