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
}
