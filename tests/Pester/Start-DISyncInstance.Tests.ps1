BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Start-DISyncInstance -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'ListFiles', 'DeployDISyncTask', 'StartDISyncInstance' }) | Should -Be @('ListFiles', 'DeployDISyncTask', 'StartDISyncInstance')
            $Output.Name | Should -Be 'rt_orders'
            $Output.Status | Should -Be 'Run'
        }
        2 = {
            $Output.Status | Should -Be 'Run'
            $startParam = (Invoke-DIApi GetDISyncInstanceInfo @{ ProjectId = 12345; FileId = 500000002; TaskType = 'DI_REALTIME' }).Data.StartParam | ConvertFrom-Json
            $startParam.failoverLimit.count | Should -Be 10
            $startParam.failoverLimit.interval | Should -Be 30
            $startParam.errorLimit.record | Should -Be 0
            $startParam.ddlMarkMap.ADDCOLUMN | Should -Be 'NORMAL'
            $startParam.ddlMarkMap.DROPTABLE | Should -Be 'IGNORE'
            $startParam.ddlMarkMap.RENAMETABLE | Should -Be 'CRITICAL'
        }
        3 = {
            @($Actions | Where-Object { $_ -in 'StopDISyncInstance', 'StartDISyncInstance' }) | Should -Be @('StopDISyncInstance', 'StartDISyncInstance')
            $Output.Status | Should -Be 'Run'
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

    $null = New-SuiteRealtimeTask -Name rt_orders
    $null = New-SuiteRealtimeTask -Name rt_customers -Deploy
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Start-DISyncInstance' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
