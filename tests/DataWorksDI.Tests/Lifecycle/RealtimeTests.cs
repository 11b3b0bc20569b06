using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>Real-time tasks: the asynchronous generation hidden inside one cmdlet call, and the instance lifecycle as a pipeline.</summary>
    public class RealtimeTests
    {
        private static string Script(string table = "t1", string reader = "mysql_pub", string writer = "odps_first") => SampleTasks.RealtimeRequest(table, reader, writer);

        private static Dictionary<string, object> Vars(string script) => new Dictionary<string, object> { ["rt"] = script };

        private const string CreateRealtime = "$t = New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -ResourceGroup $group -Content $rt -PollInterval 0.1\n";

        [Fact]
        public void UpdatingFlow_InOneCall_TheTaskGainsATable_AndTheNewConfigIsReadable()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run(CreateRealtime + @"
                    $t
                    Set-DISyncTask -FileId $t.FileId -Table t1, t2 -PollInterval 0.1
                    Get-DISyncTask -FileId $t.FileId", Vars(Script()));
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var task = (DISyncTask)r.Output[0].BaseObject;
                Assert.Equal(DITaskType.Realtime, task.TaskType);
                var config = (DISyncTaskConfig)r.Output[2].BaseObject;
                Assert.Equal(new[] { "t1", "t2" }, config.Tables.OrderBy(t => t).ToArray());
                Assert.Contains("\"t2\"", config.Code);

                List<string> actions = s.Actions();
                Assert.Equal("GenerateDISyncTaskConfigForCreating", actions.First(a => !a.StartsWith("List", System.StringComparison.Ordinal)));
                Assert.Contains("QueryDISyncTaskConfigProcessResult", actions);
                int update = actions.IndexOf("GenerateDISyncTaskConfigForUpdating");
                Assert.True(update > actions.IndexOf("CreateDISyncTask"));
                Assert.Equal("UpdateDISyncTask", actions.Skip(update).First(a => a != "QueryDISyncTaskConfigProcessResult" && a != "GenerateDISyncTaskConfigForUpdating"));
                Assert.NotEmpty(r.Progress);
            }
        }

        [Fact]
        public void CreatePublishStartStopTerminateRemove_AsAPipeline()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run(CreateRealtime + @"
                    $run = $t | Publish-DIFile | Start-DISyncInstance -Wait -PollInterval 0.1 -FailoverLimitCount 10 -FailoverLimitIntervalMinutes 30 -DirtyRecordLimit 0 -OnDropTable IGNORE -OnAddColumn NORMAL
                    $run
                    $paused = $run | Stop-DISyncInstance
                    $paused
                    $offline = $paused | Unpublish-DISyncTask -Confirm:$false
                    $offline
                    $offline | Remove-DIFile -Confirm:$false
                    Get-DIFile -FileId $t.FileId -ErrorAction SilentlyContinue -ErrorVariable gone
                    $gone.Count", Vars(Script()));
                Assert.Equal(DIInstanceStatus.Run, ((DISyncInstance)r.Output[0].BaseObject).Status);
                Assert.Equal(DIInstanceStatus.Pause, ((DISyncInstance)r.Output[1].BaseObject).Status);
                Assert.Equal(DIInstanceStatus.NoRun, ((DISyncInstance)r.Output[2].BaseObject).Status);
                Assert.Equal(1, (int)r.Output[3].BaseObject);

                List<string> actions = s.Actions();
                string[] order = { "CreateDISyncTask", "DeployDISyncTask", "StartDISyncInstance", "StopDISyncInstance", "TerminateDISyncInstance", "DeleteDISyncTask" };
                int[] positions = order.Select(a => actions.IndexOf(a)).ToArray();
                Assert.All(positions, p => Assert.True(p >= 0, string.Join(",", actions)));
                Assert.Equal(positions.OrderBy(p => p), positions);
                Assert.DoesNotContain("DeployFile", actions);
                Assert.DoesNotContain("DeleteFile", actions);
                // The StartParam options were sent.
                var start = s.Emulator.Requests(s.KeyId).First(q => (string)(q["action"] ?? q["Action"]) == "StartDISyncInstance");
                Assert.Contains("StartParam", start.ToString());
            }
        }

        [Fact]
        public void FailedGeneration_IsAnError_WithTheServiceMessage_AndNothingIsCreated()
        {
            using (var s = new EmulatorSession(10000))
            {
                // Checked against the workspace first: refused before the generation starts.
                PSResult local = s.Run("New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -ResourceGroup $group -Content $rt -PollInterval 0.1", Vars(Script(reader: "no_such_mysql")));
                Assert.StartsWith("DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown", Assert.Single(local.Errors).FullyQualifiedErrorId);
                Assert.DoesNotContain("GenerateDISyncTaskConfigForCreating", s.Actions());

                // Sent anyway: the service's refusal, with its message and RequestId, under the same ErrorId.
                PSResult r = s.Run("New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -ResourceGroup $group -Content $rt -PollInterval 0.1 -SkipValidation", Vars(Script(reader: "no_such_mysql")));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown", e.FullyQualifiedErrorId);
                Assert.IsType<DataWorksDI.Client.DataWorksServiceException>(e.Exception.InnerException);
                Assert.Contains("no_such_mysql", e.Exception.Message);
                Assert.Contains("RequestId", e.Exception.Message);
                Assert.Contains("GenerateDISyncTaskConfigForCreating", s.Actions());
                Assert.DoesNotContain("CreateDISyncTask", s.Actions());
            }
        }

        [Fact]
        public void GenerationThatNeverFinishes_EndsAtTimeout_Distinctly_AndCtrlCStopsAtOnce()
        {
            using (var slow = EmulatorProcess.Start("--realtime-generation-delay", "600s"))
            using (var s = new EmulatorSession(10000, slow))
            {
                PSResult r = s.Run("New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -ResourceGroup $group -Content $rt -Timeout 0.8 -PollInterval 0.1", Vars(Script()));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.SyncTaskConfigTimeout", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
                Assert.DoesNotContain("CreateDISyncTask", s.Actions());

                int before = s.CallCount();
                s.PowerShell.Runspace.SessionStateProxy.SetVariable("rt", Script());
                s.PowerShell.Runspace.SessionStateProxy.SetVariable("name", EmulatorSession.UniqueName("rt_stop"));
                s.PowerShell.Runspace.SessionStateProxy.SetVariable("folder", EmulatorSession.SeedFolder);
                s.PowerShell.Runspace.SessionStateProxy.SetVariable("group", EmulatorSession.SeedResourceGroup);
                PowerShell ps = s.PowerShell.Begin("New-DISyncTask -TaskType Realtime -Name $name -FolderPath $folder -ResourceGroup $group -Content $rt -Timeout 600 -PollInterval 5", out IAsyncResult handle);
                using (ps)
                {
                    var wait = Stopwatch.StartNew();
                    while (s.CallCount() < before + 1 && wait.Elapsed < TimeSpan.FromSeconds(20)) System.Threading.Thread.Sleep(50);
                    Assert.True(s.CallCount() >= before + 1, "the generation was not started");
                    System.Threading.Thread.Sleep(200);
                    var watch = Stopwatch.StartNew();
                    ps.Stop();
                    Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed}");
                }
            }
        }

        [Fact]
        public void InstanceCmdlets_RefuseBatchTasks_Clearly()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content | Start-DISyncInstance");
                ErrorRecord e = r.Errors.Single();
                Assert.StartsWith("DataWorksDI.NotARealtimeTask", e.FullyQualifiedErrorId);
                Assert.DoesNotContain("StartDISyncInstance", s.Actions());
            }
        }
    }
}
