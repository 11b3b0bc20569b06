BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Remove-DIFile -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'DeleteFile', 'DeployFile' }) | Should -Be @('DeleteFile', 'DeployFile')
            $Output | Should -BeNullOrEmpty -Because 'without -PassThru Remove-DIFile writes nothing'
            (Get-DIFile -FileId 500000001).DeletedStatus | Should -Be 'DELETED'
        }
        2 = {
            $Actions | Should -Not -Contain 'DeleteFile'
            $Actions | Should -Not -Contain 'DeployFile'
            $Output | Should -BeNullOrEmpty
            (Get-DIFile -FileId 500000002).DeletedStatus | Should -Be 'NORMAL'
        }
        3 = @{
            # The person at the prompt answers Yes.
            Given  = { $ConfirmPreference = 'None' }
            Expect = {
                $Actions | Should -Contain 'DeleteFile'
                $Actions | Should -Not -Contain 'DeployFile'
                $Output | Should -Be @('Succeeded')
                $removal | Should -BeOfType DataWorksDI.Models.DIFileRemoval
                $removal.FileId | Should -Be 500000003
                $removal.Deployment.ToEnvironment | Should -Be 'Development'
                $removal.Deployment.Status | Should -Be 'Succeeded'
                $removal.InProduction | Should -BeFalse
                (Get-DIFile -FileId 500000003).DeletedStatus | Should -Be 'RECYCLE_BIN' -Because 'production keeps the task until the deletion is deployed'
            }
        }
        4 = {
            @($Actions | Where-Object { $_ -in 'TerminateDISyncInstance', 'DeleteDISyncTask', 'GetFile' }) | Should -Be @('TerminateDISyncInstance', 'DeleteDISyncTask')
            { Get-DIFile -FileId 500000004 -ErrorAction Stop } | Should -Throw -ErrorId 'Invalid.Tenant.FileNotExists,*'
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

    $null = New-SuiteBatchTask -Name ods_orders_daily -Publish
    $null = New-SuiteBatchTask -Name tmp_orders
    $null = New-SuiteBatchTask -Name ods_archive -Submit
    $null = New-SuiteRealtimeTask -Name rt_orders -Deploy
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Remove-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'deletion as DataWorks documents it, in both workspace modes' {
        It 'a file never submitted is deleted at once, with no deployment package' {
            $task = New-SuiteBatchTask -Name removal_never_submitted
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:records = @($task | Remove-DIFile -Confirm:$false -Verbose 4>&1)
                $script:after = @(Get-DIFile -FileId $task.FileId -ErrorAction SilentlyContinue -ErrorVariable gone)
                $script:gone = $gone
            }
            $streams = Split-Stream $records
            $streams.Output | Should -BeNullOrEmpty
            $streams.Verbose.Message | Where-Object { $_ -match 'never been submitted' } | Should -Not -BeNullOrEmpty
            @($calls.action) | Should -Be @('DeleteFile', 'GetFile')
            $after | Should -BeNullOrEmpty
            $gone | Should -HaveCount 1
            $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound' -Because 'the file is gone'
        }

        It 'standard mode, -Publish: the deletion package, then the deletion deployed to production' {
            $task = New-SuiteBatchTask -Name removal_standard_publish -Publish
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:removal = $task | Remove-DIFile -Publish -PollInterval 0.1 -Confirm:$false -PassThru }
            $removal | Should -BeOfType DataWorksDI.Models.DIFileRemoval
            $removal.Deployment.Kind | Should -Be 'Delete'
            $removal.Deployment.Status | Should -Be 'Succeeded'
            $removal.Deployment.ToEnvironment | Should -Be 'Production'
            $actions = @($calls.action)
            $actions[0] | Should -Be 'DeleteFile'
            @($actions | Where-Object { $_ -eq 'DeployFile' }) | Should -HaveCount 1
            [array]::IndexOf($actions, 'GetDeployment') | Should -BeLessThan ([array]::IndexOf($actions, 'DeployFile')) -Because 'DeployFile waits for the deletion package'
            [array]::IndexOf($actions, 'GetDeployment') | Should -BeGreaterThan 0
        }

        It 'standard mode, -Wait without -Publish: the deletion package in development, nothing deployed' {
            $task = New-SuiteBatchTask -Name removal_standard_wait -Publish
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:removal = $task | Remove-DIFile -Wait -PollInterval 0.1 -Confirm:$false -PassThru }
            $removal.Deployment.Kind | Should -Be 'Delete'
            $removal.Deployment.Status | Should -Be 'Succeeded'
            $removal.Deployment.ToEnvironment | Should -Not -Be 'Production'
            @($calls.action | Where-Object { $_ -eq 'DeleteFile' }) | Should -HaveCount 1
            $calls.action | Should -Not -Contain 'DeployFile'
        }

        It 'basic mode, -Publish: the deletion reaches production without DeployFile' {
            # Created, submitted and published in the basic workspace too: no DeployFile at any step.
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:task = New-SuiteBatchTask -Name removal_basic -ProjectId 10001 -FolderPath 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration' -Publish
                $script:removal = $task | Remove-DIFile -Publish -PollInterval 0.1 -Confirm:$false -PassThru
            }
            $task.ProjectId | Should -Be 10001
            $removal.Deployment.Kind | Should -Be 'Delete'
            $removal.Deployment.Status | Should -Be 'Succeeded'
            $calls.action | Should -Contain 'DeleteFile'
            $calls.action | Should -Not -Contain 'DeployFile'
        }
    }
}
