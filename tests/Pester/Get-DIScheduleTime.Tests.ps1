BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIScheduleTime -Expect @{
        1 = {
            $Actions | Should -BeNullOrEmpty
            $Output | Should -Be @([datetime]'2026-11-24 00:05', [datetime]'2026-11-27 00:05', [datetime]'2026-12-01 00:05')
        }
        2 = {
            $Actions | Should -BeNullOrEmpty
            $Output | Should -BeNullOrEmpty
            @($Errors) + @($Thrown | Where-Object { $_ }) | Select-Object -First 1 -ExpandProperty FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidCron.DI.Cron.IntervalTooShort,*'
        }
        3 = {
            $Actions | Should -Be @('GetFile')
            $Output | Should -HaveCount 5
            $Output[1] - $Output[0] | Should -Be ([TimeSpan]::FromDays(1))
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
    $null = New-SuiteBatchTask -Name ods_orders_daily
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIScheduleTime' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
