# Every exported cmdlet is specified here: it has a <Cmdlet>.Tests.ps1, or a Describe block that names it.
BeforeDiscovery {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $commands = @(Get-Command -Module DataWorksDI, DataWorksDI.TestKit | ForEach-Object { @{ Name = $_.Name; Module = $_.ModuleName } })
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $files = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter *.Tests.ps1) + @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'examples') -Filter *.Tests.ps1)
    $describes = foreach ($f in $files) {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($f.FullName, [ref] $null, [ref] $null)
        $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Describe' }, $true) |
            ForEach-Object { $_.CommandElements[1].Extent.Text.Trim("'", '"') }
    }
}

Describe 'Coverage' {
    It '<Module>\<Name> has a Tests file or a Describe block naming it' -ForEach $commands {
        $byFile = $files.Name -contains "$Name.Tests.ps1"
        $byDescribe = @($describes | Where-Object { $_ -match "(^|\W)$([regex]::Escape($Name))(\W|$)" }).Count -gt 0
        ($byFile -or $byDescribe) | Should -BeTrue -Because "every exported command must be specified in tests/Pester"
    }

    It 'the module exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'DataWorksDI.psd1')
        (Get-Command -Module DataWorksDI).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'DataWorksDI.TestKit has the module''s version' {
        (Import-PowerShellDataFile (Join-Path $RepoRoot 'src/DataWorksDI.TestKit/DataWorksDI.TestKit.psd1')).ModuleVersion |
            Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'DataWorksDI.psd1')).ModuleVersion
    }
}
