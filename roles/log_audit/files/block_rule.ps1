#Requires -Version 5.1
# Sitekeeper, Windows web host: block addresses with ONE inbound Windows Firewall rule that expires.
# The controller keeps the block list (each address with its own expiry; never the allowlist, loopback
# or the controller) and gives this script the addresses still blocked. The rule is rewritten with
# exactly those; with none, the rule and its expiry task are removed. A scheduled task (as SYSTEM)
# removes the rule at -ExpiresAt (the latest expiry of the list), so nothing stays blocked for ever
# should Sitekeeper stop running. Honours check mode ($Ansible.CheckMode; win_powershell runs the script in
# check mode because it declares SupportsShouldProcess): then it only says what would change.
#
# Writes ONE JSON text to the output (win_powershell's output[0]):
# {"rule": "Sitekeeper-Block", "addresses": ["198.51.100.23"], "expires_at": "2026-12-05T02:00:00Z",
#  "before": ["198.51.100.7"], "changed": true}
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string[]]$Addresses = @(),
    [string]$ExpiresAt = '',
    [string]$RuleName = 'Sitekeeper-Block'
)
$ErrorActionPreference = 'Stop'
$taskName = "$RuleName-Expiry"
$rule = Get-NetFirewallRule -Name $RuleName -ErrorAction SilentlyContinue
$before = @()
if ($rule) { $before = @(($rule | Get-NetFirewallAddressFilter).RemoteAddress | Where-Object { $_ -ne 'Any' }) }
$wanted = @($Addresses | Sort-Object -Unique)
$changed = (@(Compare-Object -ReferenceObject @($before | Sort-Object -Unique) -DifferenceObject $wanted).Count -gt 0) -or ($wanted.Count -gt 0 -and -not $rule)
if ($changed -and -not $Ansible.CheckMode) {
    if ($wanted.Count -eq 0) {
        Remove-NetFirewallRule -Name $RuleName -ErrorAction SilentlyContinue
        Unregister-ScheduledTask -TaskName $taskName -Confirm:$false -ErrorAction SilentlyContinue
    }
    else {
        if ($rule) { Set-NetFirewallRule -Name $RuleName -RemoteAddress $wanted }
        else {
            New-NetFirewallRule -Name $RuleName -DisplayName 'Sitekeeper: blocked visitors (expires)' -Direction Inbound `
                -Action Block -RemoteAddress $wanted -Profile Any -Description "Written by Sitekeeper log_audit; removed at $ExpiresAt" | Out-Null
        }
    }
}
if ($wanted.Count -gt 0 -and $ExpiresAt -and -not $Ansible.CheckMode) {
    $when = [DateTime]::Parse($ExpiresAt, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal).ToLocalTime()
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -Command Remove-NetFirewallRule -Name '$RuleName'"
    $trigger = New-ScheduledTaskTrigger -Once -At $when
    Register-ScheduledTask -TaskName $taskName -Action $action -Trigger $trigger -User 'SYSTEM' -RunLevel Highest -Force | Out-Null
}
$Ansible.Changed = $changed
[ordered]@{ rule = $RuleName; addresses = $wanted; expires_at = $ExpiresAt; before = $before; changed = $changed } | ConvertTo-Json -Compress
