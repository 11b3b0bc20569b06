# Every powershell block of README.md runs as written, against the emulator (Connect-DIWorkspace redirected to it,
# Get-Credential answered with its demo key); then the examples/ scripts the README points to.
BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase -Markdown README.md -Expect @{
        1 = {
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            $file = Get-DIFile -FileId $Output.FileId
            $file.FileName | Should -Be 'ods_users'
            $file.Schedule.Cron | Should -Be '00 30 05 * * ?'
            $file.Schedule.InputList | Should -Be @('my_workspace_root')
            $file.Schedule.AutoRerunTimes | Should -Be 3
        }
        2 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                $Output.Name | Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'DataWorksDI.psd1')).CmdletsToExport
            }
        }
        3 = {
            $Output[0].CredentialSource | Should -Match "profile 'default'"
            $Output[1].CredentialSource | Should -Match "profile 'prod'"
            $Output[2].CredentialSource | Should -Be 'the -Credential parameter'
            $Output[3].ProjectId | Should -Be 12345
            ($Output[4..($Output.Count - 1)] | Out-String) | Should -Match 'ods_users'
        }
        4 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                $Output[0].ProjectId | Should -Be 10000
                $Output[1].ToEnvironment | Should -Be 'Production'
                $Output[1].Status | Should -Be 'Succeeded'
                $Output[2].FileName | Should -Be 'new_di_task_0607_1416'
                $Output[2].ProjectId | Should -Be 181565
                $Output[2].Committed | Should -BeTrue
            }
        }
        5 = @{
            Given  = { Push-Location $RepoRoot }
            Expect = {
                Pop-Location
                $Output | Should -Be @('ListFiles')
                Test-Path $emulator.LogDirectory | Should -BeFalse -Because 'Stop-DIEmulator deleted its data'
            }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $suiteEmulator = Start-SuiteEmulator
    $sandbox = New-SuiteSandbox $suiteEmulator
    Enter-SuiteSandbox $sandbox
    Connect-Suite $suiteEmulator
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $suiteEmulator | Stop-DIEmulator
}

Describe 'README.md' {
    Context 'examples, run as written' {
        BeforeAll { Set-CloudRedirect $suiteEmulator }
        It 'README example <Number> (<Title>)' -ForEach $examples { Invoke-ExampleCase $_ $suiteEmulator }

        It 'examples/02-remove-sync-task.ps1 removes what examples/01 created, in development and production' {
            Push-Location $RepoRoot
            try { $out = ./examples/02-remove-sync-task.ps1 -Endpoint http://127.0.0.1:8787 -TaskName new_di_task_0607_1416 -PollIntervalSec 0.2 }
            finally { Pop-Location }
            $out.ToEnvironment | Should -Be 'Production'
            $out.Status | Should -Be 'Succeeded'
            (Get-DIFile -FileId $out.FileId -ProjectId 181565).DeletedStatus | Should -Be 'DELETED'
        }
    }
}
