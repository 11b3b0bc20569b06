BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Sync-DITaskDefinition -Expect @{

        1 = {
            # prod was empty: four tasks created, submitted and deployed, one result each.
            $Output | Should -HaveCount 4
            $Output.Status | Should -Be @('Done', 'Done', 'Done', 'Done')
            $Output.Action | Should -Be @('Create', 'Create', 'Create', 'Create')
            $Output | ForEach-Object { $_.FileId | Should -BeGreaterThan 0 }
            @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 4
            @($Actions | Where-Object { $_ -eq 'DeployFile' }) | Should -HaveCount 4
            # The table of results fits 80 columns, Status first.
            $lines = $Output | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }
            $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            $lines[0] | Should -Match '^Status\s+Action\s+Name\s+FileId\s+NextStep'
            # Converged: the plan after apply has nothing to do, and the results travel through CSV.
            Compare-DITaskDefinition ./tasks ./stages/prod.json | Where-Object Action -ne Unchanged | Should -BeNullOrEmpty
            $Output | Export-Csv -NoTypeInformation results.csv
            (Import-Csv results.csv | Where-Object Status -ne Done) | Should -BeNullOrEmpty
            (Import-Csv results.csv).FileId | Should -Be ([string[]] $Output.FileId)
            # And through ConvertTo-Json with the action and status as their names, not the numbers enums become.
            $json = $Output | ConvertTo-Json | ConvertFrom-Json
            $json.Status | Should -BeExactly @('Done', 'Done', 'Done', 'Done')
            $json.Action | Should -BeExactly @('Create', 'Create', 'Create', 'Create')
        }
        2 = @{
            Given  = { Edit-Description 'Users, daily' }
            Expect = {
                # Nothing written: reads only, and the changed task is reported as not done (Skipped).
                @($Actions | Where-Object { $_ -match '^(Create|Update|Submit|Deploy|Delete)' }) | Should -BeNullOrEmpty
                $changed = @($Output | Where-Object Action -ne Unchanged)
                $changed | Should -HaveCount 1
                $changed.Name | Should -Be 'ods_users'
                $changed.Action | Should -Be Change
                $changed.Status | Should -Be Skipped
                (Get-DIFile -ProjectId 30000 -Name ods_users -IncludeContent).Description | Should -Be 'Daily copy of the users table (prod)'
            }
        }
        3 = {
            # dev was empty; the whole apply needs fewer than 90 calls, so it finishes, and no more than 90 were made.
            $Output.Status | Should -Be @('Done', 'Done', 'Done', 'Done')
            $Requests.Count | Should -BeLessOrEqual 90
            ($Output | Measure-Object Calls -Sum).Sum | Should -BeLessOrEqual 90
        }
        4 = @{
            # A task under prod's folderRoot that no definition names (made and deployed by hand).
            Given  = { $script:stray = New-SuiteBatchTask -ProjectId 30000 -Name ods_stray -FolderPath 'Business Flow/sales_prod/Data Integration' -Content $prodContent -Publish }
            Expect = {
                $deleted = @($Output | Where-Object Action -eq Delete)
                $deleted | Should -HaveCount 1
                $deleted.Name | Should -Be 'ods_stray'
                $deleted.FileId | Should -Be $stray.FileId
                $deleted.Status | Should -Be Done
                $Actions | Should -Contain 'DeleteFile'
                # Gone: an exact name that matches no file is Get-DIFile's non-terminating FileNotFound (asserted, not left on the console).
                Get-DIFile -ProjectId 30000 -Name ods_stray -ErrorAction SilentlyContinue -ErrorVariable notFound | Should -BeNullOrEmpty
                $notFound.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.FileNotFound,*'
                # Everything the folder defines is still there (ods_users was changed in example 2's folder and is applied now).
                (Get-DIFile -ProjectId 30000 -FolderPath 'Business Flow/sales_prod' | Where-Object FileName -like 'ods_*').FileName | Sort-Object |
                    Should -Be @('ods_orders', 'ods_payments', 'ods_refunds', 'ods_users')
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
    Connect-Suite $emulator -ProjectId 30000
    $prodContent = $BatchContent -replace 'dh_mysql', 'mysql_prod' -replace 'odps_source', 'odps_prod'
    function Edit-Description([string] $text) {
        $users = './tasks/Data Integration/ods/ods_users.json'
        (Get-Content -Raw $users) -replace '"description": "[^"]*"', ('"description": "' + $text + ' (${env})"') | Set-Content $users -NoNewline
    }
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Sync-DITaskDefinition' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'a call budget' {
        It 'stops before the budget, leaves the rest Pending with one error, and a re-run finishes without duplicates' {
            Edit-Description 'Users, every day'
            (Get-Content -Raw ./tasks/tables.csv) -replace 'finance, returns', 'returns' | Set-Content ./tasks/tables.csv -NoNewline
            # The budget counts the plan's reads too: allow them and a few writes, not the whole apply.
            $reads = @($emulator | Get-DIEmulatorRequest -During { $null = Compare-DITaskDefinition ./tasks ./stages/prod.json }).Count
            $max = $reads + 4
            $before = Get-RequestMark $emulator
            $first = @(Sync-DITaskDefinition ./tasks ./stages/prod.json -MaxCalls $max -ErrorVariable stopped -ErrorAction SilentlyContinue)
            $spent = @($emulator | Get-DIEmulatorRequest -Since $before).Count
            $spent | Should -BeLessOrEqual $max
            $spent | Should -BeGreaterThan $reads -Because 'some writes fit in the budget'
            $stopped[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.CallLimitReached*'
            $stopped | Should -HaveCount 1
            @($first | Where-Object Status -eq Pending) | Should -Not -BeNullOrEmpty
            $second = @(Sync-DITaskDefinition ./tasks ./stages/prod.json)
            @($second | Where-Object Status -ne Done) | Should -BeNullOrEmpty
            Compare-DITaskDefinition ./tasks ./stages/prod.json | Where-Object Action -ne Unchanged | Should -BeNullOrEmpty
            @(Get-DIFile -ProjectId 30000 -FolderPath 'Business Flow/sales_prod' | Where-Object FileName -like 'ods_*') | Should -HaveCount 4
        }
    }
}
