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
}
