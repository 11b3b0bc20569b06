BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase New-DISyncTask -Expect @{

        1 = @{
            Given  = { New-SuiteFolder -ProjectId 181565 -FolderPath 'Workflow/sales/Data_Integration' }
            Expect = {
                $Output[0].ProjectId | Should -Be 181565
                $Output[1].FileName | Should -Be 'ods_orders_daily'
                $Output[1].ProjectId | Should -Be 181565
                $Output[1].ResourceGroup | Should -Be 'S_res_group_280749521950784_1602767279794'
                $Actions | Should -Contain 'CreateDISyncTask'
                (Get-DIFile -FileId $Output[1].FileId).Content | Should -Be (Get-Content ./ods_orders_daily.json -Raw) -Because 'the JSON is sent as written'
            }
        }
        2 = @{
            Given  = { Get-DIFile -Name ods_orders_daily | Remove-DIFile -Confirm:$false }
            Expect = {
                $Output[-1].ToEnvironment | Should -Be 'Production'
                $Output[-1].Status | Should -Be 'Succeeded'
                @($Actions | Where-Object { $_ -in 'CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile' }) | Should -Be @('CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile')
                (Get-DIFile -FileId $Output[-1].FileId).Schedule.ParaValue | Should -Be 'bizdate=$bizdate'
            }
        }
        3 = @{
            Given  = { $null = New-SuiteBatchTask -Name ods_csv_refunds -ProjectId 181565 }
            Expect = {
                @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 2 -Because '-WhatIf sends nothing; the real run tries both rows'
                $Errors | Should -HaveCount 1
                $Errors[0].FullyQualifiedErrorId | Should -BeLike 'Invalid.DI.Parameter.File.Existed,*'
                $failed | Should -HaveCount 1
                $Output | Where-Object { $_ -is [string] } | Should -Be @('ods_csv_refunds')
                ($Output | Where-Object { $_ -isnot [string] }).FileName | Should -Be @('ods_csv_orders')
                ($Output | Where-Object { $_ -isnot [string] }).Cu | Should -Be 2
            }
        }
        4 = {
            $Output.Status | Should -Be 'Run'
            $Output.Name | Should -Be 'rt_orders'
            @($Actions | Where-Object { $_ -in 'GenerateDISyncTaskConfigForCreating', 'CreateDISyncTask', 'DeployDISyncTask', 'StartDISyncInstance' }) |
                Should -Be @('GenerateDISyncTaskConfigForCreating', 'CreateDISyncTask', 'DeployDISyncTask', 'StartDISyncInstance')
        }
        5 = @{
            Given  = { Get-DIFile -Name ods_orders_daily | Remove-DIFile -Confirm:$false | Out-Null }
            Expect = {
                $Output[-1].FileName | Should -Be 'ods_orders_daily'
                $Actions | Should -Contain 'CreateDISyncTask'
            }
        }
        6 = @{
            # This example's tasks.csv: Name, FolderPath, ResourceGroup and Path (a JSON file), six tasks of workspace 12345.
            Given  = {
                $null = New-Item -ItemType Directory -Force -Path ./bulk
                $bulk = 1..6 | ForEach-Object {
                    $path = "./bulk/ods_bulk_$_.json"
                    Set-Content -LiteralPath $path -Value ($BatchContent -replace 'orders_v1', "orders_bulk_$_") -Encoding utf8
                    [pscustomobject]@{
                        Name = "ods_bulk_$_"; FolderPath = 'Workflow/sales/Data_Integration'; Path = $path
                        ResourceGroup = if ($_ % 2) { 'S_res_group_XXX' } else { 'S_res_group_280749521950784_1602767279794' }
                    }
                }
                $bulk | Export-Csv ./tasks.csv -NoTypeInformation -Encoding utf8
            }
            Expect = {
                # The counters first: the checks below make calls of their own with the session context, which is $ctx.
                $calls = $ctx.Calls
                $calls.CallsMade | Should -Be $Requests.Count -Because 'every call of the runspaces went through $ctx'
                $calls.Throttled | Should -Be 0
                $ctx.Edition | Should -Be 'Enterprise'
                $ctx.MaxRequestsPerSecond | Should -Be 20
                $ctx.DailyCallBudget | Should -BeNullOrEmpty
                # Every task went through the whole lifecycle, once: the output is the six production packages.
                $Output | Should -HaveCount 6
                $Output.ToEnvironment | Sort-Object -Unique | Should -Be 'Production'
                $Output.Status | Sort-Object -Unique | Should -Be 'Succeeded'
                foreach ($a in 'CreateDISyncTask', 'UpdateFile', 'SubmitFile', 'DeployFile') { @($Actions | Where-Object { $_ -eq $a }) | Should -HaveCount 6 -Because "one $a per task" }
                foreach ($row in $bulk) {
                    $file = Get-DIFile -Name $row.Name | Get-DIFile    # read by id: the listing has no content
                    $file.FolderPath | Should -Be $row.FolderPath
                    # The DI resource group is one of the file's properties, as committed (FilePropertyContent).
                    $versions = (Invoke-DIApi ListFileVersions @{ ProjectId = 12345; FileId = $file.FileId; PageNumber = 1; PageSize = 20 }).Data.FileVersions
                    ($versions[0].FilePropertyContent | ConvertFrom-Json).resourceGroup | Should -Be $row.ResourceGroup -Because 'ResourceGroup binds from the property'
                    $file.Content | Should -Be (Get-Content -Raw $row.Path) -Because 'Content binds from the property, sent as written'
                    $file.Schedule.Cron | Should -Be '00 30 05 * * ?'
                    $file.FileId | Should -BeIn $Output.FileId
                }
                # The runspaces took turns at the one pacer: nothing throttled, never more than 20 calls in a second (the
                # pacer spaces them 1.03 s apart at sending; the emulator stamps their arrival: 30 ms for delivery jitter).
                $times = @($Requests | ForEach-Object { [DateTimeOffset] $_.time } | Sort-Object)
                for ($i = 20; $i -lt $times.Count; $i++) { ($times[$i] - $times[$i - 20]).TotalSeconds | Should -BeGreaterOrEqual 0.97 }
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
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'New-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'the task content' {
        It 'is sent exactly as written (spacing, an extra field, an escape), from -Content and from -Path' {
            $odd = $BatchContent.Replace('{"type":"job"', '{ "type" : "job", "extend":{"note":"kept \u00e9 as written"}')
            $odd | Should -Not -Be $BatchContent
            $path = Join-Path $TestDrive 'odd.json'
            [IO.File]::WriteAllText($path, $odd)
            (New-DISyncTask -Name content_as_written -FolderPath 'Workflow/sales/Data_Integration' -Content $odd | Get-DIFile).Content | Should -BeExactly $odd
            (New-DISyncTask -Name content_as_written_f -FolderPath 'Workflow/sales/Data_Integration' -Path $path | Get-DIFile).Content | Should -BeExactly $odd
        }

        It '-SkipValidation sends content the offline checks would refuse' {
            # Reader and writer column counts differ: refused offline, but DataWorks (and the emulator) accept it.
            $mismatch = $BatchContent.Replace('"column":["id","name"],"emptyAsNull"', '"column":["id"],"emptyAsNull"')
            $mismatch | Should -Not -Be $BatchContent
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:records = @(
                    New-DISyncTask -Name content_mismatch -FolderPath 'Workflow/sales/Data_Integration' -Content $mismatch 2>&1
                    New-DISyncTask -Name content_mismatch_b -FolderPath 'Workflow/sales/Data_Integration' -Content $mismatch -SkipValidation 2>&1)
            }
            $streams = Split-Stream $records
            $streams.Errors | Should -HaveCount 1
            $streams.Errors[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidContent.DI.Column.CountMismatch,*'
            $streams.Output.FileName | Should -Be @('content_mismatch_b')
            @($calls.action | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 1
        }
    }

    Context 'a real-time generation the service refuses' {
        It 'is refused against the workspace first (no generation started); sent anyway, it is the service''s error under the same ErrorId, and nothing is created' {
            $bad = $RealtimeRequest.Replace('"datasource":"mysql_pub"', '"datasource":"no_such_mysql"')
            $bad | Should -Not -Be $RealtimeRequest
            $create = { New-DISyncTask -TaskType Realtime -Name rt_no_source -FolderPath 'Workflow/sales/Data_Integration' -ResourceGroup S_res_group_280749521950784_1602767279794 -Content $bad -PollInterval 0.1 @args 2>&1 }
            $local = $emulator | Get-DIEmulatorRequest -During { $script:records = @(& $create) }
            $streams = Split-Stream $records
            $streams.Output | Should -BeNullOrEmpty
            $streams.Errors | Should -HaveCount 1
            $streams.Errors[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown,*'
            $local.action | Should -Not -Contain 'GenerateDISyncTaskConfigForCreating'

            $sent = $emulator | Get-DIEmulatorRequest -During { $script:records = @(& $create -SkipValidation) }
            $streams = Split-Stream $records
            $streams.Output | Should -BeNullOrEmpty
            $streams.Errors | Should -HaveCount 1
            $e = $streams.Errors[0]
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown,*'
            $e.Exception.InnerException.GetType().FullName | Should -Be 'DataWorksDI.Client.DataWorksServiceException'
            $e.Exception.Message | Should -BeLike '*no_such_mysql*'
            $e.Exception.Message | Should -BeLike '*RequestId*'
            $sent.action | Should -Contain 'GenerateDISyncTaskConfigForCreating'
            $sent.action | Should -Not -Contain 'CreateDISyncTask'
        }
    }

    Context 'the workspace catalogue: typos refused before a write, with the closest names, for the cost of cached reads' {
        # Each case runs in a context of its own (a key of its own, the catalogue not read yet) on demo workspace 10000,
        # and counts that key's calls in the emulator's request log: each list is read once per context.
        BeforeAll {
            $goodFolder = 'Workflow/new_biz/Data Integration'
            $diGroup = 'S_res_group_280749521950784_1602767279794'
            function Get-KeyAction { @($emulator | Get-DIEmulatorRequest -Since $mark | Where-Object accessKeyId -EQ $key.AccessKeyId | ForEach-Object action) }
            # The one error record of a command refused for one item: no output, not terminating.
            function Get-Refusal([scriptblock] $Command) {
                $records = @(& $Command 2>&1)
                $streams = Split-Stream $records
                $streams.Output | Should -BeNullOrEmpty
                $streams.Errors | Should -HaveCount 1
                $streams.Errors[0]
            }
        }
        BeforeEach {
            $key = New-SuiteAccessKey $emulator
            $mark = Get-RequestMark $emulator
            $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 10000 -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
        }
        AfterAll { Connect-Suite $emulator }

        It 'a misspelt folder is refused naming the closest folder, after one ListFolders; a second typo costs nothing' {
            $e = Get-Refusal { New-DISyncTask -Name ws_folder -FolderPath 'Workflow/new_biz/Data Integraton' -Content $BatchContent }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownFolder,*'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $e.Exception.Message | Should -BeLike "*did you mean 'Workflow/new_biz/Data Integration'?*"
            $e.ErrorDetails.RecommendedAction | Should -BeLike "*-FolderPath 'Workflow/new_biz/Data Integration'*"
            Get-KeyAction | Should -Be @('ListFolders')

            $e = Get-Refusal { New-DISyncTask -Name ws_folder -FolderPath 'Workflow/new_biz/data integration' -Content $BatchContent }
            $e.Exception.Message | Should -BeLike "*did you mean 'Workflow/new_biz/Data Integration'?*"
            Get-KeyAction | Should -Be @('ListFolders') -Because 'the list is cached for the context'
        }

        It 'a misspelt workflow walks up and suggests the whole path under the right workflow' {
            $e = Get-Refusal { New-DISyncTask -Name ws_flow -FolderPath 'Workflow/new_bz/Data Integration' -Content $BatchContent }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownFolder,*'
            $e.Exception.Message | Should -BeLike "*('Workflow/new_bz' is not a folder)*"
            $e.Exception.Message | Should -BeLike "*did you mean 'Workflow/new_biz/Data Integration'?*"
            Get-KeyAction | Should -Be @('ListFolders', 'ListFolders')
        }

        It 'a folder that is not a Data Integration folder is refused, suggesting the workflow''s Data Integration folder' {
            $e = Get-Refusal { New-DISyncTask -Name ws_maxcompute -FolderPath 'Workflow/new_biz/MaxCompute' -Content $BatchContent }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.NotADataIntegrationFolder,*'
            $e.Exception.Message | Should -BeLike "*did you mean 'Workflow/new_biz/Data Integration'?*"
            Get-KeyAction | Should -Be @('ListFolders') -Because 'the parent is the workflow folder: one list serves both'
        }

        It 'a misspelt resource group is refused with the closest identifiers and the usable ones; Set-DISyncTask reuses the list' {
            $e = Get-Refusal { New-DISyncTask -Name ws_group -FolderPath $goodFolder -ResourceGroup S_res_group_XX -Content $BatchContent }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownResourceGroup,*'
            $e.Exception.Message | Should -BeLike "*did you mean 'S_res_group_XXX' or 'S_res_group_XXX_XXXX'?*"
            $e.ErrorDetails.RecommendedAction | Should -BeLike '*Use one of:*'
            $e.ErrorDetails.RecommendedAction | Should -Not -BeLike '*S_res_group_expired_di*'
            Get-KeyAction | Should -Be @('ListFolders', 'ListResourceGroups')

            $e = Get-Refusal { Set-DISyncTask -FileId 1 -ResourceGroup S_res_group_XXY }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownResourceGroup,*'
            Get-KeyAction | Should -Be @('ListFolders', 'ListResourceGroups') -Because 'the list is already read: no call at all'
        }

        It 'a display name instead of the identifier suggests the identifier' {
            $e = Get-Refusal { New-DISyncTask -Name ws_display -FolderPath $goodFolder -ResourceGroup di_exclusive_group -Content $BatchContent }
            $e.Exception.Message | Should -BeLike "*did you mean 'S_res_group_280749521950784_1602767279794'*"
        }

        It 'a stopped resource group is refused naming its status and the usable ones' {
            $e = Get-Refusal { New-DISyncTask -Name ws_stopped -FolderPath $goodFolder -ResourceGroup S_res_group_expired_di -Content $BatchContent }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.StoppedResourceGroup,*'
            $e.Exception.Message | Should -BeLike '*is STOP, not NORMAL*'
            $e.ErrorDetails.RecommendedAction | Should -BeLike '*Use one of: *'
            Get-KeyAction | Should -Not -Contain 'CreateDISyncTask'
        }

        It 'a misspelt data source in the content is refused as Test-DISyncTaskContent would say, which reads the same cached list' {
            $typo = $BatchContent.Replace('"dh_mysql"', '"dh_mysq"')
            $typo | Should -Not -Be $BatchContent
            $e = Get-Refusal { New-DISyncTask -Name ws_source -FolderPath $goodFolder -Content $typo }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown,*'
            $e.Exception.Message | Should -BeLike "*did you mean 'dh_mysql'?*"
            Get-KeyAction | Should -Be @('ListFolders', 'ListDataSources')

            $result = Test-DISyncTaskContent -Content $typo
            $result.Findings | Where-Object { $_.Code -eq 'DI.Workspace.DataSourceUnknown' -and $_.Message -like "*did you mean 'dh_mysql'?*" } | Should -Not -BeNullOrEmpty
            Get-KeyAction | Should -Be @('ListFolders', 'ListDataSources', 'ListResourceGroups') -Because 'the data sources are not read again'
        }

        It 'a batch FileId given to the real-time cmdlets is refused naming the closest real-time task, for one ListFiles in all' {
            $batch = New-DISyncTask -Name ws_orders -FolderPath $goodFolder -Content $BatchContent -ErrorAction Stop
            $realtime = New-DISyncTask -TaskType Realtime -Name ws_orders_rt -FolderPath $goodFolder -Content $RealtimeRequest -PollInterval 0.2 -ErrorAction Stop
            $before = Get-KeyAction
            foreach ($command in 'Get-DISyncTask', 'Get-DISyncInstance', 'Start-DISyncInstance', 'Stop-DISyncInstance', 'Unpublish-DISyncTask -Confirm:$false') {
                $e = Get-Refusal ([scriptblock]::Create("$command -FileId $($batch.FileId)"))
                $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.NotARealtimeTask,*'
                $e.Exception.Message | Should -BeLike "*did you mean 'ws_orders_rt' (file $($realtime.FileId))?*"
                $e.ErrorDetails.RecommendedAction | Should -BeLike "*-FileId $($realtime.FileId)*"
            }
            (Get-KeyAction | Select-Object -Skip $before.Count) | Should -Be @('ListFiles') -Because "the catalogue's file list serves all five"

            $null = Get-DISyncTask -FileId $realtime.FileId -ErrorAction Stop
            (Get-KeyAction | Select-Object -Skip $before.Count) | Should -Be @('ListFiles', 'GetDISyncTask') -Because 'the real task passes the check and reaches the service'
        }

        It 'the service''s refusal of a resource group has its own ErrorId and the usable groups, and drops the stale list' {
            # Read the list (a check that passes), then send a typo anyway with -SkipValidation: the service refuses it.
            $null = New-DISyncTask -Name ws_refused_ok -FolderPath $goodFolder -ResourceGroup $diGroup -Content $BatchContent -ErrorAction Stop
            $e = Get-Refusal { New-DISyncTask -Name ws_refused -FolderPath $goodFolder -ResourceGroup S_res_group_XXZ -Content $BatchContent -SkipValidation }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidResourceGroup,*'
            $e.Exception.Message | Should -BeLike '*ResourceGroup:`[S_res_group_XXZ`] is invalid.*'
            $e.Exception.Message | Should -BeLike '*RequestId*'
            $e.Exception.Message | Should -BeLike "*did you mean 'S_res_group_XXX'*"
            $e.ErrorDetails.RecommendedAction | Should -BeLike '*Use one of:*'
            $e.Exception.InnerException.GetType().FullName | Should -Be 'DataWorksDI.Client.DataWorksServiceException'

            @(Get-KeyAction | Where-Object { $_ -eq 'ListResourceGroups' }) | Should -HaveCount 1
            $null = Get-Refusal { New-DISyncTask -Name ws_refused -FolderPath $goodFolder -ResourceGroup S_res_group_XXZ -Content $BatchContent }
            @(Get-KeyAction | Where-Object { $_ -eq 'ListResourceGroups' }) | Should -HaveCount 2 -Because 'the list proved out of date, so the next check reads it again'
        }

        It 'Get-DIWorkspace -Refresh drops the catalogue, so the next check reads again' {
            $typo = { New-DISyncTask -Name ws_refresh -FolderPath 'Workflow/new_biz/Data Integraton' -Content $BatchContent }
            $null = Get-Refusal $typo
            $null = Get-Refusal $typo
            @(Get-KeyAction | Where-Object { $_ -eq 'ListFolders' }) | Should -HaveCount 1
            $null = Get-DIWorkspace -ProjectId 10000 -Refresh -ErrorAction Stop
            $null = Get-Refusal $typo
            @(Get-KeyAction | Where-Object { $_ -eq 'ListFolders' }) | Should -HaveCount 2
        }

        It '-SkipValidation sends without reading the catalogue' {
            $null = New-DISyncTask -Name ws_skip -FolderPath $goodFolder -ResourceGroup $diGroup -Content $BatchContent -SkipValidation -ErrorAction Stop
            Get-KeyAction | Should -Be @('CreateDISyncTask')
        }

        It 'Set-DIFileSchedule refuses a scheduling resource group typo and a non-Data Integration folder before UpdateFile' {
            $t = New-DISyncTask -Name ws_schedule -FolderPath $goodFolder -ResourceGroup $diGroup -Content $BatchContent -SkipValidation -ErrorAction Stop
            $e = Get-Refusal { $t | Set-DIFileSchedule -ResourceGroupIdentifier default_grup }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.UnknownResourceGroup,*'
            $e.Exception.Message | Should -BeLike "*did you mean 'default_group'?*"
            Get-KeyAction | Should -Not -Contain 'UpdateFile'

            $e = Get-Refusal { $t | Set-DIFileSchedule -FolderPath 'Workflow/new_biz/MaxCompute' }
            $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.NotADataIntegrationFolder,*'
            Get-KeyAction | Should -Not -Contain 'UpdateFile'
        }
    }
}
