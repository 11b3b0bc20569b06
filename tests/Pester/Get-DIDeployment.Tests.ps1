BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIDeployment -Expect @{
        1 = {
            $Actions | Should -Be @('SubmitFile', 'GetDeployment')
            $Output.DeploymentId | Should -Be $d.DeploymentId
            $Output.FileId | Should -Be 500000001
            $Output.Status | Should -BeIn @('Pending', 'Succeeded')
        }
        2 = {
            $Actions | Should -Be @('ListDeployments')
            $Output | Should -HaveCount 1
            $Output | Should -Match '^\d+ dev_only_task-.*: .*mysql_autotest_dev'
        }
        3 = {
            $Actions | Should -Be @('ListFiles', 'SubmitFile', 'GetDeployment')
            $Output.FileId | Should -Be @(500000001)
            $Output.ToEnvironment | Should -Be 'Development'
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
    $null = New-SuiteBatchTask -Name ods_orders_daily
    # A package that fails: its reader's data source has no production copy.
    $devOnly = $BatchContent -replace '"datasource":"dh_mysql"', '"datasource":"mysql_autotest_dev"'
    $null = New-SuiteBatchTask -Name dev_only_task -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration' -Content $devOnly -Submit
    $null = Publish-DIFile -FileId 500000002 -ProjectId 181565 -Wait -PollInterval 0.2 -ErrorAction SilentlyContinue
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIDeployment' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
