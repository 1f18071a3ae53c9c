/** windows-netsh live collection: netsh and the NetSecurity cmdlets over OpenSSH on Windows (see ../windows-common/live.ts). */
import type { Live } from '../../src/model/live.js';
import { WINDOWS_DIALECT, WINDOWS_GROUP, WINDOWS_SNAPSHOT } from '../windows-common/live.js';

/** The read-only commands scripts/collect-windows.ps1 runs for this store (and the live collector may run). */
export const NETSH_COMMANDS = [
  'hostname',
  'netsh advfirewall show global',
  'netsh advfirewall consec show rule name=all verbose',
  'Get-NetFirewallSetting | Format-List *',
  'Get-NetIPsecMainModeCryptoSet | ConvertTo-Json -Depth 4',
  'Get-NetIPsecQuickModeCryptoSet | ConvertTo-Json -Depth 4',
  'Get-NetIPsecRule | Format-List *',
  // live collection (cmd.exe or PowerShell over SSH) reads the registry with reg query; the
  // collection script uses Get-ItemProperty instead (issue 14: under Windows PowerShell 5.1 its
  // `2>&1` turns reg's "value not found" into an error record) — both outputs are read
  'reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule',
] as const;

export const live: Live = { commands: NETSH_COMMANDS, dialect: WINDOWS_DIALECT, snapshot: WINDOWS_SNAPSHOT, group: WINDOWS_GROUP };
