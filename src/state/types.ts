/**
 * What the state rules work on (two ends' SA states on one time line, the SAs of each that face
 * the other) and what they produce. Rules are plain objects with one pure function, like the
 * config rules (src/compare/types.ts), and share their metadata shape, docs and `explain`.
 */
import type { Severity } from '../compare/types.js';
import type { CaptureTime, ChildSa, ClearTarget, IkeSa, SaState } from '../model/state.js';
import type { Device, Phase2, SourceRef, TunnelEnd } from '../model/types.js';

export type Side = 'a' | 'b';

/** One end: its listing, when it was taken, and (compare --state, state --config) its configuration. */
export interface StateEnd {
  side: Side;
  state: SaState;
  capturedAt: CaptureTime;
  device?: Device;
  /** this end's own addresses: IKE/child local addresses, and the configuration's interfaces and gateways */
  localAddresses: Set<string>;
  /** the CHILD_SAs and IKE SAs of this end that belong to the tunnel with the other end */
  children: ChildSa[];
  ikeSas: IkeSa[];
}

export interface StatePair {
  a: StateEnd;
  b: StateEnd;
  /** seconds from A's capture to B's (positive: B was taken later) */
  offsetSeconds: number;
  /** the tolerated skew between the two capture clocks and the moments each line was printed */
  skewSeconds: number;
  /** how the two ends' SAs were told apart from their other tunnels */
  how: string;
  /** SPIs by side and direction (8 hex digits) */
  spis: Record<Side, { in: Set<string>; out: Set<string> }>;
}

export interface SaRef {
  kind: 'child' | 'ike';
  id: string;
  at?: SourceRef;
  /** the SPIs concerned (8 hex digits), inbound and outbound */
  spis?: { in: string[]; out: string[] };
}

export interface StateFindingSide {
  side: Side;
  origin: string;
  vendor: string;
  sa?: SaRef;
  /** the value as a person reads it: `out 0xc1234567 (aged 300 s)` */
  display?: string;
  /** the command that clears exactly this SA, in the platform's syntax (advice, never sent) */
  fix?: string;
}

export interface StateFinding {
  rule: string;
  severity: Severity;
  message: string;
  effect: string;
  /** the end holding the SA in question */
  on: StateFindingSide;
  /** the other end's view, when it has one (its partner SA, its configured value) */
  other?: StateFindingSide;
  /** what was compared, for negotiated-vs-configured: lifetime, pfs, encryption, integrity, udp-encapsulation */
  setting?: string;
}

/** What a rule hands back: the finding, and what the engine should ask the platform to clear. */
export interface StateHit {
  finding: Omit<StateFinding, 'rule'>;
  clear?: ClearTarget;
}

/** A thing a rule could not check, and why (a listing that does not show SPIs, no configuration…). */
export interface StateNote {
  rule: string;
  side?: Side;
  message: string;
}

export interface StateRuleContext {
  /** record that something was not checked (shown under the findings, never a finding) */
  note(message: string, side?: Side): void;
  /** the configured tunnel end and phase 2 entry a CHILD_SA runs, when this end's configuration is known */
  configured(end: StateEnd, child: ChildSa): { tunnel: TunnelEnd; phase2?: Phase2 } | undefined;
}

export interface StateRule {
  id: string;
  title: string;
  severity: Severity;
  symptoms: string[];
  explain: string;
  scope: 'state';
  check(pair: StatePair, ctx: StateRuleContext): StateHit[];
}
