using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Every output type pipes into the cmdlets that act on it, and arrives filled from what the calls returned: each case
    /// pipes one cmdlet's output into the next and checks (in PowerShell) that the next acted on the same object and that
    /// the objects carry their name, folder, file and kind. The last expression of each script must be $true.
    /// </summary>
    public class PipelineMatrixTests
    {
        public static IEnumerable<object[]> Pairs()
        {
            // DISyncTask (New-DISyncTask)
            yield return Pair("DISyncTask | Get-DIFile (FolderPath filled)",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $f = $t | Get-DIFile; $f.FileId -eq $t.FileId -and $f.FolderPath -eq $folder");
            yield return Pair("DISyncTask | Set-DIFileSchedule (FolderPath filled)",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $f = $t | Set-DIFileSchedule -Daily -At 06:15; $f.FileId -eq $t.FileId -and $f.FolderPath -eq $folder -and $f.Schedule.Cron -eq '00 15 06 * * ?'");
            yield return Pair("DISyncTask | Set-DISyncTask (name, folder, resource group)",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $u = $t | Set-DISyncTask -ResourceGroup S_res_group_XXX; $u.FileId -eq $t.FileId -and $u.FileName -eq $name -and $u.FolderPath -eq $folder -and $u.ResourceGroup -eq 'S_res_group_XXX'");
            yield return Pair("DISyncTask | Remove-DIFile -PassThru | Get-DIFile (recycle bin)",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $r = $t | Submit-DIFile -Wait -PollInterval 0.1 | Remove-DIFile -Confirm:$false -PassThru; $g = $r | Get-DIFile; $r.FileId -eq $t.FileId -and $r.DeploymentId -gt 0 -and $g.DeletedStatus -eq 'RECYCLE_BIN'");
            // DIFile (Get-DIFile)
            yield return Pair("DIFile | Test-DISyncTaskContent",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; (Get-DIFile -FileId $t.FileId | Test-DISyncTaskContent).IsValid");
            yield return Pair("DIFile (listed) | Get-DIFile (by id, with its schedule)",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $f = Get-DIFile -Name $name | Get-DIFile; $f.FileId -eq $t.FileId -and $null -ne $f.Schedule");
            // DIFileSchedule
            yield return Pair("DIFileSchedule | Set-DIFileSchedule",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $f = (Get-DIFile -FileId $t.FileId).Schedule | Set-DIFileSchedule -RerunMode AllDenied; $f.FileId -eq $t.FileId -and $f.Schedule.RerunMode -eq 'AllDenied'");
            yield return Pair("DIFileSchedule | Get-DIScheduleTime",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content | Set-DIFileSchedule -Daily -At 05:30; @($t.Schedule | Get-DIScheduleTime -Count 2).Count -eq 2");
            // DIDeployment (Submit-DIFile, Get-DIDeployment)
            yield return Pair("DIDeployment (read back) | Get-DIFile; FileId and Kind kept",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $d = $t | Submit-DIFile | Get-DIDeployment; $f = $d | Get-DIFile; $d.Kind -eq 'Submit' -and $d.FileId -eq $t.FileId -and $f.FileId -eq $t.FileId");
            yield return Pair("DIDeployment (listed) | Get-DIFile",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $null = $t | Submit-DIFile -Wait -PollInterval 0.1; $d = Get-DIDeployment -Keyword $name | Select-Object -First 1; $f = $d | Get-DIFile; $d.FileId -eq $t.FileId -and $d.Kind -eq 'Submit' -and $f.FileName -eq $name");
            yield return Pair("DIDeployment | Wait-DIDeployment | Publish-DIFile",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $p = $t | Submit-DIFile | Wait-DIDeployment -PollInterval 0.1 | Publish-DIFile -Wait -PollInterval 0.1; $p.FileId -eq $t.FileId -and $p.Kind -eq 'Deploy' -and $p.ToEnvironment -eq 'Production'");
            // DIFileRemoval
            yield return Pair("DIFileRemoval | Wait-DIDeployment",
                "$t = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $r = $t | Submit-DIFile -Wait -PollInterval 0.1 | Remove-DIFile -Confirm:$false -PassThru; $w = $r | Wait-DIDeployment -PollInterval 0.1; $w.DeploymentId -eq $r.DeploymentId -and $w.Status -eq 'Succeeded' -and $w.Kind -eq 'Delete'");
            // DIWorkspace
            yield return Pair("DIWorkspace (listed, with its mode) | Get-DIWorkspace",
                "$l = Get-DIWorkspace | Where-Object ProjectId -eq 10001; $w = $l | Get-DIWorkspace; $l.Mode -eq 'Basic' -and $w.Mode -eq 'Basic'");
            // Real-time: DISyncTask, DISyncTaskConfig, DISyncInstance
            yield return Pair("DISyncTask (real-time) | Get-DISyncTask | Set-DISyncTask -Table; | Publish-DIFile | Start-DISyncInstance | Stop-DISyncInstance",
                "$t = New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -Content $request -PollInterval 0.1; " +
                "$u = $t | Get-DISyncTask | Set-DISyncTask -Table t1, t2 -PollInterval 0.1; " +
                "$s = $t | Publish-DIFile | Start-DISyncInstance -Wait -PollInterval 0.1 | Stop-DISyncInstance; " +
                "$u.FileId -eq $t.FileId -and $u.FileName -eq $name -and $s.FileId -eq $t.FileId -and $s.Status -eq 'Pause'");
        }

        private static object[] Pair(string name, string script) => new object[] { name, script };

        [Theory]
        [MemberData(nameof(Pairs))]
        public void OutputPipesIntoTheCmdletThatActsOnIt(string pair, string script)
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(script, new Dictionary<string, object> { ["request"] = SampleTasks.RealtimeRequest() });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, pair + ": " + r.ErrorText);
                Assert.True(r.Output.Count > 0 && r.Output.Last().BaseObject is bool ok && ok, pair + ": the check was false; calls: " + string.Join(",", s.Actions()));
            }
        }
    }
}
