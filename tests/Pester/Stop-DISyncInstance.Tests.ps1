BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Stop-DISyncInstance -Expect @{

        1 = {
            $Output[0] | Should -Be 'Pause'
            $paused.FileId | Should -Be 500000001
            $Output[1].Status | Should -Be 'Run'
        }
        2 = {
            $Actions | Should -Not -Contain 'StopDISyncInstance'
            (Get-DISyncInstance -FileId 500000002).Status | Should -Be 'Run'
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
    $null = New-SuiteRealtimeTask -Name rt_orders -Start
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Stop-DISyncInstance' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
