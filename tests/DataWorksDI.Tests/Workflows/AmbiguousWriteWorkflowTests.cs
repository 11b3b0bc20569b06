using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>
    /// Issue 12: a write whose answer was lost (a 5xx after the request was sent) is checked with a read and then either
    /// goes on (it took effect: nothing is sent twice) or is sent once more (it certainly did not), for every write the
    /// workflows make. A proxy in front of the emulator answers 500 either before the emulator sees the call
    /// (FailBefore: not applied) or after it has acted and committed (FailAfter: applied); the emulator's request log shows
    /// what reached it.
    /// </summary>
    public class AmbiguousWriteWorkflowTests
    {
        private const long Standard = 10000;

        /// <summary>A kit whose calls go through <paramref name="proxy"/>; MaxAttempts 2 keeps ClientToken replays short.</summary>
        private static WorkflowTestKit Through(FaultingProxy proxy, long projectId = Standard, Action<DataWorksDI.Session.ContextSettings> configure = null) =>
            WorkflowTestKit.For(projectId, endpoint: proxy.BaseAddress, configure: s =>
            {
                s.Retry.MaxAttempts = 2;
                configure?.Invoke(s);
            });

        private static FaultingProxy NewProxy() => new FaultingProxy(EmulatorProcess.Shared.BaseAddress);

        private static int Count(IEnumerable<string> actions, string action) => actions.Count(a => a == action);

        private static async Task<List<FileVersionInfo>> VersionsAsync(WorkflowTestKit kit, long fileId) =>
            (await new FileService(kit.Context, null).ListVersionsAsync(kit.ProjectId, fileId, 1, 100, CancellationToken.None)).Items.ToList();

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task CreateDISyncTask_WhoseAnswersWereLost_IsCheckedByName_AndMadeOnce(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                // Both attempts of the ClientToken call (MaxAttempts 2) lose their answer, so the client gives up: OutcomeUnknown.
                proxy.Fail("CreateDISyncTask", fault, times: 2);
                DISyncTask wanted = kit.NewTask(DITaskType.Batch, "amb_create");

                DISyncTask created = await kit.Workflow<SyncTaskWorkflow>().CreateAsync(wanted, SampleTasks.SeedContent, Guid.NewGuid().ToString(), null, CancellationToken.None, checkWorkspace: false);

                Assert.Equal(0, proxy.Pending("CreateDISyncTask"));
                List<string> calls = kit.Actions();
                var files = await new FileService(kit.Context, null).List(Standard, new FileQuery { ExactName = wanted.FileName }).AllAsync(CancellationToken.None);
                Assert.Single(files);
                Assert.Equal(files[0].FileId, created.FileId);
                Assert.Contains("ListFiles", calls);
                if (fault == ProxyFault.FailAfter)
                {
                    // Applied: the read found it, nothing more was sent (the two attempts carried one ClientToken).
                    Assert.Equal(new[] { "CreateDISyncTask", "CreateDISyncTask", "ListFiles" }, calls.ToArray());
                    Assert.Contains(kit.Log.Verbose, m => m.StartsWith("CreateDISyncTask took effect", StringComparison.Ordinal));
                }
                else
                {
                    Assert.Equal(new[] { "ListFiles", "CreateDISyncTask" }, calls.ToArray());
                    Assert.Contains(kit.Log.Verbose, m => m.StartsWith("CreateDISyncTask did not take effect", StringComparison.Ordinal));
                }
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task UpdateDISyncTask_WhoseAnswerWasLost_IsCheckedByContent(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_upd");
                string content = SampleTasks.SeedContent.Replace("\"concurrent\":2", "\"concurrent\":3");
                int before = kit.Actions().Count;
                proxy.Fail("UpdateDISyncTask", fault);

                await kit.Workflow<SyncTaskWorkflow>().UpdateAsync(new DISyncTask { ProjectId = Standard, FileId = task.FileId, TaskType = DITaskType.Batch }, content, null, CancellationToken.None, checkWorkspace: false);

                // The last GetFile names the updated task (its name and folder: the catalogue does not hold the file here).
                Assert.Equal(fault == ProxyFault.FailAfter ? new[] { "UpdateDISyncTask", "GetFile", "GetFile" } : new[] { "GetFile", "UpdateDISyncTask", "GetFile" }, kit.ActionsSince(before).ToArray());
                Assert.Equal(content, (await new FileService(kit.Context, null).GetAsync(Standard, task.FileId, CancellationToken.None)).Content);
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task UpdateFile_WhoseAnswerWasLost_IsCheckedByReadingTheFile_AndWhatStillDiffersIsSent(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_sched");
                int before = kit.Actions().Count;
                proxy.Fail("UpdateFile", fault);
                var fields = new[] { new ScheduleField("RerunMode", "FAILURE_ALLOWED", FieldComparison.EnumText), new ScheduleField("AutoRerunTimes", "3", FieldComparison.Number) };

                ScheduleResult result = await kit.Workflow<ScheduleWorkflow>().ApplyAsync(Standard, task.FileId, fields, true, CancellationToken.None);

                Assert.Equal(DIRerunMode.FailureAllowed, result.File.Schedule.RerunMode);
                Assert.Equal(3, result.File.Schedule.AutoRerunTimes);
                // No read-back after the write: the result is the read with the values sent laid over it.
                Assert.Equal(fault == ProxyFault.FailAfter
                    ? new[] { "GetFile", "UpdateFile", "GetFile" }
                    : new[] { "GetFile", "GetFile", "UpdateFile" }, kit.ActionsSince(before).ToArray());
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task SubmitFile_WhoseAnswerWasLost_FindsThePackageItMade_OrSubmitsOnce(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_submit");
                int before = kit.Actions().Count;
                proxy.Fail("SubmitFile", fault);

                DIDeployment done = await kit.Workflow<SubmitWorkflow>().SubmitAsync(Standard, task.FileId, null, false, WorkflowTestKit.Quick, CancellationToken.None);

                Assert.Equal(DIDeploymentStatus.Succeeded, done.Status);
                Assert.Equal(task.FileId, done.FileId);
                Assert.Equal(DIDeploymentKind.Submit, done.Kind);
                List<string> calls = kit.ActionsSince(before);
                // One submit reached DataWorks either way: one version, one package.
                Assert.Equal(1, Count(calls, "SubmitFile"));
                Assert.Single(await VersionsAsync(kit, task.FileId));
                if (fault == ProxyFault.FailAfter)
                    Assert.Equal(new[] { "SubmitFile", "GetFile", "ListFileVersions", "ListDeployments", "GetDeployment" }, calls.Take(5).ToArray());
                else
                    Assert.Equal(new[] { "GetFile", "SubmitFile" }, calls.Take(2).ToArray());
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task DeployFile_WhoseAnswerWasLost_FindsTheProductionPackage_OrDeploysOnce(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_deploy");
                DIDeployment submitted = await kit.SubmitAsync(task.FileId);
                int before = kit.Actions().Count;
                proxy.Fail("DeployFile", fault);

                PublishResult published = await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Standard, task.FileId, piped: submitted), null, WorkflowTestKit.Quick, CancellationToken.None);

                Assert.Equal(DIDeploymentStatus.Succeeded, published.Deployment.Status);
                Assert.Equal(DIEnvironment.Production, published.Deployment.ToEnvironment);
                Assert.Equal(DIDeploymentKind.Deploy, published.Deployment.Kind);
                List<string> calls = kit.ActionsSince(before);
                Assert.Equal(1, Count(calls, "DeployFile"));
                Assert.True((await VersionsAsync(kit, task.FileId)).Single().IsCurrentProd);
                Assert.Equal(fault == ProxyFault.FailAfter ? "DeployFile" : "GetFile", calls.SkipWhile(a => a == "GetProject").First());
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task DeleteFile_AndTheDeployOfTheDeletion_WhoseAnswersWereLost_AreEachMadeOnce(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_delete");
                DIDeployment submitted = await kit.SubmitAsync(task.FileId);
                await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Standard, task.FileId, piped: submitted), null, WorkflowTestKit.Quick, CancellationToken.None);
                int before = kit.Actions().Count;
                proxy.Fail("DeleteFile", fault).Fail("DeployFile", fault);

                DIDeployment last = (await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId, DITaskType.Batch), WorkflowTestKit.Quick, true, CancellationToken.None)).Deployment;

                Assert.Equal(DIDeploymentKind.Delete, last.Kind);
                Assert.Equal(DIEnvironment.Production, last.ToEnvironment);
                Assert.Equal(DIDeploymentStatus.Succeeded, last.Status);
                List<string> calls = kit.ActionsSince(before);
                Assert.Equal(1, Count(calls, "DeleteFile"));
                Assert.Equal(1, Count(calls, "DeployFile"));
                DIFile file = await new FileService(kit.Context, null).GetAsync(Standard, task.FileId, CancellationToken.None);
                Assert.Equal("DELETED", file.DeletedStatus);
            }
        }

        [Fact]
        public async Task DeleteFile_OfANeverSubmittedFile_WhoseAnswerWasLost_SeesTheFileGone()
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_gone");
                int before = kit.Actions().Count;
                proxy.Fail("DeleteFile", ProxyFault.FailAfter);

                DIFileRemoval removal = await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId, DITaskType.Batch), null, false, CancellationToken.None);

                Assert.Null(removal.Deployment);
                Assert.Equal(new[] { "DeleteFile", "GetFile" }, kit.ActionsSince(before).ToArray());
            }
        }

        [Theory]
        [InlineData(ProxyFault.FailBefore)]
        [InlineData(ProxyFault.FailAfter)]
        public async Task DeployDISyncTask_AndDeleteDISyncTask_WhoseAnswersWereLost_AreEachMadeOnce(ProxyFault fault)
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateRealtimeAsync();
                int before = kit.Actions().Count;
                proxy.Fail("DeployDISyncTask", fault);

                PublishResult published = await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Standard, task.FileId, DITaskType.Realtime), null, null, CancellationToken.None);
                Assert.Equal(task.FileId, published.DeployedTask.FileId);
                Assert.Equal(1, Count(kit.ActionsSince(before), "DeployDISyncTask"));
                Assert.True((await new FileService(kit.Context, null).GetAsync(Standard, task.FileId, CancellationToken.None)).Committed);

                before = kit.Actions().Count;
                proxy.Fail("DeleteDISyncTask", fault);
                Assert.Null((await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId, DITaskType.Realtime), null, false, CancellationToken.None)).Deployment);
                List<string> calls = kit.ActionsSince(before);
                Assert.Equal(1, Count(calls, "DeleteDISyncTask"));
                Assert.Equal(fault == ProxyFault.FailAfter ? new[] { "DeleteDISyncTask", "GetFile" } : new[] { "GetFile", "DeleteDISyncTask" }, calls.ToArray());
            }
        }

        /// <summary>A write that keeps losing its answer without taking effect is sent at most MaxAttempts times, then the error says it did not take effect and how to finish.</summary>
        [Fact]
        public async Task AWrite_ThatNeverTakesEffect_IsSentAtMostMaxAttemptsTimes_AndTheErrorSaysSo()
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_never");
                proxy.Fail("SubmitFile", ProxyFault.FailBefore, times: 2);

                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    kit.Workflow<SubmitWorkflow>().SubmitAsync(Standard, task.FileId, null, false, WorkflowTestKit.Quick, CancellationToken.None));

                Assert.False(ex.OutcomeUnknown);
                Assert.Contains("did not take effect", ex.Message);
                Assert.Contains("after 2 send(s)", ex.Message);
                Assert.Contains($"finish with: Submit-DIFile -ProjectId {Standard} -FileId {task.FileId} -Wait", ex.Message);
                Assert.Empty(await VersionsAsync(kit, task.FileId));
            }
        }

        /// <summary>When the read that tells fails too, the error keeps the ambiguity and says what to check and how to finish.</summary>
        [Fact]
        public async Task WhenTheReadThatTellsFails_TheErrorNamesTheFile_TheCheck_AndTheCommandToFinish()
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy);
                DISyncTask task = await kit.CreateBatchAsync("amb_unread");
                proxy.Fail("SubmitFile", ProxyFault.FailAfter).Fail("GetFile", ProxyFault.FailBefore, times: 2);

                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    kit.Workflow<SubmitWorkflow>().SubmitAsync(Standard, task.FileId, null, false, null, CancellationToken.None));

                Assert.True(ex.OutcomeUnknown);
                Assert.Equal("SubmitFile", ex.Action);
                Assert.Contains("The read that tells failed too", ex.Message);
                Assert.Contains($"File {task.FileId} in workspace {Standard}: nothing was changed; then SubmitFile was sent, but its answer was lost", ex.Message);
                Assert.Contains($"check with Get-DIDeployment", ex.Message);
                Assert.Contains($"if it did not take effect, Submit-DIFile -ProjectId {Standard} -FileId {task.FileId}", ex.Message);
            }
        }

        /// <summary>A write that timed out and is not seen applied is not sent again (DataWorks may still be working on it); one seen applied goes on.</summary>
        [Fact]
        public async Task AWriteThatTimedOut_IsNotSentAgain_WhenTheReadDoesNotSeeIt_ButGoesOnWhenItDoes()
        {
            using (FaultingProxy proxy = NewProxy())
            {
                WorkflowTestKit kit = Through(proxy, configure: s => s.AttemptTimeout = TimeSpan.FromSeconds(1));
                DISyncTask task = await kit.CreateBatchAsync("amb_slow");
                var fields = new[] { new ScheduleField("AutoRerunTimes", "2", FieldComparison.Number) };

                proxy.Fail("UpdateFile", ProxyFault.HangBefore);
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => kit.Workflow<ScheduleWorkflow>().ApplyAsync(Standard, task.FileId, fields, true, CancellationToken.None));
                Assert.Equal("RequestTimeout", ex.Code);
                Assert.True(ex.OutcomeUnknown);
                Assert.Contains("may still be working on a call that timed out", ex.Message);
                Assert.Contains($"Set-DIFileSchedule -ProjectId {Standard} -FileId {task.FileId}", ex.Message);

                int before = kit.Actions().Count;
                proxy.Fail("UpdateFile", ProxyFault.HangAfter);
                ScheduleResult result = await kit.Workflow<ScheduleWorkflow>().ApplyAsync(Standard, task.FileId, fields, true, CancellationToken.None);
                Assert.Equal(2, result.File.Schedule.AutoRerunTimes);
                // The write shows once. A read may show twice: with this test's 1 s attempt time-out, a GetFile slowed past it
                // on a loaded machine is retried (reads are safe to send again); a fresh-clone CI run saw exactly that.
                string[] since = kit.ActionsSince(before).ToArray();
                Assert.Single(since, a => a == "UpdateFile");
                Assert.Equal(new[] { "GetFile", "UpdateFile", "GetFile" }, since.Where((a, i) => i == 0 || a != since[i - 1]).ToArray());
            }
        }
    }
}
