BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    $examples = Get-HelpExampleCase Invoke-DIApi -Expect @{

        1 = {
            $Actions | Should -Be @('ListResourceGroups')
            $Output | Should -Contain 'S_res_group_280749521950784_1602767279794'
            $Output | Should -Not -Contain 'default_group' -Because 'ResourceGroupType 4 selects Data Integration groups only'
        }
        2 = {
            $Actions | Should -Be @('CreateFolder')
            $Output.Data | Should -Not -BeNullOrEmpty
            ($Verbose.Message -join "`n") | Should -Match 'Call CreateFolder'
        }
        3 = {
            $Actions | Should -Be @('ListFileVersions')
            $Output | Should -Match '^1 CREATE'
        }
        4 = {
            # ListNodes is a DataWorks action the emulator does not implement (docs/emulator.md lists those it does), so
            # its answer is InvalidAction.NotFound; what the example shows is the module's side: with -ReadOnly the
            # unknown action is sent at once, without ShouldProcess, and the service's answer comes back as the error.
            $Actions | Should -Be @('ListNodes') -Because 'a 404 is not retried'
            $Errors | Should -HaveCount 1
            $Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAction.NotFound,*'
            "$($Errors[0])" | Should -Match 'RequestId'
            # Without -ReadOnly it is treated as a write: ShouldProcess, so -WhatIf sends nothing.
            $write = $emulator | Get-DIEmulatorRequest -During {
                Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = 181565; ProjectEnv = 'PROD'; PageSize = 20 } -WhatIf 6>$null
            }
            $write | Should -BeNullOrEmpty
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

    Connect-Suite $emulator -ProjectId 181565
    $null = New-SuiteBatchTask -Name ods_versions -ProjectId 181565 -FolderPath 'Workflow/new_biz/Data Integration' -Submit
}

AfterAll {
    Exit-SuiteSandbox $sandbox
    $emulator | Stop-DIEmulator
}

Describe 'Invoke-DIApi' {
    Context 'help examples, run as written' {
        BeforeAll { Set-CloudRedirect $emulator }
        It '<Title>' -ForEach $examples { Invoke-ExampleCase $_ $emulator }
    }

    Context 'against a service that throttles every call' {
        BeforeAll {
            $throttled = Start-SuiteEmulator -ArgumentList '--fault-throttle-ratio', '1'
            $context = Connect-DIWorkspace -Endpoint $throttled.Endpoint -ProjectId 10000 -AccessKeyId $throttled.AccessKeyId -AccessKeySecret $throttled.AccessKeySecret -MaxAttempts 3 -MaxThrottlingRetries 2
            Connect-Suite $emulator
        }
        AfterAll { $throttled | Stop-DIEmulator }

        It 'retries a read within -MaxThrottlingRetries, saying why and with the RequestId, then reports the throttling code' {
            $verbose = $null
            $requests = $throttled | Get-DIEmulatorRequest -During {
                Invoke-DIApi GetProject @{ ProjectId = 10000 } -Context $context -Verbose -ErrorAction SilentlyContinue -ErrorVariable failure 4>&1 |
                    Tee-Object -Variable verbose | Out-Null
            }
            $requests.action | Should -Be @('GetProject', 'GetProject', 'GetProject')
            $messages = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            ($messages -match 'Throttling\.Api.*RequestId [0-9A-F-]{36}') | Should -Not -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'Throttling.Api,*'
        }

        It 'retries a throttled write too, with no ClientToken: a throttled call was not executed' {
            $requests = $throttled | Get-DIEmulatorRequest -During {
                Invoke-DIApi CreateFolder @{ ProjectId = 10000; FolderPath = 'Workflow/once/Data_Integration' } -Context $context -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
            }
            $requests.action | Should -Be @('CreateFolder', 'CreateFolder', 'CreateFolder')
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'Throttling.Api,*'
        }
    }

    Context 'a read can never become a write (issue 11 item 2)' {
        BeforeAll {
            $contexts = @{}
            foreach ($version in 'V2', 'V3') {
                $contexts[$version] = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 12345 -AccessKeyId $emulator.AccessKeyId -AccessKeySecret $emulator.AccessKeySecret -SignatureVersion $version
            }
            Connect-Suite $emulator
            $target = New-SuiteBatchTask -Name api_reserved_target
        }

        It 'a parameter named <Reserved> (signed <Version>) is refused, with and without -WhatIf; nothing is sent or deleted' -ForEach @(
            @{ Version = 'V2'; Reserved = 'Action' }, @{ Version = 'V3'; Reserved = 'Action' }, @{ Version = 'V2'; Reserved = 'aCTION' },
            @{ Version = 'V2'; Reserved = 'Version' }, @{ Version = 'V3'; Reserved = 'SignatureMethod' }, @{ Version = 'V2'; Reserved = 'x-acs-action' },
            @{ Version = 'V3'; Reserved = 'SecurityToken' }, @{ Version = 'V2'; Reserved = 'Timestamp' }, @{ Version = 'V3'; Reserved = 'RegionId' }
        ) {
            # The issue's case: a GetFile whose parameters carry Action=DeleteFile.
            $parameters = @{ ProjectId = 12345; FileId = $target.FileId; $Reserved = 'DeleteFile' }
            foreach ($whatIf in $true, $false) {
                $calls = $emulator | Get-DIEmulatorRequest -During {
                    $script:refusal = @(try { Invoke-DIApi -Action GetFile -Parameter $parameters -Context $contexts[$Version] -WhatIf:$whatIf 2>&1 } catch { $_ })
                }
                $calls | Should -BeNullOrEmpty
                $refusal | Should -HaveCount 1
                $refusal[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.ReservedParameterName,*'
                $refusal[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
                $refusal[0].TargetObject | Should -BeExactly $Reserved
                $refusal[0].Exception.Message | Should -BeLike "*Nothing was sent*"
                $refusal[0].Exception.Message | Should -BeLike "*'$Reserved'*"
            }
            (Get-DIFile -FileId $target.FileId).DeletedStatus | Should -Be 'NORMAL'
        }

        It 'any action name is called; one the module does not know is a write unless -ReadOnly; known reads need no -ReadOnly' {
            # An unknown action asks ShouldProcess: -WhatIf sends nothing.
            $calls = $emulator | Get-DIEmulatorRequest -During { Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = 12345 } -WhatIf 6>$null }
            $calls | Should -BeNullOrEmpty
            # Confirmed, it is sent as named (the emulator does not serve it and says so: the call did reach it).
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:records = @(Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = 12345 } -Confirm:$false -Verbose -ErrorAction SilentlyContinue 4>&1) }
            @($calls.action) | Should -Be @('ListNodes')
            (Split-Stream $records).Verbose.Message | Where-Object { $_ -like '*not an action this module knows*' -and $_ -like '*a write*' } | Should -Not -BeNullOrEmpty
            # -ReadOnly marks it a read: no ShouldProcess, so -WhatIf does not stop it.
            $calls = $emulator | Get-DIEmulatorRequest -During { Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = 12345 } -ReadOnly -WhatIf -ErrorAction SilentlyContinue }
            @($calls.action) | Should -Be @('ListNodes')
            # A known read needs no -ReadOnly and ignores -WhatIf; a known write with -ReadOnly is still a write.
            $calls = $emulator | Get-DIEmulatorRequest -During {
                $script:records = @((Invoke-DIApi GetProject @{ ProjectId = 12345 } -WhatIf).Data.ProjectId
                    Invoke-DIApi DeleteFile @{ ProjectId = 12345; FileId = 1 } -ReadOnly -WhatIf 3>&1 6>$null)
            }
            @($calls.action) | Should -Be @('GetProject')
            $streams = Split-Stream $records
            $streams.Output | Should -Be @(12345)
            $streams.Warnings.Message | Where-Object { $_ -like '*DeleteFile is a write*' } | Should -Not -BeNullOrEmpty
            # Not an action name at all: a refusal naming the rule.
            $calls = $emulator | Get-DIEmulatorRequest -During { $script:refusal = @(try { Invoke-DIApi -Action 'Get File;x' -Confirm:$false 2>&1 } catch { $_ }) }
            $calls | Should -BeNullOrEmpty
            $refusal | Should -HaveCount 1
            $refusal[0].FullyQualifiedErrorId | Should -BeLike 'DataWorksDI.InvalidActionName,*'
            $refusal[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'Tab completion' {
        It 'completes -Action from the API catalogue' {
            $line = 'Invoke-DIApi -Action GetF'
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('GetFile', 'GetFolder')
        }
    }

    Context 'against a service that answers every call with a 5xx' {
        BeforeAll {
            $failing = Start-SuiteEmulator -ArgumentList '--fault-5xx-ratio', '1'
            $context = Connect-DIWorkspace -Endpoint $failing.Endpoint -ProjectId 10000 -AccessKeyId $failing.AccessKeyId -AccessKeySecret $failing.AccessKeySecret -MaxAttempts 3
            Connect-Suite $emulator
        }
        AfterAll { $failing | Stop-DIEmulator }

        It 'retries a read up to -MaxAttempts' {
            $requests = $failing | Get-DIEmulatorRequest -During {
                Invoke-DIApi GetProject @{ ProjectId = 10000 } -Context $context -ErrorAction SilentlyContinue
            }
            $requests.action | Should -Be @('GetProject', 'GetProject', 'GetProject')
        }

        It 'never replays a write that carries no ClientToken: the first may have been executed' {
            $requests = $failing | Get-DIEmulatorRequest -During {
                Invoke-DIApi CreateFolder @{ ProjectId = 10000; FolderPath = 'Workflow/once/Data_Integration' } -Context $context -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
            }
            $requests.action | Should -Be @('CreateFolder')
            $failure | Should -HaveCount 1
        }
    }
}
