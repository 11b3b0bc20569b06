using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    public class DataWorksCronTests
    {
        // Every example of dataworks-rules.md (from the UpdateFile documentation), the SDK's hourly form of the
        // "15th minute of every hour" example, and the DataWorks cron page's "1st and 3rd of every month" example.
        [Theory]
        [InlineData("00 30 05 * * ?", "DAY")]
        [InlineData("00 15 * * * ?", "NOT_DAY")]
        [InlineData("00 15 00-23/1 * * ?", "NOT_DAY")]
        [InlineData("00 00/10 * * * ?", "NOT_DAY")]
        [InlineData("00 00-59/10 8-17 * * ?", "NOT_DAY")]
        [InlineData("00 20 00 1 * ?", "DAY")]
        [InlineData("00 10 00 1 1-12/3 ?", "DAY")]
        [InlineData("00 05 00 * * 2,5", "DAY")]
        [InlineData("00 00 01 1,3 * ?", "DAY")]
        [InlineData("00 00 23 L * ?", "DAY")]
        public void DocumentedExpressions_AreValid_WithTheRightCycleType(string cron, string cycleType)
        {
            var check = DataWorksCron.Validate(cron, cycleType);
            FindingAssert.NoErrors(check.Findings);
            Assert.True(check.IsValid);
            Assert.Equal(cycleType, check.InferredCycleType);
            Assert.DoesNotContain(check.Findings, f => f.Severity == ValidationSeverity.Warning);
        }

        [Fact]
        public void HourlyRangeIncludesBothEnds()
        {
            // "00:00–03:00 every hour is 4 runs".
            var check = DataWorksCron.Validate("00 00 00-03/1 * * ?", "NOT_DAY");
            Assert.True(check.IsValid);
            Assert.Equal(4, check.RunsPerDay);
            Assert.Equal(new[] { 0, 1, 2, 3 }, check.RunTimesOfDay.Select(t => t.Hours));
        }

        [Fact]
        public void RunTimesAndShortestInterval_ComeFromRealOccurrences()
        {
            var check = DataWorksCron.Validate("00 00-59/10 8-17 * * ?", null);
            Assert.Equal(60, check.RunsPerDay);
            Assert.Equal(TimeSpan.FromMinutes(10), check.ShortestInterval);
            Assert.Equal(new TimeSpan(8, 0, 0), check.RunTimesOfDay.First());
            Assert.Equal(new TimeSpan(17, 50, 0), check.RunTimesOfDay.Last());
        }

        [Fact]
        public void DayOfWeekNumbering_IsMondayOne_AndSaid()
        {
            var check = DataWorksCron.Validate("00 05 00 * * 2,5", "DAY");
            var info = FindingAssert.Has(check.Findings, ValidationCodes.CronDayOfWeekNumbering, "CronExpress", "Tuesday, Friday", "1 = Monday");
            Assert.Equal(ValidationSeverity.Information, info.Severity);
            // 7 and 0 are both Sunday.
            FindingAssert.Has(DataWorksCron.Validate("00 05 00 * * 7", "DAY").Findings, ValidationCodes.CronDayOfWeekNumbering, null, "Sunday");
            FindingAssert.Has(DataWorksCron.Validate("00 05 00 * * 0", "DAY").Findings, ValidationCodes.CronDayOfWeekNumbering, null, "Sunday");
        }

        public static IEnumerable<object[]> BadCrons() => new List<object[]>
        {
            new object[] { "", null, ValidationCodes.CronEmpty, "CronExpress", new[] { "empty" } },
            new object[] { "   ", null, ValidationCodes.CronEmpty, "CronExpress", new[] { "empty" } },
            new object[] { "30 05 * * ?", null, ValidationCodes.CronMissingSeconds, "CronExpress", new[] { "5 fields", "seconds" } },
            new object[] { "0 5 * * 1", null, ValidationCodes.CronMissingSeconds, "CronExpress", new[] { "5 fields" } },
            new object[] { "00 30 05 * * ? 2025", null, ValidationCodes.CronYearField, "CronExpress", new[] { "7 fields", "'2025'", "year" } },
            // The SDK documentation's own typo for "every 10 minutes 08:00-17:00".
            new object[] { "00 00-59/10 8-17 * * * ?", null, ValidationCodes.CronYearField, "CronExpress", new[] { "7 fields" } },
            new object[] { "00 30 05 * * ? 2025 x", null, ValidationCodes.CronFieldCount, "CronExpress", new[] { "8 field(s)" } },
            new object[] { "garbage", null, ValidationCodes.CronFieldCount, "CronExpress", new[] { "1 field(s)" } },
            new object[] { "@daily", null, ValidationCodes.CronFieldCount, "CronExpress", new[] { "1 field(s)" } },
            new object[] { "a b c d e f", null, ValidationCodes.CronSyntax, "CronExpress", new[] { "cannot be read" } },
            new object[] { "00 61 05 * * ?", null, ValidationCodes.CronSyntax, "CronExpress", new[] { "Minutes" } },
            new object[] { "00 30 05 * * 8", null, ValidationCodes.CronSyntax, "CronExpress", new[] { "Days of week" } },
            new object[] { "15 30 05 * * ?", null, ValidationCodes.CronSeconds, "CronExpress", new[] { "'15'", "00" } },
            new object[] { "*/10 30 05 * * ?", null, ValidationCodes.CronSeconds, "CronExpress", new[] { "'*/10'" } },
            new object[] { "00 30 ? * * ?", null, ValidationCodes.CronQuestionMark, "CronExpress", new[] { "hour field" } },
            new object[] { "00 00/3 * * * ?", null, ValidationCodes.CronIntervalTooShort, "CronExpress", new[] { "3 minute(s)", "00:00 and 00:03" } },
            new object[] { "00 0,2 12 * * ?", null, ValidationCodes.CronIntervalTooShort, "CronExpress", new[] { "12:00 and 12:02" } },
            new object[] { "00 0,58 0,23 * * ?", null, ValidationCodes.CronIntervalTooShort, "CronExpress", new[] { "23:58 and 00:00 the next day", "2 minute(s)" } },
            new object[] { "00 00 00 * * ?", "DAY", ValidationCodes.CronTooEarly, "CronExpress", new[] { "00:00", "00:05" } },
            new object[] { "00 04 00 * * 2,5", "DAY", ValidationCodes.CronTooEarly, "CronExpress", new[] { "00:04" } },
            new object[] { "00 00 00 L * ?", null, ValidationCodes.CronTooEarly, "CronExpress", new[] { "00:00" } },
            new object[] { "00 00 12 30 2 ?", null, ValidationCodes.CronNeverRuns, "CronExpress", new[] { "never runs" } },
            new object[] { "00 30 05 * * ?", "NOT_DAY", ValidationCodes.CronCycleTypeMismatch, "CycleType", new[] { "NOT_DAY", "needs DAY" } },
            new object[] { "00 00/10 * * * ?", "DAY", ValidationCodes.CronCycleTypeMismatch, "CycleType", new[] { "needs NOT_DAY", "144 times" } },
            new object[] { "00 15 * * * ?", "DAY", ValidationCodes.CronCycleTypeMismatch, "CycleType", new[] { "24 times" } },
            new object[] { "00 30 05 * * ?", "day", ValidationCodes.CronCycleTypeInvalid, "CycleType", new[] { "'day'" } },
            new object[] { "00 30 05 * * ?", "WEEK", ValidationCodes.CronCycleTypeInvalid, "CycleType", new[] { "'WEEK'" } },
            new object[] { "garbage", "HOURLY", ValidationCodes.CronCycleTypeInvalid, "CycleType", new[] { "'HOURLY'" } },
        };

        [Theory]
        [MemberData(nameof(BadCrons))]
        public void BadCron_IsRejected_WithASpecificFinding(string cron, string cycleType, string code, string path, string[] fragments)
        {
            var check = DataWorksCron.Validate(cron, cycleType);
            var finding = FindingAssert.Has(check.Findings, code, path, fragments);
            Assert.Equal(ValidationSeverity.Error, finding.Severity);
            Assert.False(check.IsValid);
        }

        [Fact]
        public void MissingSeconds_FixShowsTheCorrectedExpression()
        {
            var f = FindingAssert.Has(DataWorksCron.Validate("30 05 * * ?", null).Findings, ValidationCodes.CronMissingSeconds, "CronExpress");
            Assert.Contains("'00 30 05 * * ?'", f.Fix);
        }

        [Fact]
        public void YearField_FixShowsTheSixFields()
        {
            var f = FindingAssert.Has(DataWorksCron.Validate("00 30 05 * * ? 2025", null).Findings, ValidationCodes.CronYearField, "CronExpress");
            Assert.Contains("'00 30 05 * * ?'", f.Fix);
        }

        [Fact]
        public void Seconds_OtherProblemsAreStillReported()
        {
            var check = DataWorksCron.Validate("30 30 05 * * ?", "NOT_DAY");
            FindingAssert.Has(check.Findings, ValidationCodes.CronSeconds, "CronExpress");
            FindingAssert.Has(check.Findings, ValidationCodes.CronCycleTypeMismatch, "CycleType");
        }

        [Theory]
        [InlineData("00 30 05 15 * 2", ValidationCodes.CronDayOfMonthAndWeek, "BOTH")]
        [InlineData("00 30 05 1W * ?", ValidationCodes.CronUndocumentedCharacter, "'1W'")]
        public void RiskyDayFields_AreWarnings(string cron, string code, string fragment)
        {
            var check = DataWorksCron.Validate(cron, null);
            var f = FindingAssert.Has(check.Findings, code, "CronExpress", fragment);
            Assert.Equal(ValidationSeverity.Warning, f.Severity);
            Assert.True(check.IsValid);
        }

        [Fact]
        public void MinuteSchedulesMayStartAtMidnight()
        {
            // The 00:05 limit applies to day/week/month schedules; the documentation's own minute and hour examples run at 00:00.
            var check = DataWorksCron.Validate("00 00/10 * * * ?", "NOT_DAY");
            Assert.DoesNotContain(check.Findings, f => f.Code == ValidationCodes.CronTooEarly);
        }

        [Fact]
        public void NextOccurrences_UsesDataWorksDayNumbers_InTheGivenZone()
        {
            var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            var runs = DataWorksCron.NextOccurrences("00 05 00 * * 2,5", new DateTime(2024, 1, 1, 12, 0, 0), 3, shanghai).ToList();
            Assert.Equal(new[]
            {
                new DateTime(2024, 1, 2, 0, 5, 0), // Tuesday
                new DateTime(2024, 1, 5, 0, 5, 0), // Friday
                new DateTime(2024, 1, 9, 0, 5, 0), // Tuesday
            }, runs);
            Assert.All(runs, r => Assert.Equal(DateTimeKind.Unspecified, r.Kind));
        }

        [Fact]
        public void NextOccurrences_IsStrictlyAfter_AndConvertsUtcInput()
        {
            var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            // 2024-01-01 21:30 UTC is 2024-01-02 05:30 in Shanghai: that run is not "after" it.
            var runs = DataWorksCron.NextOccurrences("00 30 05 * * ?", new DateTime(2024, 1, 1, 21, 30, 0, DateTimeKind.Utc), 2, shanghai).ToList();
            Assert.Equal(new[] { new DateTime(2024, 1, 3, 5, 30, 0), new DateTime(2024, 1, 4, 5, 30, 0) }, runs);
        }

        [Fact]
        public void NextOccurrences_RejectsUnreadableExpressions()
        {
            var ex = Assert.Throws<ArgumentException>(() => DataWorksCron.NextOccurrences("30 05 * * ?", DateTime.Now, 1, TimeZoneInfo.Utc));
            Assert.Contains("5 fields", ex.Message);
            Assert.Throws<ArgumentNullException>(() => DataWorksCron.NextOccurrences("00 30 05 * * ?", DateTime.Now, 1, null));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.NextOccurrences("00 30 05 * * ?", DateTime.Now, -1, TimeZoneInfo.Utc));
            Assert.Empty(DataWorksCron.NextOccurrences("00 00 12 30 2 ?", new DateTime(2024, 1, 1), 3, TimeZoneInfo.Utc));
        }

        public static IEnumerable<object[]> Builders() => new List<object[]>
        {
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Daily(5, 30)), "00 30 05 * * ?", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Daily(0, 5)), "00 05 00 * * ?", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Hourly(15)), "00 15 * * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Hourly(15, 0, 23, 1)), "00 15 00-23/1 * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Hourly(0, 0, 23, 6)), "00 00 00-23/6 * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.EveryMinutes(10)), "00 00/10 * * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.EveryMinutes(5)), "00 00/5 * * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.EveryMinutes(10, 8, 17)), "00 00-59/10 8-17 * * ?", "NOT_DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Weekly(new[] { DayOfWeek.Friday, DayOfWeek.Tuesday }, 0, 5)), "00 05 00 * * 2,5", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Weekly(new[] { DayOfWeek.Sunday, DayOfWeek.Monday }, 6, 0)), "00 00 06 * * 1,7", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Monthly(new[] { 1 }, 0, 20)), "00 20 00 1 * ?", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Monthly(new[] { 3, 1 }, 1, 0)), "00 00 01 1,3 * ?", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.Monthly(new[] { 1 }, 0, 10, 3)), "00 10 00 1 1-12/3 ?", "DAY" },
            new object[] { (Func<CronSchedule>)(() => DataWorksCron.MonthlyOnLastDay(23, 0)), "00 00 23 L * ?", "DAY" },
        };

        [Theory]
        [MemberData(nameof(Builders))]
        public void Builders_ProduceTheDocumentedExpression_ThatPassesValidate(Func<CronSchedule> build, string expected, string cycleType)
        {
            var schedule = build();
            Assert.Equal(expected, schedule.CronExpress);
            Assert.Equal(cycleType, schedule.CycleType);
            Assert.False(string.IsNullOrWhiteSpace(schedule.Description));
            var check = DataWorksCron.Validate(schedule.CronExpress, schedule.CycleType);
            FindingAssert.NoErrors(check.Findings);
            Assert.Equal(cycleType, check.InferredCycleType);
        }

        [Fact]
        public void Weekly_RunsOnTheRequestedDays()
        {
            var s = DataWorksCron.Weekly(new[] { DayOfWeek.Sunday }, 6, 0);
            var runs = DataWorksCron.NextOccurrences(s.CronExpress, new DateTime(2024, 1, 1), 2, TimeZoneInfo.Utc).ToList();
            Assert.All(runs, r => Assert.Equal(DayOfWeek.Sunday, r.DayOfWeek));
        }

        [Fact]
        public void MonthlyOnLastDay_RunsOnTheLastDay()
        {
            var s = DataWorksCron.MonthlyOnLastDay(23, 0);
            var runs = DataWorksCron.NextOccurrences(s.CronExpress, new DateTime(2024, 1, 1), 2, TimeZoneInfo.Utc).ToList();
            Assert.Equal(new[] { new DateTime(2024, 1, 31, 23, 0, 0), new DateTime(2024, 2, 29, 23, 0, 0) }, runs);
        }

        [Fact]
        public void EveryMinutes_WithEveryAllowedInterval_PassesValidate()
        {
            foreach (int n in DataWorksCron.AllowedMinuteIntervals)
            {
                var s = DataWorksCron.EveryMinutes(n);
                var check = DataWorksCron.Validate(s.CronExpress, s.CycleType);
                Assert.True(check.IsValid, s.CronExpress);
                Assert.Equal(TimeSpan.FromMinutes(n), check.ShortestInterval);
            }
        }

        [Theory]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(7)]
        [InlineData(25)]
        [InlineData(60)]
        public void EveryMinutes_RejectsIntervalsDataWorksCannotRunEvenly(int n)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.EveryMinutes(n));
            Assert.Contains($"Every {n} minutes", ex.Message);
        }

        [Fact]
        public void Builders_RejectBadArguments_WithReasons()
        {
            Assert.Contains("00:05", Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Daily(0, 0)).Message);
            Assert.Contains("00:05", Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Weekly(new[] { DayOfWeek.Monday }, 0, 4)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Daily(24, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Hourly(60));
            Assert.Contains("Daily", Assert.Throws<ArgumentException>(() => DataWorksCron.Hourly(0, 5, 5, 1)).Message);
            Assert.Contains("before startHour", Assert.Throws<ArgumentException>(() => DataWorksCron.Hourly(0, 10, 5, 1)).Message);
            Assert.Contains("before startHour", Assert.Throws<ArgumentException>(() => DataWorksCron.EveryMinutes(10, 17, 8)).Message);
            Assert.Throws<ArgumentException>(() => DataWorksCron.Weekly(new DayOfWeek[0], 1, 0));
            Assert.Throws<ArgumentException>(() => DataWorksCron.Monthly(new int[0], 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Monthly(new[] { 0 }, 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Monthly(new[] { 32 }, 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataWorksCron.Monthly(new[] { 1 }, 1, 0, 13));
        }
    }
}
