# -WhatIf sends nothing: every cmdlet that can change something is run with -WhatIf on input that would change
# something, and the emulator's request log must show no call at all (not even the reads done before a change).
BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $mutating = @(Get-Command -Module DataWorksDI | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name)
    $cases = @(
        @{ Cmdlet = 'Connect-DIWorkspace'; Run = { Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 10000 -Credential (Get-DemoCredential) -WhatIf } }
        @{ Cmdlet = 'Disconnect-DIWorkspace'; Run = { Disconnect-DIWorkspace -WhatIf } }
        @{ Cmdlet = 'Invoke-DIApi'; Run = { Invoke-DIApi CreateFolder @{ ProjectId = 12345; FolderPath = 'Workflow/whatif/Data_Integration' } -WhatIf } }
        @{ Cmdlet = 'New-DISyncTask'; Run = { New-DISyncTask -Name whatif_new -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent -WhatIf } }
        @{ Cmdlet = 'New-DISyncTask'; Run = { New-DISyncTask -TaskType Realtime -Name whatif_rt -FolderPath 'Workflow/sales/Data_Integration' -Content $RealtimeRequest -WhatIf } }
        @{ Cmdlet = 'Set-DISyncTask'; Run = { $batch | Set-DISyncTask -Content ($BatchContent -replace 'orders_v1', 'orders_v9') -ResourceGroup 'S_res_group_XXX' -WhatIf } }
        @{ Cmdlet = 'Set-DISyncTask'; Run = { $realtime | Set-DISyncTask -Table orders, refunds -WhatIf } }
        @{ Cmdlet = 'Set-DIFileSchedule'; Run = { $batch | Set-DIFileSchedule -Daily -At 06:00 -Stop -WhatIf } }
        @{ Cmdlet = 'Submit-DIFile'; Run = { $batch | Submit-DIFile -Wait -WhatIf } }
        @{ Cmdlet = 'Publish-DIFile'; Run = { $batch | Publish-DIFile -Wait -WhatIf } }
        @{ Cmdlet = 'Publish-DIFile'; Run = { $realtime | Publish-DIFile -WhatIf } }
        @{ Cmdlet = 'Remove-DIFile'; Run = { $batch | Remove-DIFile -Publish -WhatIf } }
        @{ Cmdlet = 'Remove-DIFile'; Run = { $realtime | Remove-DIFile -WhatIf } }
        @{ Cmdlet = 'Start-DISyncInstance'; Run = { $realtime | Start-DISyncInstance -Wait -WhatIf } }
        @{ Cmdlet = 'Stop-DISyncInstance'; Run = { $running | Stop-DISyncInstance -WhatIf } }
        @{ Cmdlet = 'Unpublish-DISyncTask'; Run = { $running | Unpublish-DISyncTask -WhatIf } }
    )
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $batch = New-SuiteBatchTask -Name whatif_batch -Publish
    $realtime = New-SuiteRealtimeTask -Name whatif_realtime -Deploy
    $running = New-SuiteRealtimeTask -Name whatif_running -Start
}

AfterAll { $emulator | Stop-DIEmulator }

Describe '-WhatIf on every cmdlet that changes something' {
    It '<Cmdlet> -WhatIf makes no call: <Run>' -ForEach $cases {
        $calls = $emulator | Get-DIEmulatorRequest -During { & $Run 6>$null }
        $calls | Should -BeNullOrEmpty
    }

    It 'covers every cmdlet that supports -WhatIf' {
        $covered = $cases.Cmdlet | Sort-Object -Unique
        $mutating | Sort-Object | Should -Be $covered
    }

    It 'changed nothing: the tasks are as they were' {
        $file = Get-DIFile -FileId $batch.FileId
        $file.Committed | Should -BeTrue
        $file.Content | Should -Be $BatchContent
        $file.Schedule.Stop | Should -BeFalse
        (Get-DISyncInstance -FileId $running.FileId).Status | Should -Be 'Run'
        (Get-DIContext).ProjectId | Should -Be 12345
    }
}
