# Pester test of the runbook 03-deploy-sync-tasks.ps1, against a throwaway local DataWorks emulator.
# Needs the DataWorksDI and DataWorksDI.TestKit modules (on $env:PSModulePath) and the emulator
# (dotnet tool install --global DataWorksDI.Emulator, or $env:DATAWORKSDI_EMULATOR naming DataWorksDI.Emulator.dll).
#   Invoke-Pester ./examples/03-deploy-sync-tasks.Tests.ps1 -Output Detailed

BeforeAll {
    Import-Module DataWorksDI, DataWorksDI.TestKit
    $runbook = Join-Path $PSScriptRoot '03-deploy-sync-tasks.ps1'

    # A fresh emulator: empty data directory, free port; its demo tenant has the standard-mode workspace 10000.
    $emulator = Start-DIEmulator
    $connection = @{
        Endpoint        = $emulator.Endpoint
        ProjectId       = 10000
        Credential      = [pscredential]::new($emulator.AccessKeyId, $emulator.AccessKeySecret)
        FolderPath      = 'Workflow/new_biz/Data Integration'
        TaskDirectory   = Join-Path $TestDrive 'tasks'
        PollIntervalSec = 0.2
    }

    $job = '{"type":"job","version":"2.0","steps":[{"stepType":"mysql","parameter":{"datasource":"mysql_pub","column":["id","name"],"connection":[{"datasource":"mysql_pub","table":["TABLE"]}]},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"datasource":"odps_first","column":["id","name"],"table":"ods_TABLE","partition":"pt=${bizdate}"},"name":"Writer","category":"writer"}],"setting":{"speed":{"concurrent":2}},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}'
    $null = New-Item -ItemType Directory -Path $connection.TaskDirectory
    Set-Content -LiteralPath (Join-Path $connection.TaskDirectory 'ods_orders.json') -Value ($job -creplace 'TABLE', 'orders') -NoNewline
    Set-Content -LiteralPath (Join-Path $connection.TaskDirectory 'ods_customers.json') -Value ($job -creplace 'TABLE', 'customers') -NoNewline
}

AfterAll {
    $emulator | Stop-DIEmulator
}

Describe '03-deploy-sync-tasks.ps1' {
    It 'sends nothing with -WhatIf' {
        $calls = $emulator | Get-DIEmulatorRequest -During { & $runbook @connection -WhatIf }
        $calls.action | Where-Object { $_ -notmatch '^(Get|List)' } | Should -BeNullOrEmpty
    }

    It 'creates, schedules and deploys every task of the folder' {
        $results = & $runbook @connection
        $results.Name | Should -Be @('ods_customers', 'ods_orders')
        $results.Action | Should -Be @('Created', 'Created')
        foreach ($r in $results) {
            $file = Get-DIFile -FileId $r.FileId
            $file.Committed | Should -BeTrue
            $file.Schedule.Cron | Should -Be '00 30 05 * * ?'
            (Get-DIDeployment -DeploymentId $r.DeploymentId).ToEnvironment | Should -Be 'Production'
        }
    }

    It 'changes nothing when run again' {
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:again = & $runbook @connection }
        $again.Action | Should -Be @('Unchanged', 'Unchanged')
        $calls.action | Where-Object { $_ -notmatch '^(Get|List)' } | Should -BeNullOrEmpty
    }

    It 'updates and redeploys only the task whose JSON changed' {
        $path = Join-Path $connection.TaskDirectory 'ods_orders.json'
        Set-Content -LiteralPath $path -Value ((Get-Content -LiteralPath $path -Raw) -replace '"concurrent":2', '"concurrent":4') -NoNewline
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:updated = & $runbook @connection }
        $updated.Action | Should -Be @('Unchanged', 'Updated')
        ($calls | Where-Object action -eq 'UpdateDISyncTask').Count | Should -Be 1
        ($calls | Where-Object action -eq 'DeployFile').Count | Should -Be 1
    }

    It 'reports a task file with errors, sends nothing for it, and carries on' {
        Set-Content -LiteralPath (Join-Path $connection.TaskDirectory 'ods_broken.json') -Value '{"type":"job","version":"2.0","steps":[]}'
        $calls = $emulator | Get-DIEmulatorRequest -During {
            $script:results = & $runbook @connection -ErrorVariable script:failures -ErrorAction SilentlyContinue
        }
        ($results | Where-Object Name -eq 'ods_broken').Action | Should -Be 'Invalid'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Runbook.InvalidTaskContent*'
        $failures[0].TargetObject | Should -BeLike '*ods_broken.json'
        ($results | Where-Object Name -ne 'ods_broken').Action | Should -Be @('Unchanged', 'Unchanged')
        $calls.action | Where-Object { $_ -notmatch '^(Get|List)' } | Should -BeNullOrEmpty
    }
}
