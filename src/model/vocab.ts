/**
 * One canonical vocabulary for algorithms, and every vendor spelling we have met mapped onto it.
 * Canonical names follow strongSwan/IKEv2 transform names in lower case; DH groups are IANA
 * numbers (0 = no PFS). Adapters call these with the token as written; an unknown token returns
 * undefined and the adapter reports it with its line (never a silent guess).
 */

/** Folding applied before lookup: case and the separators vendors sprinkle differently. */
function fold(token: string): string {
  return token
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

const ENCRYPTION: Record<string, string> = {};
const INTEGRITY: Record<string, string> = {};
const PRF: Record<string, string> = {};
const DH: Record<string, number> = {};

function spell<T>(table: Record<string, T>, canonical: T, spellings: string[]): void {
  for (const s of spellings) table[fold(s)] = canonical;
}

// --- encryption -----------------------------------------------------------------------------
spell(ENCRYPTION, 'des', ['des', 'des-cbc', 'esp-des', 'DES']);
spell(ENCRYPTION, '3des', ['3des', '3des-cbc', 'des3', 'tripledes', 'esp-3des', 'DES3', 'triple-des']);
spell(ENCRYPTION, 'aes128', ['aes128', 'aes-128', 'aes-128-cbc', 'aes128-cbc', 'aes', 'esp-aes', 'esp-aes-128', 'aescbc128', 'AES128', 'aes-cbc-128']);
spell(ENCRYPTION, 'aes192', ['aes192', 'aes-192', 'aes-192-cbc', 'esp-aes-192', 'AES192', 'aes-cbc-192']);
spell(ENCRYPTION, 'aes256', ['aes256', 'aes-256', 'aes-256-cbc', 'esp-aes-256', 'AES256', 'aes-cbc-256']);
spell(ENCRYPTION, 'aes128ctr', ['aes128ctr', 'aes-128-ctr']);
spell(ENCRYPTION, 'aes192ctr', ['aes192ctr', 'aes-192-ctr']);
spell(ENCRYPTION, 'aes256ctr', ['aes256ctr', 'aes-256-ctr']);
spell(ENCRYPTION, 'aes128gcm16', [
  'aes128gcm16',
  'aes128gcm',
  'aes-128-gcm',
  'aes-gcm',
  'aes-gcm-128',
  'esp-gcm',
  'esp-gcm-128',
  'gcmaes128',
  'aesgcm128',
  'aes128-gcm',
  'aes-gcm-16-128',
  // AWS TunnelOptions `AES128-GCM-16`, GCP cipherSuite `AES-GCM-16-128`
  'aes128-gcm-16',
]);
spell(ENCRYPTION, 'aes192gcm16', ['aes192gcm16', 'aes192gcm', 'aes-192-gcm', 'aes-gcm-192', 'esp-gcm-192', 'gcmaes192', 'aesgcm192', 'aes-gcm-16-192']);
spell(ENCRYPTION, 'aes256gcm16', [
  'aes256gcm16',
  'aes256gcm',
  'aes-256-gcm',
  'aes-gcm-256',
  'esp-gcm-256',
  'gcmaes256',
  'aesgcm256',
  'aes256-gcm',
  'aes256-gcm-16',
  'aes-gcm-16-256',
]);
spell(ENCRYPTION, 'aes128gcm8', ['aes128gcm8']);
spell(ENCRYPTION, 'aes192gcm8', ['aes192gcm8']);
spell(ENCRYPTION, 'aes256gcm8', ['aes256gcm8']);
spell(ENCRYPTION, 'aes128gcm12', ['aes128gcm12']);
spell(ENCRYPTION, 'aes192gcm12', ['aes192gcm12']);
spell(ENCRYPTION, 'aes256gcm12', ['aes256gcm12']);
spell(ENCRYPTION, 'aes128gmac', ['aes128gmac', 'aes-gmac', 'aes-gmac-128', 'esp-gmac']);
spell(ENCRYPTION, 'aes256gmac', ['aes256gmac', 'aes-gmac-256', 'esp-gmac-256']);
// Cisco: ASA `aes-gmac-192`, IOS `esp-gmac 128|192|256` (key length as its own word, joined by the adapter)
spell(ENCRYPTION, 'aes128gmac', ['esp-gmac-128']);
spell(ENCRYPTION, 'aes192gmac', ['aes192gmac', 'aes-gmac-192', 'esp-gmac-192']);
spell(ENCRYPTION, 'chacha20poly1305', ['chacha20poly1305', 'chacha20-poly1305']);
spell(ENCRYPTION, 'camellia128', ['camellia128', 'camellia-128', 'camellia-128-cbc']);
spell(ENCRYPTION, 'camellia256', ['camellia256', 'camellia-256', 'camellia-256-cbc']);
spell(ENCRYPTION, 'camellia192', ['camellia192', 'camellia-192', 'camellia-192-cbc']); // RouterOS enc-algorithm(s)
spell(ENCRYPTION, 'blowfish', ['blowfish', 'blowfish128']);
spell(ENCRYPTION, 'cast128', ['cast128', 'cast-128']);
spell(ENCRYPTION, 'twofish', ['twofish']);
spell(ENCRYPTION, 'aria128', ['aria128']);
spell(ENCRYPTION, 'aria192', ['aria192']);
spell(ENCRYPTION, 'aria256', ['aria256']);
spell(ENCRYPTION, 'seed', ['seed']);
spell(ENCRYPTION, 'null', ['null', 'esp-null', 'none']);

// --- integrity ------------------------------------------------------------------------------
spell(INTEGRITY, 'md5', ['md5', 'hmac-md5', 'esp-md5-hmac', 'md596', 'hmac-md5-96', 'md5-96']);
spell(INTEGRITY, 'sha1', ['sha1', 'sha', 'sha-1', 'hmac-sha1', 'esp-sha-hmac', 'sha196', 'sha1-96', 'hmac-sha1-96', 'sha-hmac']);
spell(INTEGRITY, 'sha256', [
  'sha256',
  'sha-256',
  'sha2-256',
  'hmac-sha256',
  'esp-sha256-hmac',
  'sha256128',
  'sha256-128',
  'hmac-sha2-256-128',
  'hmac-sha256-128',
]);
spell(INTEGRITY, 'sha384', ['sha384', 'sha-384', 'sha2-384', 'hmac-sha384', 'esp-sha384-hmac', 'sha384192', 'hmac-sha384-192']);
spell(INTEGRITY, 'sha512', ['sha512', 'sha-512', 'sha2-512', 'hmac-sha512', 'esp-sha512-hmac', 'sha512256', 'hmac-sha512-256']);
// Cisco ASA IKEv1 transform sets write the SHA-2 hashes with a hyphen: `esp-sha-256-hmac`
spell(INTEGRITY, 'sha256', ['esp-sha-256-hmac']);
spell(INTEGRITY, 'sha384', ['esp-sha-384-hmac']);
spell(INTEGRITY, 'sha512', ['esp-sha-512-hmac']);
spell(INTEGRITY, 'aesxcbc', ['aesxcbc', 'aes-xcbc', 'aes-xcbc-mac', 'aes-xcbc-mac-96', 'xcbc']);
spell(INTEGRITY, 'null', ['null', 'none', 'esp-none']);

// --- PRF (IKEv2) ----------------------------------------------------------------------------
spell(PRF, 'prfmd5', ['prfmd5', 'md5']);
spell(PRF, 'prfsha1', ['prfsha1', 'sha1', 'sha']);
spell(PRF, 'prfsha256', ['prfsha256', 'sha256', 'sha-256']);
spell(PRF, 'prfsha384', ['prfsha384', 'sha384', 'sha-384']);
spell(PRF, 'prfsha512', ['prfsha512', 'sha512', 'sha-512']);
spell(PRF, 'prfaesxcbc', ['prfaesxcbc', 'aesxcbc']);

// --- Diffie-Hellman groups (IANA numbers) ---------------------------------------------------
const DH_NAMES: Array<[number, string[]]> = [
  [0, ['none', 'no-pfs', 'nopfs', 'off', 'disabled', 'disable', 'dhgroup0', 'group0', 'pfs0']],
  [1, ['modp768', 'group1', 'dh1', 'dhgroup1', 'pfs1']],
  [2, ['modp1024', 'group2', 'dh2', 'dhgroup2', 'pfs2']],
  [5, ['modp1536', 'group5', 'dh5', 'dhgroup5', 'pfs5']],
  [14, ['modp2048', 'group14', 'dh14', 'dhgroup14', 'pfs2048', 'pfs14', 'dh2048']],
  [15, ['modp3072', 'group15', 'dh15', 'dhgroup15', 'pfs15']],
  [16, ['modp4096', 'group16', 'dh16', 'dhgroup16', 'pfs16']],
  [17, ['modp6144', 'group17', 'dh17', 'dhgroup17']],
  [18, ['modp8192', 'group18', 'dh18', 'dhgroup18']],
  [19, ['ecp256', 'group19', 'dh19', 'dhgroup19', 'ecp-256', 'ec256', 'pfs19', 'ecdhp256']],
  [20, ['ecp384', 'group20', 'dh20', 'dhgroup20', 'ecp-384', 'ec384', 'pfs20', 'ecdhp384']],
  [21, ['ecp521', 'group21', 'dh21', 'dhgroup21', 'ecp-521', 'ec521', 'pfs21']],
  [22, ['modp1024s160', 'group22', 'dh22']],
  [23, ['modp2048s224', 'group23', 'dh23']],
  [24, ['modp2048s256', 'group24', 'dh24', 'dhgroup24', 'pfs24']],
  [25, ['ecp192', 'group25', 'dh25']],
  [26, ['ecp224', 'group26', 'dh26']],
  [27, ['ecp224bp', 'group27']],
  [28, ['ecp256bp', 'group28']],
  [29, ['ecp384bp', 'group29']],
  [30, ['ecp512bp', 'group30']],
  [31, ['curve25519', 'x25519', 'group31', 'dh31', 'ec25519']],
  [32, ['curve448', 'x448', 'group32', 'dh32']],
];
for (const [n, names] of DH_NAMES) spell(DH, n, names);

/** Canonical name of the DH group number (`14` → `modp2048`), for messages. */
export function dhGroupName(group: number): string {
  const entry = DH_NAMES.find(([n]) => n === group);
  return entry ? (group === 0 ? 'none' : entry[1][0]) : `group${group}`;
}

export function canonicalEncryption(token: string): string | undefined {
  return ENCRYPTION[fold(token)];
}

export function canonicalIntegrity(token: string): string | undefined {
  return INTEGRITY[fold(token)];
}

export function canonicalPrf(token: string): string | undefined {
  return PRF[fold(token)];
}

/** `modp2048`, `group14`, `DHGroup14`, `14`, `PFS2048`, `ECP256` → IANA number. */
export function dhGroupNumber(token: string): number | undefined {
  const t = fold(token);
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return DH_NAMES.some(([g]) => g === n) ? n : undefined;
  }
  return DH[t];
}

/** AEAD ciphers carry their own integrity: a proposal with one needs no integrity transform. */
export function isAead(encryption: string): boolean {
  return /gcm|ccm|poly1305|gmac/.test(encryption);
}

/** Weak by today's guidance (RFC 8247 / RFC 8221): a reason, or undefined when fine. */
export function weakness(kind: 'encryption' | 'integrity' | 'dh', name: string | number): { level: 'broken' | 'legacy'; why: string } | undefined {
  if (kind === 'encryption') {
    if (name === 'des' || name === 'null') return { level: 'broken', why: `${name} provides no real confidentiality` };
    if (name === '3des' || name === 'blowfish' || name === 'cast128')
      return { level: 'legacy', why: `${name} is a 64-bit block cipher (RFC 8221: SHOULD NOT)` };
    return undefined;
  }
  if (kind === 'integrity') {
    if (name === 'md5') return { level: 'broken', why: 'HMAC-MD5 is deprecated (RFC 8221: MUST NOT)' };
    if (name === 'sha1') return { level: 'legacy', why: 'HMAC-SHA1 is legacy (RFC 8247: SHOULD NOT for IKE)' };
    return undefined;
  }
  const g = Number(name);
  if (g === 1) return { level: 'broken', why: 'DH group 1 (768-bit MODP) is broken' };
  if (g === 2 || g === 22) return { level: 'legacy', why: `DH group ${g} (1024-bit MODP) is too small (RFC 8247: SHOULD NOT)` };
  if (g === 5) return { level: 'legacy', why: 'DH group 5 (1536-bit MODP) is below current guidance' };
  return undefined;
}
