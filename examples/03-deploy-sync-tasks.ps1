<#
.SYNOPSIS
    A runbook: makes a workspace's batch sync tasks match a folder of task JSON files, and deploys what changed.
.DESCRIPTION
    For each <name>.json in -TaskDirectory: checks the JSON offline (a file with errors is reported and skipped, nothing
    is sent for it), creates the task <name> in -FolderPath when it does not exist or updates its content when it
    differs, schedules it daily at -At, then submits and deploys it (in a basic-mode workspace the submit already
    deploys). A task whose content and schedule are already as wanted is left alone: a second run makes no change.
    Writes one result per file: Name, FileId, Action (Created, Updated, Unchanged, Invalid, Failed) and the production
    DeploymentId. A file that is invalid or fails is a non-terminating error; the other files are still processed. Supports -WhatIf. Its Pester test, 03-deploy-sync-tasks.Tests.ps1, runs it against a throwaway
    emulator (DataWorksDI.TestKit).
.EXAMPLE
    ./examples/03-deploy-sync-tasks.ps1 -Region cn-shanghai -ProjectId 181565 -TaskDirectory ./tasks -FolderPath 'Workflow/sales/Data_Integration'
.EXAMPLE
    ./examples/03-deploy-sync-tasks.ps1 -Endpoint http://127.0.0.1:8787 -ProjectId 10000 -TaskDirectory ./tasks -FolderPath 'Workflow/new_biz/Data Integration' -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [long] $ProjectId,
    [Parameter(Mandatory = $true)]
    [string] $TaskDirectory,
    [Parameter(Mandatory = $true)]
    [string] $FolderPath,
    [string] $Region,
    # For the local emulator (or a test); takes precedence over -Region.
    [Uri] $Endpoint,
    # AccessKey id as user name, secret as password; without it the credential chain is used.
    [pscredential] $Credential,
    [string] $At = '05:30',
    [double] $PollIntervalSec = 2
)

# Connecting and listing must work, or nothing can; a failure there stops the runbook. A task that fails is reported
# (a non-terminating error naming the file) and the runbook goes on with the next one.
$connect = @{ ProjectId = $ProjectId }
if ($Endpoint) { $connect.Endpoint = $Endpoint } elseif ($Region) { $connect.Region = $Region }
if ($Credential) { $connect.Credential = $Credential }
$null = Connect-DIWorkspace @connect -WhatIf:$false -Confirm:$false -ErrorAction Stop

$existing = @{}
Get-DIFile -FolderPath $FolderPath -FileType BatchSync -ErrorAction Stop | ForEach-Object { $existing[$_.FileName] = $_ }

foreach ($file in Get-ChildItem -LiteralPath $TaskDirectory -Filter *.json -ErrorAction Stop | Sort-Object Name) {
    $name = $file.BaseName
    $result = [pscustomobject]@{ Name = $name; FileId = $null; Action = $null; DeploymentId = $null }
    try {
        $content = [System.IO.File]::ReadAllText($file.FullName)
        $check = Test-DISyncTaskContent -Content $content -Offline -ErrorAction Stop
        if (-not $check.IsValid) {
            $result.Action = 'Invalid'
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.IO.InvalidDataException]::new("$($file.Name) has errors; run Test-DISyncTaskContent -Path '$($file.FullName)' to see them. Nothing was sent for it."),
                    'Runbook.InvalidTaskContent', [System.Management.Automation.ErrorCategory]::InvalidData, $file.FullName))
            $result
            continue
        }

        if ($existing.ContainsKey($name)) {
            $task = Get-DIFile -FileId $existing[$name].FileId -ErrorAction Stop
            $result.Action = if ($task.Content -ceq $content) { 'Unchanged' } else { 'Updated' }
            if ($result.Action -eq 'Updated') { $null = $task | Set-DISyncTask -Content $content -ErrorAction Stop }
        }
        else {
            $result.Action = 'Created'
            $task = New-DISyncTask -Name $name -FolderPath $FolderPath -Content $content -ErrorAction Stop
            if (-not $task) { $result; continue }  # -WhatIf
        }
        $result.FileId = $task.FileId

        # Set-DIFileSchedule reads the file first and sends only what differs: nothing when the schedule is already set.
        $scheduled = $task | Set-DIFileSchedule -Daily -At $At -RerunMode FAILURE_ALLOWED -AutoRerunTimes 3 -ErrorAction Stop
        if ($result.Action -eq 'Unchanged' -and $scheduled -and -not $scheduled.Committed) { $result.Action = 'Updated' }

        if ($result.Action -ne 'Unchanged') {
            $deployment = $task | Submit-DIFile -Wait -PollInterval $PollIntervalSec -ErrorAction Stop |
                Publish-DIFile -Wait -PollInterval $PollIntervalSec -ErrorAction Stop
            if ($deployment) { $result.DeploymentId = $deployment.DeploymentId }
        }
    }
    catch {
        $result.Action = 'Failed'
        $PSCmdlet.WriteError($_)
    }
    $result
}
