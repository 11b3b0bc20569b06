using System.Globalization;
using Cronos;

namespace DataWorksDI.Validation
{
    /// <summary>
    /// DataWorks schedules (UpdateFile <c>CronExpress</c> + <c>CycleType</c>): validation, a preview of the next run
    /// times, and builders for the schedules the DataWorks console offers.
    /// Parsing and occurrence arithmetic are Cronos's (<see cref="CronFormat.IncludeSeconds"/>); this class adds the
    /// DataWorks rules on top. DataWorks documents Spring-style cron (1 = Monday … 7 = Sunday, 0 = Sunday), which is
    /// also Cronos's day-of-week numbering, so expressions are passed to Cronos unchanged.
    /// </summary>
    public static class DataWorksCron
    {
        /// <summary>CycleType of schedules that run at most once a day (day, week, month).</summary>
        public const string CycleDay = "DAY";

        /// <summary>CycleType of schedules that run several times a day (minute, hour).</summary>
        public const string CycleNotDay = "NOT_DAY";

        /// <summary>DataWorks' shortest allowed interval between two runs.</summary>
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);

        /// <summary>DataWorks' earliest run time of a day/week/month schedule.</summary>
        public static readonly TimeSpan EarliestDailyRun = TimeSpan.FromMinutes(5);

        /// <summary>The minute intervals <see cref="EveryMinutes(int)"/> accepts: at least 5 and dividing the hour evenly.</summary>
        public static readonly IReadOnlyList<int> AllowedMinuteIntervals = new[] { 5, 6, 10, 12, 15, 20, 30 };

        private const string PathCron = "CronExpress";
        private const string PathCycleType = "CycleType";
        private static readonly string[] FieldNames = { "second", "minute", "hour", "day-of-month", "month", "day-of-week" };

        // Occurrences are analysed in UTC (no daylight-saving jumps) over four years plus a day: every leap-year
        // case, every day-of-month/day-of-week combination that a schedule can need, and every month boundary.
        private static readonly DateTime AnalysisStart = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime AnalysisEnd = AnalysisStart.AddYears(4).AddDays(1);

        /// <summary>
        /// Checks a DataWorks CronExpress and, when <paramref name="cycleType"/> is given, that it agrees with it.
        /// Never throws for bad input: everything wrong is a finding.
        /// </summary>
        /// <param name="cron">The CronExpress, e.g. <c>00 30 05 * * ?</c>.</param>
        /// <param name="cycleType"><c>DAY</c>, <c>NOT_DAY</c>, or null to skip the agreement check.</param>
        public static CronCheck Validate(string cron, string cycleType)
        {
            var findings = new List<ValidationFinding>();
            string text = cron ?? string.Empty;

            if (!TryParseStructure(text, findings, out string[] fields, out CronExpression expression))
            {
                CheckCycleTypeValue(cycleType, findings);
                return new CronCheck(text, findings, null, 0, null, null);
            }

            CheckDayFields(fields, findings);

            var analysis = Analyse(expression);
            if (analysis.TimesOfDay.Count == 0)
            {
                findings.Add(Error(ValidationCodes.CronNeverRuns, PathCron,
                    $"The cron expression '{text}' matches no date: it never runs (checked {AnalysisStart:yyyy-MM-dd} to {AnalysisEnd:yyyy-MM-dd}).",
                    "Check the day-of-month, month and day-of-week fields for an impossible combination such as '30 2' (30 February)."));
                CheckCycleTypeValue(cycleType, findings);
                return new CronCheck(text, findings, null, 0, null, null);
            }

            if (ContainsDigit(fields[5]))
            {
                string days = string.Join(", ", analysis.WeekDays.Select(d => d.ToString()));
                findings.Add(new ValidationFinding(ValidationCodes.CronDayOfWeekNumbering, ValidationSeverity.Information, PathCron,
                    $"Day-of-week '{fields[5]}' runs on {days}. DataWorks numbers days like Spring cron: 1 = Monday … 7 = Sunday (0 is also Sunday); Quartz's 1 = Sunday does not apply.",
                    "Nothing to fix if those are the intended days; otherwise renumber with 1 = Monday … 7 = Sunday, or let Set-DIFileSchedule -Weekly -DayOfWeek Tuesday,Friday -At 00:05 write the expression."));
            }

            string inferred = analysis.TimesOfDay.Count > 1 ? CycleNotDay : CycleDay;

            if (analysis.ShortestInterval.HasValue && analysis.ShortestInterval.Value < MinimumInterval)
            {
                findings.Add(Error(ValidationCodes.CronIntervalTooShort, PathCron,
                    $"The cron expression '{text}' runs at {analysis.ShortestPair} — {FormatSpan(analysis.ShortestInterval.Value)} apart; DataWorks requires at least 5 minutes between two runs.",
                    "Space the runs at least 5 minutes apart, e.g. '00 00/5 * * * ?' for every 5 minutes, or use Set-DIFileSchedule -EveryMinutes n with n of 5 or more."));
            }

            if (inferred == CycleDay && analysis.TimesOfDay[0] < EarliestDailyRun)
            {
                findings.Add(Error(ValidationCodes.CronTooEarly, PathCron,
                    $"The cron expression '{text}' runs once a day at {FormatTime(analysis.TimesOfDay[0])}; the earliest run time DataWorks allows for a day/week/month schedule is 00:05.",
                    "Move the run to 00:05 or later, e.g. '00 05 00 * * ?' instead of '00 00 00 * * ?'."));
            }

            CheckCycleType(text, cycleType, inferred, analysis.TimesOfDay.Count, findings);
            return new CronCheck(text, findings, inferred, analysis.TimesOfDay.Count, analysis.ShortestInterval, analysis.TimesOfDay);
        }

        /// <summary>
        /// The next <paramref name="count"/> run times strictly after <paramref name="fromLocal"/>, as wall-clock times
        /// in <paramref name="zone"/> (the workspace's time zone). A UTC <paramref name="fromLocal"/> is converted first;
        /// any other kind is read as a wall-clock time in <paramref name="zone"/>.
        /// Only the expression's syntax is required to be valid (so a schedule DataWorks would reject can still be previewed).
        /// </summary>
        /// <exception cref="ArgumentException">The expression cannot be read; the message says why.</exception>
        public static IEnumerable<DateTime> NextOccurrences(string cron, DateTime fromLocal, int count, TimeZoneInfo zone)
        {
            if (zone == null) throw new ArgumentNullException(nameof(zone));
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be 0 or more.");
            var findings = new List<ValidationFinding>();
            if (!TryParseStructure(cron ?? string.Empty, findings, out _, out CronExpression expression))
            {
                var first = findings.First(f => f.Severity == ValidationSeverity.Error);
                throw new ArgumentException($"{first.Message} {first.Fix}", nameof(cron));
            }

            DateTime wallClock = fromLocal.Kind == DateTimeKind.Utc
                ? TimeZoneInfo.ConvertTimeFromUtc(fromLocal, zone)
                : DateTime.SpecifyKind(fromLocal, DateTimeKind.Unspecified);
            var from = new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock));
            return Enumerate(expression, from, count, zone);
        }

        private static IEnumerable<DateTime> Enumerate(CronExpression expression, DateTimeOffset from, int count, TimeZoneInfo zone)
        {
            var cursor = from;
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset? next = expression.GetNextOccurrence(cursor, zone, inclusive: false);
                if (!next.HasValue) yield break;
                yield return DateTime.SpecifyKind(next.Value.DateTime, DateTimeKind.Unspecified);
                cursor = next.Value;
            }
        }

        // ---------------------------------------------------------------- builders

        /// <summary>Every day at <paramref name="hour"/>:<paramref name="minute"/>, e.g. Daily(5, 30) → <c>00 30 05 * * ?</c> (DAY).</summary>
        public static CronSchedule Daily(int hour, int minute)
        {
            CheckTime(hour, minute, dayCycle: true);
            return Build($"00 {minute:00} {hour:00} * * ?", CycleDay, $"every day at {hour:00}:{minute:00}");
        }

        /// <summary>Every hour at minute <paramref name="minute"/>, e.g. Hourly(15) → <c>00 15 * * * ?</c> (NOT_DAY).</summary>
        public static CronSchedule Hourly(int minute)
        {
            CheckRange(minute, 0, 59, nameof(minute));
            return Build($"00 {minute:00} * * * ?", CycleNotDay, $"every hour at :{minute:00}");
        }

        /// <summary>
        /// Every <paramref name="everyHours"/> hours at minute <paramref name="minute"/> from <paramref name="startHour"/>
        /// to <paramref name="endHour"/>, both ends included, e.g. Hourly(15, 0, 23, 1) → <c>00 15 00-23/1 * * ?</c> (NOT_DAY).
        /// </summary>
        public static CronSchedule Hourly(int minute, int startHour, int endHour, int everyHours)
        {
            CheckRange(minute, 0, 59, nameof(minute));
            CheckRange(startHour, 0, 23, nameof(startHour));
            CheckRange(endHour, 0, 23, nameof(endHour));
            CheckRange(everyHours, 1, 23, nameof(everyHours));
            if (endHour < startHour)
                throw new ArgumentException($"endHour ({endHour}) is before startHour ({startHour}); the range runs within one day.", nameof(endHour));
            int runs = (endHour - startHour) / everyHours + 1;
            if (runs < 2)
                throw new ArgumentException($"Every {everyHours} hour(s) from {startHour:00}:{minute:00} to {endHour:00}:{minute:00} is a single run a day; use Set-DIFileSchedule -Daily -At {startHour:00}:{minute:00} instead.", nameof(everyHours));
            return Build($"00 {minute:00} {startHour:00}-{endHour:00}/{everyHours} * * ?", CycleNotDay,
                $"every {everyHours} hour(s) at :{minute:00} from {startHour:00}:{minute:00} to {endHour:00}:{minute:00} ({runs} runs a day)");
        }

        /// <summary>Every <paramref name="minutes"/> minutes all day, e.g. EveryMinutes(10) → <c>00 00/10 * * * ?</c> (NOT_DAY).</summary>
        public static CronSchedule EveryMinutes(int minutes)
        {
            CheckMinuteInterval(minutes);
            return Build($"00 00/{minutes} * * * ?", CycleNotDay, $"every {minutes} minutes, all day");
        }

        /// <summary>
        /// Every <paramref name="minutes"/> minutes from <paramref name="startHour"/>:00 to <paramref name="endHour"/>:59,
        /// e.g. EveryMinutes(10, 8, 17) → <c>00 00-59/10 8-17 * * ?</c> (NOT_DAY).
        /// </summary>
        public static CronSchedule EveryMinutes(int minutes, int startHour, int endHour)
        {
            CheckMinuteInterval(minutes);
            CheckRange(startHour, 0, 23, nameof(startHour));
            CheckRange(endHour, 0, 23, nameof(endHour));
            if (endHour < startHour)
                throw new ArgumentException($"endHour ({endHour}) is before startHour ({startHour}); the range runs within one day.", nameof(endHour));
            return Build($"00 00-59/{minutes} {startHour}-{endHour} * * ?", CycleNotDay,
                $"every {minutes} minutes from {startHour:00}:00 to {endHour:00}:59");
        }

        /// <summary>
        /// On the given days of the week at <paramref name="hour"/>:<paramref name="minute"/>, e.g.
        /// Weekly({Tuesday, Friday}, 0, 5) → <c>00 05 00 * * 2,5</c> (DAY). Days are written 1 = Monday … 7 = Sunday.
        /// </summary>
        public static CronSchedule Weekly(DayOfWeek[] days, int hour, int minute)
        {
            if (days == null || days.Length == 0) throw new ArgumentException("Give at least one day of the week.", nameof(days));
            foreach (var d in days)
            {
                if (d < DayOfWeek.Sunday || d > DayOfWeek.Saturday) throw new ArgumentOutOfRangeException(nameof(days), d, "Not a day of the week.");
            }
            CheckTime(hour, minute, dayCycle: true);
            var numbers = days.Select(DataWorksDayNumber).Distinct().OrderBy(n => n).ToList();
            string names = string.Join(", ", numbers.Select(n => ((DayOfWeek)(n % 7)).ToString()));
            return Build($"00 {minute:00} {hour:00} * * {string.Join(",", numbers)}", CycleDay, $"every {names} at {hour:00}:{minute:00}");
        }

        /// <summary>
        /// On the given days of every month at <paramref name="hour"/>:<paramref name="minute"/>, e.g.
        /// Monthly({1}, 0, 20) → <c>00 20 00 1 * ?</c> (DAY). Days 29–31 are skipped in months that lack them.
        /// </summary>
        public static CronSchedule Monthly(int[] daysOfMonth, int hour, int minute) => Monthly(daysOfMonth, hour, minute, 1);

        /// <summary>
        /// On the given days of every <paramref name="everyMonths"/>-th month starting in January, e.g.
        /// Monthly({1}, 0, 10, 3) → <c>00 10 00 1 1-12/3 ?</c> (quarterly, DAY).
        /// </summary>
        public static CronSchedule Monthly(int[] daysOfMonth, int hour, int minute, int everyMonths)
        {
            if (daysOfMonth == null || daysOfMonth.Length == 0) throw new ArgumentException("Give at least one day of the month.", nameof(daysOfMonth));
            foreach (int d in daysOfMonth) CheckRange(d, 1, 31, nameof(daysOfMonth));
            CheckRange(everyMonths, 1, 12, nameof(everyMonths));
            CheckTime(hour, minute, dayCycle: true);
            var days = daysOfMonth.Distinct().OrderBy(d => d).ToList();
            string months = everyMonths == 1 ? "*" : $"1-12/{everyMonths}";
            string when = everyMonths == 1 ? "every month" : $"every {everyMonths} months from January";
            return Build($"00 {minute:00} {hour:00} {string.Join(",", days)} {months} ?", CycleDay,
                $"{when} on day(s) {string.Join(", ", days)} at {hour:00}:{minute:00}");
        }

        /// <summary>On the last day of every month, e.g. MonthlyOnLastDay(23, 0) → <c>00 00 23 L * ?</c> (DAY).</summary>
        public static CronSchedule MonthlyOnLastDay(int hour, int minute)
        {
            CheckTime(hour, minute, dayCycle: true);
            return Build($"00 {minute:00} {hour:00} L * ?", CycleDay, $"on the last day of every month at {hour:00}:{minute:00}");
        }

        // ---------------------------------------------------------------- internals

        private static CronSchedule Build(string cron, string cycleType, string description)
        {
            var check = Validate(cron, cycleType);
            if (!check.IsValid)
            {
                // A builder bug, not a user error: every builder's output must pass Validate.
                throw new InvalidOperationException($"Built schedule '{cron}' does not pass validation: {string.Join(" ", check.Findings.Select(f => f.Message))}");
            }
            return new CronSchedule(cron, cycleType, description);
        }

        private static int DataWorksDayNumber(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

        private static void CheckMinuteInterval(int minutes)
        {
            if (!AllowedMinuteIntervals.Contains(minutes))
            {
                throw new ArgumentOutOfRangeException(nameof(minutes), minutes,
                    $"Every {minutes} minutes is not offered: the interval must be at least 5 minutes and divide the hour evenly ({string.Join(", ", AllowedMinuteIntervals)}). For hourly or longer use Set-DIFileSchedule -Hourly or -Daily.");
            }
        }

        private static void CheckTime(int hour, int minute, bool dayCycle)
        {
            CheckRange(hour, 0, 23, nameof(hour));
            CheckRange(minute, 0, 59, nameof(minute));
            if (dayCycle && new TimeSpan(hour, minute, 0) < EarliestDailyRun)
            {
                throw new ArgumentOutOfRangeException(nameof(minute), minute,
                    $"{hour:00}:{minute:00} is before 00:05, the earliest run time DataWorks allows for a day/week/month schedule. Use 00:05 or later.");
            }
        }

        private static void CheckRange(int value, int min, int max, string name)
        {
            if (value < min || value > max)
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        /// <summary>Field count, seconds, '?' placement and Cronos syntax. False when the expression cannot be analysed further.</summary>
        private static bool TryParseStructure(string text, List<ValidationFinding> findings, out string[] fields, out CronExpression expression)
        {
            expression = null;
            fields = text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                findings.Add(Error(ValidationCodes.CronEmpty, PathCron,
                    "The cron expression is empty.",
                    "Give a 6-field expression 'ss mm HH dd MM ?', e.g. '00 30 05 * * ?' for 05:30 every day, or let Set-DIFileSchedule write it (-Daily, -Hourly, -EveryMinutes, -Weekly or -Monthly)."));
                return false;
            }

            if (fields.Length == 5)
            {
                findings.Add(Error(ValidationCodes.CronMissingSeconds, PathCron,
                    $"The cron expression '{text}' has 5 fields; DataWorks needs 6 — the first field is the seconds, and it must be 00.",
                    $"Put '00 ' in front: '00 {string.Join(" ", fields)}'. If the last field is a day-of-week, remember DataWorks numbers 1 = Monday … 7 = Sunday."));
                return false;
            }

            if (fields.Length == 7)
            {
                findings.Add(Error(ValidationCodes.CronYearField, PathCron,
                    $"The cron expression '{text}' has 7 fields; the 7th ('{fields[6]}') would be a year, which DataWorks does not support.",
                    $"Remove the 7th field: '{string.Join(" ", fields.Take(6))}'."));
                return false;
            }

            if (fields.Length != 6)
            {
                findings.Add(Error(ValidationCodes.CronFieldCount, PathCron,
                    $"The cron expression '{text}' has {fields.Length} field(s); DataWorks needs exactly 6: second minute hour day-of-month month day-of-week.",
                    "Write all six fields separated by spaces, e.g. '00 30 05 * * ?' (05:30 every day); macros such as @daily are not accepted."));
                return false;
            }

            var analysed = (string[])fields.Clone();
            if (fields[0] != "00" && fields[0] != "0")
            {
                findings.Add(Error(ValidationCodes.CronSeconds, PathCron,
                    $"The seconds field is '{fields[0]}'; DataWorks does not schedule by the second, so it must be 00.",
                    $"Use '00' as the first field: '00 {string.Join(" ", fields.Skip(1))}'."));
                analysed[0] = "0"; // analyse the rest as DataWorks would need it
            }

            for (int i = 0; i < 6; i++)
            {
                if (i != 3 && i != 5 && fields[i].Contains("?"))
                {
                    findings.Add(Error(ValidationCodes.CronQuestionMark, PathCron,
                        $"The {FieldNames[i]} field is '{fields[i]}'; '?' ('no specific value') is allowed only in the day-of-month and day-of-week fields.",
                        $"Use '*' (every value) or a number in the {FieldNames[i]} field."));
                    if (fields[i] == "?") analysed[i] = "*";
                }
            }

            try
            {
                expression = CronExpression.Parse(string.Join(" ", analysed), CronFormat.IncludeSeconds);
            }
            catch (CronFormatException ex)
            {
                findings.Add(Error(ValidationCodes.CronSyntax, PathCron,
                    $"The cron expression '{text}' cannot be read: {ex.Message}",
                    "Fields are: second(00) minute(0-59) hour(0-23) day-of-month(1-31, L) month(1-12) day-of-week(1-7 = Monday-Sunday, or ?), e.g. '00 30 05 * * ?'."));
                return false;
            }

            return true;
        }

        private static void CheckDayFields(string[] fields, List<ValidationFinding> findings)
        {
            string dom = fields[3], dow = fields[5];
            if (IsRestricted(dom) && IsRestricted(dow))
            {
                findings.Add(new ValidationFinding(ValidationCodes.CronDayOfMonthAndWeek, ValidationSeverity.Warning, PathCron,
                    $"Both day-of-month ('{dom}') and day-of-week ('{dow}') are restricted. DataWorks (Spring cron) runs only on days matching BOTH, not either as in Unix crontab; Quartz rejects this outright.",
                    $"Restrict one of them and put '?' in the other: '… {dom} {fields[4]} ?' for days of the month, or '… * {fields[4]} {dow}' for days of the week."));
            }

            if (dom.IndexOf('W') >= 0 || dom.IndexOf('w') >= 0)
            {
                findings.Add(new ValidationFinding(ValidationCodes.CronUndocumentedCharacter, ValidationSeverity.Warning, PathCron,
                    $"Day-of-month '{dom}' uses 'W' (nearest weekday); DataWorks documents only 'L' (last day) and '#' (n-th weekday) as extensions.",
                    "Use explicit days of the month or 'L'; verify in the DataWorks console before relying on 'W'."));
            }
        }

        private static bool IsRestricted(string field) => field != "*" && field != "?";

        private static bool ContainsDigit(string s) => s.Any(char.IsDigit);

        private sealed class OccurrenceAnalysis
        {
            public List<TimeSpan> TimesOfDay = new List<TimeSpan>();
            public List<DayOfWeek> WeekDays = new List<DayOfWeek>();
            public TimeSpan? ShortestInterval;
            public string ShortestPair;
        }

        /// <summary>
        /// Real occurrences: the times of day (identical on every matching day in UTC), the gaps between them, and —
        /// when two consecutive calendar days both match — the gap from the last run of one day to the first of the next.
        /// </summary>
        private static OccurrenceAnalysis Analyse(CronExpression expression)
        {
            var result = new OccurrenceAnalysis();
            DateTime? first = expression.GetNextOccurrence(AnalysisStart, inclusive: true);
            if (!first.HasValue || first.Value >= AnalysisEnd) return result;

            DateTime day = first.Value.Date;
            result.TimesOfDay = expression.GetOccurrences(day, day.AddDays(1), fromInclusive: true, toInclusive: false)
                .Select(o => o.TimeOfDay).ToList();

            for (int i = 1; i < result.TimesOfDay.Count; i++)
            {
                TimeSpan gap = result.TimesOfDay[i] - result.TimesOfDay[i - 1];
                if (!result.ShortestInterval.HasValue || gap < result.ShortestInterval.Value)
                {
                    result.ShortestInterval = gap;
                    result.ShortestPair = $"{FormatTime(result.TimesOfDay[i - 1])} and {FormatTime(result.TimesOfDay[i])}";
                }
            }

            var weekDays = new HashSet<DayOfWeek>();
            bool consecutiveDays = false;
            DateTime? previousDay = null;
            DateTime cursor = AnalysisStart;
            while (true)
            {
                DateTime? next = expression.GetNextOccurrence(cursor, inclusive: true);
                if (!next.HasValue || next.Value >= AnalysisEnd) break;
                DateTime matchDay = next.Value.Date;
                weekDays.Add(matchDay.DayOfWeek);
                if (previousDay.HasValue && matchDay == previousDay.Value.AddDays(1)) consecutiveDays = true;
                previousDay = matchDay;
                cursor = matchDay.AddDays(1);
            }

            if (consecutiveDays)
            {
                TimeSpan overnight = result.TimesOfDay[0] + TimeSpan.FromDays(1) - result.TimesOfDay[result.TimesOfDay.Count - 1];
                if (!result.ShortestInterval.HasValue || overnight < result.ShortestInterval.Value)
                {
                    result.ShortestInterval = overnight;
                    result.ShortestPair = $"{FormatTime(result.TimesOfDay[result.TimesOfDay.Count - 1])} and {FormatTime(result.TimesOfDay[0])} the next day";
                }
            }

            // Monday first, Sunday last: the order DataWorks numbers them.
            result.WeekDays = weekDays.OrderBy(DataWorksDayNumber).ToList();
            return result;
        }

        private static void CheckCycleTypeValue(string cycleType, List<ValidationFinding> findings)
        {
            if (string.IsNullOrEmpty(cycleType)) return;
            if (cycleType != CycleDay && cycleType != CycleNotDay)
            {
                string suggestion = string.Equals(cycleType.Trim(), CycleDay, StringComparison.OrdinalIgnoreCase) ? CycleDay
                    : string.Equals(cycleType.Trim(), CycleNotDay, StringComparison.OrdinalIgnoreCase) ? CycleNotDay : null;
                findings.Add(Error(ValidationCodes.CronCycleTypeInvalid, PathCycleType,
                    $"CycleType '{cycleType}' is not a DataWorks value; it must be exactly DAY or NOT_DAY.",
                    suggestion != null
                        ? $"Write it as '{suggestion}' (upper case, no spaces)."
                        : "Use NOT_DAY for minute/hour schedules and DAY for day/week/month schedules."));
            }
        }

        private static void CheckCycleType(string text, string cycleType, string inferred, int runsPerDay, List<ValidationFinding> findings)
        {
            if (string.IsNullOrEmpty(cycleType)) return;
            if (cycleType != CycleDay && cycleType != CycleNotDay)
            {
                CheckCycleTypeValue(cycleType, findings);
                return;
            }

            if (cycleType != inferred)
            {
                string why = inferred == CycleNotDay
                    ? $"it runs {runsPerDay} times on each day it runs, which is a minute/hour schedule"
                    : "it runs at most once a day, which is a day/week/month schedule";
                findings.Add(Error(ValidationCodes.CronCycleTypeMismatch, PathCycleType,
                    $"CycleType is {cycleType} but the cron expression '{text}' needs {inferred}: {why}.",
                    $"Set CycleType to {inferred}, or change the cron expression to match {cycleType}."));
            }
        }

        private static ValidationFinding Error(string code, string path, string message, string fix) =>
            new ValidationFinding(code, ValidationSeverity.Error, path, message, fix);

        private static string FormatTime(TimeSpan t) => t.ToString(@"hh\:mm", CultureInfo.InvariantCulture) + (t.Seconds != 0 ? t.ToString(@"\:ss", CultureInfo.InvariantCulture) : string.Empty);

        private static string FormatSpan(TimeSpan t)
        {
            if (t.TotalMinutes >= 1 && t.Seconds == 0) return $"{(int)t.TotalMinutes} minute(s)";
            return $"{(int)t.TotalSeconds} second(s)";
        }
    }
}
