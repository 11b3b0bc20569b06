# Every powershell block of README.md runs as written, against the emulator (Connect-DIWorkspace redirected to it,
# Get-Credential answered with its demo key); then the examples/ scripts the README points to.
BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase -Markdown README.md -Expect @{
        1 = {
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            $file = Get-DIFile -FileId $Output.FileId
            $file.FileName | Should -Be 'ods_users'
            $file.Schedule.Cron | Should -Be '00 30 05 * * ?'
            $file.Schedule.InputList | Should -Be @('my_workspace_root')
            $file.Schedule.AutoRerunTimes | Should -Be 3
        }
        2 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                # Get-Command's cmdlets, then the about topic.
                ($Output | Select-Object -SkipLast 1).Name | Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'DataWorksDI.psd1')).CmdletsToExport
                "$($Output[-1])" | Should -Match '(?m)^\s*about_DataWorksDI\s*$'
            }
        }
        3 = {
            $Output[0].CredentialSource | Should -Match "profile 'default'"
            $Output[1].CredentialSource | Should -Match "profile 'prod'"
            $Output[2].CredentialSource | Should -Be 'the -Credential parameter'
            $Output[3].ProjectId | Should -Be 12345
            ($Output[4..($Output.Count - 1)] | Out-String) | Should -Match 'ods_users'
        }
        4 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                $Output[0].ProjectId | Should -Be 10000
                $Output | Should -HaveCount 3
                # examples/01 in workspace 181565 (standard mode): a production deployment that succeeded, then the file.
                $deployment = $Output[1]
                $deployment | Should -BeOfType DataWorksDI.Models.DIDeployment
                $deployment.ToEnvironment | Should -Be 'Production'
                $deployment.Status | Should -Be 'Succeeded'
                $deployment.Kind | Should -Be 'Deploy'
                $file = $Output[2]
                $file.FileId | Should -Be $deployment.FileId
                $file.FileName | Should -Be 'new_di_task_0607_1416'
                $file.ProjectId | Should -Be 181565
                $file.FileType | Should -Be ([int][DataWorksDI.Models.DIFileType]::BatchSync)
                $file.Committed | Should -BeTrue
                $file.Content | Should -BeExactly $SeedTaskContent -Because 'the seed document''s TaskContent is sent as written'
                # The seed document's schedule, exactly as set.
                $schedule = $file.Schedule
                $schedule.Cron | Should -Be '00 30 05 * * ?'
                $schedule.CycleType | Should -Be 'Day'
                $schedule.RerunMode | Should -Be 'FailureAllowed'
                $schedule.AutoRerunTimes | Should -Be 3
                $schedule.AutoRerunInterval | Should -Be ([timespan]::FromMinutes(2))
                $schedule.InputList | Should -Be @('dataworks_di_autotest_root')
                $schedule.DependentType | Should -Be 'Self'
                $schedule.SchedulerType | Should -Be 'Normal'
                $schedule.ParaValue | Should -Be 'x=a y=b z=c'
                $schedule.EndEffectDate | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(4155787800000).LocalDateTime)
                $schedule.Stop | Should -BeFalse
                # Before the first write only the workspace catalogue is read; one update, one submit, one deploy, and the
                # submit package polled to completion before DeployFile (DataWorks refuses to pack a file still being submitted).
                $Actions[0..3] | Should -Be @('ListFolders', 'ListResourceGroups', 'ListDataSources', 'CreateDISyncTask')
                foreach ($a in 'UpdateFile', 'SubmitFile', 'DeployFile') { @($Actions | Where-Object { $_ -eq $a }) | Should -HaveCount 1 -Because "one $a" }
                $submit = [array]::IndexOf($Actions, 'SubmitFile'); $deploy = [array]::IndexOf($Actions, 'DeployFile')
                $deploy | Should -BeGreaterThan $submit
                $Actions[($submit + 1)..($deploy - 1)] | Should -Contain 'GetDeployment'
            }
        }
        5 = @{
            # The example's tasks.csv: Name, FolderPath, ResourceGroup and Path (a JSON file), four tasks of workspace 12345.
            Given  = {
                $null = New-Item -ItemType Directory -Force -Path ./bulk
                $bulk = 1..4 | ForEach-Object {
                    $path = "./bulk/ods_many_$_.json"
                    Set-Content -LiteralPath $path -Value ($BatchContent -replace 'orders_v1', "orders_many_$_") -Encoding utf8
                    [pscustomobject]@{ Name = "ods_many_$_"; FolderPath = 'Business Flow/sales/Data Integration'; ResourceGroup = 'S_res_group_XXX'; Path = $path }
                }
                $bulk | Export-Csv ./tasks.csv -NoTypeInformation -Encoding utf8
            }
            Expect = {
                # Get-DIContext's counters first: the checks below make calls of their own with the session context ($ctx).
                $shown = $Output[-1]
                $shown | Should -BeOfType DataWorksDI.Session.DIContext
                $calls = $shown.Calls
                $view = $shown | Out-String -Width 80
                $calls.CallsMade | Should -Be $Requests.Count -Because 'every call of the runspaces went through $ctx'
                $calls.Throttled | Should -Be 0
                $calls.DailyCallBudget | Should -BeNullOrEmpty -Because 'Enterprise has no daily budget'
                $view | Should -Match 'Pacing\s+: 20/s adaptive, Enterprise edition'
                $view | Should -Match ('Calls\s+: {0} made, 0 throttled, 0 retried, 0 refused by budget' -f $Requests.Count)
                $view | Should -Match 'DailyCallBudget\s+: none'
                # Each task through the whole lifecycle, once; the other objects are the production packages.
                $packages = @($Output | Select-Object -SkipLast 1)
                $packages | Should -HaveCount 4
                $packages.ToEnvironment | Sort-Object -Unique | Should -Be 'Production'
                $packages.Status | Sort-Object -Unique | Should -Be 'Succeeded'
                foreach ($a in 'CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile') { @($Actions | Where-Object { $_ -eq $a }) | Should -HaveCount 4 -Because "one $a per task" }
                foreach ($row in $bulk) {
                    $file = Get-DIFile -Name $row.Name | Get-DIFile    # read by id: the listing has no content
                    $file.FolderPath | Should -Be $row.FolderPath
                    # The DI resource group is one of the file's properties, as committed (FilePropertyContent).
                    $versions = (Invoke-DIApi ListFileVersions @{ ProjectId = 12345; FileId = $file.FileId; PageNumber = 1; PageSize = 20 }).Data.FileVersions
                    ($versions[0].FilePropertyContent | ConvertFrom-Json).resourceGroup | Should -Be $row.ResourceGroup -Because 'ResourceGroup binds from the property'
                    $file.Content | Should -Be (Get-Content -Raw $row.Path) -Because 'Content binds from the property, sent as written'
                    $file.Schedule.Cron | Should -Be '00 30 05 * * ?'
                    $file.FileId | Should -BeIn $packages.FileId
                }
            }
        }
        6 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                $Output | Should -Be @('ListFiles')
                Test-Path $emulator.LogDirectory | Should -BeFalse -Because 'Stop-DIEmulator deleted its data'
            }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $suiteEmulator = Start-SuiteEmulator
    $sandbox = New-SuiteSandbox $suiteEmulator
    Enter-SuiteSandbox $sandbox
    Connect-Suite $suiteEmulator
    # The seed document's TaskContent, as examples/01-batch-sync-lifecycle.ps1 has it.
    $SeedTaskContent = [regex]::Match((Get-Content -Raw (Join-Path $RepoRoot 'examples/01-batch-sync-lifecycle.ps1')), "(?m)^\`$taskContent = '([^']+)'").Groups[1].Value
    $SeedTaskContent | Should -Match '^\{"type":"job"'
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $suiteEmulator | Stop-DIEmulator
}

Describe 'README.md' {
    Context 'examples, run as written' {
        BeforeAll { Set-CloudRedirect $suiteEmulator }
        It 'README example <Number> (<Title>)' -ForEach $examples { Invoke-ExampleCase $_ $suiteEmulator }

        It 'examples/01-batch-sync-lifecycle.ps1 in a basic workspace: SubmitFile reaches production, no DeployFile' {
            Push-Location $RepoRoot
            try {
                $calls = $suiteEmulator | Get-DIEmulatorRequest -During {
                    $script:out = @(./examples/01-batch-sync-lifecycle.ps1 -Endpoint $suiteEmulator.Endpoint -ProjectId 10001 -TaskName seed_in_basic -PollIntervalSec 0.2 -Verbose 4>&1)
                }
            }
            finally { Pop-Location }
            $streams = Split-Stream $out
            $streams.Output | Should -HaveCount 2
            $deployment, $file = $streams.Output
            $deployment.Kind | Should -Be 'Submit'
            $deployment.Status | Should -Be 'Succeeded'
            $deployment.ToEnvironment | Should -Be 'Production'
            $file.FileName | Should -Be 'seed_in_basic'
            $file.Committed | Should -BeTrue
            $calls.action | Should -Not -Contain 'DeployFile'
            $calls.action | Should -Contain 'GetProject' -Because 'the workspace mode is read before publishing'
            $streams.Verbose.Message | Where-Object { $_ -match 'basic mode' } | Should -Not -BeNullOrEmpty
        }

        It 'examples/02-remove-sync-task.ps1 with a typo in the name fails, and removes nothing' {
            $task = New-SuiteBatchTask -Name remove_typo_target -ProjectId 181565 -FolderPath 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration'
            Push-Location $RepoRoot
            try {
                $calls = $suiteEmulator | Get-DIEmulatorRequest -During {
                    $script:failure = @(try { ./examples/02-remove-sync-task.ps1 -Endpoint $suiteEmulator.Endpoint -TaskName remove_typo_targetz -PollIntervalSec 0.2 -Confirm:$false 2>&1 } catch { $_ })
                }
            }
            finally { Pop-Location; Connect-Suite $suiteEmulator }
            $errors = @($failure | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -Not -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.FileNotFound*'
            $calls.action | Should -Not -Contain 'DeleteFile'
            (Get-DIFile -FileId $task.FileId -ProjectId 181565).DeletedStatus | Should -Be 'NORMAL'
        }

        It 'examples/02-remove-sync-task.ps1 removes what examples/01 created, in development and production' {
            Push-Location $RepoRoot
            try { $out = ./examples/02-remove-sync-task.ps1 -Endpoint http://127.0.0.1:8787 -TaskName new_di_task_0607_1416 -PollIntervalSec 0.2 }
            finally { Pop-Location }
            # -PassThru: a DIFileRemoval whose Deployment is the last package, the deletion deployed to production.
            $out.Deployment.ToEnvironment | Should -Be 'Production'
            $out.Status | Should -Be 'Succeeded'
            $out.InProduction | Should -BeTrue
            (Get-DIFile -FileId $out.FileId -ProjectId 181565).DeletedStatus | Should -Be 'DELETED'
        }
    }
}
