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
}
