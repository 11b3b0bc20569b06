BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Test-DISyncTaskContent -Expect @{

        1 = {
            $Output[0] | Should -BeTrue
            $result.IsValid | Should -BeTrue
            $Actions | Should -Be @('ListDataSources', 'ListResourceGroups') -Because 'connected, the workspace is consulted'
        }
        2 = {
            $Actions | Should -Not -Contain 'ListDataSources' -Because '-Offline makes no call'
            @($Actions | Where-Object { $_ -eq 'CreateDISyncTask' }) | Should -HaveCount 1
            $Output.FileName | Should -Be @('ods_customers')
            $Warnings.Message | Should -Be @("ods_broken.json has errors; run Test-DISyncTaskContent -Path $(Join-Path $PWD 'tasks/ods_broken.json') to see them")
        }
        3 = {
            $Output[0].ProjectId | Should -Be 10000
            $Output.Count | Should -Be 1 -Because 'every data source of the task is registered in workspace 10000'
            $Actions | Should -Be @('ListDataSources', 'ListResourceGroups')
        }
        4 = {
            $Actions | Where-Object { $_ -notin 'ListDataSources', 'ListResourceGroups' } | Should -BeNullOrEmpty
            $Output.Code | Should -Contain 'DI.Content.DataXShape'
            ($Output | Where-Object Code -eq 'DI.Content.DataXShape').Fix | Should -Match 'stepType'
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

Describe 'Test-DISyncTaskContent' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'what is checked, offline and in a workspace' {
        It 'the documented example <_> passes unchanged, from -Path and from -Content' -ForEach 'createdisynctask-request-example.json', 'updatedisynctask-request-example.json', 'minimal-spec-6.1.json' {
            $path = Join-Path $RepoRoot "tests/DataWorksDI.Tests/Validation/Data/$_"
            $result = Test-DISyncTaskContent -Path $path
            $result.Findings | Should -BeNullOrEmpty
            $result.IsValid | Should -BeTrue
            Test-DISyncTaskContent -Content ([IO.File]::ReadAllText($path)) -Quiet | Should -BeTrue
        }

        It 'the seed content passes and reports the parameters it uses' {
            $result = Test-DISyncTaskContent $BatchContent
            $result.IsValid | Should -BeTrue
            $result.ReferencedParameters | Should -Contain 'bizdate'
        }

        It 'a hashtable is checked as content; -Quiet answers $false for bad content' {
            Test-DISyncTaskContent @{ job = @{ content = @(@{ reader = @{ name = 'mysqlreader' }; writer = @{ name = 'odpswriter' } }) } } -Quiet | Should -BeFalse
        }

        It 'connected, it checks the data sources and resource group in the workspace; -Offline skips them' {
            $unknown = $BatchContent.Replace('odps_source', 'no_such_source')
            # A context of its own (workspace 10000, as a fresh session): the workspace's catalogue is read, not cached.
            $key = New-SuiteAccessKey $emulator
            try {
                $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 10000 -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
                $calls = $emulator | Get-DIEmulatorRequest -During { $script:online = Test-DISyncTaskContent $unknown -ResourceGroup S_res_group_nope }
            }
            finally { Connect-Suite $emulator }
            $online.Findings | Where-Object { $_.Code -eq 'DI.Workspace.DataSourceUnknown' -and $_.Message -like '*no_such_source*' } | Should -Not -BeNullOrEmpty
            $online.Findings.Code | Should -Contain 'DI.Workspace.ResourceGroupUnknown'
            $online.Findings | Where-Object { $_.Message -like "*'dh_mysql'*" } | Should -BeNullOrEmpty -Because 'dh_mysql is in the workspace'
            $calls.action | Should -Contain 'ListDataSources'
            $calls.action | Should -Contain 'ListResourceGroups'
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:offline = Test-DISyncTaskContent $unknown -Offline }
            $offline.IsValid | Should -BeTrue
            $calls | Should -BeNullOrEmpty
        }

        It 'a piped file is checked by its content; -ParaValue and -Parameter together are refused' {
            New-SuiteBatchTask -Name content_piped | Get-DIFile | Test-DISyncTaskContent -Offline -Quiet | Should -BeTrue
            { Test-DISyncTaskContent $BatchContent -ParaValue 'a=1' -Parameter @{ a = 1 } -ErrorAction Stop } | Should -Throw -ErrorId 'DataWorksDI.ConflictingParameters,*'
        }

        It 'connected without a workspace, only the offline checks run, and -Verbose says so' {
            $key = New-SuiteAccessKey $emulator
            try {
                $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
                $calls = $emulator | Get-DIEmulatorRequest -During { $script:records = @(Test-DISyncTaskContent $BatchContent -Verbose 4>&1) }
            }
            finally { Connect-Suite $emulator }
            $streams = Split-Stream $records
            $streams.Output.IsValid | Should -BeTrue
            $streams.Verbose.Message | Where-Object { $_ -like '*only the offline checks*' } | Should -Not -BeNullOrEmpty
            $calls | Should -BeNullOrEmpty
        }
    }
}
