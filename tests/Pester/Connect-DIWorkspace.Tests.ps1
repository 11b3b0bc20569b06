BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Connect-DIWorkspace -Expect @{
        1 = @{
            Given  = { Disconnect-DIWorkspace }
            Expect = {
                ($Debug.Message -join "`n") | Should -Match "profile 'default'"
                ($Debug.Message -join "`n") | Should -Not -Match 'DataWorksEmulatorDemoSecret'
                $Output[0].ProjectId | Should -Be 12345
                $Output[0].Region | Should -Be 'cn-hangzhou' -Because "the region is the profile's region_id"
                $Output[1].Identifier | Should -Be 'my_workspace'
                $Actions | Should -Be @('GetProject')
            }
        }
        2 = {
            $Output[-1] | Should -Match "profile 'deploy' \(RamRoleArn\)"
            $Output[-1] | Should -Not -Match 'DataWorksEmulatorDemoSecret'
        }
        3 = {
            $Output[0].Region | Should -Be 'cn-hangzhou'
            $Output[1].ProjectId | Should -Be 12345
            $Requests.accessKeyId | Should -Be @('LTAI5tExampleKeyId')
        }
        4 = {
            $Output.Region | Should -Be 'cn-shanghai'
            $Output.ProjectId | Should -Be 181565
            $Actions | Should -BeNullOrEmpty -Because 'connecting makes no call'
        }
        5 = {
            $Output.ProjectId | Should -Be 63845
            $Output.MaxAttempts | Should -Be 8
            $Output.AttemptTimeout | Should -Be ([TimeSpan]::FromSeconds(60))
            # The STS credential works: a call made with the context is signed with it and accepted.
            (Get-DIWorkspace -ProjectId 63845).ProjectId | Should -Be 63845
            $sts = Get-Content ./sts.json -Raw | ConvertFrom-Json
            (Get-DIEmulatorRequest -Emulator $emulator -Action GetProject | Select-Object -Last 1).accessKeyId | Should -Be $sts.AccessKeyId
        }
        6 = {
            $Output.FileName | Should -Be @('ods_users')
            $Output.ProjectId | Should -Be @(181565)
            (Get-DIContext).ProjectId | Should -Be 12345 -Because 'the second connection is the session context'
            $emulator.ProjectId | Should -Be 181565
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    $sandbox = New-SuiteSandbox $emulator
    Enter-SuiteSandbox $sandbox
    Connect-Suite $emulator -ProjectId 181565
    $null = New-SuiteBatchTask -Name ods_users -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration'
    Connect-Suite $emulator
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Connect-DIWorkspace' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
