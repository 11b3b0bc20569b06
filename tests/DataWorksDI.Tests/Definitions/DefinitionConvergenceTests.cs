using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Workflows;
using Xunit;
using Xunit.Abstractions;
using static DataWorksDI.Tests.Definitions.DefinitionEmulator;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// Issue 15's must-show: under 20 % injected throttling and 5 % server errors (answered before the action, or after it
    /// committed), apply of 200 tasks followed by at most one re-run converges — every definition has exactly one task
    /// (0 lost, 0 duplicates) and the plan after the runs is all Unchanged (0 stuck). Each case has an emulator of its own
    /// (the faults hit every caller of it). The numbers of each run are written to the test output.
    /// Under random injected throttling the adaptive pacer slows to about 3 calls/s, so 200 tasks take 9–11 minutes a case:
    /// the default suite runs 25 tasks a case (the same faults, the same assertions), and
    /// DATAWORKSDI_CONVERGENCE_TASKS=200 runs the must-show's size (results in docs/definitions.md).
    /// </summary>
    public class DefinitionConvergenceTests
    {
        private static readonly int Tasks =
            int.TryParse(Environment.GetEnvironmentVariable("DATAWORKSDI_CONVERGENCE_TASKS"), out int n) && n > 0 ? n : 25;
        private readonly ITestOutputHelper _output;

        public DefinitionConvergenceTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("5xx before the action", "--fault-5xx-ratio")]
        [InlineData("5xx after the action committed", "--fault-5xx-after-ratio")]
        public async Task ManyTasks_UnderThrottlingAndServerErrors_ConvergeWithAtMostOneRerun(string kind, string serverErrorOption)
        {
            using var emulator = DefinitionEmulator.Start("--fault-throttle-ratio", "0.2", serverErrorOption, "0.05");
            string stage = DevStage(TempDir("stages"));
            string prefix = "cv" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string dir = WriteDefinitions(Tasks, prefix);
            WorkflowTestKit kit = Kit(Dev, emulator);

            var runs = new List<ApplyReport>();
            for (int run = 1; run <= 2; run++)
            {
                int before = kit.Actions().Count;
                ApplyReport report = await SyncAsync(kit, dir, stage);
                runs.Add(report);
                List<string> actions = kit.ActionsSince(before);
                _output.WriteLine($"{kind}, run {run}: " + string.Join(", ", report.Outcomes.GroupBy(o => $"{o.Result.Kind}/{o.Result.State}").OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))
                    + $"; {report.CallsSpent} calls counted by the client, {actions.Count} received by the emulator ("
                    + string.Join(", ", actions.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + ")");
                foreach (ApplyOutcome failed in report.Outcomes.Where(o => o.Result.State != DITaskSyncStatus.Done))
                    _output.WriteLine($"  {failed.Result.State} {failed.Result.Name}: {failed.Result.Error}");
                if (report.Outcomes.All(o => o.Result.State == DITaskSyncStatus.Done)) break;
            }

            // 0 stuck: the plan after the runs has nothing left to do.
            DefinitionPlan final = await PlanAsync(kit, dir, stage);
            List<PlanItem> left = final.Items.Where(i => i.Plan.Kind != DITaskAction.Unchanged).ToList();
            _output.WriteLine($"{kind}: after {runs.Count} run(s) the plan has {Tasks - left.Count} Unchanged, {left.Count} not; client: {kit.Context.Client.Statistics}");
            Assert.True(left.Count == 0, "stuck: " + string.Join("; ", left.Select(i => $"{i.Plan.Name} {i.Plan.Kind} ({i.Plan.ChangeSummary})")));
            Assert.All(runs.Last().Outcomes, o => Assert.True(o.Result.State == DITaskSyncStatus.Done, o.Result + ": " + o.Result.Error));

            // 0 lost, 0 duplicates: exactly one task per definition under the stage's folder root.
            List<DIFile> files = await new FileService(kit.Context, null).List(Dev, new FileQuery { FolderPath = "Business Flow/sales_dev", Keyword = prefix, PageSize = 100 }).AllAsync(default);
            var byIdentity = files.GroupBy(f => f.FolderPath.Trim('/') + "/" + f.FileName).ToList();
            Assert.Empty(byIdentity.Where(g => g.Count() > 1).Select(g => g.Key));
            Assert.Equal(Tasks, byIdentity.Count);
            Assert.Equal(final.Items.Select(i => i.Desired.Identity).OrderBy(x => x, StringComparer.Ordinal), byIdentity.Select(g => g.Key).OrderBy(x => x, StringComparer.Ordinal));
        }
    }
}
