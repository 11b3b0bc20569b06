# Get-Help is complete, as a user reads it in pwsh: synopsis, description, examples, every parameter described,
# inputs, outputs and related links, for every command of DataWorksDI and DataWorksDI.TestKit.
BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $commands = @(Get-Command -Module DataWorksDI, DataWorksDI.TestKit | ForEach-Object {
            $lifecycle = $_.Verb -in 'New', 'Set', 'Submit', 'Publish', 'Remove', 'Start', 'Stop', 'Unpublish', 'Wait'
            @{ Name = $_.Name; MinExamples = if ($lifecycle -and $_.ModuleName -eq 'DataWorksDI') { 2 } else { 1 } }
        })
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Get-Help (every command)' {
    Context '<Name>' -ForEach $commands {
        BeforeAll { $help = Get-Help $Name -Full }

        It 'has a synopsis of its own (not the generated syntax stub) and a description' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name)) "
            ($help.Description.Text -join ' ') | Should -Match '\w{3,}'
        }

        It 'has at least <MinExamples> example(s), each with code and an explanation' {
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual $MinExamples
            foreach ($example in $help.Examples.Example) {
                $example.Code | Should -Match $Name.Split('-')[1]
                ($example.Remarks.Text -join ' ') | Should -Match '\w{3,}'
            }
        }

        It 'describes every parameter' {
            $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
            foreach ($p in $parameters) {
                $ph = Get-Help $Name -Parameter $p
                ($ph.Description.Text -join ' ') | Should -Match '\w{3,}' -Because "-$p must be described"
            }
        }

        It 'names its outputs and related commands' {
            ($help.ReturnValues.ReturnValue.Type.Name -join ' ') | Should -Not -BeNullOrEmpty
            @($help.RelatedLinks.NavigationLink).Count | Should -BeGreaterThan 0
        }
    }
}
