/**
 * What PAN-OS uses when the configuration does not say. Each value with its source; the README
 * repeats them with the releases they hold for, and says "assumed" where no source was found.
 *
 * Sources:
 *  - factory `default` crypto profiles: PaloAltoNetworks/iron-skillet
 *    loadable_configs/sample-mgmt-static/panos/iron_skillet_panos_full.xml (PAN-OS 10.1 day-one
 *    configuration, commit 98333734ab43f889507572413b63aafbcb351f5e) and the same profiles in a
 *    real PAN-OS 10.0 export (ilwij/portfolio uploads/Configuration-Phase1.md @ a3ba4737)
 *  - schema defaults and ranges: PaloAltoNetworks/pan-os-codegen specs/network/ike-gateway.yaml,
 *    specs/objects/profiles/ike-crypto-profile.yaml, ipsec-crypto-profile.yaml
 *    (commit 9920a6f135dffc23aa899a72abf19e0ba1f22973), generated from the PAN-OS schema
 *  - IKEv2 liveness check off unless enabled: Palo Alto Networks knowledge base kA10g000000ClgcCAC
 *    ("This option is not enabled by default", PAN-OS 7.0) and the PAN-OS 10.2 web help, IKE
 *    Gateway Advanced Options ("Click this box to have the system send empty informational
 *    packets after the peer has been idle … Default: 5")
 */

/**
 * Crypto profiles every firewall ships with (iron-skillet's day-one configuration, the real 10.0
 * export): named for what they hold, so a fix never edits them in place.
 */
export const FACTORY_PROFILES: ReadonlySet<string> = new Set(['default', 'Suite-B-GCM-128', 'Suite-B-GCM-256']);

/** The factory `default` IKE crypto profile (PAN-OS 7.x–11.x day-one configuration). */
export const DEFAULT_IKE_PROFILE = {
  encryption: ['aes-128-cbc', '3des'],
  hash: ['sha1'],
  dhGroup: ['group2'],
  lifetime: { unit: 'hours', amount: 8 },
} as const;

/** The factory `default` IPsec crypto profile. */
export const DEFAULT_IPSEC_PROFILE = {
  encryption: ['aes-128-cbc', '3des'],
  authentication: ['sha1'],
  dhGroup: 'group2',
  lifetime: { unit: 'hours', amount: 1 },
} as const;

/** A profile without <lifetime>: the GUI default (assumed for the schema: no default is published). */
export const IKE_LIFETIME_ABSENT = { unit: 'hours', amount: 8 } as const;
export const IPSEC_LIFETIME_ABSENT = { unit: 'hours', amount: 1 } as const;

/** ipsec-crypto-profile dh-group: schema default group2 (pan-os-codegen). */
export const IPSEC_DH_ABSENT = 'group2';

export const GATEWAY = {
  /** protocol/version: ikev1 (pan-os-codegen default) */
  version: 'ikev1',
  /** protocol/ikev1/exchange-mode: auto — main as initiator, main or aggressive as responder */
  exchangeMode: 'auto',
  /** protocol/ikev1|ikev2/ike-crypto-profile */
  ikeCryptoProfile: 'default',
  /** protocol/ikev1/dpd: interval 5 s, retry 5 (codegen); enabled when absent — assumed (GUI default) */
  ikev1Dpd: { enable: true, interval: 5, retry: 5 },
  /** protocol/ikev2/dpd (the liveness check): off unless enabled; interval 5 s */
  ikev2Liveness: { enable: false, interval: 5 },
  /** protocol-common/nat-traversal: off unless enabled (assumed: GUI default); keep-alive 20 s (codegen) */
  natTraversal: { enable: false, keepAlive: 20 },
  /** protocol-common/passive-mode: no */
  passiveMode: false,
} as const;

/** Accepted ranges (pan-os-codegen): values outside are what a device would refuse at commit. */
export const RANGES = {
  lifetime: { seconds: [180, 65535], minutes: [3, 65535], hours: [1, 65535], days: [1, 365] },
  lifesize: { kb: [1, 65535], mb: [1, 65535], gb: [1, 65535], tb: [1, 65535] },
  dpdInterval: [2, 100],
  dpdRetry: [2, 100],
  natKeepAlive: [10, 3600],
} as const;
