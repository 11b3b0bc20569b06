BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Submit-DIFile -Expect @{

        1 = {
            $Output.FileName | Should -BeNullOrEmpty
            $Output.Status | Should -Be 'Succeeded'
            $Output.ToEnvironment | Should -Be 'Development'
            (Get-DIFile -FileId $Output.FileId).FileName | Should -Be 'ods_orders_daily'
        }
        2 = {
            $Output.ToEnvironment | Should -Be 'Production'
            $Output.Status | Should -Be 'Succeeded'
            $Output.FileId | Should -Be 500000001
        }
        3 = {
            $packages | Should -HaveCount 3
            $Output.Status | Should -Be @('Succeeded', 'Succeeded', 'Succeeded') -Because '-SkipDeploymentChecks bypasses the check that rejects rejectme_*'
            @($Actions | Where-Object { $_ -eq 'SubmitFile' }) | Should -HaveCount 3
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

    $null = New-SuiteBatchTask -Name ods_customers
    $null = New-SuiteBatchTask -Name rejectme_orders
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Submit-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
