#
# DataWorksDI.TestKit: test your own runbooks with Pester against a throwaway local DataWorks emulator.
# ModuleVersion follows DataWorksDI.psd1 (a Pester test checks that they agree).
#
@{
    RootModule           = 'DataWorksDI.TestKit.psm1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '0b7f4f55-6f1e-4d0c-9a3e-7d2a8c6e5b19'
    Author               = 'DataWorksDI developers'
    CompanyName          = 'DataWorksDI'
    Copyright            = '(c) DataWorksDI developers. All rights reserved.'
    Description          = 'Start and stop a throwaway local DataWorks emulator (fresh data directory, free port), connect DataWorksDI to it and read the calls it received: for testing runbooks with Pester without an Alibaba Cloud account.'
    PowerShellVersion    = '5.1'
    FunctionsToExport    = @('Start-DIEmulator', 'Stop-DIEmulator', 'Connect-DIEmulator', 'Get-DIEmulatorRequest')
    CmdletsToExport      = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Alibaba', 'DataWorks', 'DataIntegration', 'Pester', 'Testing', 'Emulator', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri = 'https://example.invalid/DataWorksDI'
        }
    }
}
