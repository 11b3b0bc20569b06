# Outputs travel: through ConvertTo-Json/ConvertFrom-Json and Export-Csv/Import-Csv they keep what identifies them,
# and what comes back from JSON feeds the cmdlets again, acting on the same object.
BeforeDiscovery {
    $types = @(
        @{ Type = 'DIFile'; Get = { Get-DIFile -FileId $batch.FileId }; Keys = 'ProjectId', 'FileId', 'FileName' }
        @{ Type = 'DISyncTask'; Get = { $batch }; Keys = 'ProjectId', 'FileId', 'FileName' }
        @{ Type = 'DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Keys = 'ProjectId', 'DeploymentId', 'FileId' }
        @{ Type = 'DISyncInstance'; Get = { Get-DISyncInstance -FileId $realtime.FileId }; Keys = 'ProjectId', 'FileId', 'Name' }
        @{ Type = 'DISyncTaskConfig'; Get = { Get-DISyncTask -FileId $realtime.FileId }; Keys = 'ProjectId', 'FileId', 'Code' }
        @{ Type = 'DIWorkspace'; Get = { Get-DIWorkspace -ProjectId 12345 }; Keys = 'ProjectId', 'Identifier' }
    )
    # What a JSON round trip feeds back into, and the call that proves the same object was acted on.
    $feedback = @(
        @{ From = 'DIFile'; To = 'Get-DIFile'; Get = { Get-DIFile -FileId $batch.FileId }; Pipe = { $input | Get-DIFile }; Action = 'GetFile'; Check = { $_.FileId -eq $batch.FileId } }
        @{ From = 'DISyncTask'; To = 'Submit-DIFile'; Get = { $batch }; Pipe = { $input | Submit-DIFile }; Action = 'SubmitFile'; Check = { $_.FileId -eq $batch.FileId } }
        @{ From = 'DIDeployment'; To = 'Get-DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Pipe = { $input | Get-DIDeployment }; Action = 'GetDeployment'; Check = { $_.DeploymentId -eq $deploymentId } }
        @{ From = 'DIDeployment'; To = 'Wait-DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Pipe = { $input | Wait-DIDeployment }; Action = 'GetDeployment'; Check = { $_.Status -eq 'Succeeded' } }
        @{ From = 'DISyncInstance'; To = 'Get-DISyncInstance'; Get = { Get-DISyncInstance -FileId $realtime.FileId }; Pipe = { $input | Get-DISyncInstance }; Action = 'GetDISyncInstanceInfo'; Check = { $_.FileId -eq $realtime.FileId } }
        @{ From = 'DISyncTask (real-time)'; To = 'Get-DISyncTask'; Get = { $realtime }; Pipe = { $input | Get-DISyncTask }; Action = 'GetDISyncTask'; Check = { $_.Tables -contains 'orders' } }
        @{ From = 'DIWorkspace'; To = 'Get-DIWorkspace'; Get = { Get-DIWorkspace -ProjectId 12345 }; Pipe = { $input | Get-DIWorkspace }; Action = 'GetProject'; Check = { $_.ProjectId -eq 12345 } }
    )
    # A file or its schedule read back in the forms users keep it in, bound to Set-DIFileSchedule: nothing to change.
    $roundTrips = @(
        @{ Form = 'the file through ConvertTo-Json'; Run = { Get-DIFile -FileId $travel.FileId | ConvertTo-Json | ConvertFrom-Json | Set-DIFileSchedule } }
        @{ Form = 'the file through ConvertTo-Json -Depth 10'; Run = { Get-DIFile -FileId $travel.FileId | ConvertTo-Json -Depth 10 | ConvertFrom-Json | Set-DIFileSchedule } }
        @{ Form = 'the file through ConvertTo-Json -EnumsAsStrings'; Run = { Get-DIFile -FileId $travel.FileId | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json | Set-DIFileSchedule } }
        @{ Form = 'the schedule through ConvertTo-Json'; Run = { (Get-DIFile -FileId $travel.FileId).Schedule | ConvertTo-Json | ConvertFrom-Json | Set-DIFileSchedule } }
        @{ Form = 'the file through Export-Csv'; Run = { $csv = Join-Path $TestDrive 'travel.csv'; Get-DIFile -FileId $travel.FileId | Export-Csv -LiteralPath $csv -NoTypeInformation; Import-Csv -LiteralPath $csv | Set-DIFileSchedule } }
        @{ Form = 'the schedule object'; Run = { (Get-DIFile -FileId $travel.FileId).Schedule | Set-DIFileSchedule } }
        @{ Form = 'the file object'; Run = { Get-DIFile -FileId $travel.FileId | Set-DIFileSchedule } }
    )
    # The forms JSON and CSV give enums and durations, each meaning the value the file already has.
    $forms = @(
        "-AutoRerunInterval '00:02:00'", '-AutoRerunInterval 2', '-AutoRerunInterval PT2M',
        "-AutoRerunInterval ([timespan]'00:02:00' | ConvertTo-Json | ConvertFrom-Json)", '-AutoRerunInterval @{ Ticks = 1200000000 }',
        '-RerunMode 1', "-RerunMode '1'", '-RerunMode FAILURE_ALLOWED', "-CycleType 0 -Cron '00 30 05 * * ?'", "-DependentType '1'"
    ) | ForEach-Object { @{ Parameters = $_ } }
    $meaningless = @(
        @{ Parameters = '-RerunMode 7'; Message = "'7' is not a valid value" }
        @{ Parameters = "-AutoRerunInterval 'soon'"; Message = "'soon' is not a time span" }
        @{ Parameters = "-Schedule '{`"Cron`":`"00 30 05 * * ?`",`"RerunMode`":`"Sometimes`"}'"; Message = "RerunMode 'Sometimes' is not a valid value" }
    )
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $batch = New-SuiteBatchTask -Name travel_batch -Submit
    $deploymentId = (Get-DIDeployment -List -ProjectId 12345 | Select-Object -First 1).DeploymentId
    $realtime = New-SuiteRealtimeTask -Name travel_realtime -Deploy
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Serialization (Get-DIFile, Get-DIDeployment, Get-DISyncInstance, Get-DISyncTask, Get-DIWorkspace)' {
    It '<Type> keeps <Keys> through ConvertTo-Json/ConvertFrom-Json' -ForEach $types {
        $original = & $Get
        $back = $original | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        foreach ($k in $Keys) { "$($back.$k)" | Should -Be "$($original.$k)" -Because "$k survives JSON" }
    }

    It '<Type> keeps <Keys> through Export-Csv/Import-Csv' -ForEach $types {
        $original = & $Get
        $path = Join-Path $TestDrive "$Type.csv"
        $original | Export-Csv -LiteralPath $path -NoTypeInformation
        $back = Import-Csv -LiteralPath $path
        foreach ($k in $Keys) { $back.$k | Should -Be "$($original.$k)" -Because "$k survives CSV" }
    }

    It '<From> read back from JSON feeds <To>' -ForEach $feedback {
        $json = & $Get | ConvertTo-Json -Depth 10
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:result = @($json | ConvertFrom-Json | & $Pipe) }
        $result | Should -HaveCount 1 -Because 'one object in, one acted on: a record never widens into a listing'
        $result | Where-Object $Check | Should -HaveCount 1
        $calls.action | Should -Contain $Action
        $calls.action | Should -Not -Contain 'ListFiles'
    }
}

Describe 'A schedule travels back into Set-DIFileSchedule' {
    BeforeAll {
        # A schedule with every kind of value: enums, a duration, a list, a date, parameters.
        function New-ScheduledTask ([string] $Name) {
            $t = New-SuiteBatchTask -Name $Name
            $null = $t | Set-DIFileSchedule -Daily -At 05:30 -RerunMode FailureAllowed -AutoRerunTimes 3 -AutoRerunInterval 2 -DependentType Self `
                -InputList my_workspace_root -ParaValue 'x=a y=b' -EndEffectDate ([datetime]'2099-12-31T08:00:00') -SchedulerType Normal
            $t
        }
        $travel = New-ScheduledTask travel_scheduled
    }

    It '<Form>: binds, and changes nothing' -ForEach $roundTrips {
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:result = @(& $Run) }
        $result | Should -HaveCount 1
        $result[0].FileId | Should -Be $travel.FileId
        $result[0].Schedule.Cron | Should -Be '00 30 05 * * ?'
        $result[0].Schedule.AutoRerunInterval | Should -Be ([timespan]::FromMinutes(2))
        $calls.action | Should -Contain 'GetFile'
        $calls.action | Should -Not -Contain 'UpdateFile'
    }

    It 'Set-DIFileSchedule <Parameters>: each form means the value the file has, so nothing is sent' -ForEach $forms {
        $calls = $emulator | Get-DIEmulatorRequest -During { $null = & ([scriptblock]::Create("Set-DIFileSchedule -FileId $($travel.FileId) $Parameters")) }
        $calls.action | Should -Contain 'GetFile'
        $calls.action | Should -Not -Contain 'UpdateFile'
    }

    It 'Set-DIFileSchedule <Parameters>: a form that means nothing fails binding, saying what is accepted' -ForEach $meaningless {
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:refusal = @(try { & ([scriptblock]::Create("Set-DIFileSchedule -FileId 1 $Parameters")) 2>&1 } catch { $_ })
        }
        $refusal | Should -HaveCount 1
        $refusal[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $refusal[0].Exception.Message | Should -BeLike "*$Message*"
        $calls | Should -BeNullOrEmpty
    }

    It 'a value changed in the JSON is the only one sent, whatever form the enum takes' {
        $edited = New-ScheduledTask travel_edited
        foreach ($edit in @(
                @{ Value = 'FAILURE_ALLOWED'; Expected = 'FailureAllowed' }    # the value it already has
                @{ Value = 2; Expected = 'AllDenied' }
                @{ Value = 'AllAllowed'; Expected = 'AllAllowed' })) {
            $o = Get-DIFile -FileId $edited.FileId | ConvertTo-Json | ConvertFrom-Json
            $o.Schedule.RerunMode = $edit.Value
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:result = @($o | Set-DIFileSchedule) }
            $result.Schedule.RerunMode | Should -Be $edit.Expected
            $updates = @($calls | Where-Object action -EQ UpdateFile)
            if ($edit.Expected -eq 'FailureAllowed') { $updates | Should -BeNullOrEmpty; continue }
            $updates | Should -HaveCount 1
            $updates[0].parameterNames | Should -Contain 'RerunMode'
            $updates[0].parameterNames | Should -Not -Contain 'CronExpress'
            $updates[0].parameterNames | Should -Not -Contain 'InputList'
        }
    }

    It 'a schedule copied to another file sends what differs, and the explicit parameters win' {
        $other = New-SuiteBatchTask -Name travel_scheduled_copy
        $copy = (Get-DIFile -FileId $travel.FileId).Schedule | Set-DIFileSchedule -FileId $other.FileId -AutoRerunTimes 5
        $copy | Should -HaveCount 1
        $copy.FileId | Should -Be $other.FileId
        $copy.Schedule.Cron | Should -Be '00 30 05 * * ?'
        $copy.Schedule.RerunMode | Should -Be 'FailureAllowed'
        $copy.Schedule.AutoRerunTimes | Should -Be 5
        $copy.Schedule.InputList | Should -Be @('my_workspace_root')
        $copy.Schedule.ParaValue | Should -Be 'x=a y=b'
        $copy.Schedule.DependentType | Should -Be 'Self'
        $copy.Schedule.EndEffectDate | Should -Be ([datetime]'2099-12-31T08:00:00')
        # Outputs name a node: the copy keeps its own.
        $copy.Schedule.OutputList | Where-Object { $_ -like '*_copy' } | Should -Not -BeNullOrEmpty
    }

    It 'a timeout read back from JSON binds to Wait-DIDeployment' {
        $timeout = [timespan]'00:01:00' | ConvertTo-Json | ConvertFrom-Json
        $deployment = New-SuiteBatchTask -Name travel_timeout | Submit-DIFile | Wait-DIDeployment -Timeout $timeout -PollInterval 0.1
        $deployment | Should -HaveCount 1
        $deployment.Status | Should -Be 'Succeeded'
    }
}
