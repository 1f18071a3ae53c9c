/**
 * What RouterOS uses for a property the export does not print. Values are kept as the text
 * RouterOS would print (`lifetime=30m`), so a default goes through the same readers as an
 * explicit value and its `raw` is exactly what `export verbose` shows.
 *
 * Sources (README.md "Defaults" has the detail): the RouterOS manual's IPsec property tables
 * (help.mikrotik.com "IPsec"), and the built-in entries as real `export verbose` output prints
 * them: 6.43.8 (`/ip ipsec peer profile`), 6.49.2 and 7.17.2 (`/ip ipsec profile`).
 */

/** Which configuration layout and default set applies. */
export type Era =
  /** ≤ 6.42: phase 1 crypto and the secret are properties of the peer */
  | 'v6-peer-crypto'
  /** 6.43: `/ip ipsec peer profile`, secret still on the peer */
  | 'v6-peer-profile'
  /** 6.44 … 6.49: `/ip ipsec profile` + `/ip ipsec identity` */
  | 'v6'
  | 'v7';

export function eraOfVersion(major: number, minor: number): Era {
  if (major >= 7) return 'v7';
  if (major < 6 || minor <= 42) return 'v6-peer-crypto';
  return minor === 43 ? 'v6-peer-profile' : 'v6';
}

/** Phase 1 properties: the `default` profile (or, ≤ 6.42, the peer itself). */
export const PROFILE_KEYS = [
  'dh-group',
  'dpd-interval',
  'dpd-maximum-failures',
  'enc-algorithm',
  'hash-algorithm',
  'lifebytes',
  'lifetime',
  'nat-traversal',
  'prf-algorithm',
  'proposal-check',
] as const;

const PROFILE_COMMON = {
  'dh-group': 'modp2048,modp1024',
  // the manual's table says aes-128; 6.43.8, 6.49.2 and 7.17.2 all print aes-128,3des
  'enc-algorithm': 'aes-128,3des',
  'hash-algorithm': 'sha1',
  lifebytes: '0',
  lifetime: '1d',
  'nat-traversal': 'yes',
  'proposal-check': 'obey',
};

/** v6 (all layouts): DPD every 2 minutes, 5 failures. */
const PROFILE_V6 = { ...PROFILE_COMMON, 'dpd-interval': '2m', 'dpd-maximum-failures': '5' };

/** v7: DPD every 8 seconds, 4 failures; `prf-algorithm=auto` (the PRF follows the hash). */
const PROFILE_V7 = { ...PROFILE_COMMON, 'dpd-interval': '8s', 'dpd-maximum-failures': '4', 'prf-algorithm': 'auto' };

/**
 * ≤ 6.42 (phase 1 on the peer): no export verbose of that era was found, so the 6.43 peer-profile
 * values are assumed (README "Defaults"); a distinct object so `isAssumedDefaults` can tell.
 */
const PEER_CRYPTO_V6 = { ...PROFILE_V6 };

export function profileDefaults(era: Era): Record<string, string> {
  if (era === 'v7') return PROFILE_V7;
  return era === 'v6-peer-crypto' ? PEER_CRYPTO_V6 : PROFILE_V6;
}

/** Default sets no source confirms for their release: their values are marked `assumed`. */
export function isAssumedDefaults(defaults: Record<string, string>): boolean {
  return defaults === PEER_CRYPTO_V6;
}

export const PROPOSAL_DEFAULTS: Record<string, string> = {
  'auth-algorithms': 'sha1',
  'enc-algorithms': 'aes-256-cbc,aes-192-cbc,aes-128-cbc',
  lifetime: '30m',
  'pfs-group': 'modp1024',
  disabled: 'no',
};

export const PEER_DEFAULTS: Record<string, string> = {
  address: '0.0.0.0/0',
  'exchange-mode': 'main',
  passive: 'no',
  profile: 'default',
  disabled: 'no',
};

/** Identity properties; ≤ 6.43 they sit on the peer, with the same defaults. */
export const IDENTITY_DEFAULTS: Record<string, string> = {
  'auth-method': 'pre-shared-key',
  'generate-policy': 'no',
  'policy-template-group': 'default',
  'my-id': 'auto',
  'remote-id': 'auto',
  'match-by': 'remote-id',
  disabled: 'no',
};

export const POLICY_DEFAULTS: Record<string, string> = {
  action: 'encrypt',
  tunnel: 'no',
  proposal: 'default',
  'ipsec-protocols': 'esp',
  level: 'require',
  protocol: 'all',
  // the manual's default: a policy that names no address matches nothing useful
  'src-address': '0.0.0.0/32',
  'dst-address': '0.0.0.0/32',
  group: 'default',
  template: 'no',
  disabled: 'no',
};

/**
 * The built-in policy template `*0` as 6.49.2 and 7.17.2 print it: group default, ::/0 both
 * ways, proposal default. ASSUMED: `::/0` in a template accepts IPv4 as well as IPv6 selectors
 * (it is what road-warrior and L2TP setups rely on); see README.
 */
export const BUILT_IN_TEMPLATE: Record<string, string> = {
  ...POLICY_DEFAULTS,
  template: 'yes',
  'src-address': '::/0',
  'dst-address': '::/0',
};
