using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Xunit;

namespace DataWorksDI.Tests.Validation.Cmdlets
{
    /// <summary>
    /// The validation catalogues (bad task content, bad cron, bad ParaValue) run through the cmdlets against the emulator:
    /// every input gives a specific error naming the problem and its fix, and the emulator's request log for the session's
    /// key shows that nothing was sent.
    /// </summary>
    public class OfflineRefusalCatalogueTests
    {
        private static void AssertRefusedWithNothingSent(EmulatorSession s, PSResult r, string code, string path, string errorIdPrefix, string[] fragments)
        {
            ErrorRecord e = Assert.Single(r.Errors);
            if (!string.IsNullOrEmpty(path)) Assert.Contains(path + ": ", e.Exception.Message);
            Assert.StartsWith(errorIdPrefix, e.FullyQualifiedErrorId);
            Assert.Contains("[" + code + "]", e.Exception.Message);
            foreach (string f in fragments ?? new string[0]) Assert.Contains(f, e.Exception.Message);
            Assert.Contains("Fix:", e.Exception.Message);
            Assert.Contains("nothing was sent", e.Exception.Message);
            Assert.Empty(r.Output);
            Assert.Equal(0, s.CallCount());
        }

        public static IEnumerable<object[]> BadContents() => TaskContentValidatorTests.BadContents();

        [Theory]
        [MemberData(nameof(BadContents))]
        public void BadContent_IsRefusedByNewDISyncTask(string name, string content, string code, string path, string[] fragments)
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $bad",
                    new Dictionary<string, object> { ["bad"] = content });
                Assert.NotNull(name);
                AssertRefusedWithNothingSent(s, r, code, path, "DataWorksDI.InvalidContent.", fragments);
            }
        }

        public static IEnumerable<object[]> BadCrons() => DataWorksCronTests.BadCrons()
            .Where(c => !string.IsNullOrWhiteSpace((string)c[0]) && (c[1] == null || (string)c[1] == "DAY" || (string)c[1] == "NOT_DAY"));

        [Theory]
        [MemberData(nameof(BadCrons))]
        public void BadCron_IsRefusedBySetDIFileSchedule(string cron, string cycleType, string code, string path, string[] fragments)
        {
            using (var s = new EmulatorSession(10000))
            {
                string cycle = cycleType == null ? string.Empty : " -CycleType " + cycleType;
                PSResult r = s.Run("Set-DIFileSchedule -FileId 1 -Cron $cron" + cycle, new Dictionary<string, object> { ["cron"] = cron });
                AssertRefusedWithNothingSent(s, r, code, path, "DataWorksDI.InvalidCron.", fragments);
            }
        }

        public static IEnumerable<object[]> BadParaValues() => ScheduleParametersTests.BadParaValues();

        [Theory]
        [MemberData(nameof(BadParaValues))]
        public void BadParaValue_IsRefusedBySetDIFileSchedule(string paraValue, string code, string path, string[] fragments)
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("Set-DIFileSchedule -FileId 1 -ParaValue $pv", new Dictionary<string, object> { ["pv"] = paraValue });
                AssertRefusedWithNothingSent(s, r, code, path, "DataWorksDI.InvalidParaValue.", fragments);
            }
        }

        [Fact]
        public void TheCatalogue_HasAtLeastFortyDistinctBadInputs()
        {
            int count = BadContents().Count() + BadCrons().Count() + BadParaValues().Count();
            Assert.True(count >= 40, $"only {count} bad inputs");
        }
    }
}
