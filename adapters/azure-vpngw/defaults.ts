/**
 * What an Azure VPN gateway connection uses when it has no custom IPsec/IKE policy, and what a
 * custom policy can be set to. Sources (README.md has the table with revisions):
 * - "About VPN devices and IPsec/IKE parameters for Site-to-Site VPN Gateway connections"
 *   (MicrosoftDocs/azure-docs articles/vpn-gateway/vpn-gateway-about-vpn-devices.md
 *   @ b8db86afb3deffbe364b44dcff71f31c4cce72bc): the default policy sets, route-based and policy-based;
 * - the custom-policy tables (includes/vpn-gateway-ipsec-ike-algorithm-include.md @ 14a4f0b6,
 *   ms.date 01/26/2024; includes/vpn-gateway-ipsec-ike-requirements-include.md @ 02d00dc8;
 *   includes/vpn-gateway-ipsec-ike-diffie-hellman-include.md @ 0b8729ea).
 */
import type { AllowedSettings, ChildProposal, IkeProposal } from '../../src/model/types.js';

export const DEVICES_SOURCE =
  'Azure VPN Gateway documentation, "About VPN devices and IPsec/IKE parameters" (default policies) and "Configure custom IPsec/IKE connection policies" (allowed values)';

/** Azure spelling (API enum) → canonical name. IKE encryption, custom policy. */
export const IKE_ENCRYPTION: Record<string, string> = {
  GCMAES256: 'aes256gcm16',
  GCMAES128: 'aes128gcm16',
  AES256: 'aes256',
  AES192: 'aes192',
  AES128: 'aes128',
  DES3: '3des',
  DES: 'des',
};
/** IKE integrity (the 2024 table lists SHA384, SHA256, SHA1, MD5; GCMAES* is the API's value with GCM encryption). */
export const IKE_INTEGRITY: Record<string, string> = { SHA384: 'sha384', SHA256: 'sha256', SHA1: 'sha1', MD5: 'md5' };
export const IPSEC_ENCRYPTION: Record<string, string> = {
  GCMAES256: 'aes256gcm16',
  GCMAES192: 'aes192gcm16',
  GCMAES128: 'aes128gcm16',
  AES256: 'aes256',
  AES192: 'aes192',
  AES128: 'aes128',
  DES3: '3des',
  DES: 'des',
  None: 'null',
};
export const IPSEC_INTEGRITY: Record<string, string> = { SHA256: 'sha256', SHA1: 'sha1', MD5: 'md5' };
/** GCM integrity values: must equal the GCM encryption (requirements include); AEAD → no separate integrity. */
export const GCM_INTEGRITY = new Set(['GCMAES256', 'GCMAES192', 'GCMAES128']);

/** DHGroup enum → IANA group (Diffie-Hellman include: DHGroup14 and DHGroup2048 are both group 14). */
export const DH_GROUP: Record<string, number> = {
  None: 0,
  DHGroup1: 1,
  DHGroup2: 2,
  DHGroup14: 14,
  DHGroup2048: 14,
  ECP256: 19,
  ECP384: 20,
  DHGroup24: 24,
};
/** PfsGroup enum → IANA group; PFS14 is the API's other name for PFS2048; PFSMM = the main mode group. */
export const PFS_GROUP: Record<string, number | 'main-mode'> = {
  None: 0,
  PFS1: 1,
  PFS2: 2,
  PFS2048: 14,
  PFS14: 14,
  ECP256: 19,
  ECP384: 20,
  PFS24: 24,
  PFSMM: 'main-mode',
};

/** The spelling a fix writes for a group: the documented one (DHGroup14, PFS2048). */
export const DH_SPELLING: Record<number, string> = { 0: 'None', 1: 'DHGroup1', 2: 'DHGroup2', 14: 'DHGroup14', 19: 'ECP256', 20: 'ECP384', 24: 'DHGroup24' };
export const PFS_SPELLING: Record<number, string> = { 0: 'None', 1: 'PFS1', 2: 'PFS2', 14: 'PFS2048', 19: 'ECP256', 20: 'ECP384', 24: 'PFS24' };

export type GatewayKind = 'RouteBased' | 'PolicyBased';

/** Phase 1 (main mode) lifetime: "IKE Main Mode SA lifetime is fixed at 28,800 seconds on the Azure VPN gateways". */
export const PHASE1_LIFETIME = 28800;
/** Quick mode SA lifetime of a custom policy: minimum 300 s; 172799 is the Az.Network cmdlet's ValidateRange maximum. */
export const CUSTOM_P2_SECONDS = { min: 300, max: 172799 };
export const CUSTOM_P2_KILOBYTES = { min: 1024, max: 2147483647 };
/** DPD timeout: minimum 9, maximum 3600, default 45 seconds. */
export const DPD_TIMEOUT = { min: 9, max: 3600, default: 45 };

const p1 = (encryption: string, integrity: string): IkeProposal => ({ encryption: [encryption], integrity: [integrity], prf: [], dhGroups: [2] });
const esp = (encryption: string, integrity: string): ChildProposal => ({
  protocol: 'esp',
  encryption: [encryption],
  integrity: encryption.endsWith('gcm16') ? [] : [integrity],
});

/** The default policy of each gateway type (route-based: the responder's 26 quick mode offers, reduced to their algorithm pairs). */
export const DEFAULT_POLICY: Record<
  GatewayKind,
  { phase1: IkeProposal[]; phase2: ChildProposal[]; pfs: number[]; p2Seconds: number; p2Kilobytes: number; ikeVersion: 1 | 2 }
> = {
  RouteBased: {
    phase1: [p1('aes256', 'sha1'), p1('aes256', 'sha256'), p1('aes128', 'sha1'), p1('aes128', 'sha256'), p1('3des', 'sha1'), p1('3des', 'sha256')],
    phase2: [
      esp('aes256gcm16', ''),
      esp('aes256', 'sha1'),
      esp('3des', 'sha1'),
      esp('aes256', 'sha256'),
      esp('aes128', 'sha1'),
      esp('3des', 'sha256'),
      esp('des', 'sha1'),
      esp('aes128', 'sha256'),
    ],
    // as responder: none, 1, 2, 14, 24 (offers 1–26); as initiator it offers no PFS only (offers 1–6)
    pfs: [0, 1, 2, 14, 24],
    p2Seconds: 27000,
    p2Kilobytes: 102400000,
    ikeVersion: 2,
  },
  PolicyBased: {
    phase1: [p1('aes256', 'sha256'), p1('aes256', 'sha1'), p1('aes128', 'sha1'), p1('3des', 'sha1')],
    phase2: [esp('aes256', 'sha256'), esp('aes256', 'sha1'), esp('aes128', 'sha1'), esp('3des', 'sha1')],
    pfs: [0],
    p2Seconds: 3600,
    p2Kilobytes: 102400000,
    ikeVersion: 1,
  },
};

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** What a custom policy can be set to (the algorithm table), and the fixed/ranged lifetimes. */
export const ALLOWED: AllowedSettings = {
  source:
    'Azure VPN Gateway, "Configure custom IPsec/IKE connection policies" (algorithm table, 01/2024): main mode lifetime fixed at 28800 s, quick mode 300 s or more (Az.Network: at most 172799 s), 1024 KB or more',
  phase1LifetimeSeconds: { min: PHASE1_LIFETIME, max: PHASE1_LIFETIME },
  phase2LifetimeSeconds: CUSTOM_P2_SECONDS,
  phase2LifetimeKilobytes: CUSTOM_P2_KILOBYTES,
  phase1: {
    encryption: uniq(Object.values(IKE_ENCRYPTION)),
    integrity: uniq(Object.values(IKE_INTEGRITY)),
    dhGroups: uniq(Object.values(DH_GROUP)).filter((g) => g !== 0),
  },
  phase2: {
    encryption: uniq(Object.values(IPSEC_ENCRYPTION)),
    integrity: uniq(Object.values(IPSEC_INTEGRITY)),
    pfsGroups: uniq(Object.values(PFS_GROUP).filter((g): g is number => typeof g === 'number')),
  },
};

/** The canonical name back to Azure's spelling, for fixes. */
export function azureSpelling(table: Record<string, string>, canonical: string): string | undefined {
  return Object.entries(table).find(([, c]) => c === canonical)?.[0];
}
