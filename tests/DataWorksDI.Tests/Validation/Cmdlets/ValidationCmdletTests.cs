using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation.Cmdlets
{
    public class ValidationCmdletTests
    {
        [Theory]
        [InlineData("createdisynctask-request-example.json")]
        [InlineData("updatedisynctask-request-example.json")]
        [InlineData("minimal-spec-6.1.json")]
        public void DocumentedExamples_PassUnchanged(string file)
        {
            using (var ps = new PowerShellSession())
            {
                string path = TestData.PathOf(file);
                PSResult r = ps.Run("Test-DISyncTaskContent -Path $p; Test-DISyncTaskContent -Content ([System.IO.File]::ReadAllText($p)) -Quiet",
                    new Dictionary<string, object> { ["p"] = path });
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var result = (TaskContentValidationResult)r.Output[0].BaseObject;
                Assert.True(result.IsValid, string.Join("; ", result.Findings));
                Assert.True((bool)r.Output[1].BaseObject);
            }
        }

        [Fact]
        public void SeedContent_Passes_AndReportsItsParameters()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Test-DISyncTaskContent $c", new Dictionary<string, object> { ["c"] = EmulatorSession.SeedContent });
                var result = (TaskContentValidationResult)r.Output.Single().BaseObject;
                Assert.True(result.IsValid);
                Assert.Contains("bizdate", result.ReferencedParameters);
            }
        }

        [Fact]
        public void HashtableContent_IsChecked_AndQuietReturnsFalseForBadContent()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Test-DISyncTaskContent @{ job = @{ content = @(@{ reader = @{ name = 'mysqlreader' }; writer = @{ name = 'odpswriter' } }) } } -Quiet");
                Assert.False((bool)r.Output.Single().BaseObject);
            }
        }

        [Fact]
        public void Connected_ChecksDataSourcesAndResourceGroupInTheWorkspace_OfflineSkipsThem()
        {
            using (var s = new EmulatorSession(10000))
            {
                string unknown = EmulatorSession.SeedContent.Replace("odps_source", "no_such_source");
                PSResult r = s.Run("Test-DISyncTaskContent $c -ResourceGroup S_res_group_nope; Test-DISyncTaskContent $c -Offline",
                    new Dictionary<string, object> { ["c"] = unknown });
                var online = (TaskContentValidationResult)r.Output[0].BaseObject;
                Assert.Contains(online.Findings, f => f.Code == ValidationCodes.WorkspaceDataSourceUnknown && f.Message.Contains("no_such_source"));
                Assert.Contains(online.Findings, f => f.Code == ValidationCodes.WorkspaceResourceGroupUnknown);
                Assert.DoesNotContain(online.Findings, f => f.Message.Contains("'dh_mysql'"));
                var offline = (TaskContentValidationResult)r.Output[1].BaseObject;
                Assert.True(offline.IsValid);
                List<string> actions = s.Actions();
                Assert.Contains("ListDataSources", actions);
                Assert.Contains("ListResourceGroups", actions);
            }
        }

        [Fact]
        public void UnassignedParameters_AreRefusedBeforeUpdateFile_AndAcceptedOnceAssigned()
        {
            using (var s = new EmulatorSession(10000))
            {
                string content = EmulatorSession.SeedContent.Replace("pt=${bizdate}", "pt=${bizdate}/region=${region}");
                PSResult r = s.Run(@"
                    $f = New-DISyncTask -Name $name -FolderPath $folder -Content $c
                    $f | Set-DIFileSchedule -ParaValue 'x=a'
                    $f | Set-DIFileSchedule -Parameter @{ region = 'cn' }",
                    new Dictionary<string, object> { ["c"] = content });
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.UnassignedParameter." + ValidationCodes.ParamUnassigned, e.FullyQualifiedErrorId);
                Assert.Contains("region", e.Exception.Message);
                Assert.Equal("region=cn", ((DIFile)r.Output.Single().BaseObject).Schedule.ParaValue);
                Assert.Single(s.Actions(), a => a == "UpdateFile");
            }
        }

        /// <summary>
        /// Issue 16: a task whose content uses ${region} could be scheduled without assigning it (it would fail only when it
        /// first ran). Any schedule change is held to the ParaValue the file keeps, not only a new ParaValue.
        /// </summary>
        [Fact]
        public void ATaskUsingAContentParameter_CannotBeScheduled_UntilTheParameterIsAssigned()
        {
            using (var s = new EmulatorSession(10000))
            {
                string content = EmulatorSession.SeedContent.Replace("pt=${bizdate}", "pt=${bizdate}/region=${region}");
                var vars = new Dictionary<string, object> { ["c"] = content };
                PSResult r = s.Run("$global:f = New-DISyncTask -Name $name -FolderPath $folder -Content $c; $f | Set-DIFileSchedule -Daily -At 05:30", vars);
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.UnassignedParameter." + ValidationCodes.ParamUnassigned, e.FullyQualifiedErrorId);
                Assert.Contains("${region}", e.Exception.Message);
                Assert.Contains("cannot be scheduled as it is", e.Exception.Message);
                Assert.Contains("-Parameter @{", e.Exception.Message);
                Assert.DoesNotContain("UpdateFile", s.Actions());

                // Assigned with the schedule, it passes; later changes keep the ParaValue the file has, and pass too.
                PSResult ok = s.Run("$f | Set-DIFileSchedule -Daily -At 05:30 -Parameter @{ region = 'cn' }; $f | Set-DIFileSchedule -Hourly -Minute 5");
                Assert.True(ok.Errors.Count == 0, ok.ErrorText);
                Assert.Equal(2, s.Actions().Count(a => a == "UpdateFile"));
                // -SkipValidation sends it anyway.
                Assert.Empty(s.Run("$g = New-DISyncTask -Name ($name + 'b') -FolderPath $folder -Content $c; $g | Set-DIFileSchedule -Daily -At 05:30 -SkipValidation | Out-Null", vars).Errors);
            }
        }

        [Fact]
        public void SkipValidation_SendsContentTheOfflineChecksWouldRefuse()
        {
            using (var s = new EmulatorSession(10000))
            {
                // Reader and writer column counts differ: refused offline, but the emulator (like DataWorks) accepts it.
                string mismatch = EmulatorSession.SeedContent.Replace("\"column\":[\"id\",\"name\"],\"emptyAsNull\"", "\"column\":[\"id\"],\"emptyAsNull\"");
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $c; New-DISyncTask -Name ($name + 'b') -FolderPath $folder -Content $c -SkipValidation",
                    new Dictionary<string, object> { ["c"] = mismatch });
                Assert.StartsWith("DataWorksDI.InvalidContent." + ValidationCodes.ColumnCountMismatch, Assert.Single(r.Errors).FullyQualifiedErrorId);
                Assert.Single(r.Output);
                Assert.Equal(1, s.Actions().Count(a => a == "CreateDISyncTask"));
            }
        }

        [Fact]
        public void GetDIScheduleTime_PreviewsRuns_AndRefusesBadExpressions()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Get-DIScheduleTime '00 05 00 * * 2,5' -From ([datetime]'2026-11-23T12:00:00') -Count 3 -TimeZone UTC; Get-DIScheduleTime '00 */2 * * * ?'");
                Assert.Equal(new[] { new DateTime(2026, 11, 24, 0, 5, 0), new DateTime(2026, 11, 27, 0, 5, 0), new DateTime(2026, 12, 1, 0, 5, 0) },
                    r.Output.Select(o => (DateTime)o.BaseObject).ToArray());
                Assert.StartsWith("DataWorksDI.InvalidCron." + ValidationCodes.CronIntervalTooShort, Assert.Single(r.Errors).FullyQualifiedErrorId);
            }
        }

        public static IEnumerable<object[]> FriendlySchedules() => new List<object[]>
        {
            new object[] { "-Daily -At 05:30", "00 30 05 * * ?", DICycleType.Day },
            new object[] { "-Hourly -Minute 15", "00 15 * * * ?", DICycleType.NotDay },
            new object[] { "-Hourly -Minute 0 -StartHour 0 -EndHour 23 -EveryHours 6", "00 00 00-23/6 * * ?", DICycleType.NotDay },
            new object[] { "-EveryMinutes 10", "00 00/10 * * * ?", DICycleType.NotDay },
            new object[] { "-EveryMinutes 10 -StartHour 8 -EndHour 17", "00 00-59/10 8-17 * * ?", DICycleType.NotDay },
            new object[] { "-Weekly -DayOfWeek Tuesday,Friday -At 00:05", "00 05 00 * * 2,5", DICycleType.Day },
            new object[] { "-Monthly -DayOfMonth 1 -At 00:20", "00 20 00 1 * ?", DICycleType.Day },
            new object[] { "-Monthly -LastDayOfMonth -At 23:00", "00 00 23 L * ?", DICycleType.Day },
        };

        [Theory]
        [MemberData(nameof(FriendlySchedules))]
        public void FriendlySchedule_RoundTrips_AsTheDocumentedExpression(string parameters, string cron, DICycleType cycle)
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("$f = New-DISyncTask -Name $name -FolderPath $folder -Content $content; $null = $f | Set-DIFileSchedule " + parameters + "; (Get-DIFile -FileId $f.FileId).Schedule");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var schedule = (DIFileSchedule)r.Output.Single().BaseObject;
                Assert.Equal(cron, schedule.Cron);
                Assert.Equal(cycle, schedule.CycleType);
            }
        }

        [Fact]
        public void FriendlySchedule_WithAnImpossibleValue_IsRefusedOffline()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("Set-DIFileSchedule -FileId 1 -EveryMinutes 7; Set-DIFileSchedule -FileId 1 -Daily -At 00:01");
                Assert.Equal(2, r.Errors.Count);
                Assert.StartsWith("DataWorksDI.InvalidSchedule", r.Errors[0].FullyQualifiedErrorId);
                Assert.DoesNotContain("(Parameter", r.Errors[0].Exception.Message);
                Assert.DoesNotContain("Actual value", r.Errors[0].Exception.Message);
                Assert.StartsWith("DataWorksDI.InvalidSchedule", r.Errors[1].FullyQualifiedErrorId);
                Assert.Contains("00:05", r.Errors[1].Exception.Message);
                Assert.Equal(0, s.CallCount());
            }
        }
        [Fact]
        public void APipedFile_IsCheckedByItsContent_AndBothParameterFormsAreRefused()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content | Get-DIFile | Test-DISyncTaskContent -Offline -Quiet");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.True((bool)r.Output.Single().BaseObject);
                PSResult both = s.Run("Test-DISyncTaskContent $content -ParaValue 'a=1' -Parameter @{ a = 1 }");
                Assert.StartsWith("DataWorksDI.ConflictingParameters", Assert.Single(both.Errors).FullyQualifiedErrorId);
            }
        }

        [Fact]
        public void ConnectedWithoutAWorkspace_RunsOnlyTheOfflineChecks()
        {
            using (var s = new EmulatorSession(10000, connect: false))
            {
                PSResult r = s.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword); (Test-DISyncTaskContent $content -Verbose).IsValid");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.True((bool)r.Output.Single().BaseObject);
                Assert.Contains(r.Verbose, v => v.Message.Contains("only the offline checks"));
                Assert.Equal(0, s.CallCount());
            }
        }

        [Fact]
        public void GetDIScheduleTime_ReadsAUtcFromAsTheMomentItIs_InTheGivenZone()
        {
            using (var ps = new PowerShellSession())
            {
                // 16:00 UTC on the 23rd is 00:00 on the 24th in Shanghai, so the next 23:30 there is on the 24th.
                PSResult r = ps.Run("Get-DIScheduleTime '00 30 23 * * ?' -From ([datetime]::new(2026, 11, 23, 16, 0, 0, [System.DateTimeKind]::Utc)) -TimeZone 'Asia/Shanghai' -Count 1");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.Equal(new DateTime(2026, 11, 24, 23, 30, 0), (DateTime)r.Output.Single().BaseObject);
            }
        }
    }
}
