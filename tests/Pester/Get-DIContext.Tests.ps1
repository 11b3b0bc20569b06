BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIContext -Expect @{
        1 = { $Output | Should -Match '^http://127\.0\.0\.1:\d+/ workspace 12345 \(V3 signing, 4 attempts\)$' }
        2 = @{
            # A context whose daily budget has 5 calls left: what this process already spent on the key, plus 5.
            Given  = {
                $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 12345 -Credential (Get-DemoCredential) -DailyCallBudget ((Get-DIContext).Calls.CallsToday + 5)
            }
            Expect = {
                $Actions | Should -BeNullOrEmpty -Because 'the counters are read without a call'
                $Output | Should -HaveCount 1
                $text = $Output | Out-String -Width 80
                $text | Should -Match 'ProjectId\s+: 12345'
                $text | Should -Match 'Calls\s+: \d+ made, 0 throttled, 0 retried, 0 refused by budget'
                $text | Should -Match 'DailyCallBudget\s+: \d+ of \d+ spent, 5 left, resets \d{4}-\d\d-\d\d 00:00 UTC\+8'
                $calls.CallsLeftToday | Should -Be 5
                $Warnings | Should -HaveCount 1
                $Warnings[0].Message | Should -Be "Only 5 calls left until $($calls.BudgetResetsAt)"
                # Without a daily budget there is nothing to run out of: the same lines warn nothing.
                Connect-Suite $emulator
                $calls = (Get-DIContext).Calls
                $calls.DailyCallBudget | Should -BeNullOrEmpty
                $calls.CallsLeftToday | Should -BeNullOrEmpty
                ($calls.DailyCallBudget -and $calls.CallsLeftToday -lt 10) | Should -BeFalse -Because "the example's condition"
                ($calls.CallsLeftToday -lt 10) | Should -BeTrue -Because 'without the budget test, $null -lt 10 would warn'
            }
        }
        3 = @{
            Given  = { Disconnect-DIWorkspace }
            Expect = {
                $Output | Should -BeNullOrEmpty
                (Get-DIContext).ProjectId | Should -Be 12345 -Because 'with no context, the example connects'
            }
        }
        4 = @{
            Given  = { Connect-Suite $emulator -ProjectId 10000 }
            Expect = {
                $Output.ProjectId | Should -Be 10000 -Because 'the saved context still works'
                (Get-DIContext).ProjectId | Should -Be 181565
            }
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
    $prodCredential = Get-DemoCredential
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIContext' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'calls, pacing and the daily budget (issue 12)' {
        It 'the edition chooses the rate and budget; Get-DIContext shows calls and budget in 80 columns' {
            $key = New-SuiteAccessKey $emulator
            try {
                $ctx = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 12345 -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret -Edition Basic
                $before = (Get-DIContext).Calls
                $calls = $emulator | Get-DIEmulatorRequest -During { $null = Get-DIWorkspace -ProjectId 12345 }
                $after = (Get-DIContext).Calls
                $view = Get-DIContext | Out-String -Width 80
            }
            finally { Connect-Suite $emulator }
            $ctx.MaxRequestsPerSecond | Should -Be 5
            $ctx.DailyCallBudget | Should -Be 100
            "$($ctx.Edition)" | Should -Be 'Basic'
            $before.CallsLeftToday | Should -Be 100 -Because 'connecting makes no call'
            @($calls) | Should -HaveCount 1
            $after.CallsMade | Should -Be 1
            $after.CallsToday | Should -Be 1
            $after.CallsLeftToday | Should -Be 99
            $after.Throttled | Should -Be 0
            $after.BudgetResetsAt.ToOffset([timespan]::FromHours(8)).TimeOfDay | Should -Be ([timespan]::Zero) -Because 'the budget resets at midnight, UTC+8'

            $lines = @($view -split "`r?`n" | Where-Object { $_.Trim() })
            $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty -Because 'the view fits 80 columns'
            $lines | Where-Object { $_ -match '^Pacing\s+: 5/s adaptive, Basic edition$' } | Should -HaveCount 1
            $lines | Where-Object { $_ -match '^Calls\s+: 1 made, 0 throttled, 0 retried, 0 refused by budget$' } | Should -HaveCount 1 -Because 'Get-DIWorkspace made one call; showing the context makes none'
            $lines | Where-Object { $_ -match '^DailyCallBudget\s+: 1 of 100 spent, 99 left, resets \d{4}-\d\d-\d\d 00:00 UTC\+8$' } | Should -HaveCount 1
            $lines | Where-Object { $_ -like 'Endpoint*' -and $_ -like "*$(([Uri]$emulator.Endpoint).Authority)*" } | Should -HaveCount 1
        }
    }
}
