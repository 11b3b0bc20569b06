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
}
