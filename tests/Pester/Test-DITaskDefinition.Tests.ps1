BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Test-DITaskDefinition -Expect @{

        1 = {
            # The example folder is clean for prod: no error, and nothing was asked of the workspace (offline).
            $Output | Should -BeNullOrEmpty
            $Actions | Should -BeNullOrEmpty
            # Without the filter the same line lists what is not an error, each with file, JSON path and fix.
            $all = @(Test-DITaskDefinition -Path ./tasks -Stage ./stages/prod.json)
            $all | Where-Object Severity -eq Error | Should -BeNullOrEmpty
        }
        2 = {
            # Clean folder: the CI job goes on.
            $Output | Should -BeNullOrEmpty
            $Actions | Should -BeNullOrEmpty
            # Run as a CI job runs it (its own pwsh, exit code): a broken definition fails it, a warning does not.
            $ci = { param($line) & $pwsh @pwshArgs -NoProfile -NonInteractive -Command "Import-Module '$module'; Set-Location -LiteralPath '$($sandbox.Work)'; $line; exit 0" *> $null; $LASTEXITCODE }
            & $ci $__case.Code | Should -Be 0
            Move-Item -LiteralPath './tasks/Data Integration/ods/ods_users.json' -Destination './tasks/ods_users.json'   # a PathMismatch warning
            try {
                & $ci $__case.Code | Should -Be 0 -Because 'warnings do not fail the job'
                (Get-Content -Raw ./tasks/ods_users.json) -replace '"cron": "00 30 05 \* \* \?"', '"cron": "every day"' | Set-Content ./tasks/ods_users.json
                & $ci $__case.Code | Should -Be 1 -Because 'an error fails the job'
            }
            finally { Copy-SuiteDefinitionExample $sandbox }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator -Workspace $DefinitionWorkspaces
    $sandbox = New-SuiteSandbox $emulator
    Enter-SuiteSandbox $sandbox
    Copy-SuiteDefinitionExample $sandbox
    Connect-Suite $emulator -ProjectId 20000
    $module = (Get-Module DataWorksDI).ModuleBase
    # This pwsh again: the host itself, or dotnet with pwsh.dll when pwsh runs as a .NET tool.
    $pwsh = [Environment]::ProcessPath
    $pwshArgs = @(if ((Split-Path $pwsh -Leaf) -match '^dotnet(\.exe)?$') { Join-Path $PSHOME 'pwsh.dll' })
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Test-DITaskDefinition' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'findings' {
        AfterEach { Copy-SuiteDefinitionExample $sandbox }

        It 'names the file, the task, the JSON path and the fix, and reads nothing' {
            $d = Get-Content -Raw './tasks/Data Integration/ods/ods_users.json' | ConvertFrom-Json
            $d.schedule.cron = '00 99 05 * * ?'
            $d | ConvertTo-Json -Depth 20 | Set-Content './tasks/Data Integration/ods/ods_users.json'
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:found = @(Test-DITaskDefinition ./tasks -Stage ./stages/dev.json | Where-Object Severity -eq Error) }
            $calls | Should -BeNullOrEmpty
            $found | Should -HaveCount 1
            $found[0].File | Should -Be 'Data Integration/ods/ods_users.json'
            $found[0].Task | Should -Be 'Business Flow/sales_dev/Data Integration/ods/ods_users'
            $found[0].Path | Should -Be '$.schedule.cron'
            $found[0].Fix | Should -Not -BeNullOrEmpty
        }

        It 'lists the findings in a table that fits 80 columns' {
            Set-Content ./tasks/broken.json '{ "name": "x", "folder": "Data Integration", "nmae": 1 }'
            $lines = Test-DITaskDefinition ./tasks | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }
            $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            ($lines -join "`n") | Should -Match 'Error\s+broken\.json\s+\$\.nmae\s'
        }

        It 'a dependency cycle is an error on the tasks of the cycle, before any call' {
            foreach ($pair in @('a', 'b'), @('b', 'a')) {
                $d = Get-Content -Raw './tasks/Data Integration/ods/ods_users.json' | ConvertFrom-Json
                $d.name = "cyc_$($pair[0])"
                $d.schedule.inputList = @("`${workspace}.cyc_$($pair[1])")
                $d | ConvertTo-Json -Depth 20 | Set-Content "./tasks/Data Integration/ods/cyc_$($pair[0]).json"
            }
            $cycle = @(Test-DITaskDefinition ./tasks -Stage ./stages/dev.json | Where-Object Code -eq DI.Definition.DependencyCycle)
            $cycle.Task | Should -Be @('Business Flow/sales_dev/Data Integration/ods/cyc_a', 'Business Flow/sales_dev/Data Integration/ods/cyc_b')
        }
    }
}
