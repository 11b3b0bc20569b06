BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Remove-DIFile -Expect @{

        1 = {
            @($Actions | Where-Object { $_ -in 'DeleteFile', 'DeployFile' }) | Should -Be @('DeleteFile', 'DeployFile')
            $Output | Should -BeNullOrEmpty -Because 'without -PassThru Remove-DIFile writes nothing'
            (Get-DIFile -FileId 500000001).DeletedStatus | Should -Be 'DELETED'
        }
        2 = {
            $Actions | Should -Not -Contain 'DeleteFile'
            $Actions | Should -Not -Contain 'DeployFile'
            $Output | Should -BeNullOrEmpty
            (Get-DIFile -FileId 500000002).DeletedStatus | Should -Be 'NORMAL'
        }
        3 = @{
            # The person at the prompt answers Yes.
            Given  = { $ConfirmPreference = 'None' }
            Expect = {
                $Actions | Should -Contain 'DeleteFile'
                $Actions | Should -Not -Contain 'DeployFile'
                $Output | Should -Be @('Succeeded')
                $removal | Should -BeOfType DataWorksDI.Models.DIFileRemoval
                $removal.FileId | Should -Be 500000003
                $removal.Deployment.ToEnvironment | Should -Be 'Development'
                $removal.Deployment.Status | Should -Be 'Succeeded'
                $removal.InProduction | Should -BeFalse
                (Get-DIFile -FileId 500000003).DeletedStatus | Should -Be 'RECYCLE_BIN' -Because 'production keeps the task until the deletion is deployed'
            }
        }
        4 = {
            @($Actions | Where-Object { $_ -in 'TerminateDISyncInstance', 'DeleteDISyncTask', 'GetFile' }) | Should -Be @('TerminateDISyncInstance', 'DeleteDISyncTask')
            { Get-DIFile -FileId 500000004 -ErrorAction Stop } | Should -Throw -ErrorId 'Invalid.Tenant.FileNotExists,*'
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

    $null = New-SuiteBatchTask -Name ods_orders_daily -Publish
    $null = New-SuiteBatchTask -Name tmp_orders
    $null = New-SuiteBatchTask -Name ods_archive -Submit
    $null = New-SuiteRealtimeTask -Name rt_orders -Deploy
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Remove-DIFile' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }
}
