BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Compare-DITaskDefinition -Expect @{

        1 = {
            # prod is in step except one changed task and one new one (BeforeAll).
            $Output | Should -HaveCount 2
            ($Output | Where-Object Name -eq ods_users).Action | Should -Be Change
            ($Output | Where-Object Name -eq ods_users).ChangeSummary | Should -Be 'description: Daily copy of the users table (prod) -> Users, daily (prod)'
            ($Output | Where-Object Name -eq ods_users).Steps | Should -Be 'UpdateFile, SubmitFile, DeployFile'
            ($Output | Where-Object Name -eq ods_new).Action | Should -Be Create
            $Actions | Should -Not -Contain 'UpdateFile' -Because 'a plan only reads'
            @($Actions | Where-Object { $_ -match '^(Create|Update|Submit|Deploy|Delete)' }) | Should -BeNullOrEmpty
            # The plan table at 80 columns: Action first, every line fits.
            $lines = $Output | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }
            $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            $lines[0] | Should -Match '^Action\s+Name\s+Folder\s+Calls\s+Drift\s+Steps'
            ($lines -join "`n") | Should -Match '(?m)^Change\s+ods_users\s'
        }
        2 = {
            $Output | Should -BeNullOrEmpty
            @($Actions | Where-Object { $_ -match '^(Create|Update|Submit|Deploy|Delete)' }) | Should -BeNullOrEmpty
            # The saved plan, reviewed: every task is there with what identifies it and its changes in one line.
            $saved = Get-Content -Raw plan.json | ConvertFrom-Json
            $saved | Should -HaveCount 5
            ($saved | Where-Object Name -eq ods_users).ChangeSummary | Should -Match '^description: '
            ($saved | Where-Object Name -eq ods_users).Changes[0].Path | Should -Be 'description'
            ($saved | Where-Object Name -eq ods_users).FolderPath | Should -Be 'Business Flow/sales_prod/Data Integration/ods'
            # The action travels as its name (an enum property would become a number), so the saved plan reads as it is.
            Get-Content -Raw plan.json | Should -Match '"Action":\s*"Change"'
            ($saved | Where-Object Name -eq ods_users).Action | Should -BeExactly 'Change'
            $pending = $saved | Where-Object Action -ne 'Unchanged'
            $pending.Name | Sort-Object | Should -Be @('ods_new', 'ods_users')
        }
        3 = {
            $Output | Should -HaveCount 1
            $Output.Name | Should -Be 'ods_new'
            $Output.Action | Should -Be Create
            $Output.Status | Should -Be Done
            @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 1
            # Only the piped task was applied: ods_users is still a Change.
            $after = Compare-DITaskDefinition ./tasks ./stages/prod.json | Where-Object Action -ne Unchanged
            $after.Name | Should -Be 'ods_users'
            $after.Action | Should -Be Change
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
    Connect-Suite $emulator -ProjectId 30000
    # prod has the example's four tasks; then the folder changes one description and defines a fifth task.
    $applied = @(Sync-DITaskDefinition ./tasks ./stages/prod.json)
    $users = './tasks/Data Integration/ods/ods_users.json'
    (Get-Content -Raw $users) -replace 'Daily copy of the users table', 'Users, daily' | Set-Content $users -NoNewline
    (Get-Content -Raw $users) -replace '"name": "ods_users"', '"name": "ods_new"' -replace '"table": "ods_users"', '"table": "ods_new"' -replace '"inputList": \[[^\]]*\]', '"inputList": ["${workspace}_root"]' |
        Set-Content './tasks/Data Integration/ods/ods_new.json' -NoNewline
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Compare-DITaskDefinition' {
    It 'prod was set up from the definitions' {
        $applied.Status | Should -Be @('Done', 'Done', 'Done', 'Done')
    }

    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'plans travel' {
        It 'through Export-Csv and Import-Csv, with the action as its name and the changes in one cell' {
            Compare-DITaskDefinition ./tasks ./stages/prod.json | Export-Csv -NoTypeInformation plan.csv
            $back = Import-Csv plan.csv
            $back | Should -HaveCount 5
            ($back | Where-Object Action -ne Unchanged).Name | Should -Be 'ods_users'
            ($back | Where-Object Name -eq ods_users).ChangeSummary | Should -Be 'description: Daily copy of the users table (prod) -> Users, daily (prod)'
            ($back | Where-Object Name -eq ods_users).ProjectId | Should -Be '30000'
        }
    }
}
