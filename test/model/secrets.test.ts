import { expect } from 'chai';
import { PSK_UNKNOWN, isComparablePsk, pskFingerprint } from '../../src/model/secrets.js';

describe('secrets', () => {
  it('fingerprints compare within a run and never contain the key', () => {
    const a = pskFingerprint('Fortigate@NTI2025!');
    expect(a).to.match(/^hmac:[0-9a-f]{16}$/);
    expect(pskFingerprint('Fortigate@NTI2025!')).to.equal(a);
    expect(pskFingerprint('Fortigate@NTI2025?')).to.not.equal(a);
    expect(isComparablePsk(a)).to.equal(true);
  });
  it('placeholders where a key was are unknown, not keys (redacted snapshots, device masks)', () => {
    for (const masked of ['<redacted>', '&lt;redacted&gt;', '"<redacted>"', '*****', '********', ' ']) {
      expect(pskFingerprint(masked), masked).to.equal(PSK_UNKNOWN);
    }
    expect(isComparablePsk(PSK_UNKNOWN)).to.equal(false);
  });
});
