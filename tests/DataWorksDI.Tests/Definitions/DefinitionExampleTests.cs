using System;
using System.IO;
using System.Linq;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Xunit;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// examples/definitions through the cmdlets in a runspace, against an emulator whose workspaces are the stages'
    /// (DefinitionEmulator): check, plan, apply to dev, plan again, promote to prod with -WhatIf (no write) and with a call
    /// limit (Pending, one error), then finish with a re-run.
    /// </summary>
    public class DefinitionExampleTests : IDisposable
    {
        private readonly EmulatorProcess _emulator = DefinitionEmulator.Start();
        private readonly string _example;

        public DefinitionExampleTests()
        {
            // A copy, so the test never writes into the repository.
            _example = DefinitionEmulator.TempDir("example");
            string source = Path.Combine(RepoPaths.Root, "examples", "definitions");
            foreach (string f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(_example, Path.GetRelativePath(source, f));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(f, target);
            }
        }

        public void Dispose() => _emulator.Dispose();

        private static void Edit(string file, string from, string to)
        {
            string text = File.ReadAllText(file);
            Assert.Contains(from, text);
            File.WriteAllText(file, text.Replace(from, to));
        }

        [Fact]
        public void TheExampleRepository_ChecksClean_AppliesToDev_IsUnchangedAfter_AndPromotesToProdWithinACallLimitInTwoRuns()
        {
            using var dev = new EmulatorSession(DefinitionEmulator.Dev, _emulator);
            var vars = new System.Collections.Generic.Dictionary<string, object>
            {
                ["tasks"] = Path.Combine(_example, "tasks"), ["devStage"] = Path.Combine(_example, "stages", "dev.json"), ["prodStage"] = Path.Combine(_example, "stages", "prod.json"),
            };

            PSResult test = dev.Run("Test-DITaskDefinition $tasks -Stage $devStage | Where-Object Severity -eq Error", vars);
            Assert.True(test.Output.Count == 0 && test.Errors.Count == 0, string.Join("\n", test.Output) + test.ErrorText);

            PSResult imported = dev.Run("Import-DITaskDefinition $tasks -Stage $prodStage", vars);
            Assert.Equal(4, imported.Output.Count);
            var refunds = (DITaskDefinition)imported.Output.Single(o => ((DITaskDefinition)o.BaseObject).Name == "ods_refunds").BaseObject;
            Assert.Equal("Business Flow/sales_prod/Data Integration", refunds.FolderPath);
            Assert.Contains("mysql_prod", refunds.Content);
            Assert.Equal("Daily copy of refunds, owned by finance, returns", refunds.Description);

            PSResult applied = dev.Run("Sync-DITaskDefinition $tasks $devStage", vars);
            Assert.True(applied.Errors.Count == 0 && applied.Terminating == null, applied.ErrorText);
            Assert.Equal(4, applied.Output.Count);
            Assert.All(applied.Output, o => Assert.Equal(DITaskSyncStatus.Done, ((DITaskSyncResult)o.BaseObject).State));
            Assert.Contains(applied.Progress, p => p.Activity.StartsWith("Applying 4 of 4 task definition(s)", StringComparison.Ordinal));

            int calls = dev.CallCount();
            PSResult plan = dev.Run("Compare-DITaskDefinition $tasks $devStage | Format-Table | Out-String -Width 80", vars);
            string table = string.Concat(plan.Output.Select(o => o.ToString()));
            Assert.Equal(4, table.Split('\n').Count(l => l.StartsWith("Unchanged", StringComparison.Ordinal)));
            Assert.Empty(DefinitionEmulator.Writes(dev.Actions().Skip(calls)));

            // A call limit below the plan's own reads (GetProject, ListFiles, ListResourceGroups, then GetFile and
            // ListFileVersions for each of the 4 tasks): stopped before the limit, counted in the emulator's request log,
            // with one CallLimitReached that says what was spent and how to go on; nothing written, no result.
            Edit(Path.Combine(vars["tasks"].ToString(), "Data Integration", "ods", "ods_users.json"), "\"description\": \"", "\"description\": \"Edited: ");
            calls = dev.CallCount();
            PSResult tooFew = dev.Run("Sync-DITaskDefinition $tasks $devStage -MaxCalls 3", vars);
            int spent = dev.CallCount() - calls;
            Assert.True(spent <= 3, "calls: " + string.Join(", ", dev.Actions().Skip(calls)));
            Assert.Empty(DefinitionEmulator.Writes(dev.Actions().Skip(calls)));
            Assert.Empty(tooFew.Output);
            ErrorRecord tooFewError = Assert.Single(tooFew.Errors);
            Assert.Equal("DataWorksDI.CallLimitReached", tooFewError.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains($"({spent} call(s) spent so far, all of them reads)", tooFewError.Exception.Message);
            Assert.Contains("Nothing was written", tooFewError.Exception.Message);
            Assert.Contains("run Sync-DITaskDefinition again with -MaxCalls above", tooFewError.Exception.Message);
            Edit(Path.Combine(vars["tasks"].ToString(), "Data Integration", "ods", "ods_users.json"), "\"description\": \"Edited: ", "\"description\": \"");

            // Promote: -WhatIf reads and prints, and writes nothing.
            using var prod = new EmulatorSession(DefinitionEmulator.Prod, _emulator);
            PSResult whatIf = prod.Run("Sync-DITaskDefinition $tasks $prodStage -WhatIf", vars);
            Assert.True(whatIf.Errors.Count == 0, whatIf.ErrorText);
            Assert.Empty(DefinitionEmulator.Writes(prod.Actions()));

            // A call limit stops cleanly: Pending tasks with their next step, one error with the calls spent; a re-run finishes.
            PSResult limited = prod.Run("Sync-DITaskDefinition $tasks $prodStage -MaxCalls 20", vars);
            Assert.True(prod.CallCount() <= 20 + 2, "calls: " + prod.CallCount());
            ErrorRecord stop = Assert.Single(limited.Errors);
            Assert.Equal("DataWorksDI.CallLimitReached", stop.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("Run Sync-DITaskDefinition again", stop.Exception.Message);
            var results = limited.Output.Select(o => (DITaskSyncResult)o.BaseObject).ToList();
            Assert.Contains(results, r => r.State == DITaskSyncStatus.Pending && r.NextStep.Length > 0);

            PSResult finished = prod.Run("Sync-DITaskDefinition $tasks $prodStage", vars);
            Assert.True(finished.Errors.Count == 0, finished.ErrorText);
            Assert.All(finished.Output, o => Assert.Equal(DITaskSyncStatus.Done, ((DITaskSyncResult)o.BaseObject).State));
            PSResult files = prod.Run("Get-DIFile -FolderPath 'Business Flow/sales_prod' | Group-Object FileName | Where-Object Count -gt 1", vars);
            Assert.Empty(files.Output);
            PSResult after = prod.Run("Compare-DITaskDefinition $tasks $prodStage | Where-Object Action -ne Unchanged", vars);
            Assert.Empty(after.Output);
        }
    }
}
