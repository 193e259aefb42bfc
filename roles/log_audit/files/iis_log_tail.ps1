#Requires -Version 5.1
# Sitekeeper, Windows web host: send the bytes of each IIS W3C log written since the controller's
# cursor, gzip-compressed and base64-encoded. Read-only (IIS keeps writing; the file is opened with
# shared read/write). Only whole lines are sent (up to the last line feed), at most -MaxBytes per run
# over all files: "more" says a file has more, which the next run fetches.
#
# -Requests is what sitekeeper.website.iis_site_info (view log_plan) returned: per log folder
# (<logFile directory>\W3SVC<id>) the offsets already fetched, by file name. A file the controller
# has not seen is sent from its start, unless it was last written more than -MaxAgeDays ago. A file
# shorter than its offset was replaced and is sent again from its start (offset 0).
#
# Writes ONE JSON text to the output (win_powershell's output[0]):
# {
#   "collected_at": "2026-12-04T02:00:00Z",
#   "files": [{"folder": "D:\\Logs\\IIS\\W3SVC2", "name": "u_ex261204.log", "length": 48213,
#              "offset": 40960, "bytes": 7253, "more": false, "data_gzip_base64": "H4sIAAAA..."},
#             {"folder": "C:\\inetpub\\logs\\LogFiles\\W3SVC9", "name": "", "error": "the log folder ... does not exist"}]
# }
[CmdletBinding()]
param(
    [object[]]$Requests = @(),
    [int64]$MaxBytes = 16MB,
    [int]$MaxAgeDays = 2
)
$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false
$budget = $MaxBytes
$files = [System.Collections.Generic.List[object]]::new()
$oldest = [DateTime]::UtcNow.AddDays(-$MaxAgeDays)
foreach ($request in $Requests) {
    $folder = [Environment]::ExpandEnvironmentVariables($request.folder)
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
        $files.Add([ordered]@{ folder = $request.folder; name = ''; error = "the log folder $folder does not exist (no request logged yet?)" })
        continue
    }
    foreach ($log in (Get-ChildItem -LiteralPath $folder -Filter '*.log' -File | Sort-Object -Property Name)) {
        $offset = $request.offsets.($log.Name)
        if ($null -eq $offset) {
            if ($log.LastWriteTimeUtc -lt $oldest) { continue }
            $offset = 0
        }
        $offset = [int64]$offset
        if ($log.Length -lt $offset) { $offset = 0 }
        if ($log.Length -eq $offset) { continue }
        $take = [int][Math]::Min($log.Length - $offset, $budget)
        $entry = [ordered]@{ folder = $request.folder; name = $log.Name; length = $log.Length; offset = $offset; bytes = 0; more = $true; data_gzip_base64 = '' }
        if ($take -gt 0) {
            $buffer = New-Object byte[] $take
            $read = 0
            $stream = [IO.File]::Open($log.FullName, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]::ReadWrite)
            try {
                [void]$stream.Seek($offset, [IO.SeekOrigin]::Begin)
                while ($read -lt $take) {
                    $got = $stream.Read($buffer, $read, $take - $read)
                    if ($got -le 0) { break }
                    $read += $got
                }
            }
            finally { $stream.Dispose() }
            $whole = if ($read -gt 0) { [Array]::LastIndexOf($buffer, [byte]10, $read - 1) + 1 } else { 0 }
            if ($whole -gt 0) {
                $memory = New-Object IO.MemoryStream
                $gzip = New-Object IO.Compression.GZipStream($memory, [IO.Compression.CompressionMode]::Compress)
                $gzip.Write($buffer, 0, $whole)
                $gzip.Dispose()
                $entry.bytes = $whole
                $entry.more = ($offset + $whole) -lt $log.Length
                $entry.data_gzip_base64 = [Convert]::ToBase64String($memory.ToArray())
                $budget -= $whole
            }
        }
        $files.Add($entry)
    }
}
[ordered]@{ collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'); files = $files } | ConvertTo-Json -Depth 4 -Compress
