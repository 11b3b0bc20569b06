# Pipelines between every pair of cmdlets that should compose: the object one writes binds to the next by property
# name, and the next acts on the same file, deployment or workspace (the calls it makes say so).
BeforeDiscovery {
    $pairs = @(
        # From New-DISyncTask (DISyncTask)
        @{ Pair = 'New-DISyncTask | Get-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.Committed | Should -BeFalse } }
        @{ Pair = 'New-DISyncTask | Set-DIFileSchedule'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Set-DIFileSchedule -Daily -At 06:15 }; Action = 'UpdateFile'; Expect = { $Result.Schedule.Cron | Should -Be '00 15 06 * * ?' } }
        @{ Pair = 'New-DISyncTask | Set-DISyncTask'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Set-DISyncTask -ResourceGroup S_res_group_XXX }; Action = 'UpdateDISyncTask'; Expect = { $Result.ResourceGroup | Should -Be 'S_res_group_XXX' } }
        @{ Pair = 'New-DISyncTask | Submit-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Submit-DIFile -Wait -PollInterval 0.2 }; Action = 'SubmitFile'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'New-DISyncTask | Remove-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Remove-DIFile -Confirm:$false }; Action = 'DeleteFile'; Expect = { } }
        @{ Pair = 'New-DISyncTask (real-time) | Get-DISyncTask'; Run = { New-DISyncTask -TaskType Realtime -Name (Get-UniqueName) -FolderPath $folder -Content $RealtimeRequest | Get-DISyncTask }; Action = 'GetDISyncTask'; Expect = { $Result.Tables | Should -Be @('orders') } }
        @{ Pair = 'New-DISyncTask (real-time) | Publish-DIFile'; Run = { New-DISyncTask -TaskType Realtime -Name (Get-UniqueName) -FolderPath $folder -Content $RealtimeRequest | Publish-DIFile }; Action = 'DeployDISyncTask'; Expect = { $Result.TaskType | Should -Be 'Realtime' } }
        # From Get-DIFile (DIFile)
        @{ Pair = 'Get-DIFile | Set-DIFileSchedule'; Run = { Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId | Set-DIFileSchedule -Hourly -Minute 5 }; Action = 'UpdateFile'; Expect = { $Result.Schedule.Cron | Should -Be '00 05 * * * ?' } }
        @{ Pair = 'Get-DIFile | Set-DISyncTask'; Run = { Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId | Set-DISyncTask -ResourceGroup S_res_group_XXX }; Action = 'UpdateDISyncTask'; Expect = { $Result.ResourceGroup | Should -Be 'S_res_group_XXX' } }
        @{ Pair = 'Get-DIFile | Submit-DIFile'; Run = { Get-DIFile -Name (New-SuiteBatchTask -Name (Get-UniqueName)).FileName | Submit-DIFile }; Action = 'SubmitFile'; Expect = { $Result.DeploymentId | Should -BeGreaterThan 0 } }
        @{ Pair = 'Get-DIFile | Publish-DIFile'; Run = { Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName) -Submit).FileId | Publish-DIFile -Wait -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Get-DIFile | Remove-DIFile'; Run = { Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId | Remove-DIFile -Confirm:$false }; Action = 'DeleteFile'; Expect = { } }
        @{ Pair = 'Get-DIFile | Get-DISyncTask'; Run = { Get-DIFile -FileId (New-SuiteRealtimeTask -Name (Get-UniqueName)).FileId | Get-DISyncTask }; Action = 'GetDISyncTask'; Expect = { $Result.TaskType | Should -Be 'Realtime' } }
        @{ Pair = 'Get-DIFile | Get-DISyncInstance'; Run = { Get-DIFile -FileId (New-SuiteRealtimeTask -Name (Get-UniqueName)).FileId | Get-DISyncInstance }; Action = 'GetDISyncInstanceInfo'; Expect = { $Result.Status | Should -Be 'NoRun' } }
        @{ Pair = 'Get-DIFile | Start-DISyncInstance'; Run = { Get-DIFile -FileId (New-SuiteRealtimeTask -Name (Get-UniqueName) -Deploy).FileId | Start-DISyncInstance -Wait }; Action = 'StartDISyncInstance'; Expect = { $Result.Status | Should -Be 'Run' } }
        @{ Pair = 'Get-DIFile | Stop-DISyncInstance'; Run = { Get-DIFile -FileId (New-SuiteRealtimeTask -Name (Get-UniqueName) -Start).FileId | Stop-DISyncInstance }; Action = 'StopDISyncInstance'; Expect = { $Result.Status | Should -Be 'Pause' } }
        @{ Pair = 'Get-DIFile | Unpublish-DISyncTask'; Run = { Get-DIFile -FileId (New-SuiteRealtimeTask -Name (Get-UniqueName) -Deploy).FileId | Unpublish-DISyncTask -Confirm:$false }; Action = 'TerminateDISyncInstance'; Expect = { $Result.Status | Should -Be 'NoRun' } }
        @{ Pair = 'Get-DIFile | Get-DIScheduleTime (Schedule)'; Run = { (Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId).Schedule | Get-DIScheduleTime -Count 2 }; Action = 'GetFile'; Expect = { $Result | Should -HaveCount 2 } }
        # From the deployment cmdlets (DIDeployment)
        @{ Pair = 'Submit-DIFile | Publish-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile -Wait -PollInterval 0.2 | Publish-DIFile -Wait -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Submit-DIFile | Wait-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Wait-DIDeployment -PollInterval 0.2 }; Action = 'GetDeployment'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'Submit-DIFile | Get-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Get-DIDeployment }; Action = 'GetDeployment'; Expect = { $Result.ToEnvironment | Should -Be 'Development' } }
        @{ Pair = 'Submit-DIFile | Get-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile -Wait -PollInterval 0.2 | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.Committed | Should -BeTrue } }
        @{ Pair = 'Publish-DIFile | Wait-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) -Submit | Publish-DIFile | Wait-DIDeployment -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Wait-DIDeployment | Publish-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Wait-DIDeployment -PollInterval 0.2 | Publish-DIFile -Wait -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Get-DIDeployment | Wait-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Get-DIDeployment | Wait-DIDeployment -PollInterval 0.2 }; Action = 'GetDeployment'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'Set-DIFileSchedule | Submit-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Set-DIFileSchedule -Daily -At 07:00 | Submit-DIFile -Wait -PollInterval 0.2 }; Action = 'SubmitFile'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'Set-DISyncTask | Submit-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Set-DISyncTask -ResourceGroup S_res_group_XXX | Submit-DIFile }; Action = 'SubmitFile'; Expect = { $Result.DeploymentId | Should -BeGreaterThan 0 } }
        # Real-time instances (DISyncInstance)
        @{ Pair = 'Publish-DIFile (real-time) | Start-DISyncInstance'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) | Publish-DIFile | Start-DISyncInstance -Wait }; Action = 'StartDISyncInstance'; Expect = { $Result.Status | Should -Be 'Run' } }
        @{ Pair = 'Start-DISyncInstance | Stop-DISyncInstance'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) -Deploy | Start-DISyncInstance -Wait | Stop-DISyncInstance }; Action = 'StopDISyncInstance'; Expect = { $Result.Status | Should -Be 'Pause' } }
        @{ Pair = 'Stop-DISyncInstance | Start-DISyncInstance'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) -Start | Stop-DISyncInstance | Start-DISyncInstance -Wait }; Action = 'StartDISyncInstance'; Expect = { $Result.Status | Should -Be 'Run' } }
        @{ Pair = 'Start-DISyncInstance | Get-DISyncInstance'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) -Deploy | Start-DISyncInstance | Get-DISyncInstance }; Action = 'GetDISyncInstanceInfo'; Expect = { $Result.Status | Should -BeIn 'Wait', 'Run' } }
        @{ Pair = 'Unpublish-DISyncTask | Remove-DIFile'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) -Start | Unpublish-DISyncTask -Confirm:$false | Remove-DIFile -Confirm:$false }; Action = 'DeleteDISyncTask'; Expect = { } }
        @{ Pair = 'Unpublish-DISyncTask | Publish-DIFile'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) -Deploy | Unpublish-DISyncTask -Confirm:$false | Publish-DIFile }; Action = 'DeployDISyncTask'; Expect = { } }
        @{ Pair = 'Get-DISyncTask | Set-DISyncTask'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) | Get-DISyncTask | Set-DISyncTask -Table orders, refunds }; Action = 'UpdateDISyncTask'; Expect = { } }
        # Workspaces
        @{ Pair = 'Get-DIWorkspace -List | Get-DIWorkspace'; Run = { Get-DIWorkspace -List | Where-Object ProjectId -eq 10001 | Get-DIWorkspace }; Action = 'GetProject'; Expect = { $Result.Mode | Should -Be 'Basic' } }
    )
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $folder = 'Workflow/sales/Data_Integration'
    $script:counter = 0
    function Get-UniqueName { $script:counter++; "pipe_task_$script:counter" }
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Pipelines between the cmdlets (New-DISyncTask, Get-DIFile, Set-DIFileSchedule, Set-DISyncTask, Submit-DIFile, Publish-DIFile, Wait-DIDeployment, Get-DIDeployment, Remove-DIFile, Get-DISyncTask, Get-DISyncInstance, Start-DISyncInstance, Stop-DISyncInstance, Unpublish-DISyncTask, Get-DIScheduleTime, Get-DIWorkspace)' {
    It '<Pair>' -ForEach $pairs {
        $mark = Get-RequestMark $emulator
        $Result = @(& $Run)
        $calls = @($emulator | Get-DIEmulatorRequest -Since $mark)
        if ($Pair -notlike '*Get-DIScheduleTime*') { $Result.Count | Should -BeLessOrEqual 1 -Because 'one object in, one out' }
        $calls.action | Should -Contain $Action
        $calls.action | Where-Object { $_ -eq 'ListFiles' } | Should -HaveCount ($(if ($Pair -like 'Get-DIFile | Submit-DIFile') { 1 } else { 0 })) -Because 'an object with an id never widens into a listing'
        # The acted-on id is the one created in this case: the last file the emulator created.
        $latest = (Get-DIFile -Keyword pipe_task_ -AnyType | Sort-Object FileId | Select-Object -Last 1)
        if ($Result -and $Result[0].PSObject.Properties['FileId'] -and $Pair -notlike '*Get-DIScheduleTime*' -and $Pair -notlike '*Workspace*') { $Result[0].FileId | Should -Be $latest.FileId }
        . $Expect
    }
}
