#Requires -Version 5.1
# Sitekeeper, Windows web host: archive each listed site's IIS physical path and the IIS configuration
# (applicationHost.config, administration.config, redirection.config) as .tar.gz with the tar.exe that
# Windows Server 2019 / Windows 10 1803 and later ship, hash every archive with Get-FileHash (SHA-256)
# and count its entries. The role fetches the archives to the controller's backup destination, where
# the backup's own verification checks them again (sitekeeper.website.windows_backup_set), then removes
# -WorkDir\-Stamp on the host. Sites' web.config files are inside their physical paths.
#
# -Sites: [{"name": "pa-contoh", "iis_site": "PA Contoh"}]  (iis_site defaults to name)
# Writes ONE JSON text to the output (win_powershell's output[0]):
# {
#   "collected_at": "2026-12-04T02:00:00Z", "computer": "WEB3",
#   "work_dir": "C:\\ProgramData\\Sitekeeper\\backup\\20261204T020000Z",
#   "tar_version": "bsdtar 3.5.2 - libarchive 3.5.2 ...", "powershell_version": "5.1.20348.2849",
#   "items": [{"kind": "files", "site": "pa-contoh", "role": "docroot", "source": "D:\\Web\\pa-contoh",
#              "name": "files-pa-contoh-docroot.tar.gz", "path": "C:\\ProgramData\\...\\files-pa-contoh-docroot.tar.gz",
#              "sha256": "9F86D0...", "bytes": 1048576, "entries": 812, "source_files": 790, "source_bytes": 5242880},
#             {"kind": "config", "site": null, "role": "iis", "source": "C:\\Windows\\System32\\inetsrv\\config", ...}],
#   "sites": {"pa-contoh": {"iis_site": "PA Contoh", "physical_path": "D:\\Web\\pa-contoh", "problems": []}},
#   "problems": []
# }
[CmdletBinding()]
param(
    [object[]]$Sites = @(),
    [Parameter(Mandatory = $true)][string]$Stamp,
    [string]$WorkDir = "$env:ProgramData\Sitekeeper\backup",
    [string]$ConfigDir = "$env:windir\System32\inetsrv\config",
    [bool]$IncludeConfig = $true
)
$ErrorActionPreference = 'Stop'
$tar = Join-Path $env:windir 'System32\tar.exe'
$dir = Join-Path $WorkDir $Stamp
$items = [System.Collections.Generic.List[object]]::new()
$problems = [System.Collections.Generic.List[string]]::new()
$siteInfo = [ordered]@{}
if (-not (Test-Path -LiteralPath $tar)) { throw "tar.exe is missing: Windows Server 2019 / Windows 10 1803 or later ship it" }
New-Item -ItemType Directory -Force -Path $dir | Out-Null
$Ansible.Changed = $true

function Add-Archive([string]$Kind, $Site, [string]$Role, [string]$Source, [string]$Name) {
    $archive = Join-Path $dir $Name
    # Windows PowerShell turns a native program's redirected stderr into errors, which 'Stop' would throw:
    # tar's exit code is the judge here.
    $ErrorActionPreference = 'Continue'
    $said = & $tar -czf $archive -C $Source . 2>&1
    $ErrorActionPreference = 'Stop'
    if ($LASTEXITCODE -ne 0) { throw "tar failed on ${Source}: $((@($said) | Select-Object -First 1))" }
    $entries = @(& $tar -tzf $archive).Count
    $stats = Get-ChildItem -LiteralPath $Source -File -Recurse -Force -ErrorAction SilentlyContinue | Measure-Object -Property Length -Sum
    $items.Add([ordered]@{ kind = $Kind; site = $Site; role = $Role; source = $Source; name = $Name; path = $archive
            sha256 = (Get-FileHash -Algorithm SHA256 -LiteralPath $archive).Hash; bytes = (Get-Item -LiteralPath $archive).Length
            entries = $entries; source_files = [int64]$stats.Count; source_bytes = [int64]$stats.Sum })
}

$xml = [xml][IO.File]::ReadAllText((Join-Path $ConfigDir 'applicationHost.config'))
foreach ($wanted in $Sites) {
    $iisName = if ($wanted.iis_site) { $wanted.iis_site } else { $wanted.name }
    $info = [ordered]@{ iis_site = $iisName; physical_path = $null; problems = [System.Collections.Generic.List[string]]::new() }
    $siteInfo[$wanted.name] = $info
    try {
        $site = @($xml.configuration.'system.applicationHost'.sites.site) | Where-Object { $_.name -eq $iisName } | Select-Object -First 1
        if (-not $site) { throw "IIS has no site named $iisName, so there is nothing to back up" }
        $app = @($site.application) | Where-Object { $_.path -eq '/' } | Select-Object -First 1
        $vdir = @($app.virtualDirectory) | Where-Object { $_.path -eq '/' } | Select-Object -First 1
        $path = [Environment]::ExpandEnvironmentVariables($vdir.physicalPath)
        $info.physical_path = $path
        if (-not (Test-Path -LiteralPath $path -PathType Container)) { throw "folder $path does not exist or is not a folder" }
        $safe = $wanted.name -replace '[^A-Za-z0-9._-]', '_'
        Add-Archive 'files' $wanted.name 'docroot' $path "files-$safe-docroot.tar.gz"
    }
    catch { $info.problems.Add($_.Exception.Message) }
}
if ($IncludeConfig) {
    # A copy first: IIS holds the live files open.
    $staging = Join-Path $dir 'config-staging'
    New-Item -ItemType Directory -Force -Path $staging | Out-Null
    try {
        foreach ($name in 'applicationHost.config', 'administration.config', 'redirection.config') {
            $file = Join-Path $ConfigDir $name
            if (Test-Path -LiteralPath $file) { Copy-Item -LiteralPath $file -Destination $staging }
        }
        Add-Archive 'config' $null 'iis' $staging 'config-iis.tar.gz'
        $items[$items.Count - 1].source = $ConfigDir
    }
    catch { $problems.Add("IIS configuration: $($_.Exception.Message)") }
    finally { Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue }
}
[ordered]@{
    collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'); computer = $env:COMPUTERNAME; work_dir = $dir
    tar_version = "$((& $tar --version) | Select-Object -First 1)"; powershell_version = "$($PSVersionTable.PSVersion)"
    items = $items; sites = $siteInfo; problems = $problems
} | ConvertTo-Json -Depth 5 -Compress
