BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Set-DISyncTask -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'UpdateDISyncTask', 'SubmitFile', 'DeployFile' }) | Should -Be @('UpdateDISyncTask', 'SubmitFile', 'DeployFile')
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            (Get-DIFile -FileId 500000001).Content | Should -Be $job
            $job | Should -Match '"table":\["orders_v2"\]'
        }
        2 = {
            # The task comes back with its name and folder: one GetFile for the file this context's catalogue does not hold.
            $Actions | Should -Be @('ListFiles', 'UpdateDISyncTask', 'GetFile')
            $Output.FileId | Should -Be @(500000001)
            $Output.ResourceGroup | Should -Be 'S_res_group_XXX_XXXX'
            $Output.FileName | Should -Be 'ods_orders'
            $Output.FolderPath | Should -Be 'Workflow/sales/Data_Integration'
        }
        3 = {
            # The task comes back with its name and folder: one GetFile, as the catalogue does not hold the file.
            $Actions | Should -Be @('UpdateDISyncTask', 'GetFile')
            $Output.FileId | Should -Be 500000002
            $Output.ProjectId | Should -Be 181565
            $Output.FileName | Should -Be 'ods_orders'
            $Output.FolderPath | Should -Be 'Workflow/new_biz/Data Integration'
            (Get-DIFile -FileId 500000002 -ProjectId 181565).Content | Should -Be (Get-Content ./ods_orders_daily.json -Raw)
        }
        4 = {
            $Output[0].FileId | Should -Be 500000003
            $Output[1..2] | Should -Be @('orders', 'refunds')
            @($Actions | Where-Object { $_ -in 'GenerateDISyncTaskConfigForUpdating', 'UpdateDISyncTask' }) | Should -Be @('GenerateDISyncTaskConfigForUpdating', 'UpdateDISyncTask')
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

    $null = New-SuiteBatchTask -Name ods_orders
    $null = New-SuiteBatchTask -Name ods_orders -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration'
    $null = New-SuiteRealtimeTask -Name rt_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Set-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'a large task (issue 10)' {
        It 'a 10,000-column TaskContent (about 250 KB) round-trips through New-DISyncTask, Set-DISyncTask and Get-DIFile, byte for byte' {
            # The content travels in the request body (UpdateDISyncTask's TaskContent too): a 300-column task already went
            # past Kestrel's 8 KiB request line when it was sent in the URL.
            $columns = @(1..10000 | ForEach-Object { 'column_{0:d5}' -f $_ })
            $job = $BatchContent | ConvertFrom-Json
            $job.steps[0].parameter.column = $columns
            $job.steps[1].parameter.column = $columns
            $created = ($job | ConvertTo-Json -Depth 20 -Compress)
            $created.Length | Should -BeGreaterThan 240000
            $job.steps[1].parameter.table = 'ods_wide_v2'
            $changed = ($job | ConvertTo-Json -Depth 20 -Compress)

            $task = New-DISyncTask -Name wide_task -FolderPath 'Workflow/sales/Data_Integration' -Content $created -ResourceGroup 'S_res_group_280749521950784_1602767279794'
            (Get-DIFile -FileId $task.FileId).Content | Should -BeExactly $created
            $null = $task | Set-DISyncTask -Content $changed
            $read = Get-DIFile -FileId $task.FileId
            $read.Content | Should -BeExactly $changed
            ($read.Content | ConvertFrom-Json).steps[1].parameter.column | Should -HaveCount 10000
        }
    }

    Context 'a real-time task' {
        It 'gains a table in one call (the asynchronous generation inside it), and the new configuration is readable' {
            $calls = @($emulator | Get-DIEmulatorRequest -During {
                    $script:task = New-DISyncTask -TaskType Realtime -Name rt_gains_table -FolderPath 'Workflow/sales/Data_Integration' -ResourceGroup S_res_group_280749521950784_1602767279794 -Content $RealtimeRequest -PollInterval 0.1 -ErrorAction Stop
                    $null = Set-DISyncTask -FileId $task.FileId -Table orders, refunds -PollInterval 0.1 -ErrorAction Stop
                    $script:config = Get-DISyncTask -FileId $task.FileId -ErrorAction Stop
                }).action
            $task.TaskType | Should -Be 'Realtime'
            $config.Tables | Sort-Object | Should -Be @('orders', 'refunds')
            $config.Code | Should -BeLike '*"refunds"*'

            @($calls | Where-Object { $_ -notlike 'List*' })[0] | Should -Be 'GenerateDISyncTaskConfigForCreating'
            $calls | Should -Contain 'QueryDISyncTaskConfigProcessResult'
            $update = [array]::IndexOf($calls, 'GenerateDISyncTaskConfigForUpdating')
            $update | Should -BeGreaterThan ([array]::IndexOf($calls, 'CreateDISyncTask'))
            @($calls | Select-Object -Skip $update | Where-Object { $_ -notin 'QueryDISyncTaskConfigProcessResult', 'GenerateDISyncTaskConfigForUpdating' })[0] | Should -Be 'UpdateDISyncTask'
        }
    }
}
