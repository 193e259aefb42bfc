#Requires -Version 5.1
# Sitekeeper, Windows web host: the certificates bound to IIS's https bindings, from the
# LocalMachine\My and LocalMachine\WebHosting stores, with Windows' own chain check (no revocation
# lookup: the host may have no internet). Read-only. The controller (sitekeeper.website.iis_site_info,
# view renewals) joins them to the bindings of applicationHost.config and judges them with the same
# check as every other TLS certificate.
#
# Writes ONE JSON text to the output (win_powershell's output[0]):
# {
#   "collected_at": "2026-12-04T02:00:00Z",
#   "computer": "WEB3",
#   "env": {"SystemDrive": "C:", "SystemRoot": "C:\\Windows"},
#   "config": "<text of applicationHost.config>",
#   "certificates": [{"store": "WebHosting", "thumbprint": "3F5C...", "subject": "CN=pa-contoh.go.id",
#                     "not_after": "2027-01-02T23:59:59Z", "has_private_key": true,
#                     "der_base64": "MIID...", "chain_valid": true, "chain_status": ""}],
#   "errors": []
# }
[CmdletBinding()]
param(
    [string]$ConfigPath = "$env:windir\System32\inetsrv\config\applicationHost.config"
)
$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false
$errors = [System.Collections.Generic.List[string]]::new()
$config = ''
try { $config = [IO.File]::ReadAllText($ConfigPath) }
catch { $errors.Add("applicationHost.config: $($_.Exception.Message)") }
# Only the certificates a binding names travel (a store may hold hundreds).
$bound = @([regex]::Matches($config, 'certificateHash="([0-9A-Fa-f ]+)"') | ForEach-Object { ($_.Groups[1].Value -replace ' ', '').ToUpper() })
$certs = @(foreach ($store in 'My', 'WebHosting') {
        try {
            Get-ChildItem -Path "Cert:\LocalMachine\$store" | Where-Object { $bound -contains $_.Thumbprint } | ForEach-Object {
                $chain = [System.Security.Cryptography.X509Certificates.X509Chain]::new()
                $chain.ChainPolicy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
                $valid = $chain.Build($_)
                [ordered]@{ store = $store; thumbprint = $_.Thumbprint; subject = $_.Subject
                    not_after = $_.NotAfter.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
                    has_private_key = $_.HasPrivateKey; der_base64 = [Convert]::ToBase64String($_.RawData)
                    chain_valid = $valid
                    chain_status = (@($chain.ChainStatus | ForEach-Object { $_.StatusInformation.Trim() }) -join '; ') }
                $chain.Dispose()
            }
        }
        catch { $errors.Add("store LocalMachine\${store}: $($_.Exception.Message)") }
    })
[ordered]@{
    collected_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
    computer = $env:COMPUTERNAME
    env = [ordered]@{ SystemDrive = $env:SystemDrive; SystemRoot = $env:SystemRoot }
    config = $config
    certificates = $certs
    errors = $errors
} | ConvertTo-Json -Depth 5 -Compress
