BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Wait-DIDeployment -Expect @{

        1 = {
            $done.FileId | Should -Be @(500000001)
            $done.Status | Should -Be 'Succeeded'
            $failures | Should -HaveCount 1
            $Errors | Should -HaveCount 1
            $Output | Should -Match '^500000002: .+'
        }
        2 = {
            $Actions | Should -Be @('GetDeployment')
            $Output.DeploymentId | Should -Be 3000001
            $Output.FileId | Should -Be 500000001
            $Output.Status | Should -Be 'Succeeded'
        }
        3 = {
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
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

    $null = New-SuiteBatchTask -Name ods_orders -Submit
    $null = New-SuiteBatchTask -Name rejectme_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Wait-DIDeployment' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
