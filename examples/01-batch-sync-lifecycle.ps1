<#
.SYNOPSIS
    The seed workflow of Alibaba's "Manage Data Integration tasks with Open API" as one pipeline:
    CreateDISyncTask -> UpdateFile -> SubmitFile (+ wait) -> DeployFile (+ wait).
.DESCRIPTION
    Uses the document's own values: workspace 181565, the MySQL (dh_mysql) -> MaxCompute (odps_source) task content,
    folder Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration, DI resource group
    S_res_group_280749521950784_1602767279794, and the document's scheduling values (see docs/seed-workflow.md).
    By default it runs against the local DataWorks emulator with its well-known demo key; pass -Region and your own
    keys (or -Endpoint) to run it against DataWorks. Works in standard and basic workspaces: in a basic workspace
    Publish-DIFile makes no DeployFile call, because SubmitFile already deployed to production.
.EXAMPLE
    ./examples/01-batch-sync-lifecycle.ps1 -Endpoint http://127.0.0.1:8787
.EXAMPLE
    ./examples/01-batch-sync-lifecycle.ps1 -Region cn-shanghai -ProjectId 181565 -AccessKeyId LTAI5t... -AccessKeySecret (Read-Host -AsSecureString)
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Uri] $Endpoint = 'http://127.0.0.1:8787',
    [string] $Region,
    [long] $ProjectId = 181565,
    [string] $AccessKeyId = 'LTAI5tDataWorksEmulatorDemo',
    # Defaults to the emulator's documented demo secret (public, like Azurite's devstoreaccount1 key).
    [securestring] $AccessKeySecret = [System.Net.NetworkCredential]::new('', 'DataWorksEmulatorDemoSecretForLocalUseOnly').SecurePassword,
    [string] $TaskName = 'new_di_task_0607_1416',
    [string] $FolderPath = 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration',
    [string] $ResourceGroup = 'S_res_group_280749521950784_1602767279794',
    [double] $PollIntervalSec = 2
)

$ErrorActionPreference = 'Stop'

$connect = @{ ProjectId = $ProjectId; AccessKeyId = $AccessKeyId; AccessKeySecret = $AccessKeySecret }
if ($Region) { $connect.Region = $Region } else { $connect.Endpoint = $Endpoint }
$null = Connect-DIWorkspace @connect

# The document's TaskContent, sent exactly as written.
$taskContent = '{"type":"job","version":"2.0","steps":[{"stepType":"mysql","parameter":{"envType":1,"datasource":"dh_mysql","column":["id","name"],"tableComment":"Comment for the table same","connection":[{"datasource":"dh_mysql","table":["same"]}],"where":"","splitPk":"id","encoding":"UTF-8"},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"partition":"pt=${bizdate}","truncate":true,"datasource":"odps_source","envType":1,"column":["id","name"],"emptyAsNull":false,"tableComment":"same","table":"same"},"name":"Writer","category":"writer"}],"setting":{"executeMode":null,"errorLimit":{"record":""},"speed":{"concurrent":2,"throttle":false}},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}'

# The document's scheduling values (UpdateFile).
$schedule = @{
    Cron              = '00 30 05 * * ?'
    CycleType         = 'DAY'
    RerunMode         = 'FAILURE_ALLOWED'
    AutoRerunTimes    = 3
    AutoRerunInterval = '00:02:00'
    InputList         = 'dataworks_di_autotest_root'
    DependentType     = 'SELF'
    SchedulerType     = 'NORMAL'
    ParaValue         = 'x=a y=b z=c'
    EndEffectDate     = [DateTimeOffset]::FromUnixTimeMilliseconds(4155787800000).LocalDateTime
    Description       = 'description'
    Stop              = $false
}

$deployment = New-DISyncTask -Name $TaskName -FolderPath $FolderPath -ResourceGroup $ResourceGroup -Content $taskContent |
    Set-DIFileSchedule @schedule |
    Submit-DIFile -Wait -PollInterval $PollIntervalSec |
    Publish-DIFile -Wait -PollInterval $PollIntervalSec

$deployment
Get-DIFile -FileId $deployment.FileId
