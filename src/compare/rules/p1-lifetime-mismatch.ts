import type { PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { showSeconds } from '../display.js';
import { pairLifetimeVerdict } from '../negotiation.js';
import { detectUnitTrap } from '../unit-trap.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'p1-lifetime-mismatch',
  title: 'Phase 1 (IKE SA) lifetimes differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [
    S.MM_EXPIRED,
    S.SIMULTANEOUS_REKEY,
    S.POLICY_MATCH,
    'ASA/IOS: "phase 1 lifetime mismatch" / "IKE SA proposal not acceptable" with equal algorithms',
  ],
  explain:
    'IKEv2 does not negotiate lifetimes (RFC 7296 §2.8): each end enforces its own and the end with the shorter lifetime always starts the rekey (or reauthentication), so a difference on its own has no effect (info). Different lifetimes do not collide: it is equal lifetimes without jitter that make both ends rekey at the same moment (RFC 7296 §2.8.1 resolves that). IKEv1 proposes the lifetime in Main Mode: a Cisco IOS/ASA responder matches a policy only when its own lifetime is less than or equal to the proposed one, RouterOS with proposal-check strict refuses a longer one and exact any other. When the end with the shorter lifetime is refused it breaks at the first rekey if not at setup, since that end starts the rekeys (error); when only the longer end is refused it works while the shorter end initiates and fails whenever the longer one does (warning, naming the end that must initiate). When neither refuses, the SA simply gets the negotiated value (info).',
  check(pair) {
    const la = pair.a.tunnel.phase1.lifetimeSeconds;
    const lb = pair.b.tunnel.phase1.lifetimeSeconds;
    if (la.value === lb.value || detectUnitTrap(la, lb, 'p1-seconds')) return [];
    const verdict = pairLifetimeVerdict(pair, 'phase 1', la.value, lb.value, showSeconds);
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
