using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Testing;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>Creating and updating tasks, batch and real-time (the generation flow written once), without a runspace.</summary>
    public class SyncTaskWorkflowTests
    {
        [Fact]
        public async Task CreateBatch_WithoutAResourceGroup_UsesTheWorkspaceDefault_ReadOnce()
        {
            var kit = WorkflowTestKit.For(10000);
            var workflow = kit.Workflow<SyncTaskWorkflow>();
            DISyncTask first = await workflow.CreateAsync(kit.NewTask(DITaskType.Batch, "wf_dflt", resourceGroup: null), SampleTasks.MinimalContent, Guid.NewGuid().ToString(), null, CancellationToken.None);
            DISyncTask second = await workflow.CreateAsync(kit.NewTask(DITaskType.Batch, "wf_dflt", resourceGroup: null), SampleTasks.MinimalContent, Guid.NewGuid().ToString(), null, CancellationToken.None);

            Assert.Equal(SampleTasks.DIResourceGroup, first.ResourceGroup);
            Assert.Equal(SampleTasks.DIResourceGroup, second.ResourceGroup);
            // The folder and the data sources are checked against the workspace catalogue, read once for both creates.
            Assert.Equal(new[] { "ListFolders", "ListDataSources", "GetProject", "CreateDISyncTask", "CreateDISyncTask" }, kit.Actions());
            Assert.Contains(kit.Log.Verbose, m => m.Contains("default Data Integration resource group"));
            Assert.Empty(kit.Progress); // a batch create has nothing to wait for
        }

        [Fact]
        public async Task Realtime_CreateThenUpdate_GoThroughTheGeneration_WithProgressCompleted()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask created = await kit.CreateRealtimeAsync("t1");
            Assert.Equal(DITaskType.Realtime, created.TaskType);

            DISyncTask updated = await kit.Workflow<SyncTaskWorkflow>().UpdateAsync(new DISyncTask { ProjectId = 10000, FileId = created.FileId, TaskType = DITaskType.Realtime },
                RealtimeService.TablesTaskParam(new[] { "t1", "t2" }), WorkflowTestKit.Quick, CancellationToken.None);
            Assert.Equal(created.FileId, updated.FileId);

            List<string> calls = kit.Actions().Where(a => a != "QueryDISyncTaskConfigProcessResult").ToList();
            Assert.Equal(new[] { "ListFolders", "ListResourceGroups", "ListDataSources", "GenerateDISyncTaskConfigForCreating", "CreateDISyncTask", "GenerateDISyncTaskConfigForUpdating", "UpdateDISyncTask", "GetFile" }, calls);
            Assert.Equal(created.FileName, updated.FileName); // the update's result names the task (one GetFile; its folder was listed already)
            Assert.Equal(SampleTasks.SeedFolder, updated.FolderPath);
            DISyncTaskConfig config = await new RealtimeService(kit.Context, null).GetConfigAsync(10000, DITaskType.Realtime, created.FileId, CancellationToken.None);
            Assert.Equal(new[] { "t1", "t2" }, config.Tables.OrderBy(t => t).ToArray());

            // Two generations, two bars, each with its own id, each completed.
            Assert.Equal(2, kit.Progress.Select(p => p.ActivityId).Distinct().Count());
            kit.AssertEveryBarCompleted();
        }

        [Fact]
        public async Task Realtime_GenerationStillRunningAtTheTimeOut_IsSyncTaskConfigTimeout_AndNothingIsCreated()
        {
            using (var slow = EmulatorProcess.Start("--realtime-generation-delay", "600s"))
            {
                var kit = WorkflowTestKit.For(10000, slow);
                var ex = await Assert.ThrowsAsync<DataWorksOperationException>(() => kit.Workflow<SyncTaskWorkflow>().CreateAsync(kit.NewTask(DITaskType.Realtime, "rt_slow"),
                    SampleTasks.RealtimeRequest(), Guid.NewGuid().ToString(), new WaitOptions(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100)), CancellationToken.None));
                Assert.Equal(ErrorIds.SyncTaskConfigTimeout, ex.ErrorId);
                Assert.DoesNotContain("CreateDISyncTask", kit.Actions());
                kit.AssertEveryBarCompleted();
            }
        }
    }
}
