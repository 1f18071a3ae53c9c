/**
 * The normalized model. Every adapter turns its vendor's text into a `Device`; every rule reads
 * only these types. Values are normalized (seconds, kilobytes, canonical algorithm names, IANA DH
 * group numbers); `raw` keeps what the device wrote so a finding can quote both sides verbatim.
 */

/** Where a value came from in the input: 1-based line in a file (or a live source's snapshot). */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * explicit: the device wrote it. default: the device said nothing and the vendor default applies
 * (drift hides in defaults, so a default is a value). inferred: derived from other settings
 * (e.g. the local gateway from the interface a crypto map is bound to).
 */
export type Origin = 'explicit' | 'default' | 'inferred';

/**
 * The unit the device's own field is expressed in. The normalized `value` is always seconds for
 * durations and kilobytes for data sizes; `unit` says what the user typed, which is what the
 * unit-trap rule and the fix writers need.
 */
export type FieldUnit =
  | 'seconds'
  | 'minutes'
  | 'hours'
  | 'days'
  | 'time-string' // MikroTik / strongSwan: 1d, 8h, 1h30m, 00:30:00, bare seconds
  | 'kilobytes'
  | 'bytes'
  | 'megabytes'
  | 'gigabytes'
  | 'sessions';

export interface Setting<T> {
  value: T;
  /** The text as the device wrote it (`set keylifeseconds 28800`, `<lifetime>3600</lifetime>`, `+60min`).
   *  For a default, what the device would have written had it been explicit. */
  raw: string;
  unit?: FieldUnit;
  origin: Origin;
  /**
   * The vendor default this value is (origin 'default') or rests on (origin 'inferred', e.g. the
   * DH group of a bare Cisco `set pfs`) is not confirmed by a vendor source for this release; the
   * adapter README says what was assumed. Reports print "vendor default (assumed)", or the line
   * followed by "(assumed default)".
   */
  assumed?: true;
  at?: SourceRef;
}

/** An IKE (phase 1) proposal: each list holds alternatives; the proposal accepts any combination. */
export interface IkeProposal {
  /** canonical encryption names: aes128, aes256, aes128gcm16, aes256gcm16, 3des, des, chacha20poly1305, … */
  encryption: string[];
  /** canonical integrity names: sha1, sha256, sha384, sha512, md5, aesxcbc; empty for AEAD ciphers */
  integrity: string[];
  /** canonical PRF names (IKEv2); empty when the vendor derives the PRF from integrity */
  prf: string[];
  /** IANA DH group numbers */
  dhGroups: number[];
}

/** An ESP/AH (phase 2) proposal. PFS is not part of it: see `Phase2.pfsGroups`. */
export interface ChildProposal {
  protocol: 'esp' | 'ah';
  encryption: string[]; // empty for AH; ['null'] for ESP-NULL
  integrity: string[]; // empty for AEAD
}

export type AuthMethod = 'psk' | 'certificate' | 'eap' | 'kerberos' | 'xauth-psk' | 'xauth-certificate' | 'unknown';

export type NattMode =
  | 'auto' // detect NAT and encapsulate when found (the IKE norm)
  | 'forced' // always encapsulate in UDP 4500
  | 'disabled';

export type DpdMode = 'off' | 'on-demand' | 'periodic';

/**
 * What an end does with its SAs when DPD declares the peer dead (issue 16).
 * clear: deletes them and waits — it does not initiate again by itself (strongSwan dpd_action=clear,
 *   the swanctl default; ipsec.conf dpdaction=clear).
 * hold: deletes them and re-initiates when traffic for the tunnel arrives (strongSwan dpd_action=trap,
 *   ipsec.conf dpdaction=hold).
 * restart: re-initiates at once (strongSwan dpd_action=restart).
 * Absent: not known for this vendor; rules then say nothing about recovery.
 */
export type DeadPeerAction = 'clear' | 'hold' | 'restart';

/**
 * How an end renews its IKE SA when its own lifetime comes (issue 16).
 * rekey: an IKEv2 rekey (CREATE_CHILD_SA, make-before-break: no outage) or the IKEv1 norm.
 * reauth: a new IKE_SA from scratch, the old one deleted first (break-before-make: a short outage)
 *   — strongSwan ipsec.conf reauth=yes, its default, with IKEv2.
 * reauth-make-before-break: reauthenticates but builds the new SAs before deleting the old ones
 *   (strongSwan charon.make_before_break = yes).
 * none: never renews: the SA dies at its lifetime and is only renewed if the peer rekeys first
 *   (strongSwan ipsec.conf rekey=no, swanctl rekey_time = 0 without a reauth_time).
 * Absent: not known; rules assume the end rekeys.
 */
export type IkeRenewal = 'rekey' | 'reauth' | 'reauth-make-before-break' | 'none';

/**
 * An IKE identification type (RFC 7296 §3.5, RFC 2407 §4.6.2.1): ID_IPV4_ADDR, ID_IPV6_ADDR,
 * ID_FQDN, ID_RFC822_ADDR (user FQDN, `user@example.com`), ID_DER_ASN1_DN (a certificate
 * subject), ID_KEY_ID (opaque bytes).
 */
export type IdType = 'ipv4' | 'ipv6' | 'fqdn' | 'user-fqdn' | 'dn' | 'key-id';

/** The identity an end sends in its ID payload (IDi as initiator, IDr as responder). */
export interface Identity {
  type: IdType;
  /**
   * Normalized: an address as written, a name, a DN as written, key-id hex in lowercase.
   * Absent when the input does not hold it (the subject of a certificate that is not in the
   * file, the address of an interface the input does not show): only the type is compared then.
   */
  value?: string;
}

/**
 * One identity an end accepts from its peer. No type: any type with this value (a product that
 * compares only the text); no value: any value of this type; neither: any identity at all
 * (strongSwan `%any`, FortiGate `peertype any`, a Cisco IKEv1 main-mode PSK peer found by its
 * address). `value` may start with `*` (`*.example.com`, `*@example.com`: any prefix), be an address
 * range in CIDR form (`10.0.0.0/8`), or be a DN with `*` as an RDN value (`C=CH, O=Example, CN=*`).
 */
export interface IdentityMatch {
  type?: IdType;
  value?: string;
}

/**
 * How this end treats an IKEv1 lifetime proposed by the initiator when it is the responder.
 * accept: use the initiator's value (RouterOS `obey`, most).
 * shorter: use the shorter and notify (RouterOS `claim`, RFC 2407 RESPONDER-LIFETIME).
 * reject-longer: refuse a proposal whose lifetime is longer than its own (RouterOS `strict`,
 *   racoon's `strict`).
 * reject-shorter: refuse a proposal whose lifetime is shorter than its own, accept a longer one and
 *   use its own (Cisco IOS/ASA IKEv1 phase 1: "the remote peer [the responder] policy must specify a
 *   lifetime less than or equal to the lifetime in the policy the initiator sent; if the lifetimes
 *   are not identical, the shorter is used" — ASA CLI configuration guide, IOS security guide).
 * exact: refuse anything but an equal lifetime (RouterOS `exact`).
 */
export type LifetimeResponderPolicy = 'accept' | 'shorter' | 'reject-longer' | 'reject-shorter' | 'exact';

/**
 * What this end does as responder with proposed traffic selectors that are not inside its own
 * (wider, or only partly overlapping). Every implementation accepts a proposal equal to or inside
 * its own selectors.
 * narrows: answers with the intersection of the proposal and its own selectors, in IKEv2 (RFC 7296
 *   §2.9) and in IKEv1 quick mode (strongSwan's charon does both: ipsec-drift IKE lab).
 * narrows-ikev2: narrows in IKEv2 only; an IKEv1 proposal outside its own selectors is refused.
 * refuses: refuses any proposal that is not inside its own selectors (TS_UNACCEPTABLE /
 *   INVALID_ID_INFORMATION).
 * Absent: not known for this vendor; the comparison then assumes `refuses` and says so.
 */
export type SelectorNarrowing = 'narrows' | 'narrows-ikev2' | 'refuses';

/** An inclusive range of transport ports (or ICMP type/code, as IKE encodes them); one port = from === to. */
export interface PortRange {
  from: number;
  to: number;
}

/** A PSK is never kept: only an HMAC fingerprint with a per-run key, or 'unknown' when the device
 *  stores it encrypted/masked, or 'absent' when the end uses no PSK. */
export type PskFingerprint = string;

/**
 * When, around the lifetime the comparison uses (`lifetimeSeconds`), an end actually starts its
 * rekey and when the SA dies: vendor behaviour the adapter knows from the configuration form it
 * read (strongSwan's `rekey_time`/`rand_time`/`life_time`, its ipsec.conf `margintime`/`rekeyfuzz`,
 * pfSense and OPNsense timers, an appliance's soft/hard lifetimes). Absent: the end rekeys at the
 * lifetime mark as far as anyone knows. The HTML report draws it; no rule compares it.
 */
export interface RekeyTiming {
  /** what the lifetime marks on this end: when the rekey is due ('rekey'), or the hard limit the SA is deleted at ('hard') */
  lifetimeIs: 'rekey' | 'hard';
  /** the rekey starts at least this many seconds before the mark */
  marginSeconds: number;
  /** and up to this many seconds earlier still, at random */
  randSeconds: number;
  /** with lifetimeIs 'rekey': seconds after the mark at which the SA is deleted when no rekey succeeded */
  overSeconds: number;
  /** where these numbers come from (the setting or the vendor default), as a reader is told */
  basis: string;
}

export interface Phase1 {
  proposals: Setting<IkeProposal[]>;
  lifetimeSeconds: Setting<number>;
  /** IKEv1 only; undefined for IKEv2 */
  exchangeMode?: Setting<'main' | 'aggressive'>;
  /** when the IKE SA rekey starts around `lifetimeSeconds`, where the adapter knows */
  rekey?: RekeyTiming;
  /** how this end renews the IKE SA at its lifetime (absent: rekeys, as far as anyone knows) */
  renewal?: Setting<IkeRenewal>;
}

export interface Phase2 {
  /** the vendor's name for this entry (phase2-interface name, crypto map seq, policy comment…) */
  name: string;
  at?: SourceRef;
  /** CIDR strings (`10.1.0.0/24`, `0.0.0.0/0`, `2001:db8::/32`); IPv4 hosts as /32 */
  localSelectors: Setting<string[]>;
  remoteSelectors: Setting<string[]>;
  /** IP protocol number, 0 = any; absent = any */
  ipProtocol?: Setting<number>;
  /**
   * Ports the local / remote selectors are restricted to (TCP/UDP/SCTP ports; ICMP type as IKE
   * encodes it). Absent or an empty list = any port. FortiGate `src-port`/`dst-port`, a Cisco ACE's
   * `eq`/`range`, strongSwan `10.0.0.0/24[udp/53]`, RouterOS `src-port=`/`dst-port=`, Windows
   * `LocalPort`/`RemotePort`.
   */
  localPorts?: Setting<PortRange[]>;
  remotePorts?: Setting<PortRange[]>;
  mode: Setting<'tunnel' | 'transport'>;
  proposals: Setting<ChildProposal[]>;
  /** accepted PFS DH groups; [0] = no PFS; several entries = any of them */
  pfsGroups: Setting<number[]>;
  /** 0 = no time limit (FortiOS keylife-type kbs) */
  lifetimeSeconds: Setting<number>;
  /** 0 = no data-volume limit */
  lifetimeKilobytes: Setting<number>;
  /** when the CHILD SA rekey starts around `lifetimeSeconds`, where the adapter knows */
  rekey?: RekeyTiming;
  /** names of the vendor objects this entry was read from (policy, proposal), for fix writers */
  vendorRefs?: Record<string, string>;
}

/** An inclusive range of whole numbers (seconds or kilobytes). */
export interface Range {
  min: number;
  max: number;
}

/**
 * What an end can be set to at all, where the product fixes it (a cloud VPN service publishes its
 * choices and ranges; its API refuses anything else). Absent = whatever the protocol allows.
 * Rules read it to tell a difference only the other end can fix (the service cannot take the
 * peer's value) from one either end can fix, without knowing which product it is.
 */
export interface AllowedSettings {
  /** the document the limits come from, for messages and the report */
  source: string;
  phase1LifetimeSeconds?: Range;
  phase2LifetimeSeconds?: Range;
  phase2LifetimeKilobytes?: Range;
  /** the phase 2 lifetime must be strictly below the phase 1 lifetime */
  phase2BelowPhase1?: boolean;
  /** every IKE (phase 1) algorithm the product can be set to offer or accept (canonical names, IANA groups) */
  phase1?: { encryption: string[]; integrity: string[]; dhGroups: number[] };
  /** every ESP (phase 2) algorithm and PFS group (0 = no PFS) it can be set to */
  phase2?: { encryption: string[]; integrity: string[]; pfsGroups: number[] };
}

/**
 * Ends of one device that are redundant tunnels for the same connection (a cloud VPN connection's
 * two tunnels): the peer is expected to configure every member, and alike.
 */
export interface RedundancyGroup {
  /** the connection's id */
  id: string;
  /** names of the member tunnel ends, in the service's order */
  members: string[];
  /** the document that asks for every member to be configured alike */
  source: string;
}

export interface TunnelEnd {
  /** the vendor's name for the tunnel: phase1 name, crypto map name+seq, connection name, rule name */
  name: string;
  at?: SourceRef;
  enabled: boolean;
  /** IP address (or interface name when it cannot be resolved) this end sends IKE from */
  localGateway?: Setting<string>;
  /** the peer's IP/FQDN; the value 'any' for a dynamic/dial-up responder that accepts any peer */
  remoteGateway: Setting<string>;
  /** the version this end initiates with */
  ikeVersion: Setting<1 | 2>;
  /** versions it answers as a responder, when more than `ikeVersion` (strongSwan `version = 0`, pfSense `auto`) */
  ikeVersionsAccepted?: Setting<Array<1 | 2>>;
  auth: {
    method: Setting<AuthMethod>;
    psk?: Setting<PskFingerprint>;
    /** the local identity as the device wrote it (`leftid=@gw`, `set localid gw`); typed in `localIdentity` */
    localId?: Setting<string>;
    /** the expected remote identity as the device wrote it; typed in `peerIdentity` */
    remoteId?: Setting<string>;
    /**
     * The identity this end sends, with the vendor's default when nothing is written (most send
     * the address they send IKE from with a PSK, the certificate subject with a certificate).
     * Absent: the adapter does not know; identity-mismatch then says nothing about this end.
     */
    localIdentity?: Setting<Identity>;
    /**
     * The identities this end accepts from the peer (any one of them), with the vendor's default
     * (`[{}]` = any identity: a lenient end). Absent: the adapter does not know.
     */
    peerIdentity?: Setting<IdentityMatch[]>;
  };
  phase1: Phase1;
  natt: {
    mode: Setting<NattMode>;
    /** seconds between NAT keepalives; 0 = this end sends none */
    keepaliveSeconds?: Setting<number>;
  };
  dpd: {
    mode: Setting<DpdMode>;
    delaySeconds?: Setting<number>;
    retries?: Setting<number>;
    /** what it does with the SAs when DPD declares the peer dead (absent: not known) */
    action?: Setting<DeadPeerAction>;
  };
  phase2: Phase2[];
  /** whether this end only responds (MikroTik passive=yes, dynamic crypto map, dial-up server) */
  initiates?: Setting<boolean>;
  /**
   * Names of the vendor objects this end was read from (VDOM, phase1 table, profile, identity…),
   * so a fix can name them. Plain data, so it survives JSON and structured clone (worker threads).
   */
  vendorRefs?: Record<string, string>;
  /** what the product lets this end be set to (absent: no limits beyond the protocol's) */
  allowed?: AllowedSettings;
  /** the redundant tunnels this end is one of */
  redundancy?: RedundancyGroup;
  /** vendor negotiation behaviour that decides what a difference does */
  behaviour?: {
    ikev1Phase1Lifetime?: Setting<LifetimeResponderPolicy>;
    ikev1Phase2Lifetime?: Setting<LifetimeResponderPolicy>;
    /** what it does as responder with proposed selectors wider than or partly outside its own */
    selectorNarrowing?: Setting<SelectorNarrowing>;
  };
}

export interface InterfaceAddress {
  name: string;
  /** IP address without prefix */
  address: string;
  prefixLength?: number;
  at?: SourceRef;
}

export interface Diagnostic {
  level: 'warning' | 'info';
  message: string;
  at?: SourceRef;
}

export interface Device {
  /** adapter id: fortigate, pfsense, opnsense, asa, ios, routeros, strongswan, windows-netsh, windows-rras, … */
  vendor: string;
  hostname?: string;
  /** file path or live URL the text was read from */
  origin: string;
  interfaces: InterfaceAddress[];
  tunnels: TunnelEnd[];
  diagnostics: Diagnostic[];
}
