import type { PairRule } from '../types.js';
import { side, withChanges } from '../finding.js';
import { isComparablePsk } from '../../model/secrets.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'psk-mismatch',
  title: 'The pre-shared keys differ',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.AUTH_FAIL, S.AUTHENTICATION_FAILED, S.FGT_PSK, S.ASA_PSK],
  explain:
    'Both ends must hold the same pre-shared key. Keys are compared by fingerprint (an HMAC with a key that exists only for this run), never printed; when either device stores its key encrypted or masked (FortiOS `ENC`, ASA `*****`) the keys cannot be compared and nothing is reported.',
  check(pair) {
    const pa = pair.a.tunnel.auth.psk;
    const pb = pair.b.tunnel.auth.psk;
    if (!pa || !pb || !isComparablePsk(pa.value) || !isComparablePsk(pb.value) || pa.value === pb.value) return [];
    const a = side(pair.a, pa, 'pre-shared key (fingerprint differs)');
    const b = side(pair.b, pb, 'pre-shared key (fingerprint differs)');
    withChanges(a, b, 'auth.psk', null, null);
    return [
      {
        rule: 'psk-mismatch',
        severity: 'error',
        setting: 'auth.psk',
        message: 'Pre-shared keys differ (compared by fingerprint; the keys are not shown)',
        effect: 'The tunnel will not come up: authentication fails (AUTHENTICATION_FAILED / ERROR_IPSEC_IKE_AUTH_FAIL).',
        a,
        b,
      },
    ];
  },
};
