using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>No wasted calls (issue 17): a schedule is one read and one write; a publish after a submit needs no GetProject.</summary>
    public class CallsPerTaskWorkflowTests
    {
        private static Task<ScheduleResult> Apply(WorkflowTestKit kit, long fileId, params ScheduleField[] fields) =>
            kit.Workflow<ScheduleWorkflow>().ApplyAsync(kit.ProjectId, fileId, fields, true, CancellationToken.None);

        /// <summary>Every field of the file and its schedule, by name, for comparing a built result with a read one.</summary>
        private static Dictionary<string, string> Fields(DIFile file)
        {
            var fields = new Dictionary<string, string>();
            void Add(object o, string prefix)
            {
                foreach (PropertyInfo p in o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    object v = p.GetValue(o);
                    fields[prefix + p.Name] = v is System.Collections.IEnumerable e && !(v is string) ? string.Join(",", e.Cast<object>()) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            Add(file, string.Empty);
            Add(file.Schedule, "Schedule.");
            fields.Remove("Schedule");
            return fields;
        }

        [Fact]
        public async Task Schedule_IsOneReadAndOneWrite_AndItsResultIsWhatGetFileReadsAfterwards()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("cost_sched");
            int before = kit.Actions().Count;
            ScheduleField[] fields =
            {
                new ScheduleField("CronExpress", "00 15 03 * * ?", FieldComparison.Text),
                new ScheduleField("CycleType", "DAY", FieldComparison.EnumText),
                new ScheduleField("RerunMode", "FAILURE_ALLOWED", FieldComparison.EnumText),
                new ScheduleField("AutoRerunTimes", "3", FieldComparison.Number),
                new ScheduleField("AutoRerunIntervalMillis", "120000", FieldComparison.Number),
                new ScheduleField("InputList", "emulator_standard_root", FieldComparison.List),
                new ScheduleField("OutputList", "cost_out_" + task.FileId, FieldComparison.List),
                new ScheduleField("DependentType", "SELF", FieldComparison.EnumText),
                new ScheduleField("ParaValue", "bizdate=$bizdate x=a", FieldComparison.Words),
                new ScheduleField("StartEffectDate", "1700000000000", FieldComparison.Number),
                new ScheduleField("EndEffectDate", "4155787800000", FieldComparison.Number),
                new ScheduleField("SchedulerType", "PAUSE", FieldComparison.EnumText),
                new ScheduleField("Stop", "true", FieldComparison.Boolean),
                new ScheduleField("ApplyScheduleImmediately", "true", FieldComparison.Boolean),
                new ScheduleField("IgnoreParentSkipRunningProperty", "true", FieldComparison.Boolean),
                new ScheduleField("FileDescription", "set by the cost test", FieldComparison.Text),
                new ScheduleField("Owner", "cost_owner", FieldComparison.Text),
            };

            ScheduleResult result = await Apply(kit, task.FileId, fields);
            Assert.Equal(new[] { "GetFile", "UpdateFile" }, kit.ActionsSince(before));
            Assert.True(result.Sent.Count >= fields.Length - 3, "sent: " + string.Join(", ", result.Sent));   // a new node's defaults are not sent

            // The result was built from the read before and what was sent; GetFile now reads the same file, save the two
            // fields only DataWorks knows after a write (the folder's path, which GetFile gives as an id, from the catalogue).
            DIFile read = await new FileService(kit.Context, null).GetWithFolderPathAsync(kit.ProjectId, task.FileId, CancellationToken.None);
            Dictionary<string, string> built = Fields(result.File), actual = Fields(read);
            Assert.Null(result.File.LastEditTime);
            Assert.Null(result.File.LastEditUser);
            Assert.NotNull(read.LastEditTime);
            foreach (string name in actual.Keys.Where(n => n != "LastEditTime" && n != "LastEditUser"))
                Assert.True(built[name] == actual[name], $"{name}: built '{built[name]}', GetFile reads '{actual[name]}'");
            Assert.False(result.File.Committed);
        }

        [Fact]
        public async Task Schedule_AfterACommit_ShowsTheFileUncommitted_AsGetFileDoes()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("cost_commit");
            await kit.SubmitAsync(task.FileId);
            Assert.True((await new FileService(kit.Context, null).GetAsync(kit.ProjectId, task.FileId, CancellationToken.None)).Committed);

            ScheduleResult result = await Apply(kit, task.FileId, new ScheduleField("FileDescription", "edited after the commit", FieldComparison.Text));
            DIFile read = await new FileService(kit.Context, null).GetAsync(kit.ProjectId, task.FileId, CancellationToken.None);
            Assert.False(read.Committed);
            Assert.False(result.File.Committed);
            Assert.Equal(read.CurrentVersion, result.File.CurrentVersion);
            Assert.Equal(read.NodeId, result.File.NodeId);
        }

        [Fact]
        public async Task Schedule_AMoveToAnotherFolder_IsReadBack_BecauseGetFileShowsTheFolderAsAnId()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("cost_move");
            string target = "Workflow/new_biz/Data Integration";
            int before = kit.Actions().Count;

            ScheduleResult result = await Apply(kit, task.FileId, new ScheduleField(ScheduleFields.FolderPath, target, FieldComparison.Text));
            // The target folder is checked against the workspace catalogue (ListFolders, once per context) before UpdateFile.
            Assert.Equal(new[] { "GetFile", "ListFolders", "UpdateFile", "GetFile" }, kit.ActionsSince(before));
            DIFile read = await new FileService(kit.Context, null).GetAsync(kit.ProjectId, task.FileId, CancellationToken.None);
            Assert.Equal(read.FolderId, result.File.FolderId);
        }

        [Fact]
        public async Task Publish_AfterASubmitPackageToDevelopment_CallsNoGetProject_AndWithoutOneReadsTheMode()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask task = await kit.CreateBatchAsync("cost_pub");
            DIDeployment submitted = await kit.SubmitAsync(task.FileId);
            Assert.Equal(DIEnvironment.Development, submitted.ToEnvironment);
            int before = kit.Actions().Count;

            PublishResult published = await kit.Workflow<PublishWorkflow>().PublishAsync(new FileInput(kit.ProjectId, task.FileId, DITaskType.Batch, submitted), null, WorkflowTestKit.Quick, CancellationToken.None);
            Assert.Equal(DIEnvironment.Production, published.Deployment.ToEnvironment);
            List<string> calls = kit.ActionsSince(before);
            Assert.DoesNotContain("GetProject", calls);
            Assert.Equal("DeployFile", calls.First());

            // Without a package that tells, the mode is read (once per context).
            var fresh = WorkflowTestKit.For(10000);
            DISyncTask other = await fresh.CreateBatchAsync("cost_pub2");
            await fresh.SubmitAsync(other.FileId);
            before = fresh.Actions().Count;
            await fresh.Workflow<PublishWorkflow>().PublishAsync(new FileInput(fresh.ProjectId, other.FileId, DITaskType.Batch), null, WorkflowTestKit.Quick, CancellationToken.None);
            Assert.Equal("GetProject", fresh.ActionsSince(before).First());
        }
    }
}
