/**
 * What Junos (SRX, `[edit security ike|ipsec]`) uses when the configuration does not say, each
 * with its source; README.md repeats them with the releases they hold for. `assumed: true` marks a
 * value no source read for this adapter confirms (reports then say "vendor default (assumed)").
 *
 * Sources (juniper.net pages as stored by the project's search index):
 *  - DPD: CLI reference `dead-peer-detection` (vpn-ipsec/topics/ref/statement/
 *    security-edit-dead-peer-detection.html): "interval … Default: 10 seconds, Range: 2 through
 *    60 seconds", "optimized … This is the default DPD mode", "threshold … Default: 5, Range: 1
 *    through 5"; optimized and probe-idle-tunnel added in 12.1X46-D10, the statement in 8.5.
 *  - predefined proposals: Junos OS Security Configuration Guide 10.3, "Understanding Phase 1 of
 *    IKE Tunnel Negotiation" (topic-40777) and "… Phase 2 …" (topic-40784): the basic, compatible
 *    and standard sets.
 *  - IKE proposal lifetime 28800 s: batfish IkeProposal.java (DEFAULT_LIFETIME_SECONDS, citing the
 *    Juniper CLI reference page security-edit-lifetime-seconds-ike.html), batfish/batfish @
 *    cba1873338ae3b1952883706f5d7c6d969b385ec — the page itself was not read here.
 *  - lifetime-kilobytes: JUNOS Software CLI reference 9.3 (J-series/SRX) `lifetime-kilobytes`:
 *    "Range: 64 through 1048576 kilobytes", no default (no volume limit unless set).
 */

export interface DefaultValue<T> {
  value: T;
  assumed: boolean;
}

const confirmed = <T>(value: T): DefaultValue<T> => ({ value, assumed: false });
const assumed = <T>(value: T): DefaultValue<T> => ({ value, assumed: true });

export const DEFAULTS = {
  /** `security ike proposal P lifetime-seconds` absent (batfish cites the Juniper page) */
  ikeLifetimeSeconds: confirmed(28800),
  /**
   * `security ipsec proposal P lifetime-seconds` absent: 3600 s on SRX is assumed. The one Juniper
   * page found for this hierarchy (JUNOS 9.3 System Basics, "Configuring the Lifetime for an IPSec
   * SA", ES PIC of M/T routers) says 28,800 s "if you do not configure a lifetime and a lifetime
   * is not sent by a responder"; the SRX CLI reference page was not found.
   */
  ipsecLifetimeSeconds: assumed(3600),
  /** no lifetime-kilobytes: no volume limit */
  ipsecLifetimeKilobytes: confirmed(0),
  /** gateway `version` absent: IKEv1 (v1-only) */
  ikeVersion: assumed<1 | 2>(1),
  /** IKE policy `mode` absent: main */
  exchangeMode: assumed<'main' | 'aggressive'>('main'),
  /** IPsec proposal `protocol` absent: ESP */
  ipsecProtocol: assumed<'esp' | 'ah'>('esp'),
  /** IPsec policy without perfect-forward-secrecy: no PFS (the predefined sets say `nopfs-` unless `g2-`) */
  pfs: confirmed(0),
  /** NAT-T is on unless `no-nat-traversal` (the statement exists to turn it off; `[edit security ike gateway]` hierarchy, Junos 13.2) */
  natTraversal: confirmed(true),
  /** DPD: off unless `dead-peer-detection`; when present: optimized, interval 10 s, threshold 5 */
  dpd: { interval: confirmed(10), threshold: confirmed(5) },
  /** a route-based VPN (bind-interface) without traffic-selector or proxy-identity proposes 0.0.0.0/0 both ways */
  routeBasedSelectors: assumed('0.0.0.0/0'),
  /** an IKE proposal without authentication-method: pre-shared keys when the policy holds one */
  authMethod: assumed('psk'),
} as const;

/** Ranges the CLI accepts: a value outside is read as written, with a warning. */
export const RANGES = {
  lifetimeSeconds: [180, 86400] as const,
  lifetimeKilobytes: [64, 4294967294] as const,
  dpdInterval: [2, 60] as const,
  dpdThreshold: [1, 5] as const,
  natKeepalive: [1, 300] as const,
};
