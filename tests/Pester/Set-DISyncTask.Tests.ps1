BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Set-DISyncTask -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'UpdateDISyncTask', 'SubmitFile', 'DeployFile' }) | Should -Be @('UpdateDISyncTask', 'SubmitFile', 'DeployFile')
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            (Get-DIFile -FileId 500000001).Content | Should -Be $job
            $job | Should -Match '"table":\["orders_v2"\]'
        }
        2 = {
            $Actions | Should -Be @('ListFiles', 'UpdateDISyncTask')
            $Output.FileId | Should -Be @(500000001)
            $Output.ResourceGroup | Should -Be 'S_res_group_XXX_XXXX'
        }
        3 = {
            $Actions | Should -Be @('UpdateDISyncTask')
            $Output.FileId | Should -Be 500000002
            (Get-DIFile -FileId 500000002 -ProjectId 181565).Content | Should -Be (Get-Content ./ods_orders_daily.json -Raw)
        }
        4 = {
            $Output[0].FileId | Should -Be 500000003
            $Output[1..2] | Should -Be @('orders', 'refunds')
            @($Actions | Where-Object { $_ -in 'GenerateDISyncTaskConfigForUpdating', 'UpdateDISyncTask' }) | Should -Be @('GenerateDISyncTaskConfigForUpdating', 'UpdateDISyncTask')
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

    $null = New-SuiteBatchTask -Name ods_orders
    $null = New-SuiteBatchTask -Name ods_orders -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration'
    $null = New-SuiteRealtimeTask -Name rt_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Set-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
