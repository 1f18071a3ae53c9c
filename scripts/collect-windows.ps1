<#
.SYNOPSIS
    Collects what ipsec-drift reads from a Windows machine into one UTF-8 file.

.DESCRIPTION
    Runs only read-only commands - `netsh advfirewall show global`,
    `netsh advfirewall consec show rule name=all verbose`, the NetSecurity Get-NetIPsec* /
    Get-NetFirewallSetting cmdlets, the RemoteAccess / VpnClient Get-Vpn* cmdlets and one
    `reg query` - and writes their output into one file, each block after a prompt line
    (`PS C:\> <command>`) exactly as a console transcript shows it. The windows-netsh and
    windows-rras adapters read that file; copy it to where you run ipsec-drift:

        ipsec-drift compare .\ipsec-drift-WIN-GW01.txt fortigate-branch.conf

    Cmdlets whose module is not installed (RemoteAccess on a machine without RRAS, for
    example) are skipped and listed on the console, not in the file.

    Secrets: `netsh advfirewall consec show rule … verbose` prints the pre-shared key of a
    connection security rule (`Auth1PSK:`). The script replaces it with `<redacted>` unless
    -IncludeSecrets is given; ipsec-drift then reports the key as unknown and does not compare
    keys. With -IncludeSecrets the file holds the keys in clear text: ipsec-drift keeps only a
    per-run fingerprint, but protect and delete the file yourself. No other command prints a
    secret (RRAS never shows SharedSecret).

    Run it elevated: Get-VpnS2SInterface, Get-VpnServerConfiguration and the consec rules need
    administrator rights.

.PARAMETER OutFile
    Where to write. Default: .\ipsec-drift-<COMPUTERNAME>.txt

.PARAMETER IncludeSecrets
    Keep the Auth1PSK values, so that ipsec-drift can tell whether the two ends hold the same key.

.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\collect-windows.ps1

.EXAMPLE
    .\collect-windows.ps1 -OutFile C:\Temp\gw01.txt -IncludeSecrets
#>
[CmdletBinding()]
param(
    [string] $OutFile = (Join-Path -Path (Get-Location).Path -ChildPath ("ipsec-drift-{0}.txt" -f $env:COMPUTERNAME)),
    [switch] $IncludeSecrets
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Continue'

# The commands, exactly as adapters/windows-netsh and adapters/windows-rras list them in
# `commands`. `Text` is what the prompt line shows; `Run` runs that same command; `Needs` is
# the cmdlet that must exist for the command to be run at all.
$serverConfig = if (Get-Command -Name Get-VpnServerConfiguration -ErrorAction SilentlyContinue) { 'Get-VpnServerConfiguration' } else { 'Get-VpnServerIPsecConfiguration' }
$commands = @(
    @{ Text = 'hostname'; Needs = 'hostname'; Run = { hostname } },
    @{ Text = 'netsh advfirewall show global'; Needs = 'netsh'; Run = { netsh advfirewall show global } },
    @{ Text = 'netsh advfirewall consec show rule name=all verbose'; Needs = 'netsh'; Run = { netsh advfirewall consec show rule name=all verbose } },
    @{ Text = 'Get-NetFirewallSetting | Format-List *'; Needs = 'Get-NetFirewallSetting'; Run = { Get-NetFirewallSetting | Format-List * } },
    @{ Text = 'Get-NetIPsecMainModeCryptoSet | Format-List *'; Needs = 'Get-NetIPsecMainModeCryptoSet'; Run = { Get-NetIPsecMainModeCryptoSet | Format-List * } },
    @{ Text = 'Get-NetIPsecQuickModeCryptoSet | Format-List *'; Needs = 'Get-NetIPsecQuickModeCryptoSet'; Run = { Get-NetIPsecQuickModeCryptoSet | Format-List * } },
    @{ Text = 'Get-NetIPsecRule | Format-List *'; Needs = 'Get-NetIPsecRule'; Run = { Get-NetIPsecRule | Format-List * } },
    @{ Text = 'Get-VpnS2SInterface | Format-List *'; Needs = 'Get-VpnS2SInterface'; Run = { Get-VpnS2SInterface | Format-List * } },
    @{ Text = "$serverConfig | Format-List *"; Needs = $serverConfig; Run = { & $serverConfig | Format-List * } },
    @{ Text = 'Get-VpnConnection | ConvertTo-Json -Depth 4'; Needs = 'Get-VpnConnection'; Run = { Get-VpnConnection | ConvertTo-Json -Depth 4 } },
    @{ Text = 'Get-VpnConnection -AllUserConnection | ConvertTo-Json -Depth 4'; Needs = 'Get-VpnConnection'; Run = { Get-VpnConnection -AllUserConnection | ConvertTo-Json -Depth 4 } },
    @{ Text = 'reg query HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule'; Needs = 'reg'; Run = { reg query HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule 2>&1 } }
)

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Warning 'Not running elevated: the RRAS cmdlets and the connection security rules may be missing from the output.'
}

$prompt = "PS $((Get-Location).Path)> "
$text = New-Object System.Text.StringBuilder
$skipped = @()
foreach ($c in $commands) {
    if (-not (Get-Command -Name $c.Needs -ErrorAction SilentlyContinue)) {
        $skipped += $c.Text
        continue
    }
    # -Width: Format-List must not wrap long values at the console width
    $out = & $c.Run 2>&1 | Out-String -Width 4096
    if ($c.Text -like 'netsh advfirewall consec *' -and -not $IncludeSecrets) {
        $out = $out -replace '(?m)^(Auth1PSK:[ \t]*)\S.*$', '${1}<redacted>'
    }
    [void]$text.Append($prompt).Append($c.Text).Append("`r`n")
    [void]$text.Append($out.TrimEnd("`r", "`n")).Append("`r`n`r`n")
}

# UTF-8 without BOM (Windows PowerShell 5.1's Out-File would write UTF-16LE; ipsec-drift reads both)
[System.IO.File]::WriteAllText($OutFile, $text.ToString(), (New-Object System.Text.UTF8Encoding($false)))
Write-Host "ipsec-drift: wrote $OutFile"
if ($skipped.Count) { Write-Host ("ipsec-drift: not available here, skipped: " + ($skipped -join '; ')) }
if ($IncludeSecrets) { Write-Warning "$OutFile contains pre-shared keys in clear text: protect it and delete it when done." }
