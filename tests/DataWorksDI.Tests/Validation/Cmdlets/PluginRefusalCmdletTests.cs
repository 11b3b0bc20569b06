using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation.Cmdlets
{
    /// <summary>
    /// The plugin catalogue's refusals through the cmdlets that send task content: each broken step is refused by
    /// New-DISyncTask with its code, path and fix, and the emulator's request log shows that nothing was sent.
    /// </summary>
    public class PluginRefusalCmdletTests
    {
        [Fact]
        public void EveryRefusedPluginCase_IsRefusedByNewDISyncTask_AndNothingIsSent()
        {
            var cases = PluginCatalogTests.RefusedSteps().ToList();
            using (var s = new EmulatorSession(10000))
            {
                foreach (object[] c in cases)
                {
                    string stepType = (string)c[0], category = (string)c[1], code = (string)c[3], path = (string)c[4];
                    string content = PluginCatalogTests.Job(stepType, category, (string)c[2]);
                    PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $bad",
                        new Dictionary<string, object> { ["bad"] = content });
                    string label = $"{stepType} {category} ({code} at {path})";
                    ErrorRecord e = Assert.Single(r.Errors);
                    Assert.True(e.FullyQualifiedErrorId.StartsWith("DataWorksDI.InvalidContent."), label + ": " + e.FullyQualifiedErrorId);
                    Assert.True(e.Exception.Message.Contains("[" + code + "]"), label + ": " + e.Exception.Message);
                    Assert.True(e.Exception.Message.Contains(path + ": "), label + ": " + e.Exception.Message);
                    Assert.Contains("nothing was sent", e.Exception.Message);
                    Assert.Empty(r.Output);
                }
                Assert.Equal(0, s.CallCount());
            }
        }

        [Fact]
        public void TheIssuesTwoMisses_AreRefusedBeforeAnyCall_AndTheFixedContentIsCreated()
        {
            using (var s = new EmulatorSession(10000))
            {
                string noTable = EmulatorSession.SeedContent.Replace(",\"table\":\"same\"}", "}");
                string cycle = EmulatorSession.SeedContent.Replace("{\"from\":\"Reader\",\"to\":\"Writer\"}]", "{\"from\":\"Reader\",\"to\":\"Writer\"},{\"from\":\"Writer\",\"to\":\"Reader\"}]");
                Assert.NotEqual(EmulatorSession.SeedContent, noTable);
                Assert.NotEqual(EmulatorSession.SeedContent, cycle);

                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $a; New-DISyncTask -Name $name -FolderPath $folder -Content $b",
                    new Dictionary<string, object> { ["a"] = noTable, ["b"] = cycle });
                Assert.Equal(2, r.Errors.Count);
                Assert.StartsWith("DataWorksDI.InvalidContent." + ValidationCodes.PluginParameterMissing, r.Errors[0].FullyQualifiedErrorId);
                Assert.Contains("Add parameter.table: the MaxCompute table to write to", r.Errors[0].Exception.Message);
                Assert.StartsWith("DataWorksDI.InvalidContent." + ValidationCodes.OrderHopCycle, r.Errors[1].FullyQualifiedErrorId);
                Assert.Contains("Reader → Writer → Reader", r.Errors[1].Exception.Message);
                Assert.Equal(0, s.CallCount());

                PSResult ok = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content");
                Assert.True(ok.Errors.Count == 0, ok.ErrorText);
                Assert.Single(s.Actions(), a => a == "CreateDISyncTask");
            }
        }
    }
}
