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

    Context 'what is sent, and how values are spelled' {
        It 'setting the same values again succeeds with no UpdateFile, and says so' {
            $set = { $input | Set-DIFileSchedule -Cron '00 00/10 * * * ?' -CycleType NOT_DAY -RerunMode ALL_DENIED -AutoRerunTimes 2 -AutoRerunInterval 5 -InputList my_workspace_root -Parameter @{ region = 'cn'; day = '$bizdate' } -Verbose 4>&1 }
            $task = New-SuiteBatchTask -Name schedule_same_again
            $first = $emulator | Get-DIEmulatorRequest -During { $script:records = @($task | & $set) }
            @($first.action | Where-Object { $_ -eq 'UpdateFile' }) | Should -HaveCount 1
            $again = $emulator | Get-DIEmulatorRequest -During { $script:records = @(Get-DIFile -Name schedule_same_again -FolderPath 'Workflow/sales/Data_Integration' | & $set) }
            $again.action | Should -Not -Contain 'UpdateFile'
            $streams = Split-Stream $records
            $streams.Verbose.Message | Where-Object { $_ -like '*UpdateFile was not called*' } | Should -Not -BeNullOrEmpty
            $streams.Output | Should -HaveCount 1
            $schedule = $streams.Output[0].Schedule
            $schedule.Cron | Should -Be '00 00/10 * * * ?'
            $schedule.CycleType | Should -Be 'NotDay'
            $schedule.RerunMode | Should -Be 'AllDenied'
            $schedule.AutoRerunInterval | Should -Be ([timespan]::FromMinutes(5))
            $schedule.ParaValue | Should -Be 'day=$bizdate region=cn'
        }

        It 'the UpdateFile page''s own -OutputParameters example is sent once, then re-runs send nothing (GetFile''s normalised form compares equal)' {
            # The example value of the UpdateFile API page (../shared/spec/dataworks-api.md, UpdateFile). GetFile returns
            # OutputParameters[].Type as a string and adds Description: the comparison sees through both.
            $example = '[{"Type":1,"Value":"${bizdate}","ParameterName":"bizdate_param"}]'
            $task = New-SuiteBatchTask -Name schedule_output_rerun
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $null = $task | Set-DIFileSchedule -OutputParameters $example -ErrorAction Stop
                $script:records = @(
                    $task | Set-DIFileSchedule -OutputParameters $example -ErrorAction Stop -Verbose 4>&1
                    $task | Set-DIFileSchedule -OutputParameters @(@{ ParameterName = 'bizdate_param'; Type = 1; Value = '${bizdate}' }) -ErrorAction Stop -Verbose 4>&1)
            }
            @($calls.action | Where-Object { $_ -eq 'UpdateFile' }) | Should -HaveCount 1
            @((Split-Stream $records).Verbose.Message | Where-Object { $_ -like '*UpdateFile was not called*' }) | Should -HaveCount 2
            $stored = @((Get-DIFile -FileId $task.FileId).Schedule.OutputParameters | ConvertFrom-Json)
            $stored[0].Type | Should -BeOfType [string] -Because 'what GetFile holds is the normalised form the comparison had to see through'
            $stored[0].ParameterName | Should -Be 'bizdate_param'
        }

        It 'only the fields that change are sent, and -Verbose names what was not' {
            $task = New-SuiteBatchTask -Name schedule_only_changed
            $null = $task | Set-DIFileSchedule -Cron '00 30 05 * * ?' -CycleType DAY
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:records = @($task | Set-DIFileSchedule -Cron '00 30 05 * * ?' -CycleType DAY -RerunMode FAILURE_ALLOWED -Verbose 4>&1) }
            $update = @($calls | Where-Object action -EQ UpdateFile)
            $update | Should -HaveCount 1
            $update[0].parameterNames | Should -Contain 'RerunMode'
            $update[0].parameterNames | Should -Not -Contain 'CronExpress'
            $update[0].parameterNames | Should -Not -Contain 'CycleType'
            $messages = (Split-Stream $records).Verbose.Message
            $messages | Where-Object { $_ -like '*not sent*' -and $_ -like '*CronExpress*' -and $_ -like '*CycleType*' } | Should -Not -BeNullOrEmpty
            $messages | Where-Object { $_ -like 'UpdateFile set RerunMode on file*' } | Should -Not -BeNullOrEmpty
        }

        It 'enum parameters take both spellings: -CycleType <Spelling>' -ForEach @(@{ Spelling = 'NOT_DAY'; N = 1 }, @{ Spelling = 'NotDay'; N = 2 }, @{ Spelling = 'not_day'; N = 3 }) {
            $task = New-SuiteBatchTask -Name "schedule_spelling_$N"
            $file = $task | Set-DIFileSchedule -Cron '00 00/30 * * * ?' -CycleType $Spelling -RerunMode FAILURE_ALLOWED -DependentType CHILD
            $file.Schedule.CycleType | Should -Be ([DataWorksDI.Models.DICycleType]::NotDay)
            $file.Schedule.DependentType | Should -Be ([DataWorksDI.Models.DIDependentType]::Child)
            $file.Schedule.RerunMode | Should -Be ([DataWorksDI.Models.DIRerunMode]::FailureAllowed)
        }

        It 'a wrong spelling fails binding, listing both forms, and sends nothing' {
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:refusal = @(try { Set-DIFileSchedule -FileId 1 -CycleType WEEKLY 2>&1 } catch { $_ }) }
            $refusal | Should -HaveCount 1
            $refusal[0].Exception | Should -BeOfType System.Management.Automation.ParameterBindingException
            $refusal[0].Exception.Message | Should -BeLike '*NOT_DAY*'
            $refusal[0].Exception.Message | Should -BeLike '*NotDay*'
            $calls | Should -BeNullOrEmpty
        }

        It 'Tab completes the enum parameters with their PowerShell names' {
            # PowerShell completes enum-typed parameters from the enum (an ArgumentCompleter is ignored there), so Tab
            # offers the PowerShell-style names; Alibaba's spellings are accepted when typed (the test above).
            $complete = { param($line) (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
            @(& $complete 'Set-DIFileSchedule -RerunMode F') | Should -Be @('FailureAllowed')
            @(& $complete 'Set-DIFileSchedule -DependentType ') | Should -Be @('Child', 'None', 'Self', 'UserDefine')
        }
    }

    Context 'the friendly schedule parameters and the content''s parameters' {
        It '<Parameters> is stored as <Cron> (<Cycle>)' -ForEach @(
            @{ Parameters = '-Daily -At 05:30'; Cron = '00 30 05 * * ?'; Cycle = 'Day' }
            @{ Parameters = '-Hourly -Minute 15'; Cron = '00 15 * * * ?'; Cycle = 'NotDay' }
            @{ Parameters = '-Hourly -Minute 0 -StartHour 0 -EndHour 23 -EveryHours 6'; Cron = '00 00 00-23/6 * * ?'; Cycle = 'NotDay' }
            @{ Parameters = '-EveryMinutes 10'; Cron = '00 00/10 * * * ?'; Cycle = 'NotDay' }
            @{ Parameters = '-EveryMinutes 10 -StartHour 8 -EndHour 17'; Cron = '00 00-59/10 8-17 * * ?'; Cycle = 'NotDay' }
            @{ Parameters = '-Weekly -DayOfWeek Tuesday,Friday -At 00:05'; Cron = '00 05 00 * * 2,5'; Cycle = 'Day' }
            @{ Parameters = '-Monthly -DayOfMonth 1 -At 00:20'; Cron = '00 20 00 1 * ?'; Cycle = 'Day' }
            @{ Parameters = '-Monthly -LastDayOfMonth -At 23:00'; Cron = '00 00 23 L * ?'; Cycle = 'Day' }
        ) {
            $task = New-SuiteBatchTask -Name ('friendly_' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
            $null = $task | & ([scriptblock]::Create("`$input | Set-DIFileSchedule $Parameters -ErrorAction Stop"))
            $schedule = (Get-DIFile -FileId $task.FileId).Schedule
            $schedule.Cron | Should -Be $Cron
            $schedule.CycleType | Should -Be ([DataWorksDI.Models.DICycleType] $Cycle)
        }

        It 'an impossible friendly value is refused offline, in the user''s terms' {
            $calls = $emulator | Get-DIEmulatorRequest -During {
                Set-DIFileSchedule -FileId 1 -EveryMinutes 7 -ErrorAction SilentlyContinue -ErrorVariable first
                Set-DIFileSchedule -FileId 1 -Daily -At 00:01 -ErrorAction SilentlyContinue -ErrorVariable second
                $script:refusals = @($first) + @($second)
            }
            $refusals | Should -HaveCount 2
            $refusals[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidSchedule*'
            $refusals[0].Exception.Message | Should -Not -BeLike '*(Parameter*' -Because 'no .NET argument-exception wording'
            $refusals[0].Exception.Message | Should -Not -BeLike '*Actual value*'
            $refusals[1].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidSchedule*'
            $refusals[1].Exception.Message | Should -BeLike '*00:05*'
            $calls | Should -BeNullOrEmpty
        }

        It 'a -ParaValue that leaves a content parameter unassigned is refused before UpdateFile; assigned, it is accepted' {
            $task = New-SuiteBatchTask -Name schedule_unassigned -Content ($BatchContent -replace 'pt=\$\{bizdate\}', 'pt=${bizdate}/region=${region}')
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $task | Set-DIFileSchedule -ParaValue 'x=a' -ErrorAction SilentlyContinue -ErrorVariable refused
                $script:refused = $refused
                $script:file = $task | Set-DIFileSchedule -Parameter @{ region = 'cn' }
            }
            $refused | Should -HaveCount 1
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnassignedParameter.DI.Param.Unassigned,*'
            $refused[0].Exception.Message | Should -BeLike '*region*'
            $file.Schedule.ParaValue | Should -Be 'region=cn'
            @($calls.action | Where-Object { $_ -eq 'UpdateFile' }) | Should -HaveCount 1
        }

        It 'a task whose content uses ${region} cannot be scheduled until it is assigned (issue 16); -SkipValidation sends it anyway' {
            $content = $BatchContent -replace 'pt=\$\{bizdate\}', 'pt=${bizdate}/region=${region}'
            $task = New-SuiteBatchTask -Name schedule_needs_region -Content $content
            $calls = $emulator | Get-DIEmulatorRequest -During { $task | Set-DIFileSchedule -Daily -At 05:30 -ErrorAction SilentlyContinue -ErrorVariable refused; $script:refused = $refused }
            $refused | Should -HaveCount 1
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnassignedParameter.DI.Param.Unassigned,*'
            $refused[0].Exception.Message | Should -BeLike '*`${region}*'
            $refused[0].Exception.Message | Should -BeLike '*cannot be scheduled as it is*'
            $refused[0].Exception.Message | Should -BeLike '*-Parameter @{*'
            $calls.action | Should -Not -Contain 'UpdateFile'
            # Assigned with the schedule, it passes; later changes keep the ParaValue the file has, and pass too.
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $null = $task | Set-DIFileSchedule -Daily -At 05:30 -Parameter @{ region = 'cn' } -ErrorAction Stop
                $null = $task | Set-DIFileSchedule -Hourly -Minute 5 -ErrorAction Stop
            }
            @($calls.action | Where-Object { $_ -eq 'UpdateFile' }) | Should -HaveCount 2
            # -SkipValidation sends it anyway.
            $other = New-SuiteBatchTask -Name schedule_needs_region_b -Content $content
            $calls = $emulator | Get-DIEmulatorRequest -During { $null = $other | Set-DIFileSchedule -Daily -At 05:30 -SkipValidation -ErrorAction Stop }
            $calls.action | Should -Contain 'UpdateFile'
        }
    }
}
