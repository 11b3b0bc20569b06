# Default views at 80 columns keep the identifying columns, with their values whole.
BeforeDiscovery {
    $views = @(
        @{ Type = 'DIFile'; Get = { Get-DIFile -FileId $batch.FileId }; Columns = 'FileId', 'FileName' }
        @{ Type = 'DIFile (listed)'; Get = { Get-DIFile -Keyword views_ }; Columns = 'FileId', 'FileName' }
        @{ Type = 'DISyncTask'; Get = { $batch }; Columns = 'FileId', 'FileName' }
        @{ Type = 'DIFileSchedule'; Get = { (Get-DIFile -FileId $batch.FileId).Schedule }; Columns = 'FileId', 'Cron' }
        @{ Type = 'DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Columns = 'DeploymentId', 'FileId', 'Status' }
        @{ Type = 'DISyncInstance'; Get = { Get-DISyncInstance -FileId $realtime.FileId }; Columns = 'FileId', 'Name', 'Status' }
        @{ Type = 'DISyncTaskConfig'; Get = { Get-DISyncTask -FileId $realtime.FileId }; Columns = 'FileId', 'TaskType' }
        @{ Type = 'DIWorkspace'; Get = { Get-DIWorkspace }; Columns = 'ProjectId', 'Identifier', 'Mode' }
        @{ Type = 'DIContext'; Get = { Get-DIContext }; Columns = 'ProjectId', 'Endpoint'; List = 'ProjectId', 'Endpoint', 'Region', 'Credentials', 'Pacing', 'Calls', 'DailyCallBudget' }
        @{ Type = 'TaskContentValidationResult'; Get = { Test-DISyncTaskContent -Content $BatchContent -Offline }; Columns = 'IsValid' }
        @{ Type = 'ValidationFinding'; Get = { (Test-DISyncTaskContent -Content '{"type":"job"}' -Offline).Findings }; Columns = 'Severity', 'Code' }
    )
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $batch = New-SuiteBatchTask -Name views_batch_with_a_long_name_x -Submit
    $deploymentId = (Get-DIDeployment -List -ProjectId 12345 | Select-Object -First 1).DeploymentId
    $realtime = New-SuiteRealtimeTask -Name views_realtime -Deploy
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Default views (DataWorksDI.format.ps1xml)' {
    It '<Type> at 80 columns shows <Columns> whole' -ForEach $views {
        $objects = @(& $Get)
        $text = $objects | Out-String -Width 80
        $lines = $text -split "`r?`n"
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        if ($List) {
            # A list view: one label a line, in this order, the identifying ones first, each with its value whole.
            $entry = @($lines | Where-Object { $_ -match '\S' } | Select-Object -First $List.Count)
            ($entry | ForEach-Object { ($_ -split '\s*:', 2)[0] }) | Should -Be $List
            for ($i = 0; $i -lt $Columns.Count; $i++) {
                $entry[$i] | Should -Match ('^{0}\s*: {1}$' -f $Columns[$i], [regex]::Escape("$($objects[0].($Columns[$i]))")) -Because "$($Columns[$i]) identifies the object and its value must not be cut off"
            }
            return
        }
        $header = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
        foreach ($c in $Columns) {
            $header | Should -Match "\b$c\b" -Because "$c identifies the object"
            foreach ($o in $objects) { $text | Should -Match ([regex]::Escape("$($o.$c)")) -Because "the $c value must not be cut off" }
        }
    }
}

Describe 'FolderPath in the default views' {
    It 'a created task and a file read by id show their folder' {
        $task = New-SuiteBatchTask -Name views_folder_shown
        $task | Out-String -Width 80 | Should -BeLike '*Workflow/sales*'
        Get-DIFile -FileId $task.FileId | Out-String -Width 80 | Should -BeLike '*Workflow/sales*'
    }
}
