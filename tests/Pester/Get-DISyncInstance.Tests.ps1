BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DISyncInstance -Expect @{

        1 = {
            # A FileId without -TaskType: the workspace catalogue (one ListFiles per context) tells it is a real-time task.
            $Actions | Should -Be @('ListFiles', 'GetDISyncInstanceInfo')
            $text = $Output | Out-String
            $text | Should -Match 'Name\s*:\s*rt_customers'
            $text | Should -Match 'Status\s*:\s*Run'
            $text | Should -Match 'Message\s*:\s*the instance is running'
        }
        2 = {
            $Actions | Should -Be @('ListFiles', 'GetDISyncInstanceInfo', 'GetDISyncInstanceInfo')
            $Output.Name | Should -Be @('rt_refunds')
            $Output.Status | Should -Be 'NoRun'
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

    $null = New-SuiteRealtimeTask -Name rt_customers -Start
    $null = New-SuiteRealtimeTask -Name rt_refunds -Deploy
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DISyncInstance' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
