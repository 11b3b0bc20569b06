namespace DataWorksDI.Validation
{
    /// <summary>The result of <see cref="DataWorksCron.Validate"/>.</summary>
    public sealed class CronCheck
    {
        internal CronCheck(string cronExpress, IList<ValidationFinding> findings, string inferredCycleType, int runsPerDay, TimeSpan? shortestInterval, IList<TimeSpan> runTimesOfDay)
        {
            CronExpress = cronExpress;
            Findings = findings.ToList().AsReadOnly();
            InferredCycleType = inferredCycleType;
            RunsPerDay = runsPerDay;
            ShortestInterval = shortestInterval;
            RunTimesOfDay = (runTimesOfDay ?? new List<TimeSpan>()).ToList().AsReadOnly();
        }

        public string CronExpress { get; }

        /// <summary>True when no finding is an <see cref="ValidationSeverity.Error"/>.</summary>
        public bool IsValid => Findings.All(f => f.Severity != ValidationSeverity.Error);

        public IReadOnlyList<ValidationFinding> Findings { get; }

        /// <summary>
        /// <c>NOT_DAY</c> when the schedule runs more than once on a day it runs (minute/hour schedules), <c>DAY</c>
        /// when it runs at most once a day (day/week/month schedules); null when the expression could not be read.
        /// </summary>
        public string InferredCycleType { get; }

        /// <summary>Runs on each day the schedule runs at all (0 when the expression could not be read).</summary>
        public int RunsPerDay { get; }

        /// <summary>The shortest gap between two consecutive runs, or null when the schedule runs at most once.</summary>
        public TimeSpan? ShortestInterval { get; }

        /// <summary>The times of day at which the schedule runs, in order.</summary>
        public IReadOnlyList<TimeSpan> RunTimesOfDay { get; }

        public override string ToString() =>
            IsValid
                ? $"{CronExpress}: valid, {InferredCycleType}, {RunsPerDay} run(s) a day"
                : $"{CronExpress}: invalid ({string.Join("; ", Findings.Where(f => f.Severity == ValidationSeverity.Error).Select(f => f.Code))})";
    }

    /// <summary>A DataWorks schedule produced by a <see cref="DataWorksCron"/> builder: UpdateFile's CronExpress and CycleType.</summary>
    public sealed class CronSchedule
    {
        internal CronSchedule(string cronExpress, string cycleType, string description)
        {
            CronExpress = cronExpress;
            CycleType = cycleType;
            Description = description;
        }

        /// <summary>The value for UpdateFile's <c>CronExpress</c>.</summary>
        public string CronExpress { get; }

        /// <summary>The value for UpdateFile's <c>CycleType</c>: <c>DAY</c> or <c>NOT_DAY</c>.</summary>
        public string CycleType { get; }

        /// <summary>Plain-English description, e.g. "every day at 05:30".</summary>
        public string Description { get; }

        public override string ToString() => $"{CronExpress} ({CycleType}: {Description})";
    }
}
