using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Definitions;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Workflows;
using Xunit;
using static DataWorksDI.Tests.Definitions.DefinitionEmulator;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// Sync-DITaskDefinition's decision between its plan and its writes (DefinitionSyncWorkflow): what the caller declines
    /// is never written; a caller that declines everything sends no write; the cmdlet's decision — a piped plan's
    /// selection, a ShouldProcess per change, a deletion's own confirmation — on an emulator of this class's own (a
    /// -Delete run sees every task under the stage's folder root, so no other test's tasks may be there).
    /// </summary>
    public class SyncDecisionTests : IDisposable
    {
        private static readonly string[] Writes = { "CreateDISyncTask", "UpdateDISyncTask", "UpdateFile", "SubmitFile", "DeployFile", "DeleteFile" };

        private readonly EmulatorProcess _emulator = DefinitionEmulator.Start();

        public void Dispose() => _emulator.Dispose();

        private static Task<SyncRun> Sync(WorkflowTestKit kit, string dir, string stage, bool delete, Func<DefinitionPlan, ICollection<PlanItem>> decide) =>
            kit.Workflow<DefinitionSyncWorkflow>().SyncAsync(DefinitionPlanWorkflow.LoadOffline(dir, stage, null), stage, null, delete,
                plan => Task.FromResult(decide(plan)), new ApplyOptions { Wait = WorkflowTestKit.Quick }, CancellationToken.None);

        [Fact]
        public async Task ADeclinedChange_IsNotWritten_AndIsReportedAsDeclined()
        {
            WorkflowTestKit kit = Kit(Dev, _emulator);
            string dir = WriteDefinitions(2, "declined"), stage = DevStage(TempDir("stage"));

            SyncRun run = await Sync(kit, dir, stage, false, plan => plan.Items.Where(i => i.Plan.Name == "declined_001").ToList());

            Assert.Equal("declined_001", Assert.Single(run.Declined).Plan.Name);
            ApplyOutcome applied = Assert.Single(run.Report.Outcomes);
            Assert.Equal("declined_000", applied.Result.Name);
            Assert.Equal(DITaskSyncStatus.Done, applied.Result.State);
            Assert.Single(kit.Actions(), a => a == "CreateDISyncTask");
        }

        [Fact]
        public async Task DecliningEverything_SendsNoWrite_AndAppliesNothing()
        {
            WorkflowTestKit kit = Kit(Dev, _emulator);
            string dir = WriteDefinitions(3, "whatif"), stage = DevStage(TempDir("stage"));
            int decisions = 0;

            SyncRun run = await Sync(kit, dir, stage, false, plan => { decisions++; return plan.Items.ToList(); });

            Assert.Equal(1, decisions);
            Assert.Null(run.Report);
            Assert.Equal(3, run.Declined.Count);
            Assert.DoesNotContain(kit.Actions(), a => Writes.Contains(a));
        }

        [Fact]
        public void APipedPlan_AppliesOnlyTheTasksPipedIn()
        {
            using var dev = new EmulatorSession(Dev, _emulator);
            string dir = WriteDefinitions(3, "piped"), stage = DevStage(TempDir("stage"));
            var vars = new Dictionary<string, object> { ["dir"] = dir, ["stage"] = stage };

            PSResult r = dev.Run("Compare-DITaskDefinition $dir $stage | Where-Object Name -eq 'piped_001' | Sync-DITaskDefinition", vars);

            Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
            var result = (DITaskSyncResult)Assert.Single(r.Output).BaseObject;
            Assert.Equal("piped_001", result.Name);
            Assert.Equal("Done", result.Status);
            Assert.Single(dev.Actions(), a => a == "CreateDISyncTask");
        }

        [Fact]
        public void ADeletion_NeedsItsOwnConfirmation_AndAHostThatCannotAskDeletesNothing()
        {
            using var dev = new EmulatorSession(Dev, _emulator);
            string dir = WriteDefinitions(2, "orphan"), stage = DevStage(TempDir("stage"));
            var vars = new Dictionary<string, object> { ["dir"] = dir, ["stage"] = stage };
            PSResult applied = dev.Run("Sync-DITaskDefinition $dir $stage", vars);
            Assert.True(applied.Errors.Count == 0 && applied.Terminating == null, applied.ErrorText);
            File.Delete(Path.Combine(dir, "orphan_001.json"));
            int before = dev.Actions().Count;

            PSResult r = dev.Run("Sync-DITaskDefinition $dir $stage -Delete", vars);

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(ErrorIds.ConfirmationRequired, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("orphan_001", e.Exception.Message);
            var skipped = r.Output.Select(o => (DITaskSyncResult)o.BaseObject).Single(o => o.Name == "orphan_001");
            Assert.Equal("Skipped", skipped.Status);
            Assert.DoesNotContain(dev.Actions().Skip(before), a => Writes.Contains(a));

            PSResult forced = dev.Run("Sync-DITaskDefinition $dir $stage -Delete -Force", vars);
            Assert.True(forced.Errors.Count == 0 && forced.Terminating == null, forced.ErrorText);
            Assert.Contains("DeleteFile", dev.Actions().Skip(before));
        }
    }
}
