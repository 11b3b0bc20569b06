BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Export-DITaskDefinition -Expect @{

        1 = {
            # dev holds the example's four tasks (BeforeAll); ./tasks did not exist: one file per task, where the task sits.
            @($Actions | Where-Object { $_ -match '^(Create|Update|Submit|Deploy|Delete)' }) | Should -BeNullOrEmpty -Because 'export only reads'
            $Output | Should -HaveCount 4
            $files = Get-ChildItem ./tasks -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath((Resolve-Path ./tasks).ProviderPath, $_.FullName) -replace '\\', '/' } | Sort-Object
            $files | Should -Be (@('Data Integration/ods/ods_users.json', 'Data Integration/ods_orders.json', 'Data Integration/ods_payments.json', 'Data Integration/ods_refunds.json') | Sort-Object)
            # Logical names: the stage's maps applied in reverse, the workspace's own outputs written with ${workspace}.
            $users = Get-Content -Raw './tasks/Data Integration/ods/ods_users.json'
            $users | Should -Match '"datasource": "src_mysql"'
            $users | Should -Match '"resourceGroup": "di_default"'
            $users | Should -Match '"resourceGroupIdentifier": "sched_default"'
            $users | Should -Match ([regex]::Escape('"${workspace}_root"'))
            $users | Should -Not -Match 'mysql_dev|sales_dev'
            $orders = Get-Content -Raw './tasks/Data Integration/ods_orders.json'
            $orders | Should -Match ([regex]::Escape('"${workspace}.ods_users"'))
            # The canonical form: LF line ends, one final newline, no BOM.
            $bytes = [IO.File]::ReadAllBytes((Resolve-Path './tasks/Data Integration/ods/ods_users.json'))
            $bytes[0] | Should -Be ([byte][char]'{')
            $bytes[-1] | Should -Be 10
            $bytes[-2] | Should -Not -Be 10
            $bytes | Where-Object { $_ -eq 13 } | Should -BeNullOrEmpty
            # What was exported plans as Unchanged against the workspace it came from.
            Compare-DITaskDefinition ./tasks ./stages/dev.json | Where-Object Action -ne Unchanged | Should -BeNullOrEmpty
        }
        2 = @{
            # A console edit of one task since the export.
            Given  = {
                $null = Get-DIFile -ProjectId 20000 -Name ods_orders | Set-DIFileSchedule -Cron '00 15 06 * * ?'
                $script:before = @{}
                Get-ChildItem ./tasks -Recurse -File | ForEach-Object { $script:before[$_.Name] = [IO.File]::ReadAllBytes($_.FullName) }
            }
            Expect = {
                $Output.Name | Sort-Object | Should -Be @('ods_orders', 'ods_payments', 'ods_refunds', 'ods_users')
                Get-Content -Raw './tasks/Data Integration/ods_orders.json' | Should -Match '"cron": "00 15 06 \* \* \?"'
                # Only that file changed.
                foreach ($f in Get-ChildItem ./tasks -Recurse -File | Where-Object Name -ne 'ods_orders.json') {
                    [IO.File]::ReadAllBytes($f.FullName) | Should -Be $before[$f.Name] -Because "$($f.Name) did not change in the workspace"
                }
                @($Actions | Where-Object { $_ -match '^(Create|Update|Submit|Deploy|Delete)' }) | Should -BeNullOrEmpty
            }
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
    # dev gets the example's tasks from ./source (the folder with the template); ./tasks is where the examples export to.
    Move-Item ./tasks ./source
    $applied = @(Sync-DITaskDefinition ./source ./stages/dev.json)
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Export-DITaskDefinition' {
    It 'dev was set up from the definitions' {
        $applied.Status | Should -Be @('Done', 'Done', 'Done', 'Done')
    }

    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'a folder that already has definitions' {
        It 'a file that differs is not overwritten without -Force: one error naming the file, the file kept' {
            $file = (Resolve-Path './tasks/Data Integration/ods_orders.json').ProviderPath
            $kept = [IO.File]::ReadAllBytes($file)
            $null = Get-DIFile -ProjectId 20000 -Name ods_orders | Set-DIFileSchedule -Cron '00 20 06 * * ?'
            $out = Export-DITaskDefinition ./tasks -Stage ./stages/dev.json -Name ods_orders -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.DefinitionFileExists*'
            $err[0].TargetObject | Should -Be $file
            [IO.File]::ReadAllBytes($file) | Should -Be $kept
        }

        It 'writes a task back to the file that defines it, wherever it sits, and never next to a template''s row' {
            Move-Item './source/Data Integration/ods/ods_users.json' ./source/users.json
            $files = @(Get-ChildItem ./source -Recurse -File).Count
            $out = Export-DITaskDefinition ./source -Stage ./stages/dev.json -Force -WarningVariable warned 3>$null
            $out.Name | Should -Be 'ods_users'
            $out.SourceFile | Should -Be (Join-Path (Resolve-Path ./source).ProviderPath 'users.json')
            @(Get-ChildItem ./source -Recurse -File).Count | Should -Be $files -Because 'no second file for a task the folder defines'
            $warned | Should -HaveCount 3
            ($warned -join "`n") | Should -Match 'comes from the template ods_tables.json \(row 1\)'
            Test-DITaskDefinition ./source -Stage ./stages/dev.json | Where-Object Severity -eq Error | Should -BeNullOrEmpty
        }

        It '-WhatIf writes no file' {
            Remove-Item './tasks/Data Integration/ods_payments.json'
            # The files already up to date are still reported; the missing one is only announced.
            $out = Export-DITaskDefinition ./tasks -Stage ./stages/dev.json -WhatIf -ErrorAction SilentlyContinue
            $out.Name | Should -Not -Contain 'ods_payments'
            Test-Path './tasks/Data Integration/ods_payments.json' | Should -BeFalse
        }
    }
}
