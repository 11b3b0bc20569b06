using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Calls per task (issue 17): the lifecycle create → schedule → submit -Wait → publish -Wait spends at most 7 calls
    /// per task in a standard-mode workspace when each deployment finishes within one poll interval, counted in the
    /// emulator's request log (this session's own key).
    /// </summary>
    public class CallsPerTaskTests
    {
        [Fact]
        public void Lifecycle_InStandardMode_SpendsAtMostSevenCallsPerTask()
        {
            const int tasks = 3;
            using (var s = new EmulatorSession(181565))
            {
                // The shared emulator finishes a deployment 300 ms after it is made: well within the 1 s poll interval.
                PSResult r = s.Run(@"foreach ($i in 1..$tasks) {
                    New-DISyncTask -Name ($name + '_' + $i) -FolderPath $folder -ResourceGroup $group -Content $content |
                        Set-DIFileSchedule -Daily -At 05:30 -InputList 'dataworks_di_autotest_root' -RerunMode FAILURE_ALLOWED -AutoRerunTimes 3 |
                        Submit-DIFile -Wait -PollInterval 1 |
                        Publish-DIFile -Wait -PollInterval 1
                }", new Dictionary<string, object> { ["tasks"] = tasks });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal(tasks, r.Output.Count);
                Assert.All(r.Output, o => Assert.Equal(DIDeploymentStatus.Succeeded, ((DIDeployment)o.BaseObject).Status));

                List<string> calls = s.Actions();
                // Before the first create, the context reads the workspace catalogue once (the folder, the resource group and
                // the data sources are checked before anything is sent); later tasks reuse it.
                List<string> once = calls.TakeWhile(c => c != "CreateDISyncTask").ToList();
                Assert.True(once.Count <= 3 && once.All(c => c.StartsWith("List", StringComparison.Ordinal)), "before the first create: " + string.Join(", ", once));
                var perTask = new List<List<string>>();
                foreach (string call in calls.Skip(once.Count))
                {
                    if (call == "CreateDISyncTask") perTask.Add(new List<string>());
                    perTask.Last().Add(call);
                }
                Assert.Equal(tasks, perTask.Count);
                foreach (List<string> task in perTask)
                {
                    Assert.True(task.Count <= 7, "calls for one task: " + string.Join(", ", task));
                    Assert.Equal(new[] { "CreateDISyncTask", "GetFile", "UpdateFile", "SubmitFile" }, task.Take(4));
                    Assert.Single(task, "DeployFile");
                }
                Assert.True(calls.Count - once.Count <= 7 * tasks, "calls: " + string.Join(", ", calls));
            }
        }
    }
}
