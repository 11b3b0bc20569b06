# Errors as a user meets them: the ErrorId is the API's code (or the module's own for what it catches before a call),
# the category fits, the target is the object being worked on, and the message carries the service's RequestId.
# A per-item failure is non-terminating: the next item of the pipeline is still processed.
BeforeDiscovery {
    $cases = @(
        @{ Name = 'a file that does not exist'; Run = { Get-DIFile -FileId 500009999 }
            ErrorId = 'Invalid.Tenant.FileNotExists'; Category = 'ObjectNotFound'; Target = 500009999; Service = $true }
        @{ Name = 'a deployment that does not exist'; Run = { Get-DIDeployment -DeploymentId 3009999 }
            ErrorId = 'Invalid.Tenant.DeploymentNotExists'; Category = 'ObjectNotFound'; Target = 3009999; Service = $true }
        @{ Name = 'a task name that is taken'; Run = { New-DISyncTask -Name errors_batch -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent }
            ErrorId = 'Invalid.DI.Parameter.File.Existed'; Category = 'ResourceExists'; Target = 'errors_batch'; Service = $true }
        @{ Name = 'an upstream output that does not exist'; Run = { Set-DIFileSchedule -FileId $batch.FileId -InputList 'no_such_output' }
            ErrorId = 'Invalid.Tenant.NodeInputNotExists'; Category = 'ObjectNotFound'; Target = 'TARGET:FileId'; Service = $true }
        @{ Name = 'a workspace that does not exist'; Run = { Get-DIWorkspace -ProjectId 99999 }
            ErrorId = 'Invalid.Tenant.ProjectNotExists'; Category = 'ObjectNotFound'; Target = 99999; Service = $true }
        @{ Name = 'starting a real-time task that is not deployed'; Run = { Start-DISyncInstance -FileId $realtime.FileId }
            ErrorId = 'DI.Status.Fail'; Category = 'InvalidOperation'; Target = 'TARGET:FileId'; Service = $true }
        @{ Name = 'task content the offline checks refuse (nothing sent)'; Run = { New-DISyncTask -Name errors_bad -FolderPath 'Workflow/sales/Data_Integration' -Content '{"type":"job"}' }
            ErrorId = 'DataWorksDI.InvalidContent.DI.Content.VersionMissing'; Category = 'InvalidData'; Target = 'errors_bad'; Service = $false }
        @{ Name = 'a schedule DataWorks would refuse (nothing sent)'; Run = { Set-DIFileSchedule -FileId $batch.FileId -Cron '00 */2 * * * ?' -CycleType NOT_DAY }
            ErrorId = 'DataWorksDI.InvalidCron.DI.Cron.IntervalTooShort'; Category = 'InvalidData'; Target = 'ANY'; Service = $false; Message = 'nothing was sent' }
        @{ Name = 'task content that is not JSON (nothing sent)'; Run = { New-DISyncTask -Name errors_malformed -FolderPath 'Workflow/sales/Data_Integration' -Content '{"type":"job",' }
            ErrorId = 'DataWorksDI.InvalidContent.DI.Content.MalformedJson'; Category = 'InvalidData'; Target = 'errors_malformed'; Service = $false }
    )

    # Arguments the module refuses before sending anything (bounds, control characters, content files that are not
    # regular files): a catalogued ErrorId, InvalidArgument, a message that starts by saying nothing was sent.
    $folder = 'Workflow/sales/Data_Integration'
    $create = "New-DISyncTask -Name ods_users -FolderPath '$folder' -ResourceGroup S_res_group_280749521950784_1602767279794 -Content `$BatchContent -Confirm:`$false"
    $bounds = @(
        @{ Run = "$create -Cu 0.3"; ErrorId = 'DataWorksDI.InvalidCu'; Message = 'multiple of 0\.5' }
        @{ Run = "Set-DISyncTask -FileId 1 -Table t1 -Cu 1.25"; ErrorId = 'DataWorksDI.InvalidCu'; Message = 'multiple of 0\.5' }
        @{ Run = "Set-DISyncTask -FileId 1 -ResourceGroup S_res_group_280749521950784_1602767279794 -Cu -1"; ErrorId = 'DataWorksDI.InvalidCu' }
        @{ Run = "$create -Cu NaN"; ErrorId = 'DataWorksDI.InvalidCu' }
        @{ Run = "Set-DISyncTask -FileId 1 -TaskType Batch -Table t1"; ErrorId = 'DataWorksDI.TableNeedsRealtime'; Message = 'given as a batch task' }
        @{ Run = "$create -Cu ([double]::PositiveInfinity)"; ErrorId = 'DataWorksDI.InvalidCu' }
        @{ Run = "$create -Cu ([double]::NegativeInfinity)"; ErrorId = 'DataWorksDI.InvalidCu' }
        @{ Run = "New-DISyncTask -Name `"a`$([char]0)b`" -FolderPath '$folder' -Content `$BatchContent"; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "New-DISyncTask -Name `"ods_users``r``n`" -FolderPath '$folder' -Content `$BatchContent"; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "New-DISyncTask -Name ods_users -FolderPath `"Business Flow/x``n/Data Integration`" -Content `$BatchContent"; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "New-DISyncTask -Name ('n' * 300) -FolderPath '$folder' -Content `$BatchContent"; ErrorId = 'DataWorksDI.ValueTooLong' }
        @{ Run = "Set-DIFileSchedule -FileId 1 -Owner ('1' * 100000)"; ErrorId = 'DataWorksDI.ValueTooLong' }
        @{ Run = "Set-DIFileSchedule -FileId 1 -Description ('d' * 100000)"; ErrorId = 'DataWorksDI.ValueTooLong' }
        @{ Run = "Set-DIFileSchedule -FileId 1 -Owner `"12``t3`""; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "Submit-DIFile -FileId 1 -Comment ('c' * 100000)"; ErrorId = 'DataWorksDI.ValueTooLong' }
        @{ Run = "Submit-DIFile -FileId 1 -Comment `"a``0`""; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "Get-DIFile -Name `"x``0`""; ErrorId = 'DataWorksDI.ControlCharacter' }
        @{ Run = "New-DISyncTask -Name ods_users -FolderPath '$folder' -Path `$TestDrive"; ErrorId = 'DataWorksDI.ContentFileNotRegular' }
    )
    if (Test-Path /dev/zero) {
        $bounds += @(
            @{ Run = "New-DISyncTask -Name ods_users -FolderPath '$folder' -Path /dev/zero"; ErrorId = 'DataWorksDI.ContentFileNotRegular' }
            @{ Run = "New-DISyncTask -Name ods_users -FolderPath '$folder' -Path /dev/urandom"; ErrorId = 'DataWorksDI.ContentFileNotRegular' }
            @{ Run = 'Test-DISyncTaskContent -Path /dev/zero'; ErrorId = 'DataWorksDI.ContentFileNotRegular' })
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $batch = New-SuiteBatchTask -Name errors_batch
    $realtime = New-SuiteRealtimeTask -Name errors_realtime
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Errors (Get-DIFile, Get-DIDeployment, New-DISyncTask, Set-DIFileSchedule, Get-DIWorkspace, Start-DISyncInstance)' {
    It '<Name>: <ErrorId>, <Category>, the target and the RequestId' -ForEach $cases {
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:failure = @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        $failure | Should -HaveCount 1
        $e = $failure[0]
        $e.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $e.CategoryInfo.Category | Should -Be $Category
        switch -Wildcard ($Target) {
            'ANY' { }
            'TARGET:*' { $property = $Target.Substring(7); @($e.TargetObject.$property, $e.TargetObject) | Should -Contain ((Get-Variable -Name ($(if ($Name -match 'real-time') { 'realtime' } else { 'batch' })) -ValueOnly).$property) }
            default { @($e.TargetObject, $e.TargetObject.FileName, $e.TargetObject.Name) | Should -Contain $Target }
        }
        if ($Service) {
            $calls | Should -Not -BeNullOrEmpty
            "$($e.Exception.Message) $($e.ErrorDetails.Message)" | Should -Match 'RequestId[: ]+[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'
        }
        else {
            $calls | Should -BeNullOrEmpty -Because 'what the module can tell is refused before any call'
            $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because 'the error says how to fix it'
        }
        if ($Message) { $e.Exception.Message | Should -Match $Message }
    }

    It 'a pipeline of tasks: a name that is taken and a folder that does not exist fail alone; the good one is created' {
        # The taken name comes back from the service; the missing folder is refused before anything is sent for it,
        # naming the part of the path that is not a folder.
        $rows = @(
            [pscustomobject]@{ Name = 'errors_batch'; FolderPath = 'Workflow/sales/Data_Integration' }
            [pscustomobject]@{ Name = 'errors_rows_lost'; FolderPath = 'Workflow/no_such_flow/Data Integration' }
            [pscustomobject]@{ Name = 'errors_rows_ok'; FolderPath = 'Workflow/sales/Data_Integration' })
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:created = @($rows | New-DISyncTask -ResourceGroup 'S_res_group_280749521950784_1602767279794' -Content $BatchContent -ErrorAction SilentlyContinue -ErrorVariable rowErrors)
            $script:failed = $rowErrors
        }
        $created.FileName | Should -Be @('errors_rows_ok')
        $failed | Should -HaveCount 2

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Invalid.DI.Parameter.File.Existed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failed[0].TargetObject | Should -Be 'errors_batch'
        $failed[0].Exception.Message | Should -Match 'RequestId: [0-9A-Fa-f-]{8,}'

        $failed[1].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownFolder,*'
        $failed[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[1].TargetObject | Should -Be 'errors_rows_lost'
        $failed[1].Exception.Message | Should -BeLike "*'Workflow/no_such_flow' is not a folder*"
        @($calls | Where-Object action -EQ CreateDISyncTask).Count | Should -Be 2 -Because 'the row with the missing folder is never sent'
    }

    It 'no context: a terminating error that says to run Connect-DIWorkspace' {
        Disconnect-DIWorkspace
        try {
            $calls = $emulator | Get-DIEmulatorRequest -During { { Get-DIFile -FileId 1 } | Should -Throw -ErrorId 'DataWorksDI.NoContext,*' -ExpectedMessage '*Connect-DIWorkspace*' }
            $calls | Should -BeNullOrEmpty
        }
        finally { Connect-Suite $emulator }
    }

    It 'a failure for one item of a pipeline does not stop the others' {
        $out = [pscustomobject]@{ FileId = 500009999 }, $batch | Get-DIFile -ErrorAction SilentlyContinue -ErrorVariable failed
        $out.FileId | Should -Be @($batch.FileId)
        $failed | Should -HaveCount 1
        $failed[0].TargetObject | Should -Be 500009999
    }

    It '-ErrorAction Stop turns a service error into one that try/catch sees, with the same ErrorId' {
        { Get-DIFile -FileId 500009999 -ErrorAction Stop } | Should -Throw -ErrorId 'Invalid.Tenant.FileNotExists,*'
    }
}

Describe 'Arguments refused before any call' {
    It '<Run>: <ErrorId>' -ForEach $bounds {
        # Terminating or not (a bad argument may stop the command), the one record says what was wrong.
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:refusal = @(try { & ([scriptblock]::Create("$Run -ErrorAction Continue")) 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ })
        }
        $refusal | Should -HaveCount 1
        $refusal[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $refusal[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        if ($ErrorId -ne 'DataWorksDI.InvalidCu') { $refusal[0].Exception.Message | Should -BeLike 'Nothing was sent*' }
        if ($Message) { $refusal[0].Exception.Message | Should -Match $Message }
        if ($ErrorId -in 'DataWorksDI.InvalidCu', 'DataWorksDI.TableNeedsRealtime') { $refusal[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty }
        $calls | Should -BeNullOrEmpty
    }

    It 'per item: batch tasks piped to Set-DISyncTask -Table are refused one by one, and the pipeline goes on' {
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:written = @([pscustomobject]@{ FileId = 1; TaskType = 'Batch' }, [pscustomobject]@{ FileId = 2; TaskType = 'Batch' } |
                    Set-DISyncTask -Table t1 -ErrorAction SilentlyContinue -ErrorVariable script:refusals)
        }
        $written | Should -BeNullOrEmpty
        $refusals | Should -HaveCount 2 -Because 'a refusal of one piped task does not stop the next'
        $refusals.TargetObject | Should -Be @(1, 2)
        $refusals | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.TableNeedsRealtime,*' }
        $calls | Should -BeNullOrEmpty
    }

    It 'a FIFO and a file over 16 MiB are refused without being read' -Skip:(-not $IsLinux) {
        $fifo = Join-Path $TestDrive 'task.fifo'
        & mkfifo $fifo
        $big = Join-Path $TestDrive 'big.json'
        $stream = [IO.FileStream]::new($big, [IO.FileMode]::CreateNew)
        try { $stream.SetLength(17MB) } finally { $stream.Dispose() }
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:refusal = @(
                New-DISyncTask -Name ods_users -FolderPath 'Workflow/sales/Data_Integration' -Path $fifo -ErrorAction Continue 2>&1
                New-DISyncTask -Name ods_users -FolderPath 'Workflow/sales/Data_Integration' -Path $big -ErrorAction Continue 2>&1)
        }
        $refusal | Should -HaveCount 2
        $refusal[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.ContentFileNotRegular,*'
        $refusal[1].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.ContentFileTooLarge,*'
        $refusal[1].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $refusal[1].Exception.Message | Should -BeLike '*16,777,216*'
        $calls | Should -BeNullOrEmpty
    }

    It 'Connect-DIWorkspace with <Name>: <ErrorId>, InvalidArgument' -ForEach @(
        @{ Name = 'an empty secret'; ErrorId = 'DataWorksDI.Credentials.EmptyAccessKeySecret'; Key = 'x'; Secret = [securestring]::new() }
        @{ Name = 'a blank key id'; ErrorId = 'DataWorksDI.Credentials.EmptyAccessKeyId'; Key = ' '; Secret = [System.Net.NetworkCredential]::new('', 'secret-value-1').SecurePassword }
    ) {
        try {
            $refusal = @(try { Connect-DIWorkspace -Endpoint http://127.0.0.1:9/ -AccessKeyId $Key -AccessKeySecret $Secret -WarningAction SilentlyContinue 2>&1 } catch { $_ })
            $refusal | Should -HaveCount 1
            $refusal[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $refusal[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $refusal[0].Exception.GetType() | Should -Not -Be ([System.ArgumentException]) -Because 'the record is the module''s own, not a .NET argument exception'
        }
        finally { Connect-Suite $emulator }
    }
}
