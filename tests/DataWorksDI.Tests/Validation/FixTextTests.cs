using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    /// <summary>
    /// Messages and fixes name what the user types — cmdlets and their parameters, task-content keys — never the
    /// library's internals or parameters that do not exist (issue 16: "use DataWorksCron.EveryMinutes(n)", "the same list
    /// -DataSource tab completion offers").
    /// </summary>
    public class FixTextTests
    {
        private static readonly string[] Internals = { "DataWorksCron.", "DataWorksCron builder", "tab completion", "-DataSource", "GetDeployment", "ScheduleParameters.", "TaskContentValidator" };

        private static IEnumerable<ValidationFinding> EveryCataloguedFinding()
        {
            foreach (object[] c in TaskContentValidatorTests.BadContents().Concat(TaskContentValidatorTests.RiskyContents()))
                foreach (var f in new TaskContentValidator().Validate((string)c[1]).Findings) yield return f;
            foreach (object[] c in PluginCatalogTests.RefusedSteps())
                foreach (var f in new TaskContentValidator().Validate(PluginCatalogTests.Job((string)c[0], (string)c[1], (string)c[2])).Findings) yield return f;
            foreach (object[] c in DataWorksCronTests.BadCrons())
                foreach (var f in DataWorksCron.Validate((string)c[0], (string)c[1]).Findings) yield return f;
            foreach (var f in DataWorksCron.Validate("00 05 00 * * 2,5", "DAY").Findings) yield return f; // the day-of-week Information
            foreach (object[] c in ScheduleParametersTests.BadParaValues())
                foreach (var f in ScheduleParameters.CheckParaValue((string)c[0])) yield return f;
        }

        [Fact]
        public void NoFindingNamesAnInternalOrAMissingParameter()
        {
            var findings = EveryCataloguedFinding().ToList();
            Assert.True(findings.Count > 100, $"only {findings.Count} findings");
            var offending = findings.Where(f => Internals.Any(i => f.Message.Contains(i) || f.Fix.Contains(i))).Select(f => f.ToString()).ToList();
            Assert.True(offending.Count == 0, string.Join("\n", offending));
        }

        [Fact]
        public void CronFixes_NameSetDIFileSchedule()
        {
            var tooShort = DataWorksCron.Validate("00 */2 * * * ?", "NOT_DAY").Findings.Single(f => f.Code == ValidationCodes.CronIntervalTooShort);
            Assert.Contains("Set-DIFileSchedule -EveryMinutes n", tooShort.Fix);
            var empty = DataWorksCron.Validate("", null).Findings.Single(f => f.Code == ValidationCodes.CronEmpty);
            Assert.Contains("Set-DIFileSchedule", empty.Fix);
            var days = DataWorksCron.Validate("00 05 00 * * 2,5", "DAY").Findings.Single(f => f.Code == ValidationCodes.CronDayOfWeekNumbering);
            Assert.Contains("Set-DIFileSchedule -Weekly -DayOfWeek", days.Fix);
        }

        [Fact]
        public void BuilderRefusals_NameTheCmdletParameterToUseInstead()
        {
            string single = Assert.Throws<ArgumentException>(() => DataWorksCron.Hourly(30, 5, 5, 1)).Message;
            Assert.Contains("Set-DIFileSchedule -Daily -At 05:30", single);
            Assert.DoesNotContain("DataWorksCron", single);
            string uneven = Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.EveryMinutes(7)).Message;
            Assert.Contains("Set-DIFileSchedule -Hourly or -Daily", uneven);
        }

        [Fact]
        public void UnknownDataSource_FixNamesRealCmdlets()
        {
            var catalog = new MissingEverything();
            var f = new TaskContentValidator(catalog).Validate(TestData.Read("minimal-spec-6.1.json")).Findings
                .First(x => x.Code == ValidationCodes.WorkspaceDataSourceUnknown);
            Assert.Contains("Test-DISyncTaskContent", f.Fix);
            Assert.Contains("Connect-DIWorkspace", f.Fix);
            Assert.Contains("Invoke-DIApi -Action ListDataSources -Parameter @{ ProjectId = ", f.Fix);
        }

        private sealed class MissingEverything : IWorkspaceCatalog
        {
            public bool? DataSourceExists(string name) => false;

            public bool? ResourceGroupExists(string identifier) => false;
        }
    }
}
