/**
 * The runtime state model, beside the configuration model: what one end of a tunnel has
 * negotiated and installed right now, read from the platform's own SA listing (a saved terminal
 * session or a live collection). Every adapter with a state reader turns its listing into an
 * `SaState`; the state rules (src/state/rules/) read only these types.
 *
 * Keys are never part of it: FortiGate `key=16 …`/`SK_ei …` and RouterOS `enc-key=`/`auth-key=`
 * are skipped by the readers while they parse and never stored.
 *
 * Times are relative to the capture time of the listing (`capturedAt`): an age is "seconds
 * before the capture", a rekey or expiry "seconds after the capture". Two listings are compared
 * on one time line through their capture times (src/state/time.ts).
 */
import type { Dialect, LineRule } from './live.js';
import type { Diagnostic, SourceRef } from './types.js';

/** A value as the listing printed it: normalized `value`, the text `raw`, and where. */
export interface Observed<T> {
  value: T;
  raw: string;
  at?: SourceRef;
}

/** When the listing was taken, and how we know. */
export interface CaptureTime {
  /** ISO 8601 */
  iso: string;
  /**
   * listing: printed in the listing (netsh `Main Mode SA at …`, `show clock`, a timestamped prompt);
   * collected: the moment a live collection received it; file-mtime: the saved file's modification
   * time (when the listing printed none); given: `--captured-at` on the command line.
   */
  source: 'listing' | 'collected' | 'file-mtime' | 'given';
  raw?: string;
  at?: SourceRef;
}

/**
 * Timers of an SA, in seconds. Relative to the capture: `age` is how long before the capture the
 * SA was installed; `rekey`/`expire` how long after the capture it rekeys (soft) / expires (hard).
 * `lifetime` is the whole hard (or the platform's only) lifetime the listing prints for it.
 * Each platform's README says which of its fields fills which (and where that is assumed).
 */
export interface SaTimers {
  ageSeconds?: Observed<number>;
  rekeySeconds?: Observed<number>;
  expireSeconds?: Observed<number>;
  lifetimeSeconds?: Observed<number>;
  remainingKilobytes?: Observed<number>;
  lifetimeKilobytes?: Observed<number>;
}

/** A proposal as negotiated (one of each), canonical names as in the config model (src/model/vocab.ts). */
export interface NegotiatedProposal {
  /** canonical encryption: aes128, aes256gcm16, 3des, …; undefined when the listing does not say */
  encryption?: string;
  /** canonical integrity: sha1, sha256, …; 'none' for AEAD */
  integrity?: string;
  prf?: string;
  /** IANA DH group (IKE SA) */
  dhGroup?: number;
  /** the text as printed (`AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048`, `esp-256-aes esp-sha-hmac`) */
  raw: string;
}

/** An IKE (phase 1 / ISAKMP / main mode) SA. */
export interface IkeSa {
  /** the platform's own handle: strongSwan `home[2]`, FortiGate `VPN-to-Side1 id 134`, Cisco conn-id / Tunnel-id */
  id: string;
  /** the connection / tunnel / peer name the platform files it under, when it has one */
  name?: string;
  at: SourceRef;
  version?: 1 | 2;
  /** as printed: ESTABLISHED, READY, QM_IDLE, MM_ACTIVE, established, UP-ACTIVE … */
  state: Observed<string>;
  /** the normalized verdict: usable for CHILD_SA (re)keying */
  established: boolean;
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
  localId?: string;
  remoteId?: string;
  /** this end initiated the SA */
  initiator?: boolean;
  /** 64-bit IKE SPIs / ISAKMP cookies, 16 lowercase hex digits */
  spis?: { initiator: string; responder: string };
  /** NAT traversal in use on this SA (port 4500, `NAT-T is detected`, netsh `Health Pair`… where shown) */
  natt?: Observed<boolean>;
  proposal?: NegotiatedProposal;
  timers: SaTimers;
}

/** Error counters where the platform shows them (Cisco `#pkts invalid sa (rcv)`, `##pkts replay failed`…). */
export interface SaCounters {
  invalidSpi?: Observed<number>;
  replayFailed?: Observed<number>;
  authFailed?: Observed<number>;
  decapsFailed?: Observed<number>;
  noSa?: Observed<number>;
  /** a platform's drop count for the flow (IOS `crypto session detail` `drop N`) */
  dropped?: Observed<number>;
}

/** One direction of a CHILD_SA: its SPI and what was counted on it. */
export interface DirectionalSa {
  /** 8 lowercase hex digits (leading zeros restored: the ASA prints `0xdd3fc4c`); undefined when not printed (`spi: [Not Available]`) */
  spi?: string;
  /** the SPI text as printed */
  raw: string;
  at?: SourceRef;
  protocol: 'esp' | 'ah';
  bytes?: number;
  packets?: number;
  /** per-direction timers where the platform prints them (Cisco, RouterOS); else see ChildSa.timers */
  timers?: SaTimers;
  /** as printed: ACTIVE, mature, dying, active … */
  state?: string;
  replayWindow?: number;
}

/** A CHILD_SA (phase 2 / quick mode / IPsec SA bundle) for one pair of traffic selectors. */
export interface ChildSa {
  /** the platform's own handle: strongSwan `net-net{3}`, Cisco `Tunnel1 ident 1`, FortiGate `to-hq proxyid to-hq-p2 SA 2` */
  id: string;
  /** the child / phase 2 / proxy-id name */
  name?: string;
  /** the configured tunnel (connection, phase1-interface, crypto map, interface) it belongs to */
  tunnel?: string;
  /** IkeSa.id of the IKE SA it was negotiated under, when the listing says */
  ike?: string;
  at: SourceRef;
  localAddress?: string;
  remoteAddress?: string;
  remotePort?: number;
  /** CIDR lists; empty when the listing does not show selectors (RouterOS installed-sa) */
  localSelectors: string[];
  remoteSelectors: string[];
  /** IP protocol of the selectors, 0 = any */
  ipProtocol?: number;
  mode?: 'tunnel' | 'transport';
  /** ESP in UDP (NAT-T) */
  udpEncapsulation?: Observed<boolean>;
  proposal?: NegotiatedProposal;
  /** PFS group used when the SA was (re)keyed; 0 = none */
  pfsGroup?: Observed<number>;
  state?: Observed<string>;
  /**
   * The SAs of each direction. Usually one each; a platform that lists one flow with the old and
   * the new SA during a rekey (Cisco) has two. Another platform (strongSwan, FortiGate) lists
   * the rekeyed SA as a second ChildSa with the same selectors.
   */
  inbound: DirectionalSa[];
  outbound: DirectionalSa[];
  timers: SaTimers;
  counters?: SaCounters;
  /** strongSwan reqid, Cisco conn id…: kept to tell generations apart in messages */
  reqid?: string;
}

/** A tunnel the listing shows as configured even without SAs (strongSwan `Connections:`, FortiGate tunnel entries). */
export interface ListedTunnel {
  name: string;
  at: SourceRef;
  remoteAddress?: string;
  localSelectors?: string[];
  remoteSelectors?: string[];
}

/** One listing command the reader found in the text. */
export interface ListingSeen {
  /** the reader's id for the listing: `swanctl --list-sas`, `show crypto ipsec sa`, … */
  command: string;
  at: SourceRef;
}

/** A listing the reader did not find, and what is not checked without it. */
export interface ListingMissing {
  command: string;
  consequence: string;
}

/** One end's runtime state. */
export interface SaState {
  /** adapter id of the platform */
  vendor: string;
  /** file path or live URL the listing was read from */
  origin: string;
  hostname?: string;
  capturedAt?: CaptureTime;
  listings: ListingSeen[];
  missing: ListingMissing[];
  ikeSas: IkeSa[];
  childSas: ChildSa[];
  tunnels: ListedTunnel[];
  /**
   * What the listing can tell at all: SPIs (netsh monitor prints none), selectors (RouterOS
   * installed-sa prints none), IKE SAs. A rule that needs what an end cannot show says so instead of
   * reporting a false finding.
   */
  shows: { spis: boolean; selectors: boolean; ikeSas: boolean; childSas: boolean };
  diagnostics: Diagnostic[];
}

/** What a clear fix targets: one CHILD_SA (with the SPI concerned) or one IKE SA. */
export type ClearTarget = { kind: 'child'; sa: ChildSa; spi?: string; direction?: 'in' | 'out' } | { kind: 'ike'; sa: IkeSa };

/** A listing command a reader understands, as the live collector sends it. */
export interface StateCommand {
  command: string;
  /** what it lists: child SAs, IKE SAs or both */
  lists: 'child' | 'ike' | 'both';
  /** the reader can do without it (a second form of the same listing, a detail command) */
  optional?: boolean;
}

/**
 * A platform's SA-listing reader: `adapters/<id>/state.ts`, exposed as `adapter.state`.
 * Pure, like the config parser: text in, SaState out, ParseError (file:line: what was expected)
 * for text it cannot read at all. Commands it finds none of make an error; missing ones are listed.
 */
export interface StateReader {
  /** the read-only listing commands, in the order the live collector sends them */
  commands: readonly StateCommand[];
  /** 0 … 1: how sure the reader is that this text holds its listings */
  detect(text: string, fileName: string): number;
  read(text: string, file: string): SaState;
  /** the command that clears exactly this SA, in the platform's syntax (advice text only: never sent) */
  clear(target: ClearTarget, state: SaState): string | undefined;
  /** RouterOS API: the replies to the `/…/print` commands, as text `read` understands */
  fromApi?(replies: Record<string, Array<Record<string, string>>>): string;
  /** the SSH session for the listings, where the adapter has no live collection of its configuration (strongSwan) */
  dialect?: Dialect;
  /**
   * secrets this vendor's texts may hold, where the adapter has no `live` (whose snapshot rules
   * would say it): they join every adapter's rules for text of no known vendor
   */
  redact?: readonly LineRule[];
}

/** An empty state for a reader to fill. */
export function emptyState(vendor: string, origin: string): SaState {
  return {
    vendor,
    origin,
    listings: [],
    missing: [],
    ikeSas: [],
    childSas: [],
    tunnels: [],
    shows: { spis: false, selectors: false, ikeSas: false, childSas: false },
    diagnostics: [],
  };
}

/** `0xDD3FC4C`, `dd3fc4c`, `0x0dd3fc4c`, `3692412776` (decimal, with `decimal`) → `0dd3fc4c`; undefined if not an SPI. */
export function normalizeSpi(text: string, decimal = false): string | undefined {
  const t = text.trim();
  let n: number;
  if (decimal) {
    if (!/^\d{1,10}$/.test(t)) return undefined;
    n = Number(t);
  } else {
    const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(t);
    if (!m) return undefined;
    n = Number.parseInt(m[1], 16);
  }
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return undefined;
  return n.toString(16).padStart(8, '0');
}

/** A 64-bit IKE SPI / cookie as 16 lowercase hex digits; decimal with `decimal` (Azure prints them so). */
export function normalizeIkeSpi(text: string, decimal = false): string | undefined {
  const t = text.trim();
  try {
    const n = decimal ? (/^\d{1,20}$/.test(t) ? BigInt(t) : undefined) : /^(?:0x)?[0-9a-f]{1,16}$/i.test(t) ? BigInt(`0x${t.replace(/^0x/i, '')}`) : undefined;
    if (n === undefined || n > 0xffffffffffffffffn) return undefined;
    return n.toString(16).padStart(16, '0');
  } catch {
    return undefined;
  }
}

/** The timers of one direction: its own where printed, else the CHILD_SA's. */
export function timersOf(child: ChildSa, dir: DirectionalSa): SaTimers {
  return dir.timers ?? child.timers;
}

/** The number of SA generations a CHILD_SA entry holds (two during a Cisco rekey). */
export function generations(child: ChildSa): number {
  return Math.max(child.inbound.length, child.outbound.length, 1);
}
