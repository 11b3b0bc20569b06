using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Get-DIScheduleTime: previews the next run times of a DataWorks cron expression, offline, after checking it against the scheduler's rules.</summary>
    [Cmdlet(VerbsCommon.Get, "DIScheduleTime", HelpUri = HelpLinks.Pages + "Get-DIScheduleTime.md")]
    [OutputType(typeof(DateTime))]
    public sealed class GetDIScheduleTimeCommand : DataWorksCmdlet
    {
        /// <summary>The six-field expression, e.g. '00 30 05 * * ?'; binds from a file's Schedule.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CronExpress")]
        [CronInputTransformation]
        [ValidateNotNullOrEmpty]
        public string Cron { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int Count { get; set; } = 10;

        /// <summary>Runs strictly after this moment (default: now). A UTC or local time is converted to -TimeZone; an unspecified one is read as a time in -TimeZone.</summary>
        [Parameter]
        public DateTime From { get; set; }

        /// <summary>The scheduler's time zone (an id such as 'Asia/Shanghai' or 'China Standard Time'); default the local zone.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string TimeZone { get; set; }

        protected override void ProcessRecord()
        {
            TimeZoneInfo zone = TimeZoneInfo.Local;
            if (TimeZone != null)
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException || ex is InvalidTimeZoneException)
                {
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.UnknownTimeZone, $"'{TimeZone}' is not a time zone this system knows; try 'Asia/Shanghai' or 'China Standard Time'.", ErrorCategory.InvalidArgument, TimeZone));
                }
            }
            CronCheck check = DataWorksCron.Validate(Cron, null);
            if (!ValidationReport.Write(this, check.Findings, ErrorIds.InvalidCron, Cron, "The schedule has {0} problem(s)")) return;
            DateTime from = !MyInvocation.BoundParameters.ContainsKey(nameof(From)) ? TimeZoneInfo.ConvertTime(DateTime.UtcNow, zone)
                : From.Kind == DateTimeKind.Unspecified ? From : TimeZoneInfo.ConvertTime(From, zone);
            foreach (DateTime run in DataWorksCron.NextOccurrences(Cron, DateTime.SpecifyKind(from, DateTimeKind.Unspecified), Count, zone)) WriteObject(run);
        }
    }
}
