import type { PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { S } from './symptoms.js';

/** XAUTH adds user authentication on top of the same phase 1 method; these pairs still authenticate. */
function base(method: string): string {
  return method.replace(/^xauth-/, '');
}

export const rule: PairRule = {
  id: 'auth-method-mismatch',
  title: 'The authentication methods differ',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.AUTH_FAIL, S.AUTHENTICATION_FAILED, S.POLICY_MATCH, 'FortiGate: "peer SA proposal not match local policy" (authmethod)'],
  explain:
    'In IKEv1 the authentication method is part of the phase 1 proposal: a PSK end and a certificate end have no common proposal. In IKEv2 each end may in principle authenticate differently, but every vendor here expects the peer to use the same method it is configured for, so the AUTH payload is rejected.',
  check(pair) {
    const ma = pair.a.tunnel.auth.method;
    const mb = pair.b.tunnel.auth.method;
    if (ma.value === 'unknown' || mb.value === 'unknown' || base(ma.value) === base(mb.value)) return [];
    const a = side(pair.a, ma, ma.value);
    const b = side(pair.b, mb, mb.value);
    withChanges(a, b, 'auth.method', mb.value, ma.value);
    return [
      {
        rule: 'auth-method-mismatch',
        severity: 'error',
        setting: 'auth.method',
        message: `Authentication differs: ${ma.value} vs ${mb.value}`,
        effect: 'The tunnel will not come up: phase 1 authentication fails.',
        a,
        b,
      },
    ];
  },
};
