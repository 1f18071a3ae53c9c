/**
 * Junos algorithm keywords (`security ike proposal` / `security ipsec proposal`) mapped to the
 * canonical vocabulary, and the predefined proposal sets a policy may name instead of proposals.
 *
 * Keywords: CLI reference `proposal (Security IKE)` (06-Sep-24): authentication-algorithm md5 |
 * sha-256 | sha-384 | sha1 | sha-512; dh-group group1|2|5|14|15|16|19|20|21|24; encryption-
 * algorithm 3des-cbc | aes-128-cbc | aes-128-gcm | aes-192-cbc | aes-256-cbc | aes-256-gcm |
 * chacha20-poly1305 | des-cbc; authentication-method certificates | digital-signature |
 * dsa-signatures | ecdsa-signatures-256|384|521 | pre-shared-keys | rsa-signatures. IPsec:
 * authentication-algorithm hmac-md5-96 | hmac-sha1-96 | hmac-sha-256-128 | hmac-sha-256-96 |
 * hmac-sha-384 | hmac-sha-512, encryption-algorithm as IKE plus aes-192-gcm (batfish testconfig
 * ipsec-proposal), protocol ah | esp | bundle.
 */
import type { AuthMethod, ChildProposal, IkeProposal } from '../../src/model/types.js';

export const IKE_ENCRYPTION: Readonly<Record<string, string>> = {
  'des-cbc': 'des',
  '3des-cbc': '3des',
  'aes-128-cbc': 'aes128',
  'aes-192-cbc': 'aes192',
  'aes-256-cbc': 'aes256',
  'aes-128-gcm': 'aes128gcm16',
  'aes-256-gcm': 'aes256gcm16',
  'chacha20-poly1305': 'chacha20poly1305',
};

export const IPSEC_ENCRYPTION: Readonly<Record<string, string>> = {
  ...IKE_ENCRYPTION,
  'aes-192-gcm': 'aes192gcm16',
};

export const IKE_INTEGRITY: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

/**
 * `hmac-sha-256-96` is SHA-256 truncated to 96 bits (the pre-RFC 4868 draft form): it interoperates
 * only with itself, so it is its own canonical name (strongSwan calls it sha256_96).
 */
export const IPSEC_INTEGRITY: Readonly<Record<string, string>> = {
  'hmac-md5-96': 'md5',
  'hmac-sha1-96': 'sha1',
  'hmac-sha-256-128': 'sha256',
  'hmac-sha-256-96': 'sha256_96',
  'hmac-sha-384': 'sha384',
  'hmac-sha-512': 'sha512',
};

export const AUTH_METHOD: Readonly<Record<string, AuthMethod>> = {
  'pre-shared-keys': 'psk',
  'rsa-signatures': 'certificate',
  'dsa-signatures': 'certificate',
  'ecdsa-signatures-256': 'certificate',
  'ecdsa-signatures-384': 'certificate',
  'ecdsa-signatures-521': 'certificate',
  certificates: 'certificate',
  'digital-signature': 'certificate',
};

/** `group14` → 14 for the groups Junos lists; undefined otherwise. */
export function dhGroup(word: string): number | undefined {
  const m = /^group(\d+)$/.exec(word);
  if (!m) return undefined;
  const n = Number(m[1]);
  return [1, 2, 5, 14, 15, 16, 19, 20, 21, 24].includes(n) ? n : undefined;
}

/** Canonical → keyword, for fixes. */
const invert = (t: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [v, k])) as Record<string, string>;
export const IKE_ENCRYPTION_KEYWORD = invert(IKE_ENCRYPTION);
export const IPSEC_ENCRYPTION_KEYWORD = invert(IPSEC_ENCRYPTION);
export const IKE_INTEGRITY_KEYWORD = invert(IKE_INTEGRITY);
export const IPSEC_INTEGRITY_KEYWORD = invert(IPSEC_INTEGRITY);

export interface ProposalSet<P> {
  proposals: P[];
  /** the set carries its own PFS group (`g2-esp-…`) */
  pfs?: number;
  /** where the contents come from, and whether they are assumed */
  source: string;
  assumed: boolean;
}

const ike = (encryption: string, integrity: string, group: number): IkeProposal => ({
  encryption: [encryption],
  integrity: [integrity],
  prf: [],
  dhGroups: [group],
});
const esp = (encryption: string, integrity: string): ChildProposal => ({ protocol: 'esp', encryption: [encryption], integrity: integrity ? [integrity] : [] });

const SECURITY_10_3 = 'Junos OS Security Configuration Guide 10.3, "Understanding Phase 1/Phase 2 of IKE Tunnel Negotiation"';
const RFC_6379 = 'RFC 6379 (Suite B cryptographic suites for IPsec), assumed to be what Junos names suiteb-gcm-128/256';

/**
 * IKE proposal sets (all pre-shared key). basic: pre-g1-des-sha, pre-g1-des-md5; compatible:
 * pre-g2-3des-sha, pre-g2-3des-md5, pre-g2-des-sha, pre-g2-des-md5; standard: pre-g2-aes128-sha,
 * pre-g2-3des-sha. (batfish's ConfigurationBuilder leaves pre-g2-3des-sha out of compatible; the
 * Juniper page lists it.)
 */
export const IKE_PROPOSAL_SETS: Readonly<Record<string, ProposalSet<IkeProposal>>> = {
  basic: { proposals: [ike('des', 'sha1', 1), ike('des', 'md5', 1)], source: SECURITY_10_3, assumed: false },
  compatible: {
    proposals: [ike('3des', 'sha1', 2), ike('3des', 'md5', 2), ike('des', 'sha1', 2), ike('des', 'md5', 2)],
    source: SECURITY_10_3,
    assumed: false,
  },
  standard: { proposals: [ike('aes128', 'sha1', 2), ike('3des', 'sha1', 2)], source: SECURITY_10_3, assumed: false },
  'suiteb-gcm-128': { proposals: [ike('aes128', 'sha256', 19)], source: RFC_6379, assumed: true },
  'suiteb-gcm-256': { proposals: [ike('aes256', 'sha384', 20)], source: RFC_6379, assumed: true },
};

/**
 * IPsec proposal sets. basic: nopfs-esp-des-sha, nopfs-esp-des-md5; compatible: nopfs-esp-3des-sha,
 * nopfs-esp-3des-md5, nopfs-esp-des-sha, nopfs-esp-des-md5; standard: g2-esp-3des-sha,
 * g2-esp-aes128-sha (PFS group 2, which the policy's perfect-forward-secrecy overrides).
 */
export const IPSEC_PROPOSAL_SETS: Readonly<Record<string, ProposalSet<ChildProposal>>> = {
  basic: { proposals: [esp('des', 'sha1'), esp('des', 'md5')], source: SECURITY_10_3, assumed: false },
  compatible: {
    proposals: [esp('3des', 'sha1'), esp('3des', 'md5'), esp('des', 'sha1'), esp('des', 'md5')],
    source: SECURITY_10_3,
    assumed: false,
  },
  standard: { proposals: [esp('3des', 'sha1'), esp('aes128', 'sha1')], pfs: 2, source: SECURITY_10_3, assumed: false },
  'suiteb-gcm-128': { proposals: [esp('aes128gcm16', '')], source: RFC_6379, assumed: true },
  'suiteb-gcm-256': { proposals: [esp('aes256gcm16', '')], source: RFC_6379, assumed: true },
};

/** Sets Junos accepts whose contents no source read here gives: a tunnel using one is not compared. */
export const UNKNOWN_SETS: readonly string[] = ['prime-128', 'prime-256'];
