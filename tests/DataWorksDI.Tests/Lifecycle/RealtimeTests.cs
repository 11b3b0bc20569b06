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
    /// <summary>
    /// Real-time tasks: a generation that never finishes ends at its time-out and Ctrl+C stops it at once (cancellation
    /// timing), with the progress the wait reports. The updating flow, the instance lifecycle as a pipeline, a refused
    /// generation and batch tasks refused by the instance cmdlets are specified in tests/Pester (Set-DISyncTask,
    /// Pipelines, New-DISyncTask).
    /// </summary>
    public class RealtimeTests
    {
        private static string Script(string table = "t1", string reader = "mysql_pub", string writer = "odps_first") => SampleTasks.RealtimeRequest(table, reader, writer);

        private static Dictionary<string, object> Vars(string script) => new Dictionary<string, object> { ["rt"] = script };

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
                // The generation's wait reports progress (kept from the updating flow, whose other assertions moved to Pester).
                Assert.NotEmpty(r.Progress);

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
    }
}
