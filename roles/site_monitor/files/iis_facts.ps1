#Requires -Version 5.1
# Sitekeeper, Windows web host: read IIS's configuration and state, the fixed disks, the newest file
# under each listed site's physical path and (with -EventHours) the recent IIS errors of the
# Application and System event logs. Read-only. Used by the site_monitor and troubleshoot roles;
# the controller (sitekeeper.website.iis_site_info) does all the judging.
#
# Writes ONE JSON text to the output (win_powershell's output[0]):
# {
#   "collected_at": "2026-12-04T02:00:00Z",          # UTC
#   "computer": "WEB3",
#   "env": {"SystemDrive": "C:", "SystemRoot": "C:\\Windows"},
#   "config": "<text of applicationHost.config>",
#   "appcmd_sites": "<output of appcmd list site /xml>",
#   "appcmd_apppools": "<output of appcmd list apppool /xml>",
#   "services": [{"name": "W3SVC", "status": "Running", "start_type": "Automatic"}],   # W3SVC and WAS
#   "disks": [{"root": "C:\\", "size_bytes": 107374182400, "free_bytes": 21474836480}],
#   "newest": [{"site": "PA Contoh", "path": "D:\\Web\\pa-contoh", "file": "D:\\Web\\pa-contoh\\index.php",
#               "mtime_epoch": 1796346000.5, "error": null}],                      # one per -Sites name
#   "events": [{"log": "System", "time": "2026-12-04T01:10:00Z", "provider": "Microsoft-Windows-WAS",
#               "id": 5002, "level": "Error", "message": "Application pool 'SIPP' is being ..."}],
#   "errors": ["what could not be read, one line each"]
# }
[CmdletBinding()]
param(
    [string[]]$Sites = @(),
    [string[]]$Exclude = @(),
    [int]$EventHours = 0,
    [int]$MaxEvents = 50,
    [string]$ConfigPath = "$env:windir\System32\inetsrv\config\applicationHost.config"
)
$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false
$errors = [System.Collections.Generic.List[string]]::new()
$appcmd = Join-Path $env:windir 'System32\inetsrv\appcmd.exe'
$epoch = [DateTime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
$out = [ordered]@{
    collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
    computer = $env:COMPUTERNAME
    env = [ordered]@{ SystemDrive = $env:SystemDrive; SystemRoot = $env:SystemRoot }
    config = ''
    appcmd_sites = ''
    appcmd_apppools = ''
    services = @()
    disks = @()
    newest = @()
    events = @()
    errors = $errors
}

try { $out.config = [IO.File]::ReadAllText($ConfigPath) }
catch { $errors.Add("applicationHost.config: $($_.Exception.Message)") }
foreach ($kind in 'site', 'apppool') {
    try { $out["appcmd_$($kind)s"] = (& $appcmd list $kind /xml) -join "`n" }
    catch { $errors.Add("appcmd list ${kind}: $($_.Exception.Message)") }
}
$out.services = @(foreach ($name in 'W3SVC', 'WAS') {
        $svc = Get-Service -Name $name -ErrorAction SilentlyContinue
        if ($svc) { [ordered]@{ name = $name; status = "$($svc.Status)"; start_type = "$($svc.StartType)" } }
    })
$out.disks = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object {
        [ordered]@{ root = "$($_.DeviceID)\"; size_bytes = [int64]$_.Size; free_bytes = [int64]$_.FreeSpace }
    })

# The physical path comes from IIS's configuration (the root virtual directory of the root application).
if ($out.config -and $Sites.Count -gt 0) {
    $xml = [xml]$out.config
    $out.newest = @(foreach ($name in $Sites) {
            $entry = [ordered]@{ site = $name; path = $null; file = $null; mtime_epoch = $null; error = $null }
            try {
                $site = @($xml.configuration.'system.applicationHost'.sites.site) | Where-Object { $_.name -eq $name } | Select-Object -First 1
                if (-not $site) { throw "IIS has no site named $name" }
                $app = @($site.application) | Where-Object { $_.path -eq '/' } | Select-Object -First 1
                $vdir = @($app.virtualDirectory) | Where-Object { $_.path -eq '/' } | Select-Object -First 1
                $path = [Environment]::ExpandEnvironmentVariables($vdir.physicalPath)
                $entry.path = $path
                if (-not (Test-Path -LiteralPath $path -PathType Container)) { throw "the folder $path does not exist" }
                # One pass keeping the newest (no sort of every file of a large site).
                $newest = $null
                Get-ChildItem -LiteralPath $path -File -Recurse -Force -ErrorAction SilentlyContinue | ForEach-Object {
                    $rel = $_.FullName.Substring($path.Length)
                    if ($Exclude | Where-Object { $rel -like "*\$_\*" }) { return }
                    if (-not $newest -or $_.LastWriteTimeUtc -gt $newest.LastWriteTimeUtc) { $newest = $_ }
                }
                if ($newest) {
                    $entry.file = $newest.FullName
                    $entry.mtime_epoch = ($newest.LastWriteTimeUtc - $epoch).TotalSeconds
                }
            }
            catch { $entry.error = $_.Exception.Message }
            $entry
        })
}

if ($EventHours -gt 0) {
    $since = (Get-Date).AddHours(-$EventHours)
    $out.events = @(foreach ($log in 'Application', 'System') {
            try {
                Get-WinEvent -FilterHashtable @{ LogName = $log; Level = 1, 2; StartTime = $since } -MaxEvents 1000 |
                    Where-Object { $_.ProviderName -match 'W3SVC|WAS|IIS|ASP\.NET|HttpEvent|AspNetCore' } |
                    Select-Object -First $MaxEvents | ForEach-Object {
                        [ordered]@{ log = $log; time = $_.TimeCreated.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
                            provider = $_.ProviderName; id = $_.Id; level = "$($_.LevelDisplayName)"
                            message = "$($_.Message)".Substring(0, [Math]::Min(1000, "$($_.Message)".Length)) }
                    }
            }
            catch {
                # No event in the window is not an error.
                if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { $errors.Add("event log ${log}: $($_.Exception.Message)") }
            }
        })
}

$out | ConvertTo-Json -Depth 6 -Compress
