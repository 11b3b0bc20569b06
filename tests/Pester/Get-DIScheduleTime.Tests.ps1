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

    Context 'previews' {
        It 'previews the next runs, and refuses an expression DataWorks would refuse' {
            Get-DIScheduleTime '00 05 00 * * 2,5' -From ([datetime]'2026-11-23T12:00:00') -Count 3 -TimeZone UTC |
                Should -Be @([datetime]'2026-11-24T00:05:00', [datetime]'2026-11-27T00:05:00', [datetime]'2026-12-01T00:05:00')
            { Get-DIScheduleTime '00 */2 * * * ?' -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.InvalidCron.DI.Cron.IntervalTooShort,*'
        }

        It 'reads a UTC -From as the moment it is, in the given zone' {
            # 16:00 UTC on the 23rd is 00:00 on the 24th in Shanghai, so the next 23:30 there is on the 24th.
            Get-DIScheduleTime '00 30 23 * * ?' -From ([datetime]::new(2026, 11, 23, 16, 0, 0, [DateTimeKind]::Utc)) -TimeZone 'Asia/Shanghai' -Count 1 |
                Should -Be ([datetime]'2026-11-24T23:30:00')
        }
    }
}
