<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester and the examples' *.Tests.ps1) with the pinned Pester, in this pwsh.
.DESCRIPTION
    build.ps1's Test task starts it in a fresh pwsh (dotnet pwsh -NoProfile -NonInteractive -File ...). It imports
    Pester from the NuGet global packages folder (restored by tests/Pester/DataWorksDI.PesterSuite.csproj), puts the
    built modules (out/) first on $env:PSModulePath, points the suite at the built emulator, runs every container,
    writes NUnit XML and a small JSON summary (passed, failed, skipped, notRun, failedBlocks, failedContainers) for
    build.ps1, and exits 0 only when nothing failed and at least one test ran.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -Path tests/Pester/Get-DIFile.Tests.ps1
#>
[CmdletBinding()]
param(
    [string] $PesterVersion = '6.2.0',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    # Containers to run (default: every *.Tests.ps1 under tests/Pester and examples).
    [string[]] $Path,
    # A file listing the containers to run, one path a line (how build.ps1 hands a share of them to each process).
    [string] $PathListFile,
    [string] $ResultDirectory,
    # A test name filter (Pester's -FullName, wildcards allowed).
    [string[]] $FullName
)

$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
if (-not $ResultDirectory) { $ResultDirectory = Join-Path $repo 'TestResults' }
$null = New-Item -ItemType Directory -Force -Path $ResultDirectory

$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}
$pesterManifest = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    throw "Pester $PesterVersion is not in the NuGet packages folder ($pesterManifest). Restore it: dotnet restore tests/Pester/DataWorksDI.PesterSuite.csproj -p:PesterVersion=$PesterVersion"
}
Import-Module $pesterManifest -RequiredVersion ($PesterVersion -replace '-.*$', '') -Force

# What a user has after installing: both modules importable by name; the emulator the suite and the kit start.
$env:PSModulePath = (Join-Path $repo 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
$env:DATAWORKSDI_MODULE = Join-Path $repo 'out/DataWorksDI'
$env:DATAWORKSDI_EMULATOR = Join-Path $repo "src/DataWorksDI.Emulator/bin/$Configuration/net10.0/DataWorksDI.Emulator.dll"
if (-not (Test-Path -LiteralPath $env:DATAWORKSDI_EMULATOR)) { throw "The emulator is not built: $env:DATAWORKSDI_EMULATOR (run ./build.ps1 -Task Build)." }

if ($PathListFile) { $Path = @(Get-Content -LiteralPath $PathListFile | Where-Object { $_ }) }
$config = New-PesterConfiguration
$config.Run.Path = if ($Path) { $Path } else { @((Join-Path $repo 'tests/Pester'), (Join-Path $repo 'examples')) }
$config.Run.PassThru = $true
if ($FullName) { $config.Filter.FullName = $FullName }
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'          # no colour codes in redirected logs
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultDirectory 'pester.xml'

Write-Host "Pester $((Get-Module Pester).Version) in PowerShell $($PSVersionTable.PSVersion)"
# The tests run with a user's default preferences, not this script's 'Stop'.
$ErrorActionPreference = 'Continue'
$result = Invoke-Pester -Configuration $config

$summary = [ordered]@{
    passed           = $result.PassedCount
    failed           = $result.FailedCount
    skipped          = $result.SkippedCount
    notRun           = $result.NotRunCount
    failedBlocks     = $result.FailedBlocksCount
    failedContainers = $result.FailedContainersCount
}
$summary | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $ResultDirectory 'pester-summary.json') -Encoding utf8
$bad = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($bad -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
