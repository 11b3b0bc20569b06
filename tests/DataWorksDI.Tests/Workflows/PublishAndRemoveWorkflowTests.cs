using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>
    /// The basic/standard and batch/real-time rules of publishing and deleting, without a runspace: each workflow runs
    /// against the emulator and the request log of its own key shows what it decided to call.
    /// </summary>
    public class PublishAndRemoveWorkflowTests
    {
        private const long Standard = 10000;
        private const long Basic = 10001;

        [Fact]
        public async Task Publish_Batch_StandardMode_ReadsTheMode_DeploysAndWaits()
        {
            var kit = WorkflowTestKit.For(Standard);
            DISyncTask task = await kit.CreateBatchAsync();
            DIDeployment submitted = await kit.SubmitAsync(task.FileId);
            int before = kit.Actions().Count;

            PublishResult result = await kit.Workflow<PublishWorkflow>().PublishAsync(
                new FileInput(Standard, task.FileId, piped: submitted), null, WorkflowTestKit.Quick, CancellationToken.None);

            Assert.Null(result.DeployedTask);
            Assert.Equal(DIDeploymentKind.Deploy, result.Deployment.Kind);
            Assert.Equal(DIDeploymentStatus.Succeeded, result.Deployment.Status);
            Assert.Equal(DIEnvironment.Production, result.Deployment.ToEnvironment);
            Assert.Same(result.Deployment, result.Output);
            List<string> calls = kit.ActionsSince(before);
            // The piped package says "batch" (no GetFile) and, having gone to the development environment, "standard mode"
            // (no GetProject). Then the deploy and the wait.
            Assert.Equal("DeployFile", calls.First());
            Assert.All(calls.Skip(1), a => Assert.Equal("GetDeployment", a));
            kit.AssertEveryBarCompleted();
        }

        [Fact]
        public async Task Publish_Batch_BasicMode_CallsNoDeployFile_AndPassesTheSubmitPackageOn()
        {
            var kit = WorkflowTestKit.For(Basic);
            DISyncTask task = await kit.CreateBatchAsync();
            DIDeployment submitted = await kit.SubmitAsync(task.FileId);
            Assert.Equal(DIEnvironment.Production, submitted.ToEnvironment);
            int before = kit.Actions().Count;

            PublishResult result = await kit.Workflow<PublishWorkflow>().PublishAsync(
                new FileInput(Basic, task.FileId, piped: submitted), null, WorkflowTestKit.Quick, CancellationToken.None);

            Assert.Same(submitted, result.Deployment);
            Assert.Equal(new[] { "GetProject" }, kit.ActionsSince(before));
            Assert.Contains(kit.Log.Verbose, m => m.Contains("basic mode") && m.Contains("DeployFile is not called"));

            // Without a piped package the type comes from GetFile, the mode from the context's cache, and nothing is returned.
            before = kit.Actions().Count;
            result = await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Basic, task.FileId), null, null, CancellationToken.None);
            Assert.Null(result.Output);
            Assert.Equal(new[] { "GetFile" }, kit.ActionsSince(before));
        }

        [Fact]
        public async Task Publish_Realtime_DeploysWithDeployDISyncTask_WithoutAskingForTheMode()
        {
            var kit = WorkflowTestKit.For(Standard);
            DISyncTask task = await kit.CreateRealtimeAsync();
            int before = kit.Actions().Count;

            PublishResult result = await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Standard, task.FileId), null, null, CancellationToken.None);

            Assert.Equal(DITaskType.Realtime, result.DeployedTask.TaskType);
            Assert.Null(result.Deployment);
            Assert.Equal(task.FileId, result.DeployedTask.FileId);
            Assert.Equal(new[] { "GetFile", "DeployDISyncTask" }, kit.ActionsSince(before));
        }

        [Fact]
        public async Task Remove_Batch_StandardMode_WithPublish_DeletesWaits_ThenDeploysTheDeletionAndWaits()
        {
            var kit = WorkflowTestKit.For(Standard);
            DISyncTask task = await kit.CreateBatchAsync();
            await kit.SubmitAsync(task.FileId);
            await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(Standard, task.FileId, DITaskType.Batch), null, WorkflowTestKit.Quick, CancellationToken.None);
            int before = kit.Actions().Count;

            DIFileRemoval removal = await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId, DITaskType.Batch), WorkflowTestKit.Quick, true, CancellationToken.None);
            DIDeployment last = removal.Deployment;
            Assert.True(removal.InProduction && removal.Completed);
            Assert.Equal(last.DeploymentId, removal.DeploymentId);

            Assert.Equal(DIDeploymentKind.Delete, last.Kind);
            Assert.Equal(DIDeploymentStatus.Succeeded, last.Status);
            Assert.Equal(DIEnvironment.Production, last.ToEnvironment);
            List<string> calls = kit.ActionsSince(before).Where(a => a != "GetDeployment").ToList();
            Assert.Equal(new[] { "DeleteFile", "DeployFile" }, calls); // the mode was cached by the publish
            kit.AssertEveryBarCompleted();
        }

        [Fact]
        public async Task Remove_Batch_BasicMode_WithPublish_StopsWhenTheDeletionHasFinished()
        {
            var kit = WorkflowTestKit.For(Basic);
            DISyncTask task = await kit.CreateBatchAsync();
            await kit.SubmitAsync(task.FileId);
            int before = kit.Actions().Count;

            DIFileRemoval removal = await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Basic, task.FileId), WorkflowTestKit.Quick, true, CancellationToken.None);
            DIDeployment last = removal.Deployment;
            Assert.True(removal.InProduction);

            Assert.Equal(DIDeploymentKind.Delete, last.Kind);
            Assert.Equal(DIDeploymentStatus.Succeeded, last.Status);
            List<string> calls = kit.ActionsSince(before);
            Assert.Equal(new[] { "GetFile", "DeleteFile" }, calls.Take(2).ToArray());
            Assert.Equal("GetProject", calls.Last());
            Assert.DoesNotContain("DeployFile", calls);
        }

        [Fact]
        public async Task Remove_NeverSubmittedBatch_IsGoneAtOnce_WithNoPackage()
        {
            var kit = WorkflowTestKit.For(Standard);
            DISyncTask task = await kit.CreateBatchAsync();
            DIFileRemoval removal = await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId, DITaskType.Batch), WorkflowTestKit.Quick, true, CancellationToken.None);
            Assert.Null(removal.Deployment);
            Assert.Equal(0, removal.DeploymentId);
            Assert.True(removal.Completed);
            Assert.Equal(DITaskType.Batch, removal.TaskType);
            Assert.Equal("DeleteFile", kit.Actions().Last());
        }

        [Fact]
        public async Task Remove_Realtime_UsesDeleteDISyncTask_AndASolutionIsRefusedWithoutACall()
        {
            var kit = WorkflowTestKit.For(Standard);
            DISyncTask task = await kit.CreateRealtimeAsync();
            int before = kit.Actions().Count;

            DIFileRemoval removal = await kit.Workflow<RemoveWorkflow>().RemoveAsync(new FileInput(Standard, task.FileId), null, false, CancellationToken.None);
            Assert.Null(removal.Deployment);
            Assert.Equal(DITaskType.Realtime, removal.TaskType);
            Assert.True(removal.Completed && removal.InProduction);
            Assert.Equal(new[] { "GetFile", "DeleteDISyncTask" }, kit.ActionsSince(before));

            before = kit.Actions().Count;
            var refused = await Assert.ThrowsAsync<DataWorksOperationException>(() => kit.Workflow<RemoveWorkflow>().RemoveAsync(
                new FileInput(Standard, 123456, DITaskType.Solution), null, false, CancellationToken.None));
            Assert.Equal(ErrorIds.SolutionDeleteUnsupported, refused.ErrorId);
            Assert.Equal(before, kit.Actions().Count);
        }

        [Fact]
        public async Task AFailedPackage_IsAnErrorAboutThePackage_NeverATimeOut_AndItsBarIsCompleted()
        {
            // The shared emulator fails production deployments of files named failprodme_* (its deploymentChecks);
            // DataWorks itself documents no deploy-time rule the emulator could reproduce (docs/emulator.md).
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("failprodme_wf", Testing.SampleTasks.SeedContent);
            await kit.SubmitAsync(task.FileId);

            var failed = await Assert.ThrowsAsync<DataWorksOperationException>(() => kit.Workflow<PublishWorkflow>().PublishAsync(
                new FileInput(10000, task.FileId, DITaskType.Batch), null, WorkflowTestKit.Quick, CancellationToken.None));
            Assert.Equal(ErrorIds.DeploymentFailed, failed.ErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, failed.Category);
            var package = Assert.IsType<DIDeployment>(failed.Target);
            Assert.Equal(DIDeploymentStatus.Failed, package.Status);
            Assert.Contains("failprodme_*", failed.Message);
            kit.AssertEveryBarCompleted();
        }
    }
}
