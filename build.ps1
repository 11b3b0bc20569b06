<#
.SYNOPSIS
    The one entry point for developers and CI: builds, tests, demonstrates and packages DataWorksDI.
.DESCRIPTION
    Run it with the repo's own pwsh (dotnet tool restore, then dotnet pwsh ./build.ps1 ...); it needs only the .NET SDK,
    plus Node.js and npm for the conformance suite. CI runs: dotnet pwsh ./build.ps1 -Task Build, Test, Package.
      Build    dotnet build: the module in out/DataWorksDI, DataWorksDI.TestKit in out/DataWorksDI.TestKit, the emulator.
      Test     every suite, each counted: xunit (dotnet test) and, at the same time, Pester in fresh pwsh processes with the pinned Pester
               (tests/Pester and examples/*.Tests.ps1), and the Node conformance suite (tests/Conformance). Ends with
               one line over all suites, "N passed, N failed, N skipped"; fails when a suite fails or runs no test.
      Demo     runs examples/01-batch-sync-lifecycle.ps1 against an in-process DataWorks emulator (src/DataWorksDI.Demo).
      Package  artifacts/: DataWorksDI-<version>.zip (the module), DataWorksDI.TestKit-<version>.zip, and the emulator
               as a .NET tool package (DataWorksDI.Emulator.<version>.nupkg, command dataworks-emulator); then installs
               that tool into a temporary tool path and runs examples/03-deploy-sync-tasks.Tests.ps1 with the zipped
               modules and the installed tool, as a user who never cloned the repo would.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build, Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -PesterVersion 5.7.1
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    # Build, Test, Demo, Package, in the order given.
    [Parameter(Position = 0)]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # The Pester the suite runs with: 6.2.0 is pinned; the suite also passes on 5.7.1.
    [string] $PesterVersion = '6.2.0',

    # How many pwsh processes share the Pester containers.
    [ValidateRange(1, 8)]
    [int] $PesterProcesses = 1,

    # "dotnet pwsh ./build.ps1 -Task Build, Test" runs the script with -File, which passes "Build," to -Task and
    # "Test" as an extra argument: the extra arguments are more tasks.
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $MoreTasks = @()
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

# Split on commas so the command reads the same from a shell (-File) and from pwsh.
$Task = @(@($Task) + @($MoreTasks) | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$unknown = @($Task | Where-Object { $_ -notin 'Build', 'Test', 'Demo', 'Package' })
if ($unknown) { throw "Unknown task(s): $($unknown -join ', '). The tasks are Build, Test, Demo and Package." }
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$results = Join-Path $PSScriptRoot 'TestResults'
$artifacts = Join-Path $PSScriptRoot 'artifacts'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $PSScriptRoot 'DataWorksDI.psd1')).ModuleVersion
}

function Invoke-XunitSuite {
    $dir = Join-Path $results 'xunit'
    Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    # Built by the Test task just before (and the Pester processes use that build while this runs): no rebuild here.
    & dotnet test DataWorksDI.sln -c $Configuration --no-build --logger trx --results-directory $dir | Out-Host
    $exit = $LASTEXITCODE
    $passed = 0; $failed = 0; $skipped = 0
    $failedTests = [System.Collections.Generic.List[string]]::new()
    foreach ($trx in Get-ChildItem -LiteralPath $dir -Filter *.trx -ErrorAction SilentlyContinue) {
        $run = ([xml] (Get-Content -LiteralPath $trx.FullName -Raw)).TestRun
        $counters = $run.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $skipped += [int] $counters.notExecuted
        # dotnet test's console output is long and a CI log may keep only its tail: name each failure again here.
        foreach ($result in @($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' }) {
            $message = "$($result.Output.ErrorInfo.Message)" -split "`n" | Select-Object -First 3
            $failedTests.Add("$($result.testName) [$($result.outcome), $($result.duration)]: $($message -join ' / ')")
        }
    }
    [pscustomobject]@{ Suite = 'xunit'; Passed = $passed; Failed = $failed; Skipped = $skipped; ExitCode = $exit; FailedTests = $failedTests }
}

function Start-PesterSuite {
    # The containers are shared out over -PesterProcesses fresh pwsh processes (nothing this session imported or
    # defined leaks into them), heaviest first: most of the suite's time is waiting on emulators, not CPU — which is also
    # why the Test task runs them while the xunit suites run (Complete-PesterSuite collects them).
    $containers = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'tests/Pester') -Filter *.Tests.ps1) +
        @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'examples') -Filter *.Tests.ps1) | Sort-Object Length -Descending
    $count = [Math]::Max(1, [Math]::Min($PesterProcesses, $containers.Count))
    $shares = @(for ($i = 0; $i -lt $count; $i++) { , [System.Collections.Generic.List[string]]::new() })
    $weights = @(0) * $count
    foreach ($c in $containers) {
        $lightest = 0
        for ($i = 1; $i -lt $count; $i++) { if ($weights[$i] -lt $weights[$lightest]) { $lightest = $i } }
        $shares[$lightest].Add($c.FullName)
        $weights[$lightest] += $c.Length
    }
    $runs = for ($i = 0; $i -lt $count; $i++) {
        $dir = Join-Path $results "pester-$i"
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path $dir
        $list = Join-Path $dir 'containers.txt'
        Set-Content -LiteralPath $list -Value $shares[$i] -Encoding utf8
        $log = Join-Path $dir 'pester.log'
        $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1'),
            '-PesterVersion', $PesterVersion, '-Configuration', $Configuration, '-PathListFile', $list, '-ResultDirectory', $dir) |
            ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
        $process = Start-Process -FilePath dotnet -ArgumentList ($arguments -join ' ') -NoNewWindow -PassThru `
            -RedirectStandardOutput $log -RedirectStandardError (Join-Path $dir 'pester.err.log')
        $null = $process.Handle   # keeps the handle, so ExitCode is still readable after the process ends
        [pscustomobject]@{ Directory = $dir; Log = $log; Process = $process }
    }
    , @($runs)
}

function Complete-PesterSuite {
    param([object[]] $Runs)
    $passed = 0; $failed = 0; $skipped = 0; $exit = 0
    foreach ($run in $Runs) {
        $run.Process.WaitForExit()
        Get-Content -LiteralPath $run.Log, (Join-Path $run.Directory 'pester.err.log') -ErrorAction SilentlyContinue | Out-Host
        if ($run.Process.ExitCode -ne 0) { $exit = $run.Process.ExitCode }
        $summaryPath = Join-Path $run.Directory 'pester-summary.json'
        if (Test-Path -LiteralPath $summaryPath) {
            $s = Get-Content -LiteralPath $summaryPath -Raw | ConvertFrom-Json
            # A failed BeforeAll/AfterAll or a container that could not be discovered is a failure too.
            $passed += [int] $s.passed
            $failed += [int] $s.failed + [int] $s.failedBlocks + [int] $s.failedContainers
            $skipped += [int] $s.skipped + [int] $s.notRun
        }
        else {
            $failed += 1
            if ($exit -eq 0) { $exit = 1 }
        }
    }
    [pscustomobject]@{ Suite = 'pester'; Passed = $passed; Failed = $failed; Skipped = $skipped; ExitCode = $exit }
}

function Invoke-ConformanceSuite {
    # The Node conformance suite: starts its own emulator from the built dll, prints TAP "# pass N" / "# fail N".
    $dir = Join-Path $PSScriptRoot 'tests/Conformance'
    $env:CONFIGURATION = $Configuration   # which build of the emulator the suite starts
    Push-Location -LiteralPath $dir
    try {
        & npm ci --no-audit --no-fund | Out-Host
        if ($LASTEXITCODE -ne 0) { return [pscustomobject]@{ Suite = 'conformance'; Passed = 0; Failed = 1; Skipped = 0; ExitCode = $LASTEXITCODE } }
        $lines = [System.Collections.Generic.List[string]]::new()
        & npm test 2>&1 | ForEach-Object { $text = "$_"; $lines.Add($text); Write-Host $text }
        $exit = $LASTEXITCODE
    }
    finally { Pop-Location }
    $count = { param($word) ($lines | Where-Object { $_ -match "^#\s*$word\s+(\d+)\s*$" } | ForEach-Object { [int] $Matches[1] } | Measure-Object -Sum).Sum }
    [pscustomobject]@{ Suite = 'conformance'; Passed = [int] (& $count 'pass'); Failed = [int] (& $count 'fail'); Skipped = [int] (& $count 'skip') + [int] (& $count 'todo'); ExitCode = $exit }
}

function Test-PackagedKit {
    # Installs the packed emulator as a .NET tool into a temporary tool path and runs the runbook example's Pester test
    # with the zipped modules on PSModulePath and the tool on PATH: the path of a user who never cloned this repo.
    param([string] $Version)
    $sandbox = Join-Path ([IO.Path]::GetTempPath()) ('dwdi-package-' + [Guid]::NewGuid().ToString('N'))
    try {
        $tools = Join-Path $sandbox 'tools'
        $modules = Join-Path $sandbox 'modules'
        Invoke-Dotnet tool install DataWorksDI.Emulator --version $Version --add-source $artifacts --tool-path $tools | Out-Host
        Expand-Archive -LiteralPath (Join-Path $artifacts "DataWorksDI-$Version.zip") -DestinationPath $modules
        Expand-Archive -LiteralPath (Join-Path $artifacts "DataWorksDI.TestKit-$Version.zip") -DestinationPath $modules
        $pester = Join-Path (Get-NuGetPackagesFolder) "pester/$PesterVersion/tools/Pester.psd1"
        $test = Join-Path $sandbox 'example'
        $null = New-Item -ItemType Directory -Path $test
        Copy-Item -Path (Join-Path $PSScriptRoot 'examples/03-deploy-sync-tasks*') -Destination $test
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$env:PATH = '$tools' + [IO.Path]::PathSeparator + `$env:PATH
Remove-Item Env:DATAWORKSDI_EMULATOR -ErrorAction SilentlyContinue
if ((Get-Command dataworks-emulator).Source -notlike '$tools*') { throw 'dataworks-emulator does not come from the temporary tool path' }
Import-Module '$pester'
`$c = New-PesterConfiguration
`$c.Run.Path = '$test'
`$c.Run.Exit = `$true
`$c.Output.RenderMode = 'Plaintext'
Invoke-Pester -Configuration `$c
"@
        $runner = Join-Path $sandbox 'run.ps1'
        Set-Content -LiteralPath $runner -Value $script -Encoding utf8
        & dotnet pwsh -NoProfile -NonInteractive -File $runner | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The packaged kit failed its test (exit code $LASTEXITCODE): see the Pester output above." }
        Write-Host 'Packaged kit verified: emulator installed with dotnet tool install from artifacts/, runbook test passed with the zipped modules.'
    }
    finally {
        Remove-Item -LiteralPath $sandbox -Recurse -Force -ErrorAction SilentlyContinue
    }
}

$countLine = $null
$failures = @()
foreach ($t in $Task) {
    switch ($t) {
        'Build' {
            Invoke-Dotnet build DataWorksDI.sln -c $Configuration
            Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/DataWorksDI')"
        }
        'Test' {
            $null = New-Item -ItemType Directory -Force -Path $results
            # One build, then the Pester processes and the xunit suites at the same time (both mostly wait on emulators),
            # then the Node conformance suite.
            Invoke-Dotnet build DataWorksDI.sln -c $Configuration | Out-Host
            $pester = Start-PesterSuite
            $xunit = Invoke-XunitSuite
            Write-Host 'xunit done; waiting for the Pester processes (their output follows).'
            $suites = @($xunit; Complete-PesterSuite -Runs $pester; Invoke-ConformanceSuite)
            Write-Host ''
            foreach ($s in $suites) {
                Write-Host ('  {0,-12} passed {1,5}   failed {2,4}   skipped {3,4}   exit code {4}' -f $s.Suite, $s.Passed, $s.Failed, $s.Skipped, $s.ExitCode)
                if ($s.ExitCode -ne 0 -or $s.Failed -gt 0) { $failures += "$($s.Suite) failed" }
                if ($s.Passed + $s.Failed -eq 0) { $failures += "$($s.Suite) ran no test" }
            }
            foreach ($name in @($suites | Where-Object { $_.PSObject.Properties['FailedTests'] } | ForEach-Object FailedTests)) {
                Write-Host "  FAILED $name"
            }
            $passed = ($suites | Measure-Object Passed -Sum).Sum
            $failed = ($suites | Measure-Object Failed -Sum).Sum
            $skipped = ($suites | Measure-Object Skipped -Sum).Sum
            if ($failures -and $failed -eq 0) { $failed = 1 }   # a suite that failed without a count still counts
            $countLine = "$passed passed, $failed failed, $skipped skipped"
            Write-Host $countLine
        }
        'Demo' {
            # The same program the README's main-job command runs: an in-process emulator plus the seed example.
            Invoke-Dotnet run --project src/DataWorksDI.Demo -c $Configuration
        }
        'Package' {
            $version = Get-ModuleVersion
            Invoke-Dotnet build src/DataWorksDI/DataWorksDI.csproj -c Release
            Invoke-Dotnet build src/DataWorksDI.TestKit/DataWorksDI.TestKit.csproj -c Release
            $null = New-Item -ItemType Directory -Path $artifacts -Force
            Get-ChildItem -LiteralPath $artifacts -Filter 'DataWorksDI*' | Remove-Item -Force
            Compress-Archive -Path (Join-Path $PSScriptRoot 'out/DataWorksDI') -DestinationPath (Join-Path $artifacts "DataWorksDI-$version.zip")
            Compress-Archive -Path (Join-Path $PSScriptRoot 'out/DataWorksDI.TestKit') -DestinationPath (Join-Path $artifacts "DataWorksDI.TestKit-$version.zip")
            Invoke-Dotnet pack src/DataWorksDI.Emulator/DataWorksDI.Emulator.csproj -c Release -o $artifacts
            Get-ChildItem -LiteralPath $artifacts | ForEach-Object { Write-Host "Packaged $($_.FullName)" }
            Test-PackagedKit -Version $version
        }
    }
}

if ($countLine) {
    # The last line, for CI to count: every suite's tests together.
    if ($failures) { Write-Host ('Failed: ' + ($failures -join '; ')) }
    Write-Host $countLine
    if ($failures) { exit 1 }
}
