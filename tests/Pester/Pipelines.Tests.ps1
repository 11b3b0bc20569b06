# Pipelines between every pair of cmdlets that should compose: the object one writes binds to the next by property
# name, and the next acts on the same file, deployment or workspace (the calls it makes say so).
BeforeDiscovery {
    $pairs = @(
        # From New-DISyncTask (DISyncTask)
        @{ Pair = 'New-DISyncTask | Get-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.Committed | Should -BeFalse; $Result.FolderPath | Should -Be $folder } }
        @{ Pair = 'New-DISyncTask | Set-DIFileSchedule'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Set-DIFileSchedule -Daily -At 06:15 }; Action = 'UpdateFile'; Expect = { $Result.Schedule.Cron | Should -Be '00 15 06 * * ?'; $Result.FolderPath | Should -Be $folder } }
        @{ Pair = 'New-DISyncTask | Set-DISyncTask'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Set-DISyncTask -ResourceGroup S_res_group_XXX }; Action = 'UpdateDISyncTask'; Expect = { $Result.ResourceGroup | Should -Be 'S_res_group_XXX'; $Result.FileName | Should -Be $latest.FileName; $Result.FolderPath | Should -Be $folder } }
        @{ Pair = 'New-DISyncTask | Submit-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Submit-DIFile -Wait -PollInterval 0.2 }; Action = 'SubmitFile'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'New-DISyncTask | Remove-DIFile'; Run = { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent | Remove-DIFile -Confirm:$false }; Action = 'DeleteFile'; Expect = { } }
        @{ Pair = 'Submit-DIFile | Remove-DIFile -PassThru | Get-DIFile (the recycle bin)'; Removed = $true; Run = { $script:removal = New-SuiteBatchTask -Name (Get-UniqueName) -Submit | Remove-DIFile -Confirm:$false -PassThru; $removal | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.FileId | Should -Be $removal.FileId; $removal.DeploymentId | Should -BeGreaterThan 0; $Result.DeletedStatus | Should -Be 'RECYCLE_BIN' } }
        @{ Pair = 'Remove-DIFile -PassThru | Wait-DIDeployment (DIFileRemoval)'; Removed = $true; Run = { $script:removal = New-SuiteBatchTask -Name (Get-UniqueName) -Submit | Remove-DIFile -Confirm:$false -PassThru; $removal | Wait-DIDeployment -PollInterval 0.2 }; Action = 'GetDeployment'; Expect = { $Result.DeploymentId | Should -Be $removal.DeploymentId; $Result.Status | Should -Be 'Succeeded'; $Result.Kind | Should -Be 'Delete' } }
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
        @{ Pair = 'Get-DIFile | Test-DISyncTaskContent'; Run = { Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId | Test-DISyncTaskContent }; Action = 'GetFile'; Expect = { $Result.IsValid | Should -BeTrue } }
        @{ Pair = 'Get-DIFile -Name (listed) | Get-DIFile (by id, with its schedule)'; Lists = 1; Run = { Get-DIFile -Name (New-SuiteBatchTask -Name (Get-UniqueName)).FileName | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.Schedule | Should -Not -BeNullOrEmpty; $Result.FileName | Should -Be $latest.FileName } }
        @{ Pair = 'Get-DIFile (Schedule) | Set-DIFileSchedule'; Run = { (Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId).Schedule | Set-DIFileSchedule -RerunMode AllDenied }; Action = 'UpdateFile'; Expect = { $Result.Schedule.RerunMode | Should -Be 'AllDenied' } }
        @{ Pair = 'Get-DIFile | Get-DIScheduleTime (Schedule)'; Run = { (Get-DIFile -FileId (New-SuiteBatchTask -Name (Get-UniqueName)).FileId).Schedule | Get-DIScheduleTime -Count 2 }; Action = 'GetFile'; Expect = { $Result | Should -HaveCount 2 } }
        # From the deployment cmdlets (DIDeployment)
        @{ Pair = 'Submit-DIFile | Publish-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile -Wait -PollInterval 0.2 | Publish-DIFile -Wait -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Submit-DIFile | Wait-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Wait-DIDeployment -PollInterval 0.2 }; Action = 'GetDeployment'; Expect = { $Result.Status | Should -Be 'Succeeded' } }
        @{ Pair = 'Submit-DIFile | Get-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Get-DIDeployment }; Action = 'GetDeployment'; Expect = { $Result.ToEnvironment | Should -Be 'Development' } }
        @{ Pair = 'Submit-DIFile | Get-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile -Wait -PollInterval 0.2 | Get-DIFile }; Action = 'GetFile'; Expect = { $Result.Committed | Should -BeTrue } }
        @{ Pair = 'Submit-DIFile | Get-DIDeployment | Get-DIFile (FileId and Kind kept)'; Run = { $script:deployment = New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Get-DIDeployment; $deployment | Get-DIFile }; Action = 'GetFile'; Expect = { $deployment.Kind | Should -Be 'Submit'; $deployment.FileId | Should -Be $Result.FileId } }
        @{ Pair = 'Get-DIDeployment -Keyword (listed) | Get-DIFile'; Run = { $script:deployment = Get-DIDeployment -Keyword (New-SuiteBatchTask -Name (Get-UniqueName) -Submit).FileName | Select-Object -First 1; $deployment | Get-DIFile }; Action = 'GetFile'; Expect = { $deployment.Kind | Should -Be 'Submit'; $deployment.FileId | Should -Be $Result.FileId; $Result.FileName | Should -Be $latest.FileName } }
        @{ Pair = 'Publish-DIFile | Wait-DIDeployment'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) -Submit | Publish-DIFile | Wait-DIDeployment -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production' } }
        @{ Pair = 'Wait-DIDeployment | Publish-DIFile'; Run = { New-SuiteBatchTask -Name (Get-UniqueName) | Submit-DIFile | Wait-DIDeployment -PollInterval 0.2 | Publish-DIFile -Wait -PollInterval 0.2 }; Action = 'DeployFile'; Expect = { $Result.ToEnvironment | Should -Be 'Production'; $Result.Kind | Should -Be 'Deploy' } }
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
        @{ Pair = 'Get-DISyncTask | Set-DISyncTask'; Run = { New-SuiteRealtimeTask -Name (Get-UniqueName) | Get-DISyncTask | Set-DISyncTask -Table orders, refunds }; Action = 'UpdateDISyncTask'; Expect = { $Result.FileName | Should -Be $latest.FileName } }
        # Workspaces
        @{ Pair = 'Get-DIWorkspace -List | Get-DIWorkspace'; Run = { $script:listed = Get-DIWorkspace -List | Where-Object ProjectId -eq 10001; $listed | Get-DIWorkspace }; Action = 'GetProject'; Expect = { $listed.Mode | Should -Be 'Basic' -Because 'the listed workspace carries its mode'; $Result.Mode | Should -Be 'Basic' } }
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
        $streams = Split-Stream @(& $Run 2>&1)
        $streams.Errors | Should -BeNullOrEmpty
        $Result = $streams.Output
        $calls = @($emulator | Get-DIEmulatorRequest -Since $mark)
        if ($Pair -notlike '*Get-DIScheduleTime*') { $Result.Count | Should -BeLessOrEqual 1 -Because 'one object in, one out' }
        $calls.action | Should -Contain $Action
        $calls.action | Where-Object { $_ -eq 'ListFiles' } | Should -HaveCount ($(if ($Pair -like 'Get-DIFile | Submit-DIFile' -or $Lists) { 1 } else { 0 })) -Because 'an object with an id never widens into a listing'
        # The acted-on id is the one created in this case: the last file the emulator created (a removed file is no longer
        # listed: those cases compare with the removal instead).
        $latest = (Get-DIFile -Keyword pipe_task_ -AnyType | Sort-Object FileId | Select-Object -Last 1)
        if ($Result -and $Result[0].PSObject.Properties['FileId'] -and $Pair -notlike '*Get-DIScheduleTime*' -and $Pair -notlike '*Workspace*' -and -not $Removed) { $Result[0].FileId | Should -Be $latest.FileId }
        . $Expect
    }

    It 'a real-time task''s whole life as one pipeline: create, publish, start (with its options), stop, terminate, remove' {
        $calls = @($emulator | Get-DIEmulatorRequest -During {
                $script:records = @(& {
                        $t = New-DISyncTask -TaskType Realtime -Name rt_whole_life -FolderPath $folder -ResourceGroup S_res_group_280749521950784_1602767279794 -Content $RealtimeRequest -PollInterval 0.1
                        $run = $t | Publish-DIFile | Start-DISyncInstance -Wait -PollInterval 0.1 -FailoverLimitCount 10 -FailoverLimitIntervalMinutes 30 -DirtyRecordLimit 0 -OnDropTable IGNORE -OnAddColumn NORMAL
                        $run
                        $paused = $run | Stop-DISyncInstance
                        $paused
                        $offline = $paused | Unpublish-DISyncTask -Confirm:$false
                        $offline
                        $offline | Remove-DIFile -Confirm:$false
                        $script:gone = @(Get-DIFile -FileId $t.FileId 2>&1)
                    } 2>&1)
            })
        $streams = Split-Stream $records
        $streams.Errors | Should -BeNullOrEmpty
        $streams.Output.Status | Should -Be @('Run', 'Pause', 'NoRun')
        $gone | Should -HaveCount 1
        $gone[0] | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $actions = @($calls.action)
        $positions = @('CreateDISyncTask', 'DeployDISyncTask', 'StartDISyncInstance', 'StopDISyncInstance', 'TerminateDISyncInstance', 'DeleteDISyncTask' | ForEach-Object { [array]::IndexOf($actions, $_) })
        $positions | Should -Not -Contain -1 -Because ($actions -join ',')
        $positions | Should -Be @($positions | Sort-Object) -Because 'each step acts after the one before'
        $actions | Should -Not -Contain 'DeployFile'
        $actions | Should -Not -Contain 'DeleteFile'
        ($calls | Where-Object action -EQ StartDISyncInstance).parameterNames | Should -Contain 'StartParam' -Because 'the start options were sent'
    }

    It 'batch tasks piped to Start-DISyncInstance are refused one by one (non-terminating), and nothing is started' {
        $calls = @($emulator | Get-DIEmulatorRequest -During {
                # A per-item refusal: each batch task gets its error and the pipeline goes on to the next.
                $script:started = @(1..2 | ForEach-Object { New-DISyncTask -Name (Get-UniqueName) -FolderPath $folder -Content $BatchContent } |
                        Start-DISyncInstance -ErrorAction SilentlyContinue -ErrorVariable script:refusals)
            })
        $started | Should -BeNullOrEmpty
        $refusals | Should -HaveCount 2 -Because 'the second task was still processed after the first was refused'
        $refusals | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.NotARealtimeTask,*' }
        $refusals[0].Exception.Message | Should -BeLike '*was given as a batch task*'
        $refusals[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refusals[0].TargetObject | Should -BeOfType [long]
        $calls.action | Should -Not -Contain 'StartDISyncInstance'
    }
}

Describe 'Pipeline binding is safe by construction (every cmdlet, every output type; issue 11 item 1)' {
    BeforeAll {
        # What PowerShell's binder did with one piped object, read from its own trace (Trace-Command ParameterBinding):
        # the parameters bound from the command line and from the object, and whether ProcessRecord was reached. The
        # parameter set is the one set that the bound parameters satisfy (all its mandatory ones, none from another set).
        # It runs in a runspace of its own: it has no context (a cmdlet that binds stops at once with NoContext, so
        # nothing is sent anywhere) and no host to prompt for a missing mandatory parameter (the binder refuses instead,
        # as in a script run with -NonInteractive). The trace is process-wide; the suite runs one test at a time.
        $probe = {
            param([string] $ModulePath)
            Import-Module $ModulePath -ErrorAction Stop
            function Get-Binding([string]$Command, $Variants) {
                $info = Get-Command $Command
                $extra = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
                if ($info.Parameters.ContainsKey('Confirm')) { $extra.Confirm = $false }
                $trace = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'dwdi-bind-' + [guid]::NewGuid().ToString('N') + '.txt')
                # One trace for every variant: each invocation starts with the binder's 'BIND NAMED cmd line args' line.
                $null = Trace-Command -Name ParameterBinding -FilePath $trace -Expression {
                    foreach ($name in $Variants.Keys) { try { $null = $Variants[$name] | & $Command @extra } catch { } }
                }
                $lines = [System.IO.File]::ReadAllLines($trace)
                [System.IO.File]::Delete($trace)
                $runs = [System.Collections.Generic.List[object]]::new()
                foreach ($line in $lines) {
                    $text = $line -replace '^ParameterBinding Information: 0 : ', ''
                    if ($text -match ('^BIND NAMED cmd line args \[' + [regex]::Escape($Command) + '\]')) {
                        $run = [pscustomobject]@{ Bound = [ordered]@{}; Reached = $false; InPipeline = $false }
                        $runs.Add($run)
                    }
                    if ($runs.Count -eq 0) { continue }
                    if ($text -match '^\s*RESTORING pipeline parameter') {
                        foreach ($k in @($run.Bound.Keys)) { if ($run.Bound[$k].FromPipeline) { $run.Bound.Remove($k) } }
                        $run.InPipeline = $true
                    }
                    if ($text -match '^\s*BIND arg \[(.*)\] to param \[(\w+)\] SUCCESSFUL$') {
                        $run.Bound[$Matches[2]] = [pscustomobject]@{ Value = $Matches[1]; FromPipeline = $run.InPipeline }
                    }
                    if ($text -match '^CALLING ProcessRecord') { $run.Reached = $true }
                }
                $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
                $i = 0
                foreach ($variant in $Variants.Keys) {
                    $run = $runs[$i++]
                    if (-not $run.Reached) { [pscustomobject]@{ Command = $Command; Variant = $variant; Outcome = 'refused by the binder' }; continue }
                    # A parameter bound to nothing (a typed object's null property, e.g. a file read without its Schedule) is the same as
                    # one not bound: the CSV form of the same object has an empty cell there, which binds nothing.
                    $names = @($run.Bound.Keys | Where-Object { $_ -notin $common -and "$($run.Bound[$_].Value)" -ne '' })
                    $sets = @($info.ParameterSets | Where-Object {
                        $set = $_
                        $inSet = @($set.Parameters | ForEach-Object Name)
                        (@($names | Where-Object { $_ -notin $inSet }).Count -eq 0) -and
                        (@($set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -notin $names }).Count -eq 0)
                    } | ForEach-Object Name | Sort-Object)
                    $values = @($names | Sort-Object | ForEach-Object {
                        # An [object] parameter holds the piped object itself (a typed object, or its CSV form): compare that it is bound.
                        if ($info.Parameters[$_].ParameterType -eq [object]) { "$_=(object)" } else { "$_=$($run.Bound[$_].Value)" }
                    })
                    [pscustomobject]@{ Command = $Command; Variant = $variant; Outcome = "sets=[$($sets -join ',')]; $($values -join '; ')" }
                }
            }

            # The same object typed, as Import-Csv gives it (every property a string), as ConvertFrom-Json gives it, and as
            # ConvertFrom-Json gives a JSON file whose values are all quoted.
            function Get-Variants($Typed) {
                $csv = $Typed | ConvertTo-Csv | ConvertFrom-Csv
                [ordered]@{
                    typed = $Typed
                    csv = $csv
                    json = $Typed | ConvertTo-Json -Depth 4 | ConvertFrom-Json
                    jsonStrings = $csv | ConvertTo-Json | ConvertFrom-Json
                }
            }
            $projectId = 181565; $folder = 'Business Flow/f/Data Integration'; $group = 'S_res_group_1'; $content = '{"type":"job"}'
            $samples = [ordered]@{
                BatchFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000101; FileName = 'ods_a'; FileType = 23; FolderPath = $folder; Content = $content }
                RealtimeFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000102; FileName = 'rt_a'; FileType = 900 }
                OtherFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000103; FileName = 'sql_a'; FileType = 10 }
                Deployment = [DataWorksDI.Models.DIDeployment]@{ ProjectId = $projectId; DeploymentId = 7001; FileId = 500000101; Kind = 'Submit'; Name = 'pkg' }
                ListedDeployment = [DataWorksDI.Models.DIDeployment]@{ ProjectId = $projectId; DeploymentId = 7002; FileId = 0; Name = 'pkg2' }
                BatchTask = [DataWorksDI.Models.DISyncTask]@{ ProjectId = $projectId; FileId = 500000101; FileName = 'ods_a'; TaskType = 'Batch'; FolderPath = $folder; ResourceGroup = $group }
                RealtimeTask = [DataWorksDI.Models.DISyncTask]@{ ProjectId = $projectId; FileId = 500000102; FileName = 'rt_a'; TaskType = 'Realtime'; FolderPath = $folder }
                Workspace = [DataWorksDI.Models.DIWorkspace]@{ ProjectId = $projectId; Identifier = 'ws'; Name = 'ws'; Mode = 'Standard' }
                Instance = [DataWorksDI.Models.DISyncInstance]@{ ProjectId = $projectId; FileId = 500000102; TaskType = 'Realtime'; Status = 'Run' }
                Schedule = [DataWorksDI.Models.DIFileSchedule]@{ Cron = '00 30 05 * * ?' }
            }
            foreach ($command in (Get-Module DataWorksDI).ExportedCmdlets.Keys | Sort-Object) {
                foreach ($sample in $samples.Keys) {
                    Get-Binding $command (Get-Variants $samples[$sample]) | Add-Member -NotePropertyName Sample -NotePropertyValue $sample -PassThru
                }
            }
        }
    }

    It 'the CSV and JSON forms of an object bind to the same set, with the same ids, as the typed object (or are refused as it is)' {
        $runner = [powershell]::Create()
        try {
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:outcomes = @($runner.AddScript($probe.ToString()).AddArgument((Get-Module DataWorksDI).Path).Invoke())
            }
            $runner.HadErrors | Should -BeFalse -Because "the probe itself runs cleanly: $($runner.Streams.Error | Select-Object -First 3)"
        }
        finally { $runner.Dispose() }
        $calls | Should -BeNullOrEmpty
        $manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'DataWorksDI.psd1')
        @($outcomes.Command | Sort-Object -Unique) | Should -Be @($manifest.CmdletsToExport | Sort-Object) -Because 'every exported cmdlet is probed'

        $mismatches = foreach ($group in ($outcomes | Group-Object Command, Sample)) {
            $typed = ($group.Group | Where-Object Variant -EQ typed).Outcome
            foreach ($other in $group.Group | Where-Object { $_.Variant -ne 'typed' -and $_.Outcome -ne $typed }) {
                "$($other.Command) <- $($other.Sample) ($($other.Variant)): $($other.Outcome)`n    typed: $typed"
            }
        }
        $mismatches | Should -BeNullOrEmpty

        # Spot checks that the probe reads the binder right: the by-id set from a typed file and from its CSV form.
        $getFile = $outcomes | Where-Object { $_.Command -eq 'Get-DIFile' -and $_.Sample -eq 'BatchFile' -and $_.Variant -eq 'csv' }
        $getFile.Outcome | Should -BeLike '*sets=`[ById`]*FileId=500000101*'
        $removeFile = $outcomes | Where-Object { $_.Command -eq 'Remove-DIFile' -and $_.Sample -eq 'BatchFile' -and $_.Variant -eq 'jsonStrings' }
        $removeFile.Outcome | Should -BeLike '*FileId=500000101*'
        $removeFile.Outcome | Should -BeLike '*TaskType=Batch*'
        # A listed package (FileId 0) and a workspace are refused by the by-id set, never taken as a listing.
        $outcomes | Where-Object { $_.Command -like 'Get-DI*' -and $_.Command -ne 'Get-DIWorkspace' -and $_.Sample -in 'Workspace', 'ListedDeployment' -and $_.Outcome -like '*sets=`[Query`]*' } | Should -BeNullOrEmpty
        $outcomes | Where-Object { $_.Command -in 'Get-DIDeployment', 'Get-DIFile', 'Get-DIWorkspace' -and $_.Outcome -like '*sets=`[List`]*' } | Should -BeNullOrEmpty
    }
}

Describe 'A record never widens into a listing' {
    It 'no Get-* returns more than the ids it was given: typed, CSV and JSON records, and records whose id does not bind' {
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $files = 1..3 | ForEach-Object { New-SuiteBatchTask -Name (Get-UniqueName) }
            $script:package = $files[0] | Submit-DIFile
            $script:given = @($files[0], $files[1])
            # Missing, empty, not a number, in scientific notation, zero, fractional, only a ProjectId, only names.
            $bad = @(
                [pscustomobject]@{ ProjectId = '12345' }
                [pscustomobject]@{ ProjectId = '12345'; FileId = '' }
                [pscustomobject]@{ ProjectId = '12345'; FileId = 'abc' }
                [pscustomobject]@{ ProjectId = '12345'; FileId = '5E+08' }
                [pscustomobject]@{ ProjectId = '12345'; FileId = '0'; DeploymentId = '0' }
                [pscustomobject]@{ ProjectId = '12345'; FileId = 5.5 }
                [pscustomobject]@{ Name = $files[2].FileName; FileName = $files[2].FileName }
            )
            $script:got = @{
                FileTyped     = @($given | Get-DIFile 2>$null | ForEach-Object FileId)
                FileCsv       = @($given | ConvertTo-Csv | ConvertFrom-Csv | Get-DIFile 2>$null | ForEach-Object FileId)
                FileJson      = @($given | ConvertTo-Json | ConvertFrom-Json | Get-DIFile 2>$null | ForEach-Object FileId)
                FileBad       = @($bad | Get-DIFile 2>$null)
                DeploymentCsv = @($package | ConvertTo-Csv | ConvertFrom-Csv | Get-DIDeployment 2>$null | ForEach-Object DeploymentId)
                DeploymentBad = @(@($bad) + @($files) | Get-DIDeployment 2>$null)
                WorkspaceCsv  = @([pscustomobject]@{ ProjectId = '12345' } | Get-DIWorkspace 2>$null | ForEach-Object ProjectId)
                WorkspaceBad  = @(@([pscustomobject]@{ ProjectId = '' }, [pscustomobject]@{ ProjectId = 'x' }, [pscustomobject]@{ Identifier = 'ws' }) | Get-DIWorkspace 2>$null)
                SyncTaskBad   = @($bad | Get-DISyncTask 2>$null)
                InstanceBad   = @($bad | Get-DISyncInstance 2>$null)
            }
        }
        $ids = @($given.FileId)
        $got.FileTyped | Should -Be $ids
        $got.FileCsv | Should -Be $ids
        $got.FileJson | Should -Be $ids
        $got.FileBad | Should -BeNullOrEmpty
        $got.DeploymentCsv | Should -Be @($package.DeploymentId)
        $got.DeploymentBad | Should -BeNullOrEmpty
        $got.WorkspaceCsv | Should -Be @(12345)
        $got.WorkspaceBad | Should -BeNullOrEmpty
        $got.SyncTaskBad | Should -BeNullOrEmpty
        $got.InstanceBad | Should -BeNullOrEmpty
        foreach ($listing in 'ListFiles', 'ListDeployments', 'ListProjects') { $calls.action | Should -Not -Contain $listing }
    }

    It 'a workspace or a file piped to Get-DIDeployment is refused by the binder for want of a DeploymentId, not listed' {
        # The listing set takes no pipeline input: a workspace (only a ProjectId) cannot select it.
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:fromWorkspace = @(Get-DIWorkspace -ProjectId 12345 | Get-DIDeployment -ErrorAction Continue 2>&1; 'after')
            $script:fromFile = @(New-SuiteBatchTask -Name (Get-UniqueName) | Get-DIFile | Get-DIDeployment -ErrorAction Continue 2>&1; 'after')
        }
        foreach ($records in $fromWorkspace, $fromFile) {
            $streams = Split-Stream $records
            $streams.Output | Should -Be @('after')
            $streams.Errors | Should -HaveCount 1
            $streams.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectMissingMandatory*'
            $streams.Errors[0].Exception.Message | Should -BeLike '*DeploymentId*'
        }
        $calls.action | Should -Not -Contain 'ListDeployments'
    }

    It 'Import-Csv | Get-DIFile | Remove-DIFile removes exactly the files listed in the CSV' {
        $files = 1..4 | ForEach-Object { New-SuiteBatchTask -Name (Get-UniqueName) }
        $csv = Join-Path $TestDrive 'to_delete.csv'
        $files[1], $files[3] | Select-Object FileId, ProjectId | Export-Csv -LiteralPath $csv -NoTypeInformation
        $calls = $emulator | Get-DIEmulatorRequest -During { Import-Csv -LiteralPath $csv | Get-DIFile | Remove-DIFile -Confirm:$false }
        @($calls.action | Where-Object { $_ -eq 'DeleteFile' }) | Should -HaveCount 2
        $calls.action | Should -Not -Contain 'ListFiles'
        $files | ForEach-Object { [bool](Get-DIFile -FileId $_.FileId -ErrorAction SilentlyContinue) } | Should -Be @($true, $false, $true, $false)
    }
}
