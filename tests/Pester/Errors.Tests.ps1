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
            ErrorId = 'DataWorksDI.InvalidCron.DI.Cron.IntervalTooShort'; Category = 'InvalidData'; Target = 'ANY'; Service = $false }
    )
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
