import type { PairRule } from '../types.js';
import { side, withFixes } from '../finding.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'ike-version-mismatch',
  title: 'The two ends speak different IKE versions',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.TIMED_OUT, S.NO_PROPOSAL_CHOSEN, 'strongSwan: "received INVALID_MAJOR_VERSION"', 'FortiGate: "negotiation failure" with no reply from the peer'],
  explain:
    'IKEv1 and IKEv2 are different protocols on the same port. An IKEv1-only end drops or rejects IKEv2 messages and vice versa, so phase 1 never completes, whichever end initiates. Set both ends to the same version (IKEv2 unless a device cannot do it).',
  check(pair) {
    const va = pair.a.tunnel.ikeVersion;
    const vb = pair.b.tunnel.ikeVersion;
    if (va.value === vb.value) return [];
    const a = side(pair.a, va, `IKEv${va.value}`);
    const b = side(pair.b, vb, `IKEv${vb.value}`);
    withFixes(a, b, 'ikeVersion', vb.value, va.value);
    return [
      {
        rule: 'ike-version-mismatch',
        severity: 'error',
        setting: 'ikeVersion',
        message: `IKE version differs: IKEv${va.value} vs IKEv${vb.value}`,
        effect: 'The tunnel will not come up: phase 1 fails whichever end initiates.',
        a,
        b,
      },
    ];
  },
};
