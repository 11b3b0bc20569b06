using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>The seed document's Java sample as one pipeline (examples/01-batch-sync-lifecycle.ps1), in both workspace modes.</summary>
    public class SeedWorkflowTests
    {
        private static PSResult RunSeedExample(EmulatorSession s, long projectId, string taskName, string extra = "") =>
            s.Run($"& '{Path.Combine(RepoPaths.Root, "examples", "01-batch-sync-lifecycle.ps1")}' -Endpoint $endpoint -ProjectId {projectId} -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -TaskName '{taskName}' -PollIntervalSec 0.1 {extra}");

        [Fact]
        public void StandardWorkspace_EndsWithASucceededProductionDeployment_AndTheScheduleExactlyAsSet()
        {
            using (var s = new EmulatorSession(181565))
            {
                string name = EmulatorSession.UniqueName("new_di_task");
                PSResult r = RunSeedExample(s, 181565, name);
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal(2, r.Output.Count);

                var deployment = (DIDeployment)r.Output[0].BaseObject;
                Assert.Equal(DIDeploymentStatus.Succeeded, deployment.Status);
                Assert.Equal(DIDeploymentKind.Deploy, deployment.Kind);
                Assert.Equal(DIEnvironment.Production, deployment.ToEnvironment);

                var file = (DIFile)r.Output[1].BaseObject;
                Assert.Equal(deployment.FileId, file.FileId);
                Assert.Equal(name, file.FileName);
                Assert.Equal((int)DIFileType.BatchSync, file.FileType);
                Assert.True(file.Committed);
                Assert.Equal(EmulatorSession.SeedContent, file.Content);
                DIFileSchedule sch = file.Schedule;
                Assert.Equal("00 30 05 * * ?", sch.Cron);
                Assert.Equal(DICycleType.Day, sch.CycleType);
                Assert.Equal(DIRerunMode.FailureAllowed, sch.RerunMode);
                Assert.Equal(3, sch.AutoRerunTimes);
                Assert.Equal(TimeSpan.FromMinutes(2), sch.AutoRerunInterval);
                Assert.Equal(new[] { "dataworks_di_autotest_root" }, sch.InputList);
                Assert.Equal(DIDependentType.Self, sch.DependentType);
                Assert.Equal(DISchedulerType.Normal, sch.SchedulerType);
                Assert.Equal("x=a y=b z=c", sch.ParaValue);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(4155787800000).LocalDateTime, sch.EndEffectDate);
                Assert.False(sch.Stop);

                List<string> actions = s.Actions();
                // Before the first write only the workspace catalogue is read (folder, resource group, data sources).
                Assert.Equal(new[] { "ListFolders", "ListResourceGroups", "ListDataSources", "CreateDISyncTask" }, actions.Take(4));
                Assert.Equal(1, actions.Count(a => a == "UpdateFile"));
                Assert.Equal(1, actions.Count(a => a == "SubmitFile"));
                Assert.Equal(1, actions.Count(a => a == "DeployFile"));
                Assert.True(actions.IndexOf("DeployFile") > actions.IndexOf("SubmitFile"));
                // The submit package was polled to completion before DeployFile (no "can not pack").
                Assert.Contains("GetDeployment", actions.Skip(actions.IndexOf("SubmitFile")).Take(actions.IndexOf("DeployFile") - actions.IndexOf("SubmitFile")));
            }
        }

        [Fact]
        public void BasicWorkspace_SubmitGoesToProduction_AndPublishCallsNoDeployFile()
        {
            using (var s = new EmulatorSession(10001))
            {
                PSResult r = RunSeedExample(s, 10001, EmulatorSession.UniqueName("basic_task"), "-Verbose");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                var deployment = (DIDeployment)r.Output[0].BaseObject;
                Assert.Equal(DIDeploymentKind.Submit, deployment.Kind);
                Assert.Equal(DIDeploymentStatus.Succeeded, deployment.Status);
                Assert.Equal(DIEnvironment.Production, deployment.ToEnvironment);
                Assert.True(((DIFile)r.Output[1].BaseObject).Committed);
                List<string> actions = s.Actions();
                Assert.DoesNotContain("DeployFile", actions);
                Assert.Contains("GetProject", actions);
                Assert.Contains(r.Verbose, v => v.Message.Contains("basic mode"));
            }
        }
    }
}
