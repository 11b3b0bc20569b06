using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Definitions;
using DataWorksDI.Models;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Workflows;
using Newtonsoft.Json.Linq;
using Xunit;
using static DataWorksDI.Tests.Definitions.DefinitionEmulator;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// Sync tasks as code end to end through the workflows (no runspace): apply, export, promote to another workspace with
    /// another stage, plan after apply, one changed field, templates. Each kit has its own key, so the emulator's request
    /// log shows exactly its calls.
    /// </summary>
    public class DefinitionSyncTests
    {
        [Fact]
        public async Task FiftyTasks_ExportedFromDev_AppliedToProd_ExportAgain_GiveIdenticalFiles_ThenPlanIsAllUnchangedWithoutWrites_AndOneFieldChangeCostsThreeWrites()
        {
            string stages = TempDir("stages");
            string devStage = DevStage(stages), prodStage = ProdStage(stages);
            string prefix = "rt" + Guid.NewGuid().ToString("N").Substring(0, 6);

            // An emulator of its own: the export takes every task of the workspaces.
            using var emulator = DefinitionEmulator.Start();
            WorkflowTestKit dev = Kit(Dev, emulator);
            ApplyReport first = await SyncAsync(dev, WriteDefinitions(50, prefix), devStage);
            Assert.All(first.Outcomes, o => Assert.True(o.Result.State == DITaskSyncStatus.Done, o.Result + ": " + o.Result.Error));
            Assert.Equal(50, first.Outcomes.Count(o => o.Result.Kind == DITaskAction.Create));

            // Export dev, apply the export to prod with the prod stage, export prod: the same bytes.
            string exportedDev = await ExportAsync(dev, devStage);
            var devFiles = Files(exportedDev);
            Assert.Equal(50, devFiles.Count);
            string sample = File.ReadAllText(Path.Combine(exportedDev, "Data Integration", "ods", prefix + "_000.json"));
            Assert.Contains("\"datasource\": \"src_mysql\"", sample);
            Assert.Contains("\"resourceGroup\": \"di_default\"", sample);
            Assert.Contains("\"resourceGroupIdentifier\": \"sched_default\"", sample);
            Assert.Contains("\"${workspace}_root\"", sample);
            Assert.DoesNotContain("\r", sample);
            Assert.EndsWith("}\n", sample);

            WorkflowTestKit prod = Kit(Prod, emulator);
            ApplyReport promoted = await SyncAsync(prod, exportedDev, prodStage);
            Assert.All(promoted.Outcomes, o => Assert.True(o.Result.State == DITaskSyncStatus.Done, o.Result + ": " + o.Result.Error));
            string exportedProd = await ExportAsync(prod, prodStage);
            var prodFiles = Files(exportedProd);
            Assert.Equal(devFiles.Keys, prodFiles.Keys);
            foreach (string file in devFiles.Keys)
                Assert.True(devFiles[file].SequenceEqual(prodFiles[file]), file + " differs after the round trip:\n" + File.ReadAllText(Path.Combine(exportedProd, file)));

            // The physical names really differ between the workspaces.
            DIFile live = (await new DataWorksDI.Services.FileService(prod.Context, null).List(Prod, new DataWorksDI.Services.FileQuery { ExactName = prefix + "_001", IncludeContent = true }).AllAsync(default)).Single();
            Assert.Contains("mysql_prod", live.Content);
            Assert.DoesNotContain("src_mysql", live.Content);

            // Plan after apply: every task Unchanged, and not one write.
            int before = prod.Actions().Count;
            DefinitionPlan again = await PlanAsync(prod, exportedDev, prodStage);
            Assert.Equal(50, again.Items.Count);
            Assert.All(again.Items, i => Assert.True(i.Plan.Kind == DITaskAction.Unchanged, i.Plan + " " + i.Plan.ChangeSummary));
            Assert.Empty(Writes(prod.ActionsSince(before)));

            // One changed schedule field in one file: exactly that field, and UpdateFile + SubmitFile + DeployFile.
            string changedFile = Path.Combine(exportedDev, "Data Integration", prefix + "_001.json");
            JObject d = JObject.Parse(File.ReadAllText(changedFile));
            d["schedule"]["cron"] = "00 45 06 * * ?";
            File.WriteAllText(changedFile, d.ToString());
            DefinitionPlan plan = await PlanAsync(prod, exportedDev, prodStage);
            PlanItem changed = Assert.Single(plan.Items, i => i.Plan.Kind != DITaskAction.Unchanged);
            Assert.Equal(DITaskAction.Change, changed.Plan.Kind);
            Assert.Equal(prefix + "_001", changed.Plan.Name);
            DITaskChange change = Assert.Single(changed.Plan.Changes);
            Assert.Equal("schedule.cron", change.Path);
            Assert.Equal("00 45 06 * * ?", change.Desired);
            Assert.False(changed.Plan.Drift);
            Assert.Equal("UpdateFile, SubmitFile, DeployFile", changed.Plan.Steps);

            before = prod.Actions().Count;
            ApplyReport applied = await prod.Workflow<DefinitionApplyWorkflow>().ApplyAsync(plan, new ApplyOptions { Wait = WorkflowTestKit.Quick }, default);
            Assert.All(applied.Outcomes, o => Assert.Equal(DITaskSyncStatus.Done, o.Result.State));
            Assert.Equal(new[] { "UpdateFile", "SubmitFile", "DeployFile" }, Writes(prod.ActionsSince(before)));
            Assert.All((await PlanAsync(prod, exportedDev, prodStage)).Items, i => Assert.Equal(DITaskAction.Unchanged, i.Plan.Kind));
        }

        /// <summary>
        /// GetFile answers OutputParameters[].Type as the string "1" for the 1 UpdateFile was sent (and adds Description):
        /// the plan compares the way Set-DIFileSchedule does (one comparer), so a definition written with a numeric Type is
        /// Unchanged after apply instead of a Change on every plan.
        /// </summary>
        [Fact]
        public async Task AnOutputParameterWithANumericType_IsUnchangedAfterApply_NotAChangeOnEveryPlan()
        {
            string stages = TempDir("stages");
            string devStage = DevStage(stages);
            string dir = TempDir("outparam");
            string name = "op" + Guid.NewGuid().ToString("N").Substring(0, 6);
            JObject schedule = Schedule(3);
            schedule["outputParameters"] = JArray.Parse("[{ \"ParameterName\": \"bizdate_param\", \"Type\": 1, \"Value\": \"${bizdate}\" }]");
            schedule["autoRerunTimes"] = 2;
            var d = new JObject
            {
                ["name"] = name,
                ["folder"] = "Data Integration",
                ["description"] = "numeric output parameter type",
                ["resourceGroup"] = "di_default",
                ["content"] = Content("t_" + name),
                ["schedule"] = schedule,
            };
            File.WriteAllText(Path.Combine(dir, name + ".json"), d.ToString());

            WorkflowTestKit dev = Kit(Dev);
            ApplyReport report = await SyncAsync(dev, dir, devStage);
            ApplyOutcome created = Assert.Single(report.Outcomes);
            Assert.True(created.Result.State == DITaskSyncStatus.Done, created.Result + ": " + created.Result.Error);

            int before = dev.Actions().Count;
            PlanItem item = Assert.Single((await PlanAsync(dev, dir, devStage)).Items);
            Assert.True(item.Plan.Kind == DITaskAction.Unchanged, item.Plan + ": " + item.Plan.ChangeSummary);
            Assert.Empty(Writes(dev.ActionsSince(before)));

            // A real change of the parameter is still seen, as that one field.
            schedule["outputParameters"][0]["Value"] = "${yyyymmdd}";
            File.WriteAllText(Path.Combine(dir, name + ".json"), d.ToString());
            item = Assert.Single((await PlanAsync(dev, dir, devStage)).Items);
            Assert.Equal(DITaskAction.Change, item.Plan.Kind);
            Assert.Equal("schedule.outputParameters", Assert.Single(item.Plan.Changes).Path);
        }

        [Fact]
        public async Task ATemplateOf100Tables_Yields100Tasks_AndAnUnchangedRerunPlansNothing()
        {
            string stages = TempDir("stages");
            string devStage = DevStage(stages);
            string dir = TempDir("tpl");
            string tag = Guid.NewGuid().ToString("N").Substring(0, 6);
            File.WriteAllText(Path.Combine(dir, "tables.csv"), "table,owner\n" + string.Join("\n", Enumerable.Range(0, 100).Select(i => $"{tag}_t{i:000},\"team, {i % 3}\"")) + "\n");
            var template = new JObject
            {
                ["name"] = "ods_{{table}}",
                ["folder"] = "Data Integration/templates",
                ["description"] = "{{table}} for {{owner}}",
                ["resourceGroup"] = "di_default",
                ["content"] = Content("{{table}}"),
                ["schedule"] = Schedule(1),
                ["matrix"] = "tables.csv",
            };
            File.WriteAllText(Path.Combine(dir, "ods_tables.json"), template.ToString());

            DefinitionSet set = DefinitionSet.Load(dir, devStage, null);
            Assert.False(set.HasErrors, string.Join("\n", set.Errors));
            Assert.Equal(100, set.Physical.Count);
            Assert.Equal("team, 2", set.Physical[2].Description.Split(" for ")[1]);

            WorkflowTestKit dev = Kit(Dev);
            ApplyReport report = await SyncAsync(dev, dir, devStage);
            Assert.Equal(100, report.Outcomes.Count(o => o.Result.Kind == DITaskAction.Create && o.Result.State == DITaskSyncStatus.Done));

            int before = dev.Actions().Count;
            DefinitionPlan plan = await PlanAsync(dev, dir, devStage);
            Assert.Equal(100, plan.Items.Count);
            Assert.All(plan.Items, i => Assert.Equal(DITaskAction.Unchanged, i.Plan.Kind));
            Assert.Empty(Writes(dev.ActionsSince(before)));
        }
    }
}
