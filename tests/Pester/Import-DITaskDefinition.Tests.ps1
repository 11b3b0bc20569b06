BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Import-DITaskDefinition -Expect @{

        1 = {
            $Actions | Should -BeNullOrEmpty -Because 'Import reads files only'
            # The table fits 80 columns: folders under the prod folderRoot, a row per task (the template's three and ods_users).
            $lines = $Output | Out-String -Width 80 -Stream | Where-Object { $_ }
            $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            $lines[0] | Should -Match '^FolderPath\s+Name\s+ResourceGroup$'
            $lines | Should -Contain 'Business Flow/sales_prod/Data Integration/ods ods_users    S_res_group_28074952…'
            foreach ($name in 'ods_orders', 'ods_payments', 'ods_refunds') { ($lines -join "`n") | Should -Match "Business Flow/sales_prod/Data Integration\s+$name\s" }
            # The objects behind the table: data sources renamed inside the content too.
            $prod = @(Import-DITaskDefinition -Path ./tasks -Stage ./stages/prod.json)
            $prod | Should -HaveCount 4
            $prod.ResourceGroup | Should -Be (@('S_res_group_280749521950784_1623033752022') * 4) -Because 'di_default maps to the prod DI resource group'
            ($prod | Where-Object Name -eq ods_users).Content | Should -Match '"datasource":\s*"mysql_prod"'
            ($prod | Where-Object Name -eq ods_users).Content | Should -Not -Match 'src_mysql'
            ($prod | Where-Object Name -eq ods_users).Description | Should -Be 'Daily copy of the users table (prod)'
        }
        2 = {
            $Output | Should -Be 3
            $Actions | Should -BeNullOrEmpty
            $rows = Import-DITaskDefinition -Path ./tasks | Where-Object TemplateRow | Sort-Object TemplateRow
            $rows.TemplateRow | Should -Be @(1, 2, 3)
            $rows.Name | Should -Be @('ods_orders', 'ods_payments', 'ods_refunds')
            $rows[2].Description | Should -Be 'Daily copy of refunds, owned by finance, returns' -Because 'a quoted CSV field keeps its comma'
            $rows.SourceFile | Should -Be (@('ods_tables.json') * 3)
        }
        3 = @{
            # The task exists in dev (applied in BeforeAll) and was changed in the console since.
            Given  = { $null = Get-DIFile -ProjectId 20000 -Name ods_users | Set-DIFileSchedule -Cron '00 45 07 * * ?' -InputList 'sales_dev_root', 'emulator_standard_root' }
            Expect = {
                $Actions | Should -Contain 'UpdateFile'
                $Output.FileName | Should -Be 'ods_users'
                $Output.Schedule.Cron | Should -Be '00 30 05 * * ?'
                $Output.Schedule.InputList | Should -Be @('sales_dev_root') -Because '${workspace} is the stage''s identifier'
                $schedule.ResourceGroupIdentifier | Should -Be 'default_group' -Because 'sched_default maps to the dev scheduling group'
                # The definition and the workspace's draft agree again: the plan only submits and deploys the edits, and
                # the splat again sends nothing.
                $plan = Compare-DITaskDefinition ./tasks ./stages/dev.json | Where-Object Name -eq ods_users
                $plan.Action | Should -Be Submit
                $plan.Steps | Should -Not -Match 'UpdateFile'
                $again = $emulator | Get-DIEmulatorRequest -During { $null = Get-DIFile -ProjectId 20000 -Name ods_users | Set-DIFileSchedule @schedule }
                $again.action | Should -Not -Contain 'UpdateFile'
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
    $applied = @(Sync-DITaskDefinition ./tasks ./stages/dev.json)
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Import-DITaskDefinition' {
    It 'the dev workspace was set up from the definitions' {
        $applied.Status | Should -Be @('Done', 'Done', 'Done', 'Done')
    }

    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'refusals' {
        It 'a folder with an error terminates with every finding and reads nothing' {
            Set-Content ./tasks/broken.json '{ "name": "x", "folder": "Data Integration", "nmae": 1 }'
            try {
                $calls = $emulator | Get-DIEmulatorRequest -During {
                    { Import-DITaskDefinition ./tasks -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.InvalidDefinition*'
                }
                $calls | Should -BeNullOrEmpty
            }
            finally { Remove-Item ./tasks/broken.json }
        }
    }
}
