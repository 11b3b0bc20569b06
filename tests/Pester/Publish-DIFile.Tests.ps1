BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Publish-DIFile -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'SubmitFile', 'DeployFile' }) | Should -Be @('SubmitFile', 'DeployFile')
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            $Output.FileId | Should -Be 500000001
        }
        2 = {
            $deployment.Status | Should -Be 'Succeeded'
            $Output[-1].FileName | Should -Be 'ods_orders_daily'
            $Output[-1].Committed | Should -BeTrue
            $Output[-1].Schedule.Cron | Should -Be '00 30 05 * * ?'
        }
        3 = {
            # GetFile and GetProject tell the kind of file and the workspace's mode.
            $Actions | Should -Be @('GetFile', 'GetProject', 'DeployFile', 'GetDeployment')
            $d.Status | Should -Be 'Pending'
            $Output.DeploymentId | Should -Be $d.DeploymentId
            $Output.FileId | Should -Be 500000002
        }
        4 = {
            $Actions | Should -Not -Contain 'GetFile' -Because '-TaskType Realtime saves the GetFile'
            $Actions[0] | Should -Be 'DeployDISyncTask'
            $Output.FileId | Should -Be 500000003
            $Output.Status | Should -Be 'Run'
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

    $null = New-SuiteBatchTask -Name ods_customers
    $null = New-SuiteBatchTask -Name ods_refunds -ProjectId 78837 -FolderPath 'Workflow/new_biz/Data Integration' -Submit
    $null = New-SuiteRealtimeTask -Name rt_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Publish-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
