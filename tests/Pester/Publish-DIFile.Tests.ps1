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

    Context 'calls per task (issue 17)' {
        It 'create, schedule, submit -Wait, publish -Wait spends at most 7 calls per task in a standard-mode workspace' {
            # A context of its own (a key of its own, a catalogue not read yet); the emulator finishes a deployment 300 ms
            # after it is made, within the 1 s poll interval.
            $key = New-SuiteAccessKey $emulator
            $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 12345 -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
            try {
                $tasks = 3
                $log = @($emulator | Get-DIEmulatorRequest -During {
                        $script:published = @(foreach ($i in 1..$tasks) {
                                New-DISyncTask -Name "calls_per_task_$i" -FolderPath 'Workflow/sales/Data_Integration' -ResourceGroup S_res_group_280749521950784_1602767279794 -Content $BatchContent -ErrorAction Stop |
                                    Set-DIFileSchedule -Daily -At 05:30 -InputList my_workspace_root -RerunMode FAILURE_ALLOWED -AutoRerunTimes 3 -ErrorAction Stop |
                                    Submit-DIFile -Wait -PollInterval 1 -ErrorAction Stop |
                                    Publish-DIFile -Wait -PollInterval 1 -ErrorAction Stop
                            })
                    })
            }
            finally { Connect-Suite $emulator }
            $published | Should -HaveCount $tasks
            $published.Status | Should -Be @('Succeeded', 'Succeeded', 'Succeeded')
            $calls = @($log | Where-Object accessKeyId -EQ $key.AccessKeyId | ForEach-Object action)
            $calls | Should -HaveCount $log.Count -Because 'only this context called the emulator meanwhile'

            # Before the first create, the context reads the workspace catalogue once (the folder, the resource group and
            # the data sources are checked before anything is sent); later tasks reuse it.
            $first = [array]::IndexOf($calls, 'CreateDISyncTask')
            $once = @(if ($first -gt 0) { $calls[0..($first - 1)] })
            $once.Count | Should -BeLessOrEqual 3 -Because "before the first create: $($once -join ', ')"
            $once | Where-Object { $_ -notlike 'List*' } | Should -BeNullOrEmpty
            $perTask = [System.Collections.Generic.List[object]]::new()
            foreach ($call in $calls[$first..($calls.Count - 1)]) {
                if ($call -eq 'CreateDISyncTask') { $perTask.Add([System.Collections.Generic.List[string]]::new()) }
                $perTask[$perTask.Count - 1].Add($call)
            }
            $perTask.Count | Should -Be $tasks
            foreach ($task in $perTask) {
                $task.Count | Should -BeLessOrEqual 7 -Because "calls for one task: $($task -join ', ')"
                $task[0..3] | Should -Be @('CreateDISyncTask', 'GetFile', 'UpdateFile', 'SubmitFile')
                @($task | Where-Object { $_ -eq 'DeployFile' }) | Should -HaveCount 1
            }
            ($calls.Count - $once.Count) | Should -BeLessOrEqual (7 * $tasks)
        }
    }
}
