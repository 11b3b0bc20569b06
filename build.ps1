<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the DataWorksDI module.
.DESCRIPTION
    A thin wrapper over the dotnet CLI for PowerShell users; CI and machines without pwsh use the same dotnet
    commands directly (see README.md).
      Build    dotnet build: lays out the importable module in out/DataWorksDI.
      Test     dotnet test: xunit tests that host the PowerShell engine and import out/DataWorksDI.
      Demo     runs examples/01-batch-sync-lifecycle.ps1 against an in-process DataWorks emulator (src/DataWorksDI.Demo).
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
            # The same program the README's main-job command runs: an in-process emulator plus the seed example.
            Invoke-Dotnet run --project src/DataWorksDI.Demo -c $Configuration
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
