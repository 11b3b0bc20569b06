using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Validation;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.CrossChecks
{
    /// <summary>
    /// Where the module and the emulator must agree: every action the module can call (ApiAction.All, which is also what
    /// Invoke-DIApi accepts) is served by the emulator, and every task content the module's validator accepts (its
    /// published test data and the suites' sample tasks) is accepted by the emulator's CreateDISyncTask and UpdateDISyncTask.
    /// </summary>
    public class ModuleEmulatorAgreementTests
    {
        public static IEnumerable<object[]> Actions() => ApiAction.All.Select(a => new object[] { a.Name });

        private static readonly ApiAction[] WorkspaceOnlyReads =
            { ApiAction.GetProject, ApiAction.ListProjects, ApiAction.ListResourceGroups, ApiAction.ListDataSources, ApiAction.ListFiles, ApiAction.ListDeployments };

        [Theory]
        [MemberData(nameof(Actions))]
        public async Task EveryActionTheModuleCanCall_IsServedByTheEmulator(string actionName)
        {
            var kit = WorkflowTestKit.For(10000);
            ApiAction action = ApiAction.Find(actionName);
            // Signed and laid out exactly as the module sends it (method, query/body split); only a workspace is given, so
            // writes fail on their missing parameters without changing anything.
            var request = new ApiRequest(action).With("ProjectId", 10000L);
            string code;
            try
            {
                await kit.Context.Client.InvokeAsync(request, null, CancellationToken.None);
                code = "Success";
            }
            catch (DataWorksServiceException ex)
            {
                code = ex.Code;
                Assert.True(ex.StatusCode != System.Net.HttpStatusCode.NotFound || !code.StartsWith("InvalidAction", StringComparison.Ordinal),
                    $"the emulator does not serve {actionName}: {ex.Message}");
                Assert.False(code.StartsWith("Signature", StringComparison.Ordinal) || code.StartsWith("IncompleteSignature", StringComparison.Ordinal),
                    $"the emulator refused how the module sends {actionName}: {ex.Message}");
            }
            Assert.Equal(actionName, Assert.Single(kit.Actions()));
            // The reads that need nothing but a workspace succeed.
            if (WorkspaceOnlyReads.Contains(action)) Assert.Equal("Success", code);
        }

        /// <summary>The validator's accepted test data (tests/DataWorksDI.Tests/Validation/Data, sources in SOURCES.md) and the suites' samples.</summary>
        public static IEnumerable<object[]> AcceptedContents()
        {
            string data = Path.Combine(RepoPaths.Root, "tests", "DataWorksDI.Tests", "Validation", "Data");
            foreach (string file in Directory.GetFiles(data, "*.json").OrderBy(f => f, StringComparer.Ordinal))
                yield return new object[] { Path.GetFileName(file) };
            yield return new object[] { nameof(SampleTasks.SeedContent) };
            yield return new object[] { nameof(SampleTasks.MinimalContent) };
        }

        private static string Content(string name) =>
            name == nameof(SampleTasks.SeedContent) ? SampleTasks.SeedContent
            : name == nameof(SampleTasks.MinimalContent) ? SampleTasks.MinimalContent
            : File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "DataWorksDI.Tests", "Validation", "Data", name)).Trim();

        [Theory]
        [MemberData(nameof(AcceptedContents))]
        public async Task ContentTheModuleAccepts_TheEmulatorAccepts_ForCreateAndUpdate(string name)
        {
            string content = Content(name);
            TaskContentValidationResult checkedOffline = new TaskContentValidator().Validate(content, new[] { "bizdate" });
            Assert.True(checkedOffline.IsValid, string.Join("\n", checkedOffline.Findings));

            var kit = WorkflowTestKit.For(10000);
            var workflow = kit.Workflow<SyncTaskWorkflow>();
            DISyncTask created = await kit.CreateBatchAsync("agree", content);
            Assert.True(created.FileId > 0);

            // The same content as an update of another task (UpdateFile refuses "no change", UpdateDISyncTask does not need one).
            DISyncTask other = await kit.CreateBatchAsync("agree_upd");
            await workflow.UpdateAsync(new DISyncTask { ProjectId = 10000, FileId = other.FileId, TaskType = DITaskType.Batch }, content, null, CancellationToken.None);
            Assert.Equal(content, (await new DataWorksDI.Services.FileService(kit.Context, null).GetAsync(10000, other.FileId, CancellationToken.None)).Content);
        }
    }
}
