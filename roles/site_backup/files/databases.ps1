#Requires -Version 5.1
# Sitekeeper, Windows web host: the databases the inventory lists for a site, dumped (-Action backup) or restored
# from a verified set (-Action restore).
#
# backup: each database is dumped into -WorkDir\-Stamp\databases, beside backup_set.ps1's archives. The role
# fetches the dumps with the archives; on the controller sitekeeper.website.windows_backup_set checks each one
# again (SHA-256, and for a MySQL dump its completion line), then the role removes -WorkDir\-Stamp on the host.
# - engine sqlserver: BACKUP DATABASE [name] TO DISK = '...' WITH COPY_ONLY, CHECKSUM, INIT (copy-only: the
#   court's own backup chain is left as it is), then RESTORE VERIFYONLY FROM DISK = '...' WITH CHECKSUM; through
#   Invoke-Sqlcmd when the SqlServer module is installed, else sqlcmd.exe. Windows authentication (the WinRM
#   account) unless the entry names a user (a SQL login). SQL Server must run on this host: its service writes the
#   file, so the service's account is given Modify on the databases folder.
# - engine mysql or mariadb (XAMPP and the like): mysqldump.exe or mariadb-dump.exe with the options of the Linux
#   path (--single-transaction --routines --events --triggers ...); the connection goes in a --defaults-extra-file
#   created with an ACL for this account only and deleted after; the dump must end with "-- Dump completed".
# Every dump is written under a .partial name and renamed only once it is complete and checked, so a half dump is
# never kept as good; then hashed with Get-FileHash (SHA-256). A database that fails is one line in its entry,
# never the others' loss. Passwords arrive in -Passwords, a SecureString holding the JSON
# {"<site>/<engine>/<name>" or "<site>/<name>": password} (site_backup_db_passwords), and never reach a command
# line: sqlcmd reads SQLCMDPASSWORD from its environment, Invoke-Sqlcmd gets a PSCredential, mysql its file.
#
# -Sites: [{"name": "pa-contoh", "databases": [{"engine": "sqlserver", "name": "SIPP", "host": "localhost\\SQLEXPRESS"},
#                                              {"engine": "mysql", "name": "joomla", "user": "sk_backup",
#                                               "bin_dir": "C:\\xampp\\mysql\\bin"}]}]
#   (a database's keys: engine (default mariadb), name, user, host, port, bin_dir; other keys are ignored)
# -Action backup: Writes ONE JSON text to the output (win_powershell's output[0]):
# {
#   "collected_at": "2026-12-04T02:01:10Z", "computer": "WEB3", "powershell_version": "5.1.20348.2849",
#   "work_dir": "C:\\ProgramData\\Sitekeeper\\backup\\20261204T020000Z\\databases",
#   "tools": {"sqlserver": "sqlcmd Version 15.0.2000.5 NT", "mysql": "mysqldump  Ver 10.19 Distrib 10.4.32-MariaDB, for Win64 (AMD64)"},
#   "items": [{"kind": "database", "site": "pa-contoh", "engine": "sqlserver", "database": "SIPP",
#              "name": "db-pa-contoh-SIPP.bak", "path": "C:\\ProgramData\\...\\db-pa-contoh-SIPP.bak",
#              "sha256": "9F86D0...", "bytes": 7340544, "client": "sqlcmd",
#              "verifyonly": {"ok": true, "message": "The backup set on file 1 is valid."}},
#             {"kind": "database", "site": "pa-contoh", "engine": "mysql", "database": "joomla",
#              "name": "db-pa-contoh-joomla.sql", ..., "client": "mysqldump.exe", "completed": true}],
#   "databases": [{"site": "pa-contoh", "engine": "sqlserver", "name": "SIPP", "ok": true, "file": "db-pa-contoh-SIPP.bak",
#                  "error": null},
#                 {"site": "pa-contoh", "engine": "mysql", "name": "arsip", "ok": false, "file": null,
#                  "error": "mysqldump failed on arsip: mysqldump: Got error: 1049: \"Unknown database 'arsip'\" when selecting the database"}],
#   "problems": []
# }
#
# restore: the dumps the role copied into -WorkDir\restore-<set> (-Stamp is the set's name) are loaded, each after
# Get-FileHash matched the set's SHA-256. -Restore lists site_backup_restore_databases' entries ({engine, name,
# restore_as, replace, host, user, port, bin_dir}; the site's own database entry gives what an entry leaves out),
# -Dumps the set's manifest entries of the site's dumps ({file, engine, database, sha256, tables}). A database that
# exists (MySQL: holds tables) is only restored over with replace: true; SQL Server restores in place only
# (RESTORE DATABASE ... WITH CHECKSUM, REPLACE after SINGLE_USER WITH ROLLBACK IMMEDIATE, MULTI_USER again after);
# MySQL drops and creates the database, loads the dump with mysql.exe (source) and counts its tables against the
# dump's. In check mode nothing is changed: each entry says what would be done or why it would be refused.
# -Action restore: Writes ONE JSON text to the output:
# {"collected_at": "2026-12-04T09:00:00Z", "computer": "WEB3", "check_mode": false, "changed": true,
#  "restores": [{"engine": "sqlserver", "name": "SIPP", "target": "SIPP", "file": "db-pa-contoh-SIPP.bak", "existed": true,
#                "action": "restored", "tables": null, "error": null},
#               {"engine": "mysql", "name": "pa_contoh", "target": "pa_contoh", "file": "db-pa-contoh-pa_contoh.sql",
#                "existed": true, "action": "refused", "tables": null,
#                "error": "database pa_contoh holds 3 table(s); set replace: true in site_backup_restore_databases to restore over it"}]}
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateSet('backup', 'restore')][string]$Action = 'backup',
    [object[]]$Sites = @(),
    [Parameter(Mandatory = $true)][string]$Stamp,
    [string]$WorkDir = "$env:ProgramData\Sitekeeper\backup",
    [SecureString]$Passwords,
    [string]$Site = '',
    [object[]]$Restore = @(),
    [object[]]$Dumps = @()
)
$ErrorActionPreference = 'Stop'
$dir = if ($Action -eq 'restore') { Join-Path $WorkDir "restore-$Stamp" } else { Join-Path (Join-Path $WorkDir $Stamp) 'databases' }
$items = [System.Collections.Generic.List[object]]::new()
$entries = [System.Collections.Generic.List[object]]::new()
$problems = [System.Collections.Generic.List[string]]::new()
$tools = [ordered]@{}
# Chosen once per run: the SQL Server client, and the service accounts already given the folder.
$state = @{ sqlClient = $null; sqlTrust = $false; granted = @{} }
$me = [Security.Principal.WindowsIdentity]::GetCurrent().User
if (-not $Ansible.CheckMode) { New-Item -ItemType Directory -Force -Path $dir | Out-Null }
$secrets = @{}
if ($Passwords) {
    $text = [Net.NetworkCredential]::new('', $Passwords).Password
    if ($text) { (ConvertFrom-Json $text).PSObject.Properties | ForEach-Object { $secrets[$_.Name] = [string]$_.Value } }
}

function Get-Password([string]$Site, [string]$Engine, [string]$Name) {
    foreach ($key in "$Site/$Engine/$Name", "$Site/$Name") { if ($secrets.ContainsKey($key)) { return $secrets[$key] } }
    return $null
}

function Get-FirstLine($Said, [string]$Otherwise) {
    # sqlcmd puts "Msg 3201, Level 16, ..." before the sentence that says why.
    $line = @($Said | ForEach-Object { "$_".Trim() } | Where-Object { $_ -and $_ -notmatch '^Msg \d+, Level' }) | Select-Object -First 1
    if ($line) { return $line }
    return $Otherwise
}

function Select-SqlClient {
    if ($state.sqlClient) { return }
    if (Get-Module -ListAvailable -Name SqlServer) {
        Import-Module SqlServer -DisableNameChecking
        $state.sqlClient = 'Invoke-Sqlcmd'
        # SqlServer 22 encrypts by default; a local server's own certificate is self-signed.
        $state.sqlTrust = (Get-Command Invoke-Sqlcmd).Parameters.ContainsKey('TrustServerCertificate')
        $tools['sqlserver'] = "SqlServer module $((Get-Module SqlServer).Version) (Invoke-Sqlcmd)"
        return
    }
    $found = @(Get-Command sqlcmd.exe -CommandType Application -ErrorAction SilentlyContinue | ForEach-Object { $_.Source })
    $found += @(Get-ChildItem -Path "$env:ProgramFiles\Microsoft SQL Server\Client SDK\ODBC\*\Tools\Binn\SQLCMD.EXE",
        "$env:ProgramFiles\Microsoft SQL Server\*\Tools\Binn\SQLCMD.EXE" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | ForEach-Object { $_.FullName })
    if ($found.Count -eq 0) { throw "neither the SqlServer PowerShell module nor sqlcmd.exe is installed on this host" }
    $state.sqlClient = $found[0]
    $ErrorActionPreference = 'Continue'
    $version = @(& $found[0] -? 2>&1 | ForEach-Object { "$_".Trim() } | Where-Object { $_ -like 'Version *' }) | Select-Object -First 1
    $tools['sqlserver'] = "sqlcmd $version".Trim()
}

function Invoke-Sql([string]$Server, [string]$Query, [string]$User, [string]$Password) {
    # The server's messages; throws with its first error line.
    if ($state.sqlClient -eq 'Invoke-Sqlcmd') {
        $call = @{ ServerInstance = $Server; Database = 'master'; Query = $Query; QueryTimeout = 65535; ErrorAction = 'Stop'; Verbose = $true }
        if ($state.sqlTrust) { $call.TrustServerCertificate = $true }
        if ($User) { $call.Credential = [PSCredential]::new($User, [Net.NetworkCredential]::new($User, $Password).SecurePassword) }
        # PRINT and informational messages (VERIFYONLY's verdict) come on the verbose stream.
        # A result row is its values joined by '|' (sqlcmd's -s '|').
        return @(Invoke-Sqlcmd @call 4>&1 | ForEach-Object { if ($_ -is [Data.DataRow]) { $_.ItemArray -join '|' } else { "$_" } })
    }
    $argv = @('-S', $Server, '-d', 'master', '-b', '-C', '-r', '1', '-h', '-1', '-W', '-s', '|', '-Q', $Query)
    if ($User) { $argv += @('-U', $User); $env:SQLCMDPASSWORD = $Password } else { $argv += '-E' }
    try {
        # Windows PowerShell turns a native program's stderr into errors: the exit code is the judge.
        $ErrorActionPreference = 'Continue'
        $said = @(& $state.sqlClient @argv 2>&1)
        $code = $LASTEXITCODE
    }
    finally { $env:SQLCMDPASSWORD = $null; $ErrorActionPreference = 'Stop' }
    if ($code -ne 0) { throw (Get-FirstLine $said "sqlcmd exit $code") }
    return @($said | ForEach-Object { "$_" })
}

function Grant-SqlServiceAccess([string]$Server) {
    # BACKUP ... TO DISK is written by the SQL Server service, not by this account.
    $machine, $instance = (($Server -split ',')[0] -replace '^(tcp|np|lpc):', '') -split '\\', 2
    if ($machine -notin '.', '(local)', 'localhost', '127.0.0.1', $env:COMPUTERNAME) {
        throw "SQL Server $Server is on another machine; its backup would be written there (docs/windows.md)"
    }
    $service = if ($instance) { "MSSQL`$$instance" } else { 'MSSQLSERVER' }
    if ($state.granted.ContainsKey($service)) { return }
    $account = (Get-CimInstance -ClassName Win32_Service -Filter "Name='$service'").StartName
    if (-not $account) { throw "the SQL Server service $service is not installed on this host" }
    $folder = Get-Item -LiteralPath $dir
    $acl = $folder.GetAccessControl('Access')
    foreach ($who in (@($me, $account) | Where-Object { $_ -ne 'LocalSystem' })) {
        $acl.AddAccessRule([Security.AccessControl.FileSystemAccessRule]::new($who, 'Modify', 'ContainerInherit, ObjectInherit', 'None', 'Allow'))
    }
    $folder.SetAccessControl($acl)
    $state.granted[$service] = $account
}

function Invoke-SqlServerBackup($Db, [string]$Name, [string]$Partial, $Password) {
    $server = if ($Db.host) { [string]$Db.host } else { 'localhost' }
    if ($Db.port) { $server = "$server,$($Db.port)" }
    $user = [string]$Db.user
    if ($user -and $null -eq $Password) { throw "no password for the SQL login $user (site_backup_db_passwords)" }
    Select-SqlClient
    Grant-SqlServiceAccess $server
    $quoted = '[' + $Name.Replace(']', ']]') + ']'
    $disk = "N'" + $Partial.Replace("'", "''") + "'"
    try { Invoke-Sql $server "BACKUP DATABASE $quoted TO DISK = $disk WITH COPY_ONLY, CHECKSUM, INIT" $user $Password | Out-Null }
    catch { throw "BACKUP DATABASE failed on ${Name}: $($_.Exception.Message)" }
    try { $said = Invoke-Sql $server "RESTORE VERIFYONLY FROM DISK = $disk WITH CHECKSUM" $user $Password }
    catch { throw "RESTORE VERIFYONLY failed on the backup of ${Name}: $($_.Exception.Message)" }
    $client = if ($state.sqlClient -eq 'Invoke-Sqlcmd') { 'Invoke-Sqlcmd' } else { 'sqlcmd' }
    return [ordered]@{ client = $client; verifyonly = [ordered]@{ ok = $true; message = (Get-FirstLine $said 'no error') } }
}

function Find-MySqlTool($Db, [string[]]$Names) {
    # The Db's bin_dir, then PATH, then XAMPP's folder.
    if ($Db.bin_dir) {
        foreach ($name in $names) { $path = Join-Path ([string]$Db.bin_dir) $name; if (Test-Path -LiteralPath $path) { return $path } }
    }
    foreach ($name in $names) {
        $found = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($found) { return $found.Source }
    }
    $xampp = Join-Path 'C:\xampp\mysql\bin' $names[-1]
    if (Test-Path -LiteralPath $xampp) { return $xampp }
    throw "$($names[-1]) was not found: give the database's bin_dir (e.g. C:\xampp\mysql\bin)"
}

function ConvertTo-OptionValue([string]$Value) {
    if ($Value -match "[`r`n]") { throw "a database option contains a line break" }
    return '"' + ($Value -replace '\\', '\\' -replace '"', '\"') + '"'
}

function New-OptionFile($Db, $Password) {
    # The connection for mysqldump, in a file only this account may open, from the moment it exists.
    $lines = @('[client]')
    foreach ($key in 'user', 'host', 'port') { if ($Db.$key) { $lines += "$key=$(ConvertTo-OptionValue ([string]$Db.$key))" } }
    if ($null -ne $Password) { $lines += "password=$(ConvertTo-OptionValue $Password)" }
    $path = Join-Path ([IO.Path]::GetTempPath()) "sk-$([guid]::NewGuid().ToString('N')).cnf"
    $security = [Security.AccessControl.FileSecurity]::new()
    $security.SetAccessRuleProtection($true, $false)
    $security.AddAccessRule([Security.AccessControl.FileSystemAccessRule]::new($me, 'FullControl', 'Allow'))
    $stream = [IO.FileStream]::new($path, [IO.FileMode]::CreateNew, [Security.AccessControl.FileSystemRights]::FullControl,
        [IO.FileShare]::None, 4096, [IO.FileOptions]::None, $security)
    try {
        # No byte-order mark: mysqldump would read it as part of the first line.
        $bytes = [Text.UTF8Encoding]::new($false).GetBytes(($lines -join "`n") + "`n")
        $stream.Write($bytes, 0, $bytes.Length)
    }
    finally { $stream.Dispose() }
    return $path
}

function Test-DumpCompleted([string]$Path) {
    # mysqldump writes "-- Dump completed on <time>" last; a dump cut short has no such line.
    $stream = [IO.File]::OpenRead($Path)
    try {
        $length = [int][Math]::Min($stream.Length, 1024)
        $null = $stream.Seek(-$length, [IO.SeekOrigin]::End)
        $tail = New-Object byte[] $length
        $null = $stream.Read($tail, 0, $length)
        return [Text.Encoding]::ASCII.GetString($tail).Contains('-- Dump completed')
    }
    finally { $stream.Dispose() }
}

function Invoke-MySqlDump($Db, [string]$Name, [string]$Partial, $Password) {
    $dump = Find-MySqlTool $Db 'mariadb-dump.exe', 'mysqldump.exe'
    if (-not $tools.Contains('mysql')) {
        $ErrorActionPreference = 'Continue'
        $tools['mysql'] = "$(@(& $dump --version 2>&1) | Select-Object -First 1)"
        $ErrorActionPreference = 'Stop'
    }
    $options = New-OptionFile $Db $Password
    try {
        $ErrorActionPreference = 'Continue'
        # --result-file: the bytes as mysqldump writes them (a PowerShell redirection would re-encode them).
        # The options of the Linux path (backup/db.py), each quoted so that PowerShell passes it as it is.
        $said = @(& $dump "--defaults-extra-file=$options" '--single-transaction' '--routines' '--events' '--triggers' '--hex-blob' `
                '--quick' '--no-tablespaces' '--default-character-set=utf8mb4' "--result-file=$Partial" $Name 2>&1)
        $code = $LASTEXITCODE
    }
    finally { $ErrorActionPreference = 'Stop'; Remove-Item -LiteralPath $options -Force -ErrorAction SilentlyContinue }
    if ($code -ne 0) { throw "mysqldump failed on ${Name}: $(Get-FirstLine $said "exit $code")" }
    if (-not (Test-DumpCompleted $Partial)) { throw "the dump of $Name has no '-- Dump completed' line: mysqldump stopped early" }
    return [ordered]@{ client = [IO.Path]::GetFileName($dump); completed = $true }
}

function Invoke-MySql([string]$Tool, [string]$Options, [string[]]$Arguments) {
    # mysql.exe's output lines; throws with its first error line.
    try {
        $ErrorActionPreference = 'Continue'
        $said = @(& $Tool "--defaults-extra-file=$Options" '--default-character-set=utf8mb4' @Arguments 2>&1)
        $code = $LASTEXITCODE
    }
    finally { $ErrorActionPreference = 'Stop' }
    if ($code -ne 0) { throw (Get-FirstLine $said "exit $code") }
    return @($said | ForEach-Object { "$_" })
}

function Get-MySqlSchema([string]$Tool, [string]$Options, [string]$Name) {
    # (does the database exist, how many tables it holds)
    $query = "SELECT (SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$Name'), " +
        "(SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$Name')"
    $row = @(Invoke-MySql $Tool $Options @('--batch', '--skip-column-names', '-e', $query) | Where-Object { $_ -match '^\d+\s+\d+$' }) | Select-Object -Last 1
    if (-not $row) { throw "mysql.exe did not say whether $Name exists" }
    $exists, $tables = $row -split '\s+'
    return @(([int]$exists -gt 0), [int]$tables)
}

function Test-DumpHash([string]$Path, [string]$Sha256) {
    if (-not (Test-Path -LiteralPath $Path)) { throw "the dump $([IO.Path]::GetFileName($Path)) was not copied to the host" }
    if ((Get-FileHash -Algorithm SHA256 -LiteralPath $Path).Hash -ne $Sha256.ToUpperInvariant()) {
        throw "the dump $([IO.Path]::GetFileName($Path)) on the host does not match the set's SHA-256; nothing was restored"
    }
}

function Restore-SqlServer($Db, $Dump, [string]$Name, [string]$Target, [bool]$Replace, $Password, $Result) {
    if ($Target -ne $Name) { throw "restore_as is not supported for SQL Server on Windows hosts (its files would need MOVE); restore in place or by hand" }
    $server = if ($Db.host) { [string]$Db.host } else { 'localhost' }
    if ($Db.port) { $server = "$server,$($Db.port)" }
    $user = [string]$Db.user
    if ($user -and $null -eq $Password) { throw "no password for the SQL login $user (site_backup_db_passwords)" }
    Select-SqlClient
    $said = Invoke-Sql $server "SET NOCOUNT ON; SELECT CASE WHEN DB_ID(N'$Name') IS NULL THEN 0 ELSE 1 END" $user $Password
    $Result.existed = (@($said | Where-Object { $_ -match '^[01]$' }) | Select-Object -Last 1) -eq '1'
    if ($Result.existed -and -not $Replace) {
        $Result.action = 'refused'
        throw "database $Name exists; set replace: true in site_backup_restore_databases to restore over it"
    }
    if ($Ansible.CheckMode) { $Result.action = 'would restore'; return }
    $path = Join-Path $dir $Dump.file
    Test-DumpHash $path ([string]$Dump.sha256)
    Grant-SqlServiceAccess $server
    $quoted = '[' + $Name.Replace(']', ']]') + ']'
    $disk = "N'" + $path.Replace("'", "''") + "'"
    # One batch: no other connection takes the single-user slot between the statements.
    $batch = "RESTORE DATABASE $quoted FROM DISK = $disk WITH CHECKSUM, RECOVERY"
    if ($Result.existed) { $batch = "ALTER DATABASE $quoted SET SINGLE_USER WITH ROLLBACK IMMEDIATE; $batch, REPLACE; ALTER DATABASE $quoted SET MULTI_USER" }
    try { Invoke-Sql $server $batch $user $Password | Out-Null }
    catch {
        $why = $_.Exception.Message
        if ($Result.existed) { try { Invoke-Sql $server "IF DB_ID(N'$Name') IS NOT NULL ALTER DATABASE $quoted SET MULTI_USER" $user $Password | Out-Null } catch { $why += ' (and it could not be set to MULTI_USER again)' } }
        throw "RESTORE DATABASE failed on ${Name}: $why"
    }
    $Result.action = 'restored'
}

function Restore-MySql($Db, $Dump, [string]$Name, [string]$Target, [bool]$Replace, $Password, $Result) {
    $client = Find-MySqlTool $Db 'mariadb.exe', 'mysql.exe'
    $options = New-OptionFile $Db $Password
    try {
        $exists, $tables = Get-MySqlSchema $client $options $Target
        $Result.existed = $exists
        if ($tables -gt 0 -and -not $Replace) {
            $Result.action = 'refused'
            throw "database $Target holds $tables table(s); set replace: true in site_backup_restore_databases to restore over it"
        }
        if ($Ansible.CheckMode) { $Result.action = 'would restore'; return }
        $path = Join-Path $dir $Dump.file
        Test-DumpHash $path ([string]$Dump.sha256)
        $quoted = '`' + $Target + '`'
        # As on Linux: dropped only when it holds tables (and replace was given), created only when absent.
        if ($tables -gt 0) { Invoke-MySql $client $options @('-e', "DROP DATABASE $quoted") | Out-Null; $exists = $false }
        if (-not $exists) { Invoke-MySql $client $options @('-e', "CREATE DATABASE $quoted") | Out-Null }
        # mysql reads the file itself (source): a PowerShell pipe would re-encode the dump.
        try { Invoke-MySql $client $options @($Target, '-e', "source $($path.Replace('\', '/'))") | Out-Null }
        catch { throw "loading $($Dump.file) into $Target failed: $($_.Exception.Message)" }
        $Result.tables = (Get-MySqlSchema $client $options $Target)[1]
        if ($null -ne $Dump.tables -and $Result.tables -ne [int]$Dump.tables) {
            throw "database $Target was restored but holds $($Result.tables) table(s), the dump $($Dump.tables)"
        }
        $Result.action = 'restored'
    }
    finally { Remove-Item -LiteralPath $options -Force -ErrorAction SilentlyContinue }
}

function Invoke-Restore {
    $results = [System.Collections.Generic.List[object]]::new()
    foreach ($want in $Restore) {
        $engine = if ($want.engine) { ([string]$want.engine).ToLowerInvariant() } else { 'mariadb' }
        $name = [string]$want.name
        $target = if ($want.restore_as) { [string]$want.restore_as } else { $name }
        $result = [ordered]@{ engine = $engine; name = $name; target = $target; file = $null; existed = $null; action = 'failed'; tables = $null; error = $null }
        $results.Add($result)
        try {
            foreach ($checked in $name, $target) { if ($checked -notmatch '^[A-Za-z0-9_$-]{1,64}$') { throw "database name $checked is not allowed (letters, digits, _ `$ - only)" } }
            $dump = @($Dumps | Where-Object { $_.engine -eq $engine -and $_.database -eq $name }) | Select-Object -First 1
            if (-not $dump) { throw "the set holds no dump of $engine/$name for this site" }
            $result.file = $dump.file
            # The entry's own connection keys first, then those of the site's database entry.
            $own = @(@($Sites | Where-Object { $_.name -eq $Site }).databases | Where-Object { $_ -and $_.name -eq $name }) | Select-Object -First 1
            $db = @{}
            foreach ($key in 'host', 'port', 'user', 'bin_dir') { $db[$key] = if ($want.$key) { $want.$key } elseif ($own) { $own.$key } else { $null } }
            $password = Get-Password $Site $engine $name
            # Only a real true replaces ([bool]'false' would be true).
            $replace = $want.replace -is [bool] -and $want.replace
            if ($engine -eq 'sqlserver') { Restore-SqlServer $db $dump $name $target $replace $password $result }
            elseif ($engine -in 'mysql', 'mariadb') { Restore-MySql $db $dump $name $target $replace $password $result }
            else { throw "engine $engine is not supported on Windows hosts (sqlserver, mysql, mariadb)" }
        }
        catch { $result.error = $_.Exception.Message }
    }
    $changed = @($results | Where-Object { $_.action -eq 'restored' }).Count -gt 0
    $Ansible.Changed = $changed
    [ordered]@{
        collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'); computer = $env:COMPUTERNAME
        check_mode = [bool]$Ansible.CheckMode; changed = $changed; restores = $results
    } | ConvertTo-Json -Depth 5 -Compress
}

if ($Action -eq 'restore') { Invoke-Restore; return }
$Ansible.Changed = -not $Ansible.CheckMode
$used = @{}
foreach ($listed in $Sites) {
    foreach ($db in @($listed.databases)) {
        if (-not $db -or $Ansible.CheckMode) { continue }
        $engine = if ($db.engine) { ([string]$db.engine).ToLowerInvariant() } else { 'mariadb' }
        $name = [string]$db.name
        $entry = [ordered]@{ site = $listed.name; engine = $engine; name = $name; ok = $false; file = $null; error = $null }
        $entries.Add($entry)
        $partial = $null
        try {
            if ($name -notmatch '^[A-Za-z0-9_$-]{1,64}$') { throw 'the database name is not allowed (letters, digits, _ $ - only)' }
            if ($engine -notin 'sqlserver', 'mysql', 'mariadb') { throw "engine $engine is not supported on Windows hosts (sqlserver, mysql, mariadb)" }
            $ext = if ($engine -eq 'sqlserver') { 'bak' } else { 'sql' }
            $safeSite = $listed.name -replace '[^A-Za-z0-9._-]', '_'
            $file = "db-$safeSite-$name.$ext"
            if ($used.ContainsKey($file)) { $file = "db-$safeSite-$engine-$name.$ext" }
            $used[$file] = $true
            $final = Join-Path $dir $file
            $partial = "$final.partial"
            $password = Get-Password $listed.name $engine $name
            if ($engine -eq 'sqlserver') { $checked = Invoke-SqlServerBackup $db $name $partial $password }
            else { $checked = Invoke-MySqlDump $db $name $partial $password }
            Move-Item -LiteralPath $partial -Destination $final -Force
            $item = [ordered]@{ kind = 'database'; site = $listed.name; engine = $engine; database = $name; name = $file; path = $final
                sha256 = (Get-FileHash -Algorithm SHA256 -LiteralPath $final).Hash; bytes = (Get-Item -LiteralPath $final).Length }
            foreach ($key in $checked.Keys) { $item[$key] = $checked[$key] }
            $items.Add($item)
            $entry.ok = $true
            $entry.file = $file
        }
        catch { $entry.error = $_.Exception.Message }
        finally {
            # Never a half dump left behind under any name.
            if ($partial -and (Test-Path -LiteralPath $partial)) { Remove-Item -LiteralPath $partial -Force -ErrorAction SilentlyContinue }
        }
    }
}
[ordered]@{
    collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'); computer = $env:COMPUTERNAME; work_dir = $dir
    powershell_version = "$($PSVersionTable.PSVersion)"; tools = $tools; items = $items; databases = $entries; problems = $problems
} | ConvertTo-Json -Depth 6 -Compress
