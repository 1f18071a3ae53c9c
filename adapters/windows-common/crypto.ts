/**
 * Windows spells the same algorithms four ways: netsh (`DHGroup14-AES256-SHA256`,
 * `ESP:SHA256-AES256`), the NetSecurity cmdlets (`DH14`, `AESGCM256`, `SameAsMainMode`), the
 * RemoteAccess/VpnClient cmdlets (`Group14`, `PFS2048`, `SHA256128`, `GCMAES256`) and, in
 * ConvertTo-Json output of the latter, plain numbers. Each table maps one spelling onto the
 * canonical vocabulary (src/model/vocab.ts) and back, for the fix writers.
 */
import { canonicalEncryption, canonicalIntegrity, dhGroupNumber } from '../../src/model/vocab.js';

/** Marker for "PFS uses the main mode DH group" (netsh `MainMode`, RRAS `PFSMM`, NetSecurity `SameAsMainMode`). */
export const PFS_SAME_AS_MAIN_MODE = 'main-mode';

// ---------------------------------------------------------------------------------------------
// RemoteAccess (RRAS) and VpnClient enums: names as Format-List prints them, numbers as
// ConvertTo-Json prints them. The numbers are the ROUTER_CUSTOM_IKEv2_POLICY0 / IKEEXT / IPSEC
// constants as the DPC project (ld0614/DPC, DPCLibrary/Enums) writes them for the same policy.

type EnumTable<T> = Array<{ name: string; number?: number; value: T }>;

export const RRAS_ENCRYPTION: EnumTable<string> = [
  { name: 'DES', number: 0, value: 'des' },
  { name: 'DES3', number: 1, value: '3des' },
  { name: 'AES128', number: 2, value: 'aes128' },
  { name: 'AES192', number: 3, value: 'aes192' },
  { name: 'AES256', number: 4, value: 'aes256' },
  { name: 'GCMAES128', number: 5, value: 'aes128gcm16' },
  { name: 'GCMAES256', number: 6, value: 'aes256gcm16' },
];

export const RRAS_INTEGRITY: EnumTable<string> = [
  { name: 'MD5', number: 0, value: 'md5' },
  { name: 'SHA1', number: 1, value: 'sha1' },
  { name: 'SHA256', number: 2, value: 'sha256' },
  { name: 'SHA384', number: 3, value: 'sha384' },
];

/** ESP cipher; `None` = ESP without encryption (integrity only). */
export const RRAS_CIPHER: EnumTable<string> = [
  { name: 'None', number: 0, value: 'null' },
  { name: 'DES', number: 1, value: 'des' },
  { name: 'DES3', number: 2, value: '3des' },
  { name: 'AES128', number: 3, value: 'aes128' },
  { name: 'AES192', number: 4, value: 'aes192' },
  { name: 'AES256', number: 5, value: 'aes256' },
  { name: 'GCMAES128', number: 6, value: 'aes128gcm16' },
  { name: 'GCMAES192', number: 7, value: 'aes192gcm16' },
  { name: 'GCMAES256', number: 8, value: 'aes256gcm16' },
];

/** ESP integrity; the GCM values mean "the AEAD cipher authenticates" (no separate integrity). */
export const RRAS_AUTH_TRANSFORM: EnumTable<string> = [
  { name: 'MD596', number: 0, value: 'md5' },
  { name: 'SHA196', number: 1, value: 'sha1' },
  { name: 'SHA256128', number: 2, value: 'sha256' },
  { name: 'GCMAES128', number: 3, value: 'aes128gcm16' },
  { name: 'GCMAES192', number: 4, value: 'aes192gcm16' },
  { name: 'GCMAES256', number: 5, value: 'aes256gcm16' },
  { name: 'None', value: 'null' },
];

export const RRAS_DH: EnumTable<number> = [
  { name: 'None', number: 0, value: 0 },
  { name: 'Group1', number: 1, value: 1 },
  { name: 'Group2', number: 2, value: 2 },
  { name: 'Group14', number: 3, value: 14 },
  { name: 'ECP256', number: 4, value: 19 },
  { name: 'ECP384', number: 5, value: 20 },
  { name: 'Group24', number: 6, value: 24 },
];

export const RRAS_PFS: EnumTable<number | typeof PFS_SAME_AS_MAIN_MODE> = [
  { name: 'None', number: 0, value: 0 },
  { name: 'PFS1', number: 1, value: 1 },
  { name: 'PFS2', number: 2, value: 2 },
  { name: 'PFS2048', number: 3, value: 14 },
  { name: 'ECP256', number: 4, value: 19 },
  { name: 'ECP384', number: 5, value: 20 },
  { name: 'PFSMM', number: 6, value: PFS_SAME_AS_MAIN_MODE },
  { name: 'PFS24', number: 7, value: 24 },
];

/** A RemoteAccess enum value written as its name or as ConvertTo-Json's number. */
export function fromEnum<T>(table: EnumTable<T>, written: string | number): T | undefined {
  if (typeof written === 'number') return table.find((e) => e.number === written)?.value;
  const t = written.trim().toLowerCase();
  if (/^\d+$/.test(t)) return table.find((e) => e.number === Number(t))?.value;
  return table.find((e) => e.name.toLowerCase() === t)?.value;
}

/** The enum name for a canonical value (for fixes); undefined when Windows has no such value. */
export function toEnum<T>(table: EnumTable<T>, value: T): string | undefined {
  return table.find((e) => e.value === value)?.name;
}

export function enumNames<T>(table: EnumTable<T>): string {
  return table.map((e) => e.name).join(', ');
}

// ---------------------------------------------------------------------------------------------
// NetSecurity enums (Get-NetIPsec*, Get-NetFirewallSetting), as Format-List prints them.

/** `DH14`, `DH19`, `SameAsMainMode`, `None` → IANA group / marker. */
export function netSecurityDh(written: string): number | typeof PFS_SAME_AS_MAIN_MODE | undefined {
  const t = written.trim().toLowerCase();
  if (t === 'sameasmainmode') return PFS_SAME_AS_MAIN_MODE;
  if (t === 'none') return 0;
  return dhGroupNumber(t);
}

export function netSecurityEncryption(written: string): string | undefined {
  const t = written.trim().toLowerCase();
  return t === 'none' ? 'null' : canonicalEncryption(t);
}

export function netSecurityHash(written: string): string | undefined {
  const t = written.trim().toLowerCase();
  if (t === 'none') return 'null';
  const gmac = /^aesgmac(128|192|256)$/.exec(t);
  if (gmac) return `aes${gmac[1]}gmac`;
  const gcm = /^aesgcm(128|192|256)$/.exec(t);
  if (gcm) return `aes${gcm[1]}gcm16`;
  return canonicalIntegrity(t);
}

// ---------------------------------------------------------------------------------------------
// netsh tokens

/** netsh key exchange names as printed (`DHGroup14`, `ECDHP256`) and as typed (`dhgroup14`). */
export const NETSH_DH: Array<[string, number]> = [
  ['DHGroup1', 1],
  ['DHGroup2', 2],
  ['DHGroup14', 14],
  ['DHGroup24', 24],
  ['ECDHP256', 19],
  ['ECDHP384', 20],
];

export function netshDh(token: string): number | undefined {
  const hit = NETSH_DH.find(([n]) => n.toLowerCase() === token.trim().toLowerCase());
  return hit?.[1];
}

export function netshDhName(group: number): string | undefined {
  return NETSH_DH.find(([, g]) => g === group)?.[0];
}

/** Main mode encryption (`DES`, `3DES`, `AES128`…) and integrity (`MD5`, `SHA1`, `SHA256`, `SHA384`). */
export const NETSH_MM_ENCRYPTION = ['DES', '3DES', 'AES128', 'AES192', 'AES256'];
export const NETSH_MM_INTEGRITY = ['MD5', 'SHA1', 'SHA256', 'SHA384'];
/** Quick mode integrity and encryption tokens (netsh help for consec add rule). */
export const NETSH_QM_INTEGRITY = ['MD5', 'SHA1', 'SHA256', 'AESGMAC128', 'AESGMAC192', 'AESGMAC256', 'AESGCM128', 'AESGCM192', 'AESGCM256'];
export const NETSH_QM_ENCRYPTION = ['None', 'DES', '3DES', 'AES128', 'AES192', 'AES256', 'AESGCM128', 'AESGCM192', 'AESGCM256'];

export function netshEncryption(token: string, allowed: string[]): string | undefined {
  if (!allowed.some((a) => a.toLowerCase() === token.toLowerCase())) return undefined;
  return netSecurityEncryption(token);
}

export function netshIntegrity(token: string, allowed: string[]): string | undefined {
  if (!allowed.some((a) => a.toLowerCase() === token.toLowerCase())) return undefined;
  return netSecurityHash(token);
}

/** Canonical → netsh token (upper case as netsh prints it), for fixes. */
export function netshEncryptionName(canonical: string): string | undefined {
  const m: Record<string, string> = {
    des: 'DES',
    '3des': '3DES',
    aes128: 'AES128',
    aes192: 'AES192',
    aes256: 'AES256',
    null: 'None',
    aes128gcm16: 'AESGCM128',
    aes192gcm16: 'AESGCM192',
    aes256gcm16: 'AESGCM256',
  };
  return m[canonical];
}

export function netshIntegrityName(canonical: string): string | undefined {
  const m: Record<string, string> = {
    md5: 'MD5',
    sha1: 'SHA1',
    sha256: 'SHA256',
    sha384: 'SHA384',
    aes128gmac: 'AESGMAC128',
    aes192gmac: 'AESGMAC192',
    aes256gmac: 'AESGMAC256',
  };
  return m[canonical];
}
