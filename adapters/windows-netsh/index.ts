/**
 * Windows Firewall with Advanced Security IPsec (connection security rules) as netsh and the
 * NetSecurity cmdlets print it. Units: minutes and kilobytes. See README.md.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { familyCounts } from '../windows-common/transcript.js';
import { windowsFix } from '../windows-common/fix.js';
import { live } from './live.js';
import { parse } from './parse.js';
import { windowsState } from './state.js';

export const adapter: Adapter = {
  id: 'windows-netsh',
  label: 'Windows Firewall IPsec (netsh advfirewall / NetSecurity)',
  detectCeiling: 0.9,
  detect(text) {
    const c = familyCounts(text);
    if (c.netsh === 0) return c.rras === 0 && c.neutral > 0 ? 0.35 : 0;
    // a mixed transcript goes to the family with more blocks; on a tie, to netsh
    return c.netsh >= c.rras ? 0.9 : 0.5;
  },
  parse,
  live,
  fix: windowsFix,
  state: windowsState,
};
