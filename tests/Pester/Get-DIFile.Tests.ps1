BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIFile -Expect @{
        1 = {
            $Actions | Should -Be @('ListFiles', 'GetFile')
            $Output.Cron | Should -Match '^00 \d\d 00 \* \* \?$'
            $Output.CycleType | Should -Be 'DAY'
        }
        2 = {
            # GetProject: the workspace's default DI resource group, read once.
            $Actions | Should -Be @('GetProject', 'CreateDISyncTask', 'GetFile', 'CreateDISyncTask', 'GetFile')
            $Output.FileName | Should -Be @('ods_csv_orders', 'ods_csv_refunds')
            $Output.Committed | Should -Be @($false, $false)
        }
        3 = {
            $Actions | Should -Be @('GetFile')
            $Output | Should -HaveCount 5
            $Output | ForEach-Object { $_ | Should -BeOfType [datetime] }
        }
        4 = {
            $Actions | Should -Be @('ListFiles')
            $Output.FileName | Should -Be @('new_biz_orders')
            $Output.ProjectId | Should -Be @(78837)
            $Output.Content | Should -Be $BatchContent
        }
        5 = {
            $Actions | Should -Not -Contain 'UpdateFile'
            $Actions[0] | Should -Be 'ListFiles'
            $Output | Should -BeNullOrEmpty
            (Get-DIFile -FileId 500000003).Schedule.Stop | Should -Not -BeTrue
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
    $null = New-SuiteBatchTask -Name ods_orders_daily -FolderPath 'Business Flow/sales/Data Integration'
    $null = New-SuiteBatchTask -Name new_biz_orders -ProjectId 78837 -FolderPath 'Workflow/new_biz/Data Integration'
    $null = New-SuiteBatchTask -Name tmp_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
