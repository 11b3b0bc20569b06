BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIFile -Expect @{
        1 = {
            $Actions | Should -Be @('ListFiles', 'GetFile')
            $Output.Cron | Should -Match '^00 \d\d 00 \* \* \?$'
            $Output.CycleType | Should -Be 'DAY'
        }
        2 = {
            # GetProject: the workspace's default DI resource group, read once.
            $Actions | Should -Be @('GetProject', 'CreateDISyncTask', 'GetFile', 'CreateDISyncTask', 'GetFile')
            $Output.FileName | Should -Be @('ods_csv_orders', 'ods_csv_refunds')
            $Output.Committed | Should -Be @($false, $false)
        }
        3 = {
            $Actions | Should -Be @('GetFile')
            $Output | Should -HaveCount 5
            $Output | ForEach-Object { $_ | Should -BeOfType [datetime] }
        }
        4 = {
            $Actions | Should -Be @('ListFiles')
            $Output.FileName | Should -Be @('new_biz_orders')
            $Output.ProjectId | Should -Be @(78837)
            $Output.Content | Should -Be $BatchContent
        }
        5 = {
            $Actions | Should -Not -Contain 'UpdateFile'
            $Actions[0] | Should -Be 'ListFiles'
            $Output | Should -BeNullOrEmpty
            (Get-DIFile -FileId 500000003).Schedule.Stop | Should -Not -BeTrue
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
    $null = New-SuiteBatchTask -Name ods_orders_daily -FolderPath 'Business Flow/sales/Data Integration'
    $null = New-SuiteBatchTask -Name new_biz_orders -ProjectId 78837 -FolderPath 'Workflow/new_biz/Data Integration'
    $null = New-SuiteBatchTask -Name tmp_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'reading by id and listing' {
        It 'by id: the file with its schedule (what a listing leaves out)' {
            $file = New-DISyncTask -Name by_id_schedule -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent | Get-DIFile
            $file | Should -HaveCount 1
            $file.FileName | Should -Be 'by_id_schedule'
            $file.Schedule | Should -BeOfType DataWorksDI.Models.DIFileSchedule
            $file.TypeName | Should -Be 'BatchSync'
            $file.Committed | Should -BeFalse
        }

        It 'a listing reads every page itself, and -Name with -FolderPath finds the one file' {
            1..5 | ForEach-Object { $null = New-DISyncTask -Name "paged_$_" -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent }
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:all = @(Get-DIFile -Keyword paged_ -PageSize 2) }
            $all | Should -HaveCount 5
            @($all.FileName | Sort-Object) | Should -Be @(1..5 | ForEach-Object { "paged_$_" })
            @($calls.action) | Should -Be @('ListFiles', 'ListFiles', 'ListFiles') -Because 'five files at two a page are three pages'
            (Get-DIFile -Name paged_3 -FolderPath 'Workflow/sales/Data_Integration').FileName | Should -Be 'paged_3'
        }

        It 'Select-Object -First stops the paging: -PageSize 2 | Select-Object -First 3 reads two pages; to the end, four' {
            1..7 | ForEach-Object { $null = New-DISyncTask -Name "lazy_$_" -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent }
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:first = @(Get-DIFile -Keyword lazy_ -PageSize 2 | Select-Object -First 3) }
            $first | Should -HaveCount 3
            @($calls.action) | Should -Be @('ListFiles', 'ListFiles')
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:all = @(Get-DIFile -Keyword lazy_ -PageSize 2) }
            $all | Should -HaveCount 7
            @($calls.action) | Should -Be @('ListFiles', 'ListFiles', 'ListFiles', 'ListFiles') -Because 'ceil(7 / 2) pages, and the last page ends it'
        }

        It 'an exact -Name that matches nothing is a non-terminating ObjectNotFound (as Get-Item); a wildcard that matches nothing is no output' {
            1..3 | ForEach-Object { $null = New-DISyncTask -Name "named_$_" -FolderPath 'Workflow/sales/Data_Integration' -Content $BatchContent }
            $records = @(Get-DIFile -Name named_9 2>&1; 'after')
            $streams = Split-Stream $records
            $streams.Errors | Should -HaveCount 1
            $streams.Errors[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.FileNotFound,*'
            $streams.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $streams.Errors[0].Exception.Message | Should -BeLike "*_9'*"
            $streams.Output | Should -Be @('after') -Because 'the next statement still runs'
            @(Get-DIFile -Name 'named_[12]' | ForEach-Object FileName | Sort-Object) | Should -Be @('named_1', 'named_2')
            @(Get-DIFile -Name 'named_*') | Should -HaveCount 3
            @(Get-DIFile -Name 'named_?9*' 2>&1) | Should -BeNullOrEmpty
            (Get-DIFile -Name named_2).FileName | Should -Be 'named_2'
        }
    }
}
