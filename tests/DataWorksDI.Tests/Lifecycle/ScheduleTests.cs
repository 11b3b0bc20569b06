using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    public class ScheduleTests
    {
        private const string Create = "$f = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content\n";

        [Fact]
        public void RerunningWithTheSameValues_SucceedsWithoutAnUpdateFileCall()
        {
            using (var s = new EmulatorSession(181565))
            {
                const string set = "$f | Set-DIFileSchedule -Cron '00 00/10 * * * ?' -CycleType NOT_DAY -RerunMode ALL_DENIED -AutoRerunTimes 2 -AutoRerunInterval 5 -InputList 'dataworks_di_autotest_root' -Parameter @{ region = 'cn'; day = '$bizdate' } -Verbose";
                PSResult first = s.Run(Create + set);
                Assert.True(first.Errors.Count == 0, first.ErrorText);
                Assert.Equal(1, s.Actions().Count(a => a == "UpdateFile"));

                PSResult again = s.Run("$f = Get-DIFile -Name $n -FolderPath $folder\n" + set,
                    new Dictionary<string, object> { ["n"] = ((DIFile)first.Output.Single().BaseObject).FileName });
                Assert.True(again.Errors.Count == 0, again.ErrorText);
                Assert.Equal(1, s.Actions().Count(a => a == "UpdateFile"));
                Assert.Contains(again.Verbose, v => v.Message.Contains("UpdateFile was not called"));
                var file = (DIFile)again.Output.Single().BaseObject;
                Assert.Equal("00 00/10 * * * ?", file.Schedule.Cron);
                Assert.Equal(DICycleType.NotDay, file.Schedule.CycleType);
                Assert.Equal(DIRerunMode.AllDenied, file.Schedule.RerunMode);
                Assert.Equal(TimeSpan.FromMinutes(5), file.Schedule.AutoRerunInterval);
                Assert.Equal("day=$bizdate region=cn", file.Schedule.ParaValue);
            }
        }

        [Fact]
        public void OnlyChangedFields_AreSent()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(Create + "$f | Set-DIFileSchedule -Cron '00 30 05 * * ?' -CycleType DAY | Out-Null; $f | Set-DIFileSchedule -Cron '00 30 05 * * ?' -CycleType DAY -RerunMode FAILURE_ALLOWED -Verbose");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.Contains(r.Verbose, v => v.Message.Contains("not sent") && v.Message.Contains("CronExpress") && v.Message.Contains("CycleType"));
                Assert.Contains(r.Verbose, v => v.Message.StartsWith("UpdateFile set RerunMode on file"));
            }
        }

        [Theory]
        [InlineData("NOT_DAY")]
        [InlineData("NotDay")]
        [InlineData("not_day")]
        public void EnumParameters_AcceptBothSpellings(string spelling)
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(Create + $"$f | Set-DIFileSchedule -Cron '00 00/30 * * * ?' -CycleType {spelling} -RerunMode FAILURE_ALLOWED -DependentType CHILD");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var file = (DIFile)r.Output.Single().BaseObject;
                Assert.Equal(DICycleType.NotDay, file.Schedule.CycleType);
                Assert.Equal(DIDependentType.Child, file.Schedule.DependentType);
                Assert.Equal(DIRerunMode.FailureAllowed, file.Schedule.RerunMode);
            }
        }

        [Fact]
        public void AWrongSpelling_FailsBinding_ListingBothForms_AndSendsNothing()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("Set-DIFileSchedule -FileId 1 -CycleType WEEKLY");
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.IsAssignableFrom<ParameterBindingException>(e.Exception);
                Assert.Contains("NOT_DAY", e.Exception.Message);
                Assert.Contains("NotDay", e.Exception.Message);
                Assert.Equal(0, s.CallCount());
            }
        }

        [Fact]
        public void EnumParameters_CompleteOnTab()
        {
            // PowerShell completes enum-typed parameters from the enum (it ignores ArgumentCompleter there), so Tab offers
            // the PowerShell-style names; Alibaba's spellings are accepted when typed (EnumParameters_AcceptBothSpellings).
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("$line = 'Set-DIFileSchedule -RerunMode F'; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object { $_.CompletionText }; $line = 'Set-DIFileSchedule -DependentType '; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object { $_.CompletionText }");
                Assert.Empty(r.Errors);
                Assert.Equal(new[] { "FailureAllowed", "Child", "None", "Self", "UserDefine" }, r.Output.Select(o => o.ToString()).ToArray());
            }
        }

        [Fact]
        public void ApiActions_CompleteOnTab()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("$line = 'Invoke-DIApi -Action GetF'; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object { $_.CompletionText }");
                Assert.Equal(new[] { "GetFile", "GetFolder" }, r.Output.Select(o => o.ToString()).ToArray());
            }
        }

        [Fact]
        public void InvalidCron_IsRefusedOffline_WithTheRuleAndAFix()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("Set-DIFileSchedule -FileId 1 -Cron '00 */2 * * * ?' -CycleType NOT_DAY");
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.InvalidCron.DI.Cron.IntervalTooShort", e.FullyQualifiedErrorId);
                Assert.Contains("nothing was sent", e.Exception.Message, System.StringComparison.OrdinalIgnoreCase);
                Assert.False(string.IsNullOrEmpty(e.ErrorDetails?.RecommendedAction));
                Assert.Equal(0, s.CallCount());
            }
        }
    }
}
