BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Connect-DIWorkspace -Expect @{
        1 = @{
            Given  = { Disconnect-DIWorkspace }
            Expect = {
                ($Debug.Message -join "`n") | Should -Match "profile 'default'"
                ($Debug.Message -join "`n") | Should -Not -Match 'DataWorksEmulatorDemoSecret'
                $Output[0].ProjectId | Should -Be 12345
                $Output[0].Region | Should -Be 'cn-hangzhou' -Because "the region is the profile's region_id"
                $Output[1].Identifier | Should -Be 'my_workspace'
                $Actions | Should -Be @('GetProject')
            }
        }
        2 = {
            $Output[-1] | Should -Match "profile 'deploy' \(RamRoleArn\)"
            $Output[-1] | Should -Not -Match 'DataWorksEmulatorDemoSecret'
        }
        3 = {
            $Output[0].Region | Should -Be 'cn-hangzhou'
            $Output[1].ProjectId | Should -Be 12345
            $Requests.accessKeyId | Should -Be @('LTAI5tExampleKeyId')
        }
        4 = {
            $Output.Region | Should -Be 'cn-shanghai'
            $Output.ProjectId | Should -Be 181565
            $Actions | Should -BeNullOrEmpty -Because 'connecting makes no call'
        }
        5 = {
            $Output.ProjectId | Should -Be 63845
            $Output.MaxAttempts | Should -Be 8
            $Output.AttemptTimeout | Should -Be ([TimeSpan]::FromSeconds(60))
            # The STS credential works: a call made with the context is signed with it and accepted.
            (Get-DIWorkspace -ProjectId 63845).ProjectId | Should -Be 63845
            $sts = Get-Content ./sts.json -Raw | ConvertFrom-Json
            (Get-DIEmulatorRequest -Emulator $emulator -Action GetProject | Select-Object -Last 1).accessKeyId | Should -Be $sts.AccessKeyId
        }
        6 = @{
            # The tasks: the sandbox's tasks.csv (Name, FolderPath, TaskContent), two tasks for workspace 12345.
            Given  = { $tasks = Import-Csv ./tasks.csv }
            Expect = {
                # Get-DIContext's counters, as shown (read before the checks below make calls of their own).
                $shown = $Output[-1]
                $shown | Should -BeOfType DataWorksDI.Session.DIContext
                $calls = $shown.Calls
                $view = $shown | Out-String -Width 80
                $ctx.Edition | Should -Be 'Basic'
                $ctx.MaxRequestsPerSecond | Should -Be 5
                $ctx.DailyCallBudget | Should -Be 100
                # Each task went through the whole lifecycle; the last objects are the production packages.
                $deployments = @($Output | Where-Object { $_ -is [DataWorksDI.Models.DIDeployment] })
                $deployments | Should -HaveCount 2
                $deployments.ToEnvironment | Should -Be @('Production', 'Production')
                $deployments.Status | Should -Be @('Succeeded', 'Succeeded')
                $files = $deployments | ForEach-Object { Get-DIFile -FileId $_.FileId }
                $files.FileName | Sort-Object | Should -Be @('ods_csv_orders', 'ods_csv_refunds')
                $files.Schedule.Cron | Should -Be @('00 30 05 * * ?', '00 30 05 * * ?')
                @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 2
                @($Actions | Where-Object { $_ -eq 'DeployFile' }) | Should -HaveCount 2
                # The runspaces shared the one pacer: never more than 5 calls in any second (the pacer spaces them 1.03 s
                # apart at sending; the emulator stamps their arrival, so 30 ms are left for delivery jitter).
                $times = @($Requests | ForEach-Object { [DateTimeOffset] $_.time } | Sort-Object)
                for ($i = 5; $i -lt $times.Count; $i++) { ($times[$i] - $times[$i - 5]).TotalSeconds | Should -BeGreaterOrEqual 0.97 }
                # Get-DIContext shows the calls and the budget; nothing was throttled or refused.
                $calls.CallsMade | Should -Be $Requests.Count -Because 'every call of the runspaces went through $ctx'
                $calls.Throttled | Should -Be 0
                $calls.RefusedByBudget | Should -Be 0
                $calls.DailyCallBudget | Should -Be 100
                $calls.CallsToday | Should -BeGreaterOrEqual $Requests.Count -Because 'the budget counts every call of the process with this key'
                $calls.CallsLeftToday | Should -Be (100 - $calls.CallsToday)
                $view | Should -Match 'Pacing\s+: 5/s adaptive, Basic edition'
                $view | Should -Match ('Calls\s+: {0} made, 0 throttled, 0 retried, 0 refused by budget' -f $Requests.Count)
                $view | Should -Match ('DailyCallBudget\s+: {0} of 100 spent, {1} left' -f $calls.CallsToday, $calls.CallsLeftToday)
            }
        }
        7 = {
            $Output.FileName | Should -Be @('ods_users')
            $Output.ProjectId | Should -Be @(181565)
            (Get-DIContext).ProjectId | Should -Be 12345 -Because 'the second connection is the session context'
            $emulator.ProjectId | Should -Be 181565
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    $sandbox = New-SuiteSandbox $emulator
    Enter-SuiteSandbox $sandbox
    Connect-Suite $emulator -ProjectId 181565
    $null = New-SuiteBatchTask -Name ods_users -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration'
    Connect-Suite $emulator
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Connect-DIWorkspace' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'pacing while the service throttles every call' {
        BeforeAll {
            $throttled = Start-SuiteEmulator -ArgumentList '--fault-throttle-ratio', '1'
            $connect = @{ Endpoint = $throttled.Endpoint; ProjectId = 10000; AccessKeyId = $throttled.AccessKeyId; AccessKeySecret = $throttled.AccessKeySecret; MaxRequestsPerSecond = 10; MaxThrottlingRetries = 3 }
        }
        AfterAll {
            $throttled | Stop-DIEmulator
            Connect-Suite $emulator
        }

        It 'slows down by default, and holds the rate with -FixedRate (the calls are retried either way)' {
            $adaptive = Connect-DIWorkspace @connect
            $adaptive.AdaptivePacing | Should -BeTrue
            $requests = $throttled | Get-DIEmulatorRequest -During { Get-DIWorkspace -ProjectId 10000 -Context $adaptive -ErrorAction SilentlyContinue }
            $requests.Count | Should -Be 4 -Because 'a throttled read is retried -MaxThrottlingRetries times'
            $adaptive.Calls.PacedRequestsPerSecond | Should -BeLessThan 10 -Because 'a throttled answer lowers the adaptive rate'

            $fixed = Connect-DIWorkspace @connect -FixedRate
            $fixed.AdaptivePacing | Should -BeFalse
            ($fixed | Format-List | Out-String) | Should -Match 'fixed'
            $requests = $throttled | Get-DIEmulatorRequest -During { Get-DIWorkspace -ProjectId 10000 -Context $fixed -ErrorAction SilentlyContinue -ErrorVariable failure }
            $requests.Count | Should -Be 4
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'Throttling*'
            $fixed.Calls.PacedRequestsPerSecond | Should -Be 10 -Because '-FixedRate holds the rate while throttled'
        }
    }

    Context 'pacing and the daily budget (issue 12)' {
        It 'an explicit rate and budget win over the edition; with no edition the defaults are 5/s and no budget' {
            $key = New-SuiteAccessKey $emulator
            $connect = @{ Endpoint = $emulator.Endpoint; ProjectId = 12345; AccessKeyId = $key.AccessKeyId; AccessKeySecret = $key.AccessKeySecret }
            try {
                $a = Connect-DIWorkspace @connect -Edition Enterprise -DailyCallBudget 500
                $b = Connect-DIWorkspace @connect -Edition Basic -MaxRequestsPerSecond 2.5
                $c = Connect-DIWorkspace @connect
            }
            finally { Connect-Suite $emulator }
            $a.MaxRequestsPerSecond | Should -Be 20
            $a.DailyCallBudget | Should -Be 500
            $b.MaxRequestsPerSecond | Should -Be 2.5
            $b.DailyCallBudget | Should -Be 100
            $c.MaxRequestsPerSecond | Should -Be 5
            $c.DailyCallBudget | Should -BeNullOrEmpty
            $c.Edition | Should -BeNullOrEmpty
            $c.MaxThrottlingRetries | Should -Be 10
        }

        It 'a budget of N calls stops the run before call N+1: one terminating error naming the file, what was done and the command to finish' {
            $key = New-SuiteAccessKey $emulator
            $connect = @{ Endpoint = $emulator.Endpoint; ProjectId = 10000; AccessKeyId = $key.AccessKeyId; AccessKeySecret = $key.AccessKeySecret }
            $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "budget_$_"; FolderPath = 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration'; ResourceGroup = 'S_res_group_280749521950784_1602767279794'; Content = $BatchContent } }
            try {
                $null = Connect-DIWorkspace @connect -DailyCallBudget 7
                # The catalogue's reads before the first create (ListFolders, ListResourceGroups, ListDataSources), then
                # CreateDISyncTask, GetFile, UpdateFile, SubmitFile = 7: the wait's first poll is call 8, refused.
                $calls = $emulator | Get-DIEmulatorRequest -During {
                    $script:caught = $null
                    $script:written = @(try {
                            $rows | New-DISyncTask | Set-DIFileSchedule -Daily -At 05:30 | Submit-DIFile -Wait -PollInterval 1 | Publish-DIFile -Wait -PollInterval 1
                        }
                        catch [DataWorksDI.Client.CallBudgetExhaustedException] { $script:caught = $_ })
                }
            }
            finally { Connect-Suite $emulator }
            # Terminating: a runbook's try/catch catches it (a non-terminating error would pass by), and nothing else is written.
            $written | Should -BeNullOrEmpty
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.CallBudgetExhausted*'
            $caught.Exception.Budget | Should -Be 7
            $caught.Exception.Spent | Should -Be 7
            @($calls.action) | Should -Be @('ListFolders', 'ListResourceGroups', 'ListDataSources', 'CreateDISyncTask', 'GetFile', 'UpdateFile', 'SubmitFile')
            $message = $caught.Exception.Message
            $message | Should -Match 'File \d+ in workspace 10000: submitted as deployment \d+, which had not finished\.'
            $message | Should -BeLike '*Nothing was sent for this call*'
            $message | Should -BeLike '*UTC+8*'
            $finish = [regex]::Match($message, 'finish with: (Wait-DIDeployment -ProjectId 10000 -DeploymentId \d+)\.').Groups[1].Value
            $finish | Should -Not -BeNullOrEmpty -Because "the message names the command to finish: $message"
            # Only the first item was started: no second task exists.
            @(Get-DIFile -ProjectId 10000 -Keyword budget_ | ForEach-Object FileName) | Should -Be @('budget_1')
            # With room in the budget (the next day in real life), the named command finishes the file.
            (& ([scriptblock]::Create($finish))).Status | Should -Be 'Succeeded'
        }
    }
}
