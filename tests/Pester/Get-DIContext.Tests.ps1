BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIContext -Expect @{
        1 = { $Output | Should -Match '^http://127\.0\.0\.1:\d+/ workspace 12345 \(V3 signing, 4 attempts\)$' }
        2 = @{
            Given  = { Disconnect-DIWorkspace }
            Expect = {
                $Output | Should -BeNullOrEmpty
                (Get-DIContext).ProjectId | Should -Be 12345 -Because 'with no context, the example connects'
            }
        }
        3 = @{
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
