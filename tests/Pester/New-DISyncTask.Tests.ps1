BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase New-DISyncTask -Expect @{

        1 = @{
            Given  = { New-SuiteFolder -ProjectId 181565 -FolderPath 'Workflow/sales/Data_Integration' }
            Expect = {
                $Output[0].ProjectId | Should -Be 181565
                $Output[1].FileName | Should -Be 'ods_orders_daily'
                $Output[1].ProjectId | Should -Be 181565
                $Output[1].ResourceGroup | Should -Be 'S_res_group_280749521950784_1602767279794'
                $Actions | Should -Contain 'CreateDISyncTask'
                (Get-DIFile -FileId $Output[1].FileId).Content | Should -Be (Get-Content ./ods_orders_daily.json -Raw) -Because 'the JSON is sent as written'
            }
        }
        2 = @{
            Given  = { Get-DIFile -Name ods_orders_daily | Remove-DIFile -Confirm:$false }
            Expect = {
                $Output[-1].ToEnvironment | Should -Be 'Production'
                $Output[-1].Status | Should -Be 'Succeeded'
                @($Actions | Where-Object { $_ -in 'CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile' }) | Should -Be @('CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile')
                (Get-DIFile -FileId $Output[-1].FileId).Schedule.ParaValue | Should -Be 'bizdate=$bizdate'
            }
        }
        3 = @{
            Given  = { $null = New-SuiteBatchTask -Name ods_csv_refunds -ProjectId 181565 }
            Expect = {
                @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 2 -Because '-WhatIf sends nothing; the real run tries both rows'
                $Errors | Should -HaveCount 1
                $Errors[0].FullyQualifiedErrorId | Should -BeLike 'Invalid.DI.Parameter.File.Existed,*'
                $failed | Should -HaveCount 1
                $Output | Where-Object { $_ -is [string] } | Should -Be @('ods_csv_refunds')
                ($Output | Where-Object { $_ -isnot [string] }).FileName | Should -Be @('ods_csv_orders')
                ($Output | Where-Object { $_ -isnot [string] }).Cu | Should -Be 2
            }
        }
        4 = {
            $Output.Status | Should -Be 'Run'
            $Output.Name | Should -Be 'rt_orders'
            @($Actions | Where-Object { $_ -in 'GenerateDISyncTaskConfigForCreating', 'CreateDISyncTask', 'DeployDISyncTask', 'StartDISyncInstance' }) |
                Should -Be @('GenerateDISyncTaskConfigForCreating', 'CreateDISyncTask', 'DeployDISyncTask', 'StartDISyncInstance')
        }
        5 = @{
            Given  = { Get-DIFile -Name ods_orders_daily | Remove-DIFile -Confirm:$false | Out-Null }
            Expect = {
                $Output[-1].FileName | Should -Be 'ods_orders_daily'
                $Actions | Should -Contain 'CreateDISyncTask'
            }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    $sandbox = New-SuiteSandbox $emulator
    Enter-SuiteSandbox $sandbox
    Connect-Suite $emulator
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'New-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
