BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIWorkspace -Expect @{
        1 = {
            $Output | Should -Be 'my_workspace: Standard mode, DI resource group S_res_group_280749521950784_1602767279794'
            $Actions | Should -Be @('GetProject')
        }
        2 = {
            $Output.ProjectId | Sort-Object | Should -Be @(2043, 10000, 12345, 63845, 78837, 181565)
            # The listing completes each of the 7 workspaces with GetProject, except 12345: example 1 read it with this context.
            $Actions[0] | Should -Be 'ListProjects'
            $Actions | Where-Object { $_ -eq 'ListProjects' } | Should -HaveCount 1
            $Actions | Where-Object { $_ -eq 'GetProject' } | Should -HaveCount 6
            $Actions | Where-Object { $_ -notin 'ListProjects', 'GetProject' } | Should -BeNullOrEmpty
            # "none afterwards": listed again, every workspace is already read.
            $again = $emulator | Get-DIEmulatorRequest -During { $null = Get-DIWorkspace | Where-Object IsStandardMode }
            $again.action | Should -Be @('ListProjects')
        }
        3 = {
            $Output.ProjectId | Sort-Object | Should -Be @(2043, 10000, 10001, 12345, 63845, 78837, 181565)
            $Output[0].PSObject.Properties.Name | Should -Be @('ProjectId', 'Identifier')
            # A per-call context has read nothing yet: one GetProject for each of the 7 workspaces listed.
            $Actions | Should -Be (@('ListProjects') + @('GetProject') * 7)
            (Get-DIContext).ProjectId | Should -Be 12345 -Because 'a per-call profile leaves the session context alone'
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

Describe 'Get-DIWorkspace' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'listing' {
        It 'without -ProjectId it lists, reading each workspace''s mode once; piped workspaces are read one by one' {
            # A context of its own, so the first listing starts with no mode known.
            $key = New-SuiteAccessKey $emulator
            try {
                $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 10000 -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
                $calls = $emulator | Get-DIEmulatorRequest -During {
                    $script:all = @(Get-DIWorkspace)
                    $script:listed = @(Get-DIWorkspace -List)
                    $script:basic = (Get-DIWorkspace -ProjectId 10001).Mode
                    $script:piped = @($all | Where-Object ProjectId -In 10000, 10001 | Get-DIWorkspace | Sort-Object ProjectId | ForEach-Object Mode)
                    $script:paged = @(Get-DIWorkspace -PageSize 2 | Select-Object -First 1)
                }
            }
            finally { Connect-Suite $emulator }
            $all.Count | Should -BeGreaterOrEqual 6
            $listed.Count | Should -Be $all.Count
            "$basic" | Should -Be 'Basic'
            $piped -join ',' | Should -Be 'Standard,Basic'
            $paged | Should -HaveCount 1
            $paged[0] | Should -BeOfType DataWorksDI.Models.DIWorkspace
            @($calls.action | Where-Object { $_ -eq 'ListProjects' }) | Should -HaveCount 3
            # ListProjects gives no mode: the first listing reads each workspace's once (GetProject), later listings none;
            # -ProjectId and the two piped workspaces are read as asked.
            $withMode = @($all | Where-Object Mode -NE 'Unknown').Count
            $withMode | Should -BeGreaterOrEqual 6
            @($calls.action | Where-Object { $_ -eq 'GetProject' }) | Should -HaveCount ($withMode + 3)
        }
    }
}
