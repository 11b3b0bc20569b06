using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// Every default view renders in 80 columns (Out-String -Width 80) with its identifying columns first and their
    /// values whole, for the longest values the service gives in practice (30-character task names, 28-character
    /// workspace identifiers, 10-digit ids). The objects are built here, some through internal types (ContextFactory, the
    /// validator, DefinitionFinding), to reach those values; the views of what the cmdlets return from the emulator are
    /// specified in tests/Pester/Views.Tests.ps1.
    /// </summary>
    public class ViewTests
    {
        /// <summary>One case per view: objects to render, and the columns that identify them (header, then values).</summary>
        public static IEnumerable<object[]> Views()
        {
            yield return Case("DIContext", new[] { "ProjectId", "Endpoint" }, DataWorksDI.Session.ContextFactory.Create(new DataWorksDI.Session.ContextSettings
            {
                Region = "cn-shanghai-finance-1", ProjectId = 1234567890, Endpoint = new Uri("https://dataworks-vpc.cn-shanghai-finance-1.aliyuncs.com/"),
                Credentials = new DataWorksDI.Client.Credentials.StaticCredentialProvider(new DataWorksDI.Client.Credentials.AcsCredential("LTAI5tViewKey", DataWorksDI.Client.Credentials.AcsCredential.ToSecureString("view-secret-1"))),
            }));
            yield return Case("DIWorkspace", new[] { "ProjectId", "Identifier", "Mode" }, new DIWorkspace { ProjectId = 1234567890, Identifier = "automated_testing_workspace1", Name = "Automated_Testing_Workspace_Do_Not_Modify", Mode = DIWorkspaceMode.Standard, Status = 0 });
            yield return Case("DIFile", new[] { "FileId", "FileName" }, new DIFile { ProjectId = 10000, FileId = 5000000123, FileName = "ods_orders_daily_to_odps_x1234", FileType = 23, FolderPath = "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration" });
            yield return Case("DIFileSchedule", new[] { "FileId", "Cron" }, new DIFileSchedule { FileId = 5000000123, Cron = "00 */30 00-23 * * ?", CycleType = DICycleType.NotDay, RerunMode = DIRerunMode.FailureAllowed, Stop = false, InputList = new[] { "dataworks_di_autotest_root", "dataworks_di_autotest.upstream" } });
            yield return Case("DIDeployment", new[] { "DeploymentId", "FileId", "Kind", "Status" }, new DIDeployment { DeploymentId = 1234567890, FileId = 5000000123, Kind = DIDeploymentKind.Delete, Status = DIDeploymentStatus.Rejected, Check = DIDeploymentCheck.CheckFailed, ToEnvironment = DIEnvironment.Production, ErrorMessage = "The node failed the check extension: owner must be set; see the console for the details." });
            yield return Case("DIFileRemoval", new[] { "FileId", "TaskType", "DeploymentId", "Status" }, new DIFileRemoval { FileId = 5000000123, TaskType = DITaskType.Realtime, Deployment = new DIDeployment { DeploymentId = 1234567890, Status = DIDeploymentStatus.Succeeded }, InProduction = true });
            yield return Case("DISyncTask", new[] { "FileId", "FileName", "TaskType" }, new DISyncTask { FileId = 5000000123, FileName = "ods_orders_daily_to_odps_x1234", TaskType = DITaskType.Solution, FolderPath = "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration", ResourceGroup = SampleTasks.DIResourceGroup });
            yield return Case("DISyncInstance", new[] { "FileId", "TaskType", "Name", "Status" }, new DISyncInstance { FileId = 5000000123, TaskType = DITaskType.Realtime, Name = "ods_orders_realtime_to_kafka_1", Status = DIInstanceStatus.Killing, Message = "The instance is being stopped because a DDL event was marked critical." });
            yield return Case("DISyncTaskConfig", new[] { "FileId", "TaskType" }, new DISyncTaskConfig { FileId = 5000000123, TaskType = DITaskType.Realtime, Tables = new[] { "orders", "refunds", "customers", "order_items_archive_2023" }, Code = new string('x', 12345) });
            TaskContentValidationResult bad = new TaskContentValidator().Validate(SampleTasks.MinimalContent.Replace("\"truncate\":true", "\"truncate\":\"maybe\"").Replace("${bizdate}", "${region_code_for_the_partition}"));
            yield return Case("ValidationFinding", new[] { "Severity", "Code" }, bad.Findings.ToArray());
            yield return Case("TaskContentValidationResult", new[] { "IsValid" }, bad);
            yield return Case("DITaskPlan", new[] { "Action", "Name" }, new DITaskPlan { Kind = DITaskAction.Unchanged, Folder = "sales_ods_daily_loads", Name = "ods_orders_daily_to_odps_x1234", Calls = 12, Drift = true, Steps = "UpdateDISyncTask, UpdateFile, SubmitFile, DeployFile" });
            yield return Case("DITaskSyncResult", new[] { "Status", "Action", "Name", "FileId" }, new DITaskSyncResult { State = DITaskSyncStatus.Pending, Kind = DITaskAction.Create, Folder = "sales_ods_daily_loads", Name = "ods_orders_daily_to_odps_x1234", FileId = 5000000123, NextStep = "Sync-DITaskDefinition -Path ./definitions (the run stopped at -MaxCalls)" });
            yield return Case("DITaskDefinition", new[] { "Name", "FolderPath" }, new DITaskDefinition { Folder = "sales_ods_daily_loads", FolderPath = "Workflow/sales/Data_Integration", Name = "ods_orders_daily_to_odps_x1234", ResourceGroup = SampleTasks.DIResourceGroup });
            yield return Case("DefinitionFinding", new[] { "Severity", "File" }, new DataWorksDI.Definitions.DefinitionFinding("ods_orders_daily.json", "ods_orders_daily", "$.schedule.cron", "DI.Definition.UnknownKey", ValidationSeverity.Error, "The key \"schedul\" is not a definition key.", "Did you mean \"schedule\"? Fix the spelling."));
        }

        private static object[] Case(string view, string[] identifying, params object[] objects) => new object[] { view, identifying, objects };

        [Theory]
        [MemberData(nameof(Views))]
        public void DefaultView_FitsEightyColumns_IdentifyingColumnsFirstAndWhole(string view, string[] identifying, object[] objects)
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("$objects | Out-String -Width 80", new Dictionary<string, object> { ["objects"] = objects });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                string text = r.Output.Single().ToString();
                string[] lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
                Assert.All(lines, l => Assert.True(l.Length <= 80, $"{view}: a line is {l.Length} columns wide:\n{text}"));
                string header = lines.First(l => l.Trim().Length > 0);
                // A table's header line names its columns; a list view (one object's details) names them down its first lines.
                string[] columns = header.Contains(" : ")
                    ? lines.Where(l => l.Contains(" : ")).Select(l => l.Substring(0, l.IndexOf(" : ", StringComparison.Ordinal)).Trim()).ToArray()
                    : header.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                // The identifying columns come first, in order, and each one shows its values whole.
                Assert.Equal(identifying, columns.Take(identifying.Length));
                foreach (object o in objects)
                    foreach (string property in identifying)
                    {
                        string value = Convert.ToString(o.GetType().GetProperty(property).GetValue(o), System.Globalization.CultureInfo.InvariantCulture);
                        Assert.True(text.Contains(value), $"{view}: the {property} '{value}' is cut:\n{text}");
                    }
            }
        }

        [Fact]
        public void EveryView_HasACase_HereAndItsColumnsFit()
        {
            var doc = XDocument.Load(Path.Combine(RepoPaths.ModuleDirectory, "DataWorksDI.format.ps1xml"));
            var views = doc.Descendants("View").Select(v => (string)v.Element("Name")).ToList();
            var tested = Views().Select(c => (string)c[0]).ToList();
            Assert.Empty(views.Except(tested));
            foreach (XElement table in doc.Descendants("TableControl"))
            {
                var widths = table.Descendants("TableColumnHeader").Select(h => (int?)h.Element("Width")).ToList();
                int fixedWidth = widths.Sum(w => w ?? 0) + widths.Count - 1;
                Assert.True(80 - fixedWidth - 1 >= 10, $"{table.Parent.Element("Name").Value}: the fixed columns take {fixedWidth} of 80 columns, leaving fewer than 10 for the last one");
            }
        }
    }
}
