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

    Context 'every terminal state is handled: a failure is an error with the service''s message, never a time-out' {
        It 'a failed production deployment is an error from Publish-DIFile -Wait and from Wait-DIDeployment; the script goes on' {
            # The suite's emulator fails production deployments of files named failprod_* (its deploymentChecks).
            $records = @(& {
                    $f = New-SuiteBatchTask -Name failprod_wait -Submit
                    $f | Publish-DIFile -Wait -PollInterval 0.1 -ErrorAction Continue
                    $d = $f | Publish-DIFile
                    $d | Wait-DIDeployment -PollInterval 0.1 -ErrorAction Continue
                    'after'
                } 2>&1)
            $streams = Split-Stream $records
            $streams.Output[-1] | Should -Be 'after'
            $streams.Errors | Should -HaveCount 2
            foreach ($e in $streams.Errors) {
                $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.DeploymentFailed,*'
                $e.Exception.Message | Should -BeLike '*failprod_`**'
                $e.Exception.Message | Should -Not -Match 'timeout'
                $e.TargetObject | Should -BeOfType ([DataWorksDI.Models.DIDeployment])
                $e.CategoryInfo.Category | Should -Be 'InvalidResult'
            }
        }

        It '<Prefix>: Submit-DIFile -Wait ends with <ErrorId>, not a time-out' -ForEach @(
            @{ Prefix = 'rejectme'; ErrorId = 'DataWorksDI.DeploymentRejected'; Words = 'rejected' }
            @{ Prefix = 'checkfailme'; ErrorId = 'DataWorksDI.DeploymentCheckFailed'; Words = 'pre-deployment check' }
        ) {
            $records = @(New-SuiteBatchTask -Name "$($Prefix)_wait" | Submit-DIFile -Wait -PollInterval 0.1 -Timeout 20 2>&1)
            $streams = Split-Stream $records
            $streams.Output | Should -BeNullOrEmpty
            $streams.Errors | Should -HaveCount 1
            $streams.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $streams.Errors[0].Exception.Message | Should -BeLike "*$Words*"
        }

        It '-SkipDeploymentChecks bypasses the check extensions: the same file''s deployment succeeds' {
            $d = New-SuiteBatchTask -Name checkfailme_skipped | Submit-DIFile -SkipDeploymentChecks -Wait -PollInterval 0.1 -ErrorAction Stop
            $d | Should -HaveCount 1
            $d.Status | Should -Be 'Succeeded'
        }

        It 'a wait that runs out of time is reported distinctly: DeploymentWaitTimeout, OperationTimeout, how to wait again' {
            # An emulator of its own whose deployments stay pending for ten minutes.
            $slow = Start-DIEmulator -DeploymentDelay '00:10:00'
            try {
                Connect-DIEmulator -Emulator $slow -ProjectId 10000 | Out-Null
                $d = New-DISyncTask -Name wait_timeout -FolderPath 'Workflow/new_biz/Data Integration' -ResourceGroup S_res_group_280749521950784_1602767279794 -Content $BatchContent | Submit-DIFile
                $records = @($d | Wait-DIDeployment -Timeout 0.6 -PollInterval 0.1 2>&1)
                $streams = Split-Stream $records
                $streams.Output | Should -BeNullOrEmpty
                $streams.Errors | Should -HaveCount 1
                $e = $streams.Errors[0]
                $e.FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.DeploymentWaitTimeout,*'
                $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
                $e.Exception.Message | Should -BeLike '*still pending*'
                $e.Exception.Message | Should -BeLike '*Wait-DIDeployment -DeploymentId*'
            }
            finally {
                Connect-Suite $emulator
                $slow | Stop-DIEmulator
            }
        }
    }
}
