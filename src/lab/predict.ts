/**
 * What the rules say will happen, in the lab's terms, and whether the lab agrees. Pure.
 * "Would it come up": no `error` finding from a negotiation rule. "Would it survive rekey": the
 * one rule that fails only at rekey (pfs-mismatch in IKEv2, which says so) aside.
 */
import type { Finding, TunnelPair } from '../compare/types.js';
import { checkPair } from '../compare/compare.js';
import { pairVersion } from '../compare/negotiation.js';
import type { Agreement, LabClass, Limitation, Prediction, PredictedClass } from './types.js';

/** Rules whose subject the lab negotiates. */
export const NEGOTIATION_RULES = new Set([
  'ike-version-mismatch',
  'auth-method-mismatch',
  'psk-mismatch',
  'identity-mismatch',
  'p1-proposal-mismatch',
  'p1-lifetime-mismatch',
  'traffic-selector-mismatch',
  'p2-proposal-mismatch',
  'pfs-mismatch',
  'p2-lifetime-mismatch',
  'p2-lifebytes-mismatch',
  'lifetime-unit-trap',
]);

/** Rules about what the lab does not exercise: its own addresses, no NAT, no dead peers, no IKE SA renewal, no inventory. */
export const NOT_EXERCISED_RULES = new Set([
  'peer-address-mismatch',
  'natt-mismatch',
  'natt-keepalive-mismatch',
  'dpd-mismatch',
  'ike-reauth-outage',
  'ike-rekey-disabled',
  'unmatched-tunnel',
  'weak-crypto',
]);

function line(f: Finding): string {
  return `${f.rule} (${f.severity}): ${f.message}`;
}

export function predict(pair: TunnelPair, findings: Finding[] = checkPair(pair)): Prediction {
  const v2 = pairVersion(pair.a.tunnel, pair.b.tunnel) === 2;
  const errors = findings.filter((f) => f.severity === 'error' && NEGOTIATION_RULES.has(f.rule));
  const rekeyOnly = errors.filter((f) => f.rule === 'pfs-mismatch' && v2);
  const undated = errors.filter((f) => f.rule === 'pfs-mismatch' && !v2);
  const setup = errors.filter((f) => f.rule !== 'pfs-mismatch');
  let verdict: PredictedClass = 'works';
  let because: Finding[] = [];
  if (setup.length) [verdict, because] = ['fails-at-setup', setup];
  else if (undated.length) [verdict, because] = ['fails', undated];
  else if (rekeyOnly.length) [verdict, because] = ['breaks-at-rekey', rekeyOnly];
  // a negotiation warning is the rules' "works only when one named end initiates" (selector
  // subsets, an IKEv1 PFS first group or lifetime refused one way): a one-way result agrees
  const oneWayAllowed = findings.some((f) => f.severity === 'warning' && NEGOTIATION_RULES.has(f.rule));
  return {
    verdict,
    oneWayAllowed,
    because: because.map(line),
    decidedBy: [...new Set(because.map((f) => f.rule))],
    notExercised: [...new Set(findings.filter((f) => NOT_EXERCISED_RULES.has(f.rule) && f.severity !== 'info').map((f) => f.rule))],
  };
}

export function agrees(p: Prediction, lab: LabClass): boolean {
  switch (p.verdict) {
    case 'works':
      // a direction-dependent warning holds while the named end initiates — the setup and the
      // rekeys: the lab sees one-way, or a rekey started by the other end refused
      return lab === 'works' || ((lab === 'one-way' || lab === 'breaks-at-rekey') && p.oneWayAllowed);
    case 'fails-at-setup':
      return lab === 'fails-at-setup';
    case 'breaks-at-rekey':
      return lab === 'breaks-at-rekey';
    case 'fails':
      return lab !== 'works';
  }
}

const RANK: Record<LabClass, number> = { works: 3, 'one-way': 2, 'breaks-at-rekey': 1, 'fails-at-setup': 0 };
const PREDICTED_RANK: Record<PredictedClass, number> = { works: 3, 'breaks-at-rekey': 1, fails: 1, 'fails-at-setup': 0 };

/** Does this limitation account for the lab differing from the prediction this way? */
export function explains(l: Limitation, p: Prediction, lab: LabClass, fired: Set<string>): boolean {
  const labBetter = RANK[lab] > PREDICTED_RANK[p.verdict];
  if (l.bends === 'lenient') return labBetter && l.rule !== undefined && p.decidedBy.includes(l.rule);
  if (l.bends === 'stricter') return !labBetter;
  return l.rule === undefined || fired.has(l.rule);
}

/**
 * agree; or explained: the lab differs from the prediction in the way a limitation says strongSwan
 * differs from the vendor; or disagree: a rule bug or an unexplained lab result.
 */
export function judge(p: Prediction, lab: LabClass, limitations: Limitation[], findings: Finding[]): Agreement {
  if (agrees(p, lab)) return 'agree';
  const fired = new Set(findings.map((f) => f.rule));
  return limitations.some((l) => explains(l, p, lab, fired)) ? 'explained' : 'disagree';
}
