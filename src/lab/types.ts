/**
 * The IKE lab's vocabulary: what a rendered end is, what charon showed us, what the rules
 * predicted, and how the two compare. Kept apart from the harness so the pure parts (renderer,
 * outcome reader, prediction, verdict) are testable without namespaces or root.
 */

export type Side = 'a' | 'b';

/**
 * Something about a vendor end that strongSwan in the lab cannot reproduce. Reported beside the
 * result instead of pretending: a verdict that depends on it is "explained", not "agreed".
 */
export interface Limitation {
  side: Side | 'both';
  /** one sentence a network engineer reads: what the real device does that the lab does not */
  what: string;
  /** the rule whose verdict it can change (a finding of that rule is then not checked by the lab) */
  rule?: string;
  /**
   * Which way it can bend the lab's result. lenient: charon accepts what the vendor refuses, so the
   * lab may come up where the rule (rightly) predicts a failure. stricter: the lab cannot offer what
   * the vendor offers, so it may fail where the vendor would not. Unset: either way.
   */
  bends?: 'lenient' | 'stricter';
}

/** How a lab end reaches the other: addresses on the veth between the two namespaces. */
export interface LabAddresses {
  local: string;
  remote: string;
}

export interface RenderedEnd {
  /** swanctl.conf text (connections + secrets); the secret is a lab secret, never a device's */
  swanctlConf: string;
  /** connection (IKE) name in swanctl.conf */
  ike: string;
  /** child names in phase 2 order, parallel to TunnelEnd.phase2 */
  children: string[];
  limitations: Limitation[];
  /** addresses this end needs inside its own selectors (the userspace IPsec backend installs a
   *  route per CHILD_SA and wants a local source address inside the local selector) */
  selectorAddresses: string[];
}

/** A CHILD_SA (or the failure to build one) as charon reported it. */
export interface ChildResult {
  /** the child name on the initiating end */
  child: string;
  established: boolean;
  /** `ESP:AES_CBC-256/HMAC_SHA2_256_128` (+ `/MODP_2048` once a DH ran) */
  proposal?: string;
  localTs?: string[];
  remoteTs?: string[];
  /** the installed selectors are not the ones the initiator configured */
  narrowed?: boolean;
}

export interface RekeyResult {
  /** the end that started the CHILD_SA rekey */
  by: Side;
  child: string;
  ok: boolean;
  /** the DH group the new CHILD_SA used (`MODP_2048`), when PFS ran */
  dhGroup?: string;
  notifies: string[];
  /** why it failed, read from charon's log */
  reason?: string;
}

/** One negotiation: `initiator` brings the tunnel up, then each end rekeys each CHILD_SA once. */
export interface DirectionResult {
  initiator: Side;
  ikeEstablished: boolean;
  /** `AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048` */
  ikeProposal?: string;
  children: ChildResult[];
  rekeys: RekeyResult[];
  /** error notifies seen in either log during setup (NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, …) */
  notifies: string[];
  /** first explanatory log lines (responder's "no acceptable proposal found", …) */
  reasons: string[];
  /** milliseconds from initiate to the setup outcome (rekeys not included) */
  setupMs: number;
  /** milliseconds for the whole direction, rekeys and teardown included */
  totalMs: number;
}

/**
 * The outcome classes the oracle compares.
 * works: every direction tried came up and survived its rekeys.
 * one-way: it comes up when one end initiates and not when the other does.
 * breaks-at-rekey: it comes up, and a CHILD_SA rekey fails.
 * fails-at-setup: it never comes up.
 */
export type LabClass = 'works' | 'one-way' | 'breaks-at-rekey' | 'fails-at-setup';

export interface LabOutcome {
  directions: DirectionResult[];
  verdict: LabClass;
  limitations: Limitation[];
}

/**
 * What the rules predict, read from their severities and, where one rule distinguishes setup from
 * rekey, from what it says (pfs-mismatch in IKEv2).
 * works: no error from a negotiation rule. fails-at-setup / breaks-at-rekey: as said.
 * fails: an error that does not say when (IKEv1 PFS: "at setup or at the first rekey").
 */
export type PredictedClass = 'works' | 'fails-at-setup' | 'breaks-at-rekey' | 'fails';

export interface Prediction {
  verdict: PredictedClass;
  /** direction-dependent warnings (selector subsets, IKEv1 PFS or lifetime refused one way): a one-way result, or a rekey refused when the other end starts it, agrees with `works` */
  oneWayAllowed: boolean;
  /** the findings that decided it: `rule (severity): message` */
  because: string[];
  /** the ids of those rules */
  decidedBy: string[];
  /** rules that fired whose subject the lab does not exercise (peer address, NAT-T, DPD) */
  notExercised: string[];
}

export type Agreement = 'agree' | 'explained' | 'disagree';
