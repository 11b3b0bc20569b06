BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Disconnect-DIWorkspace -Expect @{
        1 = {
            # The wait reads a package it just created only after the poll interval, so whether the first read already
            # finds it succeeded depends on timing: one GetDeployment or more, and nothing else after the submit.
            $Actions[0..1] | Should -Be @('ListFiles', 'SubmitFile')
            $Actions.Count | Should -BeGreaterOrEqual 3
            $Actions[2..($Actions.Count - 1)] | Should -Be (@('GetDeployment') * ($Actions.Count - 2))
            $Output.Status | Should -Be 'Succeeded'
            Get-DIContext | Should -BeNullOrEmpty
        }
        2 = @{
            Given  = { Connect-Suite $emulator }
            Expect = {
                $Output | Should -BeNullOrEmpty
                (Get-DIContext).ProjectId | Should -Be 12345 -Because '-WhatIf leaves the context in place'
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
    $credential = Get-DemoCredential
    $null = New-SuiteBatchTask -Name ods_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Disconnect-DIWorkspace' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
