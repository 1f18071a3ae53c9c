/**
 * Windows RRAS site-to-site interfaces, the RRAS VPN server and Windows VPN client connections,
 * as the RemoteAccess / VpnClient cmdlets print them. Units: seconds and kilobytes. See README.md.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { familyCounts } from '../windows-common/transcript.js';
import { windowsFix } from '../windows-common/fix.js';
import { live } from './live.js';
import { parse } from './parse.js';

export const adapter: Adapter = {
  id: 'windows-rras',
  label: 'Windows RRAS / VPN client (RemoteAccess, VpnClient PowerShell)',
  detectCeiling: 0.9,
  detect(text) {
    const c = familyCounts(text);
    if (c.rras === 0) return c.netsh === 0 && c.neutral > 0 ? 0.3 : 0;
    // ties go to windows-netsh, which reads the RRAS blocks of a mixed file as well
    return c.rras > c.netsh ? 0.9 : 0.5;
  },
  parse,
  live,
  fix: windowsFix,
};
