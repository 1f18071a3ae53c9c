<#
.SYNOPSIS
    Collects what ipsec-drift reads from a Windows machine into one UTF-8 file.

.DESCRIPTION
    Runs only read-only commands - `netsh advfirewall show global`,
    `netsh advfirewall consec show rule name=all verbose`, the NetSecurity Get-NetIPsec* /
    Get-NetFirewallSetting cmdlets, the RemoteAccess / VpnClient Get-Vpn* cmdlets and one
    registry value - and writes their output into one file, each block after a prompt line
    (`PS C:\> <command>`) exactly as a console transcript shows it. The windows-netsh and
    windows-rras adapters read that file; copy it to where you run ipsec-drift:

        ipsec-drift compare .\ipsec-drift-WIN-GW01.txt fortigate-branch.conf

    The first line of the file says which Windows it came from and in which display language
    (ui-culture): netsh prints its labels and values in that language, and ipsec-drift reads
    netsh output only when it is English (the PowerShell cmdlets print English property names
    in every language and are always read).

    Cmdlets whose module is not installed (RemoteAccess on a machine without RRAS, for
    example) are skipped and listed on the console, not in the file.

    Secrets: `netsh advfirewall consec show rule ... verbose` prints the pre-shared key of a
    connection security rule. Unless -IncludeSecrets is given, every key the machine holds
    (read from the phase 1 authentication sets, Get-NetIPsecPhase1AuthSet, whose property names
    do not depend on the display language) is replaced by `<redacted>` wherever it stands as a
    value, and so is the value of any line labelled Auth1PSK / Auth2PSK. ipsec-drift then reports
    the keys as unknown and does not compare them. With -IncludeSecrets the file holds the keys
    in clear text: ipsec-drift keeps only a per-run fingerprint, but protect and delete the file
    yourself. No other command prints a secret (RRAS never shows SharedSecret).

    Run it elevated: Get-VpnS2SInterface, Get-VpnServerConfiguration and the consec rules need
    administrator rights.

.PARAMETER OutFile
    Where to write, relative to the current PowerShell location.
    Default: .\ipsec-drift-<COMPUTERNAME>.txt

.PARAMETER IncludeSecrets
    Keep the pre-shared keys, so that ipsec-drift can tell whether the two ends hold the same key.

.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\collect-windows.ps1

.EXAMPLE
    .\collect-windows.ps1 -OutFile C:\Temp\gw01.txt -IncludeSecrets
#>
[CmdletBinding()]
param(
    [string] $OutFile = ("ipsec-drift-{0}.txt" -f $env:COMPUTERNAME),
    [switch] $IncludeSecrets
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Continue'

# .NET resolves a relative path against the process directory, not against the PowerShell
# location (Set-Location does not move it): resolve it the way PowerShell does.
$OutFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)

# The commands, exactly as adapters/windows-netsh and adapters/windows-rras list them in
# `commands`. `Text` is what the prompt line shows; `Run` runs that same command; `Needs` is
# the command that must exist for it to be run at all.
$serverConfig = if (Get-Command -Name Get-VpnServerConfiguration -ErrorAction SilentlyContinue) { 'Get-VpnServerConfiguration' } else { 'Get-VpnServerIPsecConfiguration' }
$commands = @(
    @{ Text = 'hostname'; Needs = 'hostname'; Run = { hostname } },
    @{ Text = 'netsh advfirewall show global'; Needs = 'netsh'; Run = { netsh advfirewall show global } },
    @{ Text = 'netsh advfirewall consec show rule name=all verbose'; Needs = 'netsh'; Run = { netsh advfirewall consec show rule name=all verbose } },
    @{ Text = 'Get-NetFirewallSetting | Format-List *'; Needs = 'Get-NetFirewallSetting'; Run = { Get-NetFirewallSetting | Format-List * } },
    @{ Text = 'Get-NetIPsecMainModeCryptoSet | ConvertTo-Json -Depth 4'; Needs = 'Get-NetIPsecMainModeCryptoSet'; Run = { Get-NetIPsecMainModeCryptoSet | ConvertTo-Json -Depth 4 } },
    @{ Text = 'Get-NetIPsecQuickModeCryptoSet | ConvertTo-Json -Depth 4'; Needs = 'Get-NetIPsecQuickModeCryptoSet'; Run = { Get-NetIPsecQuickModeCryptoSet | ConvertTo-Json -Depth 4 } },
    @{ Text = 'Get-NetIPsecRule | Format-List *'; Needs = 'Get-NetIPsecRule'; Run = { Get-NetIPsecRule | Format-List * } },
    @{ Text = 'Get-VpnS2SInterface | Format-List *'; Needs = 'Get-VpnS2SInterface'; Run = { Get-VpnS2SInterface | Format-List * } },
    @{ Text = "$serverConfig | Format-List *"; Needs = $serverConfig; Run = { & $serverConfig | Format-List * } },
    @{ Text = 'Get-VpnConnection | ConvertTo-Json -Depth 4'; Needs = 'Get-VpnConnection'; Run = { Get-VpnConnection | ConvertTo-Json -Depth 4 } },
    @{ Text = 'Get-VpnConnection -AllUserConnection | ConvertTo-Json -Depth 4'; Needs = 'Get-VpnConnection'; Run = { Get-VpnConnection -AllUserConnection | ConvertTo-Json -Depth 4 } },
    # Get-ItemProperty, not `reg query ... 2>&1`: under Windows PowerShell 5.1 the redirection turns
    # reg's "value not found" (the normal case: Windows then uses 0) into a NativeCommandError record
    @{ Text = 'Get-ItemProperty -Path HKLM:\SYSTEM\CurrentControlSet\Services\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule -ErrorAction SilentlyContinue | Format-List AssumeUDPEncapsulationContextOnSendRule'; Needs = 'Get-ItemProperty'; Run = { Get-ItemProperty -Path HKLM:\SYSTEM\CurrentControlSet\Services\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule -ErrorAction SilentlyContinue | Format-List AssumeUDPEncapsulationContextOnSendRule } }
)

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Warning 'Not running elevated: the RRAS cmdlets and the connection security rules may be missing from the output.'
}

# The keys to redact, read where their names do not depend on the display language.
$secrets = @()
if (-not $IncludeSecrets -and (Get-Command -Name Get-NetIPsecPhase1AuthSet -ErrorAction SilentlyContinue)) {
    foreach ($set in @(Get-NetIPsecPhase1AuthSet -ErrorAction SilentlyContinue)) {
        foreach ($proposal in @($set.Proposal)) {
            if ($null -eq $proposal) { continue }
            $psk = $proposal.PSObject.Properties['PreSharedKey']
            if ($null -ne $psk -and $psk.Value) { $secrets += [string]$psk.Value }
        }
    }
}

# Header: which Windows, which display language (netsh's), which PowerShell.
$os = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -ErrorAction SilentlyContinue
$build = [Environment]::OSVersion.Version
$ubr = 0
$product = ''
if ($null -ne $os) {
    if ($os.PSObject.Properties['UBR']) { $ubr = $os.UBR }
    if ($os.PSObject.Properties['ProductName']) { $product = $os.ProductName }
}
$header = '# ipsec-drift collect-windows.ps1 format 2; windows {0}.{1}.{2}.{3}; product {4}; ui-culture {5}; culture {6}; powershell {7}' -f `
    $build.Major, $build.Minor, $build.Build, $ubr, $product, (Get-UICulture).Name, (Get-Culture).Name, $PSVersionTable.PSVersion

$prompt = "PS $((Get-Location).Path)> "
$text = New-Object System.Text.StringBuilder
[void]$text.Append($header).Append("`r`n`r`n")
$skipped = @()
foreach ($c in $commands) {
    if (-not (Get-Command -Name $c.Needs -ErrorAction SilentlyContinue)) {
        $skipped += $c.Text
        continue
    }
    # -Width: Format-List must not wrap long values at the console width
    $out = & $c.Run 2>&1 | Out-String -Width 4096
    if (-not $IncludeSecrets) {
        # a value equal to a key, whatever the label before it (the labels are in the display language)
        foreach ($s in $secrets) {
            $out = $out -replace ('(?m)^([^\r\n:]*:[ \t]*)' + [regex]::Escape($s) + '[ \t]*(?=\r?$)'), '${1}<redacted>'
        }
        $out = $out -replace '(?m)^(Auth[12]PSK:[ \t]*)\S[^\r\n]*', '${1}<redacted>'
    }
    [void]$text.Append($prompt).Append($c.Text).Append("`r`n")
    [void]$text.Append($out.TrimEnd("`r", "`n")).Append("`r`n`r`n")
}

# UTF-8 without BOM (Windows PowerShell 5.1's Out-File would write UTF-16LE; ipsec-drift reads both)
[System.IO.File]::WriteAllText($OutFile, $text.ToString(), (New-Object System.Text.UTF8Encoding($false)))
Write-Host "ipsec-drift: wrote $OutFile"
if ($skipped.Count) { Write-Host ("ipsec-drift: not available here, skipped: " + ($skipped -join '; ')) }
if ($IncludeSecrets) { Write-Warning "$OutFile contains pre-shared keys in clear text: protect it and delete it when done." }
