BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Get-DIDeployment -Expect @{
        1 = {
            $Actions | Should -Be @('SubmitFile', 'GetDeployment')
            $Output.DeploymentId | Should -Be $d.DeploymentId
            $Output.FileId | Should -Be 500000001
            $Output.Status | Should -BeIn @('Pending', 'Succeeded')
        }
        2 = {
            $Actions | Should -Be @('ListDeployments')
            $Output | Should -HaveCount 1
            $Output | Should -Match '^\d+ failprod_task.*: .*failprod_'
        }
        3 = {
            $Actions | Should -Be @('ListFiles', 'SubmitFile', 'GetDeployment')
            $Output.FileId | Should -Be @(500000001)
            $Output.ToEnvironment | Should -Be 'Development'
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
    $null = New-SuiteBatchTask -Name ods_orders_daily
    # A package that fails in production: the suite emulator's failure injection fails the deployment of failprod_* files.
    $null = New-SuiteBatchTask -Name failprod_task -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration' -Submit
    $null = Publish-DIFile -FileId 500000002 -ProjectId 181565 -Wait -PollInterval 0.2 -ErrorAction SilentlyContinue
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Get-DIDeployment' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'listing' {
        It 'without an id it lists, a page when the pipeline asks for it; -List is accepted and changes nothing' {
            1..3 | ForEach-Object { $null = New-SuiteBatchTask -Name "deployment_listed_$_" -Submit }
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:first = @(Get-DIDeployment -PageSize 1 | Select-Object -First 1) }
            $first | Should -HaveCount 1
            $first[0] | Should -BeOfType DataWorksDI.Models.DIDeployment
            @($calls.action) | Should -Be @('ListDeployments') -Because 'one page of one package, then no more calls'
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:all = @(Get-DIDeployment)
                $script:listed = @(Get-DIDeployment -List)
            }
            $all.Count | Should -BeGreaterOrEqual 3
            $listed.Count | Should -Be $all.Count
            @($calls.action) | Should -Be @('ListDeployments', 'ListDeployments') -Because 'two full listings, one page each'
        }
    }
}
