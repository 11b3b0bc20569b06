BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Unpublish-DISyncTask -Expect @{

        1 = @{
            # The person at the prompt answers Yes.
            Given  = { $ConfirmPreference = 'None' }
            Expect = {
                $Actions | Should -Contain 'TerminateDISyncInstance'
                $Output.Status | Should -Be 'NoRun'
                $Output.FileId | Should -Be 500000001
            }
        }
        2 = {
            @($Actions | Where-Object { $_ -in 'ListFiles', 'TerminateDISyncInstance', 'DeleteDISyncTask', 'GetFile' }) | Should -Be @('ListFiles', 'TerminateDISyncInstance', 'DeleteDISyncTask')
            { Get-DIFile -FileId 500000002 -ErrorAction Stop } | Should -Throw -ErrorId 'Invalid.Tenant.FileNotExists,*'
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

    $null = New-SuiteRealtimeTask -Name rt_customers -Start
    $null = New-SuiteRealtimeTask -Name rt_orders -Deploy
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Unpublish-DISyncTask' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
