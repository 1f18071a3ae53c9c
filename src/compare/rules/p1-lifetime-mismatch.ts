import type { PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showSeconds } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p1-lifetime-mismatch',
  title: 'Phase 1 (IKE SA) lifetimes differ',
  severity: 'warning',
  scope: 'pair',
  symptoms: [
    S.MM_EXPIRED,
    S.SIMULTANEOUS_REKEY,
    S.POLICY_MATCH,
    'ASA/IOS: "phase 1 lifetime mismatch" / "IKE SA proposal not acceptable" with equal algorithms',
  ],
  explain:
    'IKEv2 does not negotiate lifetimes (RFC 7296 §2.8): each end rekeys or reauthenticates on its own timer, the shorter one drives every rekey and simultaneous rekeys can collide. IKEv1 proposes the lifetime in phase 1; a Cisco IOS/ASA responder accepts a policy only when the proposed lifetime is less than or equal to its own, and RouterOS with proposal-check strict/exact behaves likewise — then the tunnel does not come up when the end with the longer lifetime initiates.',
  check(pair) {
    const la = pair.a.tunnel.phase1.lifetimeSeconds;
    const lb = pair.b.tunnel.phase1.lifetimeSeconds;
    if (la.value === lb.value || detectUnitTrap(la, lb, 'p1-seconds')) return [];
    const verdict = pairLifetimeVerdict(pair, 'phase 1', la.value, lb.value, 'warning', showSeconds);
    const a = side(pair.a, la, showSeconds(la.value));
    const b = side(pair.b, lb, showSeconds(lb.value));
    withChanges(a, b, 'phase1.lifetimeSeconds', lb.value, la.value);
    return [
      {
        rule: 'p1-lifetime-mismatch',
        severity: verdict.severity,
        setting: 'phase1.lifetimeSeconds',
        message: `Phase 1 lifetime differs: ${showSeconds(la.value)} vs ${showSeconds(lb.value)}`,
        effect: verdict.effect,
        a,
        b,
      },
    ];
  },
};
