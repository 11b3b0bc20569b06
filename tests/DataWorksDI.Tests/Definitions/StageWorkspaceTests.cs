using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Definitions;
using DataWorksDI.Errors;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Workflows;
using Newtonsoft.Json.Linq;
using Xunit;
using static DataWorksDI.Tests.Definitions.DefinitionEmulator;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// Which workspace a definitions run (plan, sync, export) acts on, decided in one place (LiveTaskReader.ProjectIdAsync):
    /// -ProjectId (or the piped plan's), else the stage's workspace by id or by identifier (ListProjects), else the context's
    /// default — and a clear error when none names one.
    /// </summary>
    public class StageWorkspaceTests
    {
        private static StageSettings StageNaming(JObject workspace)
        {
            string path = Path.Combine(TempDir("stage"), "stage.json");
            File.WriteAllText(path, (workspace == null ? new JObject() : new JObject { ["workspace"] = workspace }).ToString());
            var findings = new List<DefinitionFinding>();
            StageSettings stage = StageSettings.Load(path, "stage.json", findings);
            Assert.True(stage != null, string.Join("\n", findings));
            return stage;
        }

        private static Task<long> Resolve(WorkflowTestKit kit, long? given, StageSettings stage) =>
            kit.Workflow<LiveTaskReader>().ProjectIdAsync(given, stage, CancellationToken.None);

        [Fact]
        public async Task TheGivenWorkspace_WinsOverTheStage_AndNothingIsRead()
        {
            WorkflowTestKit kit = Kit(Dev);
            Assert.Equal(Prod, await Resolve(kit, Prod, StageNaming(new JObject { ["projectId"] = Dev })));
            Assert.Empty(kit.Actions());
        }

        [Fact]
        public async Task TheStagesProjectId_WinsOverTheContextsDefault()
        {
            WorkflowTestKit kit = Kit(Dev);
            Assert.Equal(Prod, await Resolve(kit, null, StageNaming(new JObject { ["projectId"] = Prod })));
            Assert.Empty(kit.Actions());
        }

        [Fact]
        public async Task TheStagesIdentifier_IsLookedUpWithListProjects()
        {
            WorkflowTestKit kit = Kit(Dev);
            Assert.Equal(Prod, await Resolve(kit, null, StageNaming(new JObject { ["identifier"] = "sales_prod" })));
            Assert.Contains("ListProjects", kit.Actions());
        }

        [Fact]
        public async Task AnIdentifierTheCredentialsCannotSee_IsAnInvalidDefinition_ThatNamesIt()
        {
            WorkflowTestKit kit = Kit(Dev);
            var e = await Assert.ThrowsAsync<DataWorksOperationException>(() => Resolve(kit, null, StageNaming(new JObject { ["identifier"] = "sales_nowhere" })));
            Assert.Equal(ErrorIds.InvalidDefinition, e.ErrorId);
            Assert.Contains("'sales_nowhere'", e.Message);
        }

        [Fact]
        public async Task AStageWithoutAWorkspace_UsesTheContextsDefault()
        {
            Assert.Equal(Dev, await Resolve(Kit(Dev), null, StageNaming(null)));
        }

        [Fact]
        public async Task NoWorkspaceAnywhere_IsNoWorkspace_ThatSaysWhereOneCanBeGiven()
        {
            WorkflowTestKit kit = WorkflowTestKit.For(Dev, Shared, configure: s => s.ProjectId = null);
            var e = await Assert.ThrowsAsync<DataWorksOperationException>(() => Resolve(kit, null, StageNaming(null)));
            Assert.Equal(ErrorIds.NoWorkspace, e.ErrorId);
            Assert.Contains("-ProjectId", e.Message);
        }

        [Fact]
        public async Task ThePlan_ActsOnTheWorkspaceTheStageNames_WhenNoneIsGiven()
        {
            // The whole path a cmdlet takes without -ProjectId: the plan workflow resolves the stage's workspace itself.
            WorkflowTestKit kit = Kit(Dev);
            string dir = WriteDefinitions(1, "stagews");
            string stage = ProdStage(TempDir("stage"));
            DefinitionSet offline = DefinitionPlanWorkflow.LoadOffline(dir, stage, null);
            DefinitionPlan plan = await kit.Workflow<DefinitionPlanWorkflow>().PlanAsync(offline, stage, null, false, CancellationToken.None);
            Assert.Equal(Prod, plan.ProjectId);
        }
    }
}
