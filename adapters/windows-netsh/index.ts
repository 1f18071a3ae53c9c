/**
 * Windows Firewall with Advanced Security IPsec (connection security rules) as netsh and the
 * NetSecurity cmdlets print it. Units: minutes and kilobytes. See README.md.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { familyCounts } from '../windows-common/transcript.js';
import { windowsFix } from '../windows-common/fix.js';
import { parse } from './parse.js';

/** The read-only commands scripts/collect-windows.ps1 runs for this store (and the live collector may run). */
export const NETSH_COMMANDS = [
  'hostname',
  'netsh advfirewall show global',
  'netsh advfirewall consec show rule name=all verbose',
  'Get-NetFirewallSetting | Format-List *',
  'Get-NetIPsecMainModeCryptoSet | Format-List *',
  'Get-NetIPsecQuickModeCryptoSet | Format-List *',
  'Get-NetIPsecRule | Format-List *',
  'reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule',
] as const;

export const adapter: Adapter = {
  id: 'windows-netsh',
  label: 'Windows Firewall IPsec (netsh advfirewall / NetSecurity)',
  detect(text) {
    const c = familyCounts(text);
    if (c.netsh === 0) return c.rras === 0 && c.neutral > 0 ? 0.35 : 0;
    // a mixed transcript goes to the family with more blocks; on a tie, to netsh
    return c.netsh >= c.rras ? 0.9 : 0.5;
  },
  parse,
  commands: NETSH_COMMANDS,
  fix: windowsFix,
};
