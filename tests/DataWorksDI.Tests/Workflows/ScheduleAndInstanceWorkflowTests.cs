using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Validation;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>Applying a schedule, starting and stopping an instance, and the one progress source, without a runspace.</summary>
    public class ScheduleAndInstanceWorkflowTests
    {
        private static Task<ScheduleResult> Apply(WorkflowTestKit kit, long fileId, params ScheduleField[] fields) =>
            kit.Workflow<ScheduleWorkflow>().ApplyAsync(10000, fileId, fields, true, CancellationToken.None);

        [Fact]
        public async Task Schedule_SendsOnlyWhatDiffers_AndNothingWhenEverythingIsSet()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("wf_sched");
            ScheduleField cron = new ScheduleField("CronExpress", "00 30 05 * * ?", FieldComparison.Text), cycle = new ScheduleField("CycleType", "DAY", FieldComparison.EnumText);
            ScheduleField inputs = new ScheduleField("InputList", "emulator_standard_root", FieldComparison.List);

            ScheduleResult first = await Apply(kit, task.FileId, cron, cycle, inputs);
            Assert.Equal("00 30 05 * * ?", first.File.Schedule.Cron);
            Assert.Contains("CronExpress", first.Sent);
            int before = kit.Actions().Count;

            ScheduleResult again = await Apply(kit, task.FileId, cron, cycle, inputs);
            Assert.Empty(again.Sent);
            Assert.Equal(new[] { "CronExpress", "CycleType", "InputList" }, again.Unchanged);
            Assert.Equal(new[] { "GetFile" }, kit.ActionsSince(before));
            Assert.Equal(task.FileId, again.File.FileId);
        }

        [Fact]
        public async Task Schedule_AParaValueThatLeavesAParameterUnassigned_IsRefusedAfterTheRead_AndNothingIsSent()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("wf_para");
            string content = Testing.SampleTasks.MinimalContent.Replace("pt=${bizdate}", "pt=${bizdate}/r=${region}");
            await kit.Workflow<SyncTaskWorkflow>().UpdateAsync(new DISyncTask { ProjectId = 10000, FileId = task.FileId, TaskType = DITaskType.Batch }, content, null, CancellationToken.None);
            int before = kit.Actions().Count;

            var paraValue = new ScheduleField(ScheduleFields.ParaValue, "bizdate=$bizdate", FieldComparison.Words);
            var refused = await Assert.ThrowsAsync<DataWorksValidationException>(() => Apply(kit, task.FileId, paraValue));
            Assert.Equal(ErrorIds.UnassignedParameter + "." + ValidationCodes.ParamUnassigned, refused.ErrorId);
            Assert.Contains(refused.Findings, f => f.Message.Contains("region"));
            Assert.Equal(new[] { "GetFile" }, kit.ActionsSince(before));

            // Told not to check, the same ParaValue is sent.
            ScheduleResult sent = await kit.Workflow<ScheduleWorkflow>().ApplyAsync(10000, task.FileId, new[] { paraValue }, false, CancellationToken.None);
            Assert.Equal(new[] { "ParaValue" }, sent.Sent);
        }

        [Fact]
        public async Task Instance_StartWaitsUntilRunning_StopReadsTheStateAfterwards()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateRealtimeAsync();
            await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(10000, task.FileId, DITaskType.Realtime), null, null, CancellationToken.None);
            var instances = kit.Workflow<SyncInstanceWorkflow>();

            DISyncInstance running = await instances.StartAsync(10000, DITaskType.Realtime, task.FileId, null, WorkflowTestKit.Quick, CancellationToken.None);
            Assert.Equal(DIInstanceStatus.Run, running.Status);
            DISyncInstance stopped = await instances.StopAsync(10000, task.FileId, CancellationToken.None);
            Assert.NotEqual(DIInstanceStatus.Run, stopped.Status);
            List<string> calls = kit.Actions();
            Assert.Equal("GetDISyncInstanceInfo", calls.Last());
            Assert.Equal("StopDISyncInstance", calls[calls.Count - 2]);
            kit.AssertEveryBarCompleted();
        }

        [Fact]
        public void ProgressIds_ComeFromOneSource_AndABarShownIsAlwaysCompleted()
        {
            var updates = new ConcurrentQueue<ProgressUpdate>();
            var ids = new ConcurrentBag<int>();
            Parallel.For(0, 200, _ =>
            {
                using (var bar = new ProgressActivity("a", updates.Enqueue))
                {
                    ids.Add(bar.Id);
                    bar.Report("working", 10);
                }
            });
            Assert.Equal(200, ids.Distinct().Count());
            Assert.All(updates.GroupBy(u => u.ActivityId), g => Assert.True(g.Last().Completed));

            var quiet = new ConcurrentQueue<ProgressUpdate>();
            using (new ProgressActivity("never shown", quiet.Enqueue)) { }
            Assert.Empty(quiet);
        }
    }
}
