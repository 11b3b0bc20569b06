BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DISyncTask -Expect @{

        1 = {
            # A FileId without -TaskType: the workspace catalogue (one ListFiles per context) tells it is a real-time task.
            $Actions | Should -Be @('ListFiles', 'GetDISyncTask')
            $Output | Should -Be @('orders')
        }
        2 = {
            $Actions | Should -Contain 'CreateDISyncTask'
            $Actions[-1] | Should -Be 'GetDISyncTask'
            $config.FileId | Should -Be $task.FileId
            $pretty = ($Output -join "`n") | ConvertFrom-Json
            $pretty.steps.stepType | Should -Be @('mysql', 'odps')
            $Output | Should -Match '\n  ' -Because 'the last line pretty-prints the configuration'
        }
        3 = {
            $Actions | Should -Be @('GetDISyncTask')
            $detail = $Output | ConvertFrom-Json
            $detail.Name | Should -Be 'sol_orders'
            $detail.Type | Should -Be 'MaxCompute'
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

    $null = New-SuiteRealtimeTask -Name rt_customers
    $null = New-SuiteRealtimeTask -Name sol_orders -TaskType Solution
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
