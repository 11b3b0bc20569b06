<#
.SYNOPSIS
    Deletes a batch sync task and, in a standard-mode workspace, carries the deletion through to production
    (DeleteFile -> wait -> DeployFile -> wait), as Alibaba's documentation describes.
.EXAMPLE
    ./examples/02-remove-sync-task.ps1 -TaskName new_di_task_0607_1416
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [Uri] $Endpoint = 'http://127.0.0.1:8787',
    [string] $Region,
    [long] $ProjectId = 181565,
    [string] $AccessKeyId = 'LTAI5tDataWorksEmulatorDemo',
    [securestring] $AccessKeySecret = [System.Net.NetworkCredential]::new('', 'DataWorksEmulatorDemoSecretForLocalUseOnly').SecurePassword,
    [Parameter(Mandatory = $true)]
    [string] $TaskName,
    [double] $PollIntervalSec = 2
)

$ErrorActionPreference = 'Stop'
$connect = @{ ProjectId = $ProjectId; AccessKeyId = $AccessKeyId; AccessKeySecret = $AccessKeySecret }
if ($Region) { $connect.Region = $Region } else { $connect.Endpoint = $Endpoint }
$null = Connect-DIWorkspace @connect

# Find the task by its exact name and remove it everywhere; -Confirm:$false because a runbook cannot answer prompts.
Get-DIFile -Name $TaskName |
    Remove-DIFile -Publish -PollInterval $PollIntervalSec -Confirm:$false -PassThru
