using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Objects that travel: a file and its schedule go through ConvertTo-Json/ConvertFrom-Json and Export-Csv/Import-Csv
    /// and bind back to Set-DIFileSchedule, which then changes nothing (no UpdateFile in the emulator's request log);
    /// enums and durations bind from the forms JSON and CSV give them.
    /// </summary>
    public class TravelTests
    {
        /// <summary>A task with a schedule that uses every kind of value: enums, a duration, a list, a date, parameters.</summary>
        private const string Scheduled = @"
            $t = New-DISyncTask -Name $name -FolderPath $folder -Content $content
            $null = $t | Set-DIFileSchedule -Daily -At 05:30 -RerunMode FailureAllowed -AutoRerunTimes 3 -AutoRerunInterval 2 -DependentType Self `
                -InputList dataworks_di_autotest_root -ParaValue 'x=a y=b' -EndEffectDate ([datetime]'2099-12-31T08:00:00') -SchedulerType Normal
            $id = $t.FileId
        ";

        private static List<string> ActionsSince(EmulatorSession s, int mark) => s.Actions().Skip(mark).ToList();

        private static PSResult RunClean(EmulatorSession s, string script, IDictionary<string, object> vars = null)
        {
            PSResult r = s.Run(script, vars);
            Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
            return r;
        }

        [Theory]
        [InlineData("Get-DIFile -FileId $id | ConvertTo-Json | ConvertFrom-Json | Set-DIFileSchedule")]
        [InlineData("Get-DIFile -FileId $id | ConvertTo-Json -Depth 10 | ConvertFrom-Json | Set-DIFileSchedule")]
        [InlineData("Get-DIFile -FileId $id | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json | Set-DIFileSchedule")]
        [InlineData("(Get-DIFile -FileId $id).Schedule | ConvertTo-Json | ConvertFrom-Json | Set-DIFileSchedule")]
        [InlineData("Get-DIFile -FileId $id | Export-Csv -LiteralPath $csv -NoTypeInformation; Import-Csv -LiteralPath $csv | Set-DIFileSchedule")]
        [InlineData("(Get-DIFile -FileId $id).Schedule | Set-DIFileSchedule")]
        [InlineData("Get-DIFile -FileId $id | Set-DIFileSchedule")]
        public void AFileOrItsSchedule_ReadBack_BindsToSetDIFileSchedule_AndChangesNothing(string roundTrip)
        {
            using (var s = new EmulatorSession(181565))
            {
                string csv = Path.Combine(Path.GetTempPath(), "dwdi-travel-" + Guid.NewGuid().ToString("N") + ".csv");
                try
                {
                    var vars = new Dictionary<string, object> { ["csv"] = csv };
                    RunClean(s, Scheduled + "$global:fileId = $id", vars);
                    int mark = s.CallCount();
                    PSResult r = RunClean(s, "$id = $global:fileId; " + roundTrip, vars);
                    var file = (DIFile)Assert.Single(r.Output).BaseObject;
                    List<string> calls = ActionsSince(s, mark);
                    Assert.DoesNotContain("UpdateFile", calls);
                    Assert.Contains("GetFile", calls);
                    Assert.Equal("00 30 05 * * ?", file.Schedule.Cron);
                    Assert.Equal(TimeSpan.FromMinutes(2), file.Schedule.AutoRerunInterval);
                }
                finally
                {
                    File.Delete(csv);
                }
            }
        }

        [Fact]
        public void AValueChangedInTheJson_IsTheOnlyOneSent_WhateverFormTheEnumTakes()
        {
            using (var s = new EmulatorSession(181565))
            {
                RunClean(s, Scheduled + "$global:fileId = $id");
                foreach (string edit in new[] { "$o.Schedule.RerunMode = 'FAILURE_ALLOWED'", "$o.Schedule.RerunMode = 2", "$o.Schedule.RerunMode = 'AllAllowed'" })
                {
                    int mark = s.CallCount();
                    PSResult r = RunClean(s, "$o = Get-DIFile -FileId $global:fileId | ConvertTo-Json | ConvertFrom-Json; " + edit + "; $o | Set-DIFileSchedule");
                    var file = (DIFile)r.Output.Single().BaseObject;
                    var updates = s.Emulator.Requests(s.KeyId).Skip(mark).Where(q => (string)(q["action"] ?? q["Action"]) == "UpdateFile").ToList();
                    DIRerunMode expected = edit.EndsWith("'FAILURE_ALLOWED'") ? DIRerunMode.FailureAllowed : edit.EndsWith("2") ? DIRerunMode.AllDenied : DIRerunMode.AllAllowed;
                    Assert.Equal(expected, file.Schedule.RerunMode);
                    if (expected == DIRerunMode.FailureAllowed)
                    {
                        Assert.Empty(updates); // the value it already had
                        continue;
                    }
                    JObject update = Assert.Single(updates);
                    string[] names = ((JArray)(update["parameterNames"] ?? update["ParameterNames"])).Select(n => (string)n).ToArray();
                    Assert.Contains("RerunMode", names);
                    Assert.DoesNotContain("CronExpress", names);
                    Assert.DoesNotContain("InputList", names);
                }
            }
        }

        [Fact]
        public void AScheduleCopiedToAnotherFile_SendsWhatDiffers_AndTheExplicitParametersWin()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = RunClean(s, Scheduled + @"
                    $other = New-DISyncTask -Name ($name + '_copy') -FolderPath $folder -Content $content
                    (Get-DIFile -FileId $id).Schedule | Set-DIFileSchedule -FileId $other.FileId -AutoRerunTimes 5");
                var copy = (DIFile)r.Output.Single().BaseObject;
                Assert.Equal("00 30 05 * * ?", copy.Schedule.Cron);
                Assert.Equal(DIRerunMode.FailureAllowed, copy.Schedule.RerunMode);
                Assert.Equal(5, copy.Schedule.AutoRerunTimes);
                Assert.Equal(new[] { "dataworks_di_autotest_root" }, copy.Schedule.InputList);
                Assert.Equal("x=a y=b", copy.Schedule.ParaValue);
                Assert.Equal(DIDependentType.Self, copy.Schedule.DependentType);
                Assert.Equal(new DateTime(2099, 12, 31, 8, 0, 0, DateTimeKind.Local), copy.Schedule.EndEffectDate);
                // Outputs name a node: the copy keeps its own.
                Assert.Contains(copy.Schedule.OutputList, o => o.EndsWith("_copy", StringComparison.Ordinal));
            }
        }

        [Theory]
        [InlineData("-AutoRerunInterval '00:02:00'")]
        [InlineData("-AutoRerunInterval 2")]
        [InlineData("-AutoRerunInterval PT2M")]
        [InlineData("-AutoRerunInterval ([timespan]'00:02:00' | ConvertTo-Json | ConvertFrom-Json)")]
        [InlineData("-AutoRerunInterval @{ Ticks = 1200000000 }")]
        [InlineData("-RerunMode 1")]
        [InlineData("-RerunMode '1'")]
        [InlineData("-RerunMode FAILURE_ALLOWED")]
        [InlineData("-CycleType 0 -Cron '00 30 05 * * ?'")]
        [InlineData("-DependentType '1'")]
        public void EnumsAndDurations_BindFromTheirJsonAndCsvForms_ToTheValuesTheyAlreadyHave(string parameters)
        {
            using (var s = new EmulatorSession(181565))
            {
                RunClean(s, Scheduled + "$global:fileId = $id");
                int mark = s.CallCount();
                RunClean(s, "Set-DIFileSchedule -FileId $global:fileId " + parameters + " | Out-Null");
                Assert.DoesNotContain("UpdateFile", ActionsSince(s, mark)); // each form meant the value the file has
            }
        }

        [Theory]
        [InlineData("-RerunMode 7", "'7' is not a valid value")]
        [InlineData("-AutoRerunInterval 'soon'", "'soon' is not a time span")]
        [InlineData("-Schedule '{\"Cron\":\"00 30 05 * * ?\",\"RerunMode\":\"Sometimes\"}'", "RerunMode 'Sometimes' is not a valid value")]
        public void AFormThatMeansNothing_FailsBinding_SayingWhatIsAccepted(string parameters, string message)
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Set-DIFileSchedule -FileId 1 " + parameters);
                ErrorRecord e = r.Terminating?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith("ParameterArgumentTransformationError", e.FullyQualifiedErrorId);
                Assert.Contains(message, e.Exception.Message);
            }
        }

        [Fact]
        public void ATimeoutReadBackFromJson_BindsToTheWaitingCmdlets()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = RunClean(s, @"
                    $timeout = [timespan]'00:01:00' | ConvertTo-Json | ConvertFrom-Json
                    New-DISyncTask -Name $name -FolderPath $folder -Content $content | Submit-DIFile | Wait-DIDeployment -Timeout $timeout -PollInterval 0.1");
                Assert.Equal(DIDeploymentStatus.Succeeded, ((DIDeployment)r.Output.Single().BaseObject).Status);
            }
        }

        [Fact]
        public void AScheduleWrittenByExportCsv_IsItsJson_WithNamesDurationsAndDatesReadable()
        {
            var schedule = new DIFileSchedule
            {
                Cron = "00 30 05 * * ?", CycleType = DICycleType.Day, RerunMode = DIRerunMode.AllAllowed, AutoRerunInterval = TimeSpan.FromMinutes(2),
                InputList = new[] { "a_root" }, EndEffectDate = new DateTime(2099, 12, 31, 8, 0, 0, DateTimeKind.Local), Stop = false,
            };
            JObject json = JObject.Parse(schedule.ToString());
            Assert.Equal("Day", (string)json["CycleType"]);
            Assert.Equal("AllAllowed", (string)json["RerunMode"]);
            Assert.Equal("00:02:00", (string)json["AutoRerunInterval"]);
            Assert.Equal(new DateTimeOffset(schedule.EndEffectDate.Value), DateTimeOffset.Parse((string)json["EndEffectDate"], System.Globalization.CultureInfo.InvariantCulture));
            DIFileSchedule back = DataWorksDI.Internal.ObjectForms.ToSchedule(schedule.ToString());
            Assert.Equal(schedule.ToString(), back.ToString());
        }
    }
}
