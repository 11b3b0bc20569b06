#
# Module manifest for DataWorksDI.
# ModuleVersion below is the single version source: Directory.Build.props reads it and stamps it
# into every assembly of the solution, so the psd1 and the dll can never disagree.
#
@{
    RootModule             = 'DataWorksDI.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6f0d3f0e-5b7a-4c55-9a51-2f3c1b7d9e41'
    Author                 = 'DataWorksDI developers'
    CompanyName            = 'DataWorksDI'
    Copyright              = '(c) DataWorksDI developers. All rights reserved.'
    Description            = 'Manage Alibaba Cloud DataWorks Data Integration sync tasks (DataWorks OpenAPI 2020-05-18): create, schedule, submit, deploy, watch and delete them as PowerShell pipelines.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('DataWorksDI.format.ps1xml')
    CmdletsToExport        = @(
        'Compare-DITaskDefinition'
        'Connect-DIWorkspace'
        'Disconnect-DIWorkspace'
        'Export-DITaskDefinition'
        'Get-DIContext'
        'Get-DIDeployment'
        'Get-DIFile'
        'Get-DIScheduleTime'
        'Get-DISyncInstance'
        'Get-DISyncTask'
        'Get-DIWorkspace'
        'Import-DITaskDefinition'
        'Invoke-DIApi'
        'New-DISyncTask'
        'Publish-DIFile'
        'Remove-DIFile'
        'Set-DIFileSchedule'
        'Set-DISyncTask'
        'Start-DISyncInstance'
        'Stop-DISyncInstance'
        'Submit-DIFile'
        'Sync-DITaskDefinition'
        'Test-DISyncTaskContent'
        'Test-DITaskDefinition'
        'Unpublish-DISyncTask'
        'Wait-DIDeployment'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Alibaba', 'AlibabaCloud', 'Aliyun', 'DataWorks', 'DataIntegration', 'ETL', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri = 'https://github.com/DataWorksDI/DataWorksDI'
        }
    }
}
