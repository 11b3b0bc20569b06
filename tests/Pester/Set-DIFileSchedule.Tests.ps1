BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Set-DIFileSchedule -Expect @{

        1 = {
            # One read and one write: the file returned is the one read with the change applied, not read again.
            $Actions | Should -Be @('GetFile', 'UpdateFile')
            $s = $Output.Schedule
            $s.Cron | Should -Be '00 30 05 * * ?'
            $s.CycleType | Should -Be 'Day'
            $s.RerunMode | Should -Be 'FailureAllowed'
            $s.AutoRerunTimes | Should -Be 3
            $s.AutoRerunInterval | Should -Be ([TimeSpan]::FromMinutes(2))
            $s.InputList | Should -Be @('dataworks_di_autotest_root')
        }
        2 = {
            $Output.Schedule.Cron | Should -Be '00 00/30 * * * ?'
            $Output.Schedule.CycleType | Should -Be 'NotDay'
            $Output.Schedule.ParaValue | Should -Be 'bizdate=$bizdate hour=$[hh24]'
            ($Verbose.Message -join "`n") | Should -Match 'ParaValue'
        }
        3 = {
            $s = $Output.Schedule
            $s.Cron | Should -Be '00 30 05 * * ?'
            $s.ParaValue | Should -Be 'x=a y=b z=c'
            $s.DependentType | Should -Be 'Self'
            $s.EndEffectDate | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(4155787800000).LocalDateTime)
            # Running the Set-DIFileSchedule step again sends nothing.
            $again = $emulator | Get-DIEmulatorRequest -During { Get-DIFile -FileId $Output.FileId | Set-DIFileSchedule @schedule }
            $again.action | Should -Not -Contain 'UpdateFile'
        }
        4 = {
            $Output[0].Schedule.Stop | Should -BeTrue
            $Output[1].Schedule.Stop | Should -BeFalse
            @($Actions | Where-Object { $_ -eq 'UpdateFile' }) | Should -HaveCount 2
        }
        5 = {
            $Output.Schedule.Cron | Should -Be @('00 30 05 * * ?', '00 00-59/10 8-17 * * ?', '00 05 00 * * 2,5', '00 00 23 L * ?')
            $Output.Schedule.CycleType | Should -Be @('Day', 'NotDay', 'Day', 'Day')
            ($Verbose.Message -join "`n") | Should -Match ([regex]::Escape('00 00-59/10 8-17 * * ?'))
            { Set-DIFileSchedule -FileId 500000002 -EveryMinutes 7 -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.InvalidSchedule*'
            { Set-DIFileSchedule -FileId 500000002 -Daily -At 00:01 -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.InvalidSchedule*'
        }
        6 = {
            $Output.FileName | Should -Be 'ods_orders_region'
            $Output.Schedule.ParaValue | Should -Be 'region=cn'
            $Output.Schedule.Cron | Should -Be '00 00 * * * ?'
            # A ParaValue that leaves ${region} unassigned is refused before any call.
            $refused = $emulator | Get-DIEmulatorRequest -During {
                { $task | Set-DIFileSchedule -ParaValue 'x=a' -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.UnassignedParameter.DI.Param.Unassigned,*'
            }
            $refused.action | Should -Not -Contain 'UpdateFile'
        }
        7 = @{
            Given  = {
                $null = New-SuiteBatchTask -Name ods_flow_orders -FolderPath 'Business Flow/sales/Data Integration'
                $null = New-SuiteBatchTask -Name ods_flow_refunds -FolderPath 'Business Flow/sales/Data Integration'
                Get-DIFile -Name ods_flow_refunds | Set-DIFileSchedule -Daily -At 04:15 | Out-Null
            }
            Expect = {
                $rows = @(Import-Csv schedules.csv)
                $rows.FileName | Sort-Object | Should -Be @('ods_flow_orders', 'ods_flow_refunds')
                ($rows | Where-Object FileName -eq ods_flow_refunds).Schedule | ConvertFrom-Json | ForEach-Object Cron | Should -Be '00 15 04 * * ?'
                # Rows left as they were: one GetFile each and no UpdateFile.
                $Actions | Should -Be @('ListFiles', 'GetFile', 'GetFile', 'GetFile', 'GetFile')
                $Output.FileName | Sort-Object | Should -Be @('ods_flow_orders', 'ods_flow_refunds')
                ($Output | Where-Object FileName -eq ods_flow_refunds).Schedule.Cron | Should -Be '00 15 04 * * ?'
                # An edited row: only the value that differs is sent, for that file only.
                $edited = Import-Csv schedules.csv | ForEach-Object {
                    if ($_.FileName -eq 'ods_flow_orders') { $s = $_.Schedule | ConvertFrom-Json; $s.Cron = '00 45 06 * * ?'; $_.Schedule = $s | ConvertTo-Json -Depth 5 -Compress }
                    $_
                }
                $edited | Export-Csv schedules.csv -NoTypeInformation
                $applied = $emulator | Get-DIEmulatorRequest -During { $script:after = @(Import-Csv schedules.csv | Set-DIFileSchedule) }
                $applied.action | Should -Be @('GetFile', 'UpdateFile', 'GetFile')
                ($applied | Where-Object action -eq UpdateFile).parameterNames | Should -Contain 'CronExpress'
                ($applied | Where-Object action -eq UpdateFile).parameterNames | Should -Not -Contain 'CycleType'
                ($after | Where-Object FileName -eq ods_flow_orders).Schedule.Cron | Should -Be '00 45 06 * * ?'
                ($after | Where-Object FileName -eq ods_flow_refunds).Schedule.Cron | Should -Be '00 15 04 * * ?'
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

    1..4 | ForEach-Object { $null = New-SuiteBatchTask -Name "ods_orders_$_" }
    $null = New-SuiteBatchTask -Name ods_orders_hourly
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Set-DIFileSchedule' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
