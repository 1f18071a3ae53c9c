/** windows-netsh live collection: netsh and the NetSecurity cmdlets over OpenSSH on Windows (see ../windows-common/live.ts). */
import type { Live } from '../../src/model/live.js';
import { WINDOWS_DIALECT, WINDOWS_GROUP, WINDOWS_SNAPSHOT } from '../windows-common/live.js';

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

export const live: Live = { commands: NETSH_COMMANDS, dialect: WINDOWS_DIALECT, snapshot: WINDOWS_SNAPSHOT, group: WINDOWS_GROUP };
