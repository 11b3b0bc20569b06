<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the DataWorksDI module.
.DESCRIPTION
    A thin wrapper over the dotnet CLI for PowerShell users; CI and machines without pwsh use the same dotnet
    commands directly (see README.md).
      Build    dotnet build: lays out the importable module in out/DataWorksDI.
      Test     dotnet test: xunit tests that host the PowerShell engine and import out/DataWorksDI.
      Demo     starts the local DataWorks emulator and runs examples/01-batch-sync-lifecycle.ps1 against it.
      Package  zips out/DataWorksDI into artifacts/DataWorksDI-<version>.zip.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' {
            Invoke-Dotnet build DataWorksDI.sln -c $Configuration
            Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/DataWorksDI')"
        }
        'Test' {
            Invoke-Dotnet test DataWorksDI.sln -c $Configuration
        }
        'Demo' {
            Invoke-Dotnet build DataWorksDI.sln -c $Configuration
            $emulatorDll = Join-Path $PSScriptRoot "src/DataWorksDI.Emulator/bin/$Configuration/net10.0/DataWorksDI.Emulator.dll"
            $dataDir = Join-Path ([IO.Path]::GetTempPath()) "dataworks-emulator-demo-$PID"
            $out = Join-Path $dataDir 'stdout.txt'
            New-Item -ItemType Directory -Path $dataDir -Force | Out-Null
            $emulator = Start-Process -FilePath dotnet -ArgumentList @($emulatorDll, '--urls', 'http://127.0.0.1:0', '--data-dir', $dataDir) -RedirectStandardOutput $out -PassThru -NoNewWindow
            try {
                $deadline = (Get-Date).AddSeconds(30)
                $url = $null
                while (-not $url -and (Get-Date) -lt $deadline) {
                    Start-Sleep -Milliseconds 200
                    if (Test-Path $out) { $url = (Get-Content $out -Raw) -replace '(?s)^.*?(http://127\.0\.0\.1:\d+).*$', '$1' }
                    if ($url -notlike 'http://*') { $url = $null }
                }
                if (-not $url) { throw 'The emulator did not start within 30 seconds.' }
                & (Join-Path $PSScriptRoot 'examples/01-batch-sync-lifecycle.ps1') -Endpoint $url
            }
            finally {
                Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue
            }
        }
        'Package' {
            Invoke-Dotnet build src/DataWorksDI/DataWorksDI.csproj -c Release
            $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'out/DataWorksDI/DataWorksDI.psd1')
            New-Item -ItemType Directory -Path (Join-Path $PSScriptRoot 'artifacts') -Force | Out-Null
            $zip = Join-Path $PSScriptRoot "artifacts/DataWorksDI-$($manifest.ModuleVersion).zip"
            Compress-Archive -Path (Join-Path $PSScriptRoot 'out/DataWorksDI') -DestinationPath $zip -Force
            Write-Host "Packaged $zip"
        }
    }
}
