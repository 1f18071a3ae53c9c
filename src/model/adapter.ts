/**
 * The shape of an adapter: one folder per vendor under adapters/, holding all of that vendor,
 * listed once in adapters/index.ts. A newcomer copies a neighbour's folder and adds one line there.
 *
 *   adapters/<id>/
 *     index.ts    the Adapter object below: id, label, detect, parse, fix, and the optional parts
 *     parse.ts    pure: (text, file) → Device, or throws ParseError(file, line, 'expected …')
 *     fix.ts      the vendor-syntax change for each FixField (rules say what, adapters say how)
 *     live.ts     live collection (`live`): read-only commands, the SSH (or API) dialect, and how a
 *                 snapshot is redacted and made stable — see src/model/live.ts
 *     state.ts    its SA-listing reader (`state`), where the platform has one — see src/model/state.ts
 *     README.md   what it reads, units, defaults with their sources and releases, what it cannot see
 *
 * Nothing about a vendor lives outside its folder: src/collect, src/read, src/compare and
 * src/report run what these records say and name no vendor (test/architecture.test.ts checks).
 * detect/parse/fix never do I/O: the reader decodes the file (BOM, UTF-16, CRLF) and hands over
 * text with `\n` line ends, so line numbers are the user's line numbers.
 */
import type { Live } from './live.js';
import type { StateReader } from './state.js';
import type { ChildProposal, DeadPeerAction, Device, DpdMode, Identity, IkeProposal, NattMode, Phase2, PortRange, TunnelEnd } from './types.js';

/** A file a configuration names: the path resolved against the naming file, and the line naming it (none for a conventional neighbour such as ipsec.secrets). */
export interface CompanionRef {
  path: string;
  line?: number;
}

/** Which setting a fix changes. Rules name the field and target; the engine asks each side's adapter for the fix. */
export type FixField =
  | 'ikeVersion'
  | 'remoteGateway'
  | 'auth.method'
  | 'auth.psk'
  | 'auth.localIdentity'
  | 'auth.peerIdentity'
  | 'phase1.proposals'
  | 'phase1.lifetimeSeconds'
  | 'natt.mode'
  | 'natt.keepaliveSeconds'
  | 'dpd.delaySeconds'
  | 'dpd'
  | 'dpd.action'
  | 'initiates'
  | 'phase2.proposals'
  | 'phase2.pfsGroups'
  | 'phase2.lifetimeSeconds'
  | 'phase2.lifetimeKilobytes'
  | 'phase2.localSelectors'
  | 'phase2.remoteSelectors'
  | 'phase2.selectors';

/**
 * A phase 2's whole traffic selector, both halves at once (the mirror of the other end's): local
 * and remote addresses, the IP protocol (0 or absent = any) and ports (absent or empty = any).
 */
export interface SelectorsTarget {
  local: string[];
  remote: string[];
  protocol?: number;
  localPorts?: PortRange[];
  remotePorts?: PortRange[];
}

/**
 * Turning DPD on (it is off): the whole of it, not only the interval — an interval set while DPD
 * stays disabled is a wrong fix. `mode` and `delaySeconds` mirror the other end; `action`, when
 * set, is what this end must do on a dead peer so the pair still recovers (restart: the other end
 * never initiates).
 */
export interface DpdTarget {
  mode: Exclude<DpdMode, 'off'>;
  delaySeconds: number;
  action?: DeadPeerAction;
}

/** The normalized value a fix should set, by field. */
export interface FixTargets {
  ikeVersion: 1 | 2;
  remoteGateway: string;
  'auth.method': string;
  'auth.psk': null; // the fix says where to set the shared key, never the key itself
  /** the identity this end should send (type and value) */
  'auth.localIdentity': Identity;
  /** the one peer identity this end should accept (type and value), in place of what it accepts now */
  'auth.peerIdentity': Identity;
  'phase1.proposals': IkeProposal[];
  'phase1.lifetimeSeconds': number;
  'natt.mode': NattMode;
  'natt.keepaliveSeconds': number;
  'dpd.delaySeconds': number;
  dpd: DpdTarget;
  /** what the end does with its SAs when DPD declares the peer dead */
  'dpd.action': DeadPeerAction;
  /** true: the end starts the tunnel (at once or on traffic) instead of only responding */
  initiates: true;
  'phase2.proposals': ChildProposal[];
  'phase2.pfsGroups': number[];
  'phase2.lifetimeSeconds': number;
  'phase2.lifetimeKilobytes': number;
  'phase2.localSelectors': string[];
  'phase2.remoteSelectors': string[];
  'phase2.selectors': SelectorsTarget;
}

export type FixRequest = {
  [F in FixField]: {
    field: F;
    device: Device;
    tunnel: TunnelEnd;
    /** the phase 2 entry concerned, for phase2.* fields */
    phase2?: Phase2;
    target: FixTargets[F];
    /** the other end of the pair, where known: an end that must state a whole policy at once fills the parts not changed with values both ends share */
    peer?: TunnelEnd;
  };
}[FixField];

export interface Adapter {
  /** stable id, also the `--vendor` value and `Device.vendor` */
  id: string;
  label: string;
  /** 0 (not this vendor) … 1 (certainly this vendor), from the content (and file name as a hint) */
  detect(text: string, fileName: string): number;
  /**
   * Optional, cheap: does the start of the text (its first 512 characters) announce this vendor
   * (a root element, a header)? Such an adapter is asked first, and when its `detect` is certain
   * (1) no other adapter is asked: most files of an audit are detected by one look at their head.
   */
  announcedBy?(start: string): boolean;
  /**
   * Optional: the most `detect` ever returns (absent: 1). Once another adapter is surer of a file
   * than this, `detect` is not asked at all (src/read/detect.ts): a RouterOS export is not
   * scored by the Windows, Cisco and cloud readers. A test checks that no file scores above it.
   */
  detectCeiling?: number;
  /**
   * Optional, with `detectCertain`: the most `detect` returns short of 1. Once another adapter is
   * at least this sure of a file, only this adapter's certainty could beat it, and `detectCertain`
   * is asked instead of `detect` (src/read/detect.ts). A test checks both on every file.
   */
  detectBelowCertain?: number;
  /** Optional: whether `detect` returns 1 for this head — exactly that, asked at less cost. */
  detectCertain?(head: string, fileName: string): boolean;
  /**
   * pure: text (with `\n` line ends) → Device, or throws ParseError(file, line, what was expected).
   * `companions` holds the text of the files `companions()` named that the caller could read.
   */
  parse(text: string, file: string, companions?: Record<string, string>): Device;
  /**
   * Other files this one needs (strongSwan `include`s, the ipsec.secrets beside an ipsec.conf),
   * as paths resolved against `file`, possibly with `*`/`?` globs in the last segments, each with
   * the line of `file` that names it. The CLI reads them (and theirs, recursively) — only those
   * inside the audited tree — and passes them to `parse`; the adapter stays pure.
   */
  companions?(text: string, file: string): CompanionRef[];
  /** the change on this device that would set `target`, in the vendor's own syntax; undefined if none */
  fix(req: FixRequest): string | undefined;
  /** live collection (read-only commands, session dialect, snapshot rules), where the vendor can be pulled: adapters/<id>/live.ts */
  live?: Live;
  /** its SA-listing reader (runtime state), where the platform has one: see src/model/state.ts */
  state?: StateReader;
}
