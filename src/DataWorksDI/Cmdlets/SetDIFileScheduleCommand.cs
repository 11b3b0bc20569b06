using System.Collections;
using System.Globalization;
using DataWorksDI.Services;
using DataWorksDI.Workflows;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Set-DIFileSchedule: builds the UpdateFile fields from the parameters and checks them offline; applying them (read,
    /// compare, send what differs) is Workflows.ScheduleWorkflow.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DIFileSchedule", SupportsShouldProcess = true, DefaultParameterSetName = CronSet, HelpUri = HelpLinks.Pages + "Set-DIFileSchedule.md")]
    [OutputType(typeof(DIFile))]
    public sealed class SetDIFileScheduleCommand : FileCmdlet
    {
        private const string CronSet = "Cron";
        private const string DailySet = "Daily";
        private const string HourlySet = "Hourly";
        private const string EveryMinutesSet = "EveryMinutes";
        private const string WeeklySet = "Weekly";
        private const string MonthlySet = "Monthly";

        /// <summary>Six-field DataWorks cron: 'ss mm HH dd MM ?', e.g. '00 30 05 * * ?'.</summary>
        [Parameter(ParameterSetName = CronSet)]
        [Alias("CronExpress")]
        [ValidateNotNullOrEmpty]
        public string Cron { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DICycleType))]
        public DICycleType CycleType { get; set; }

        /// <summary>Run once a day at -At (CycleType DAY).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DailySet)]
        public SwitchParameter Daily { get; set; }

        /// <summary>Run every hour at -Minute past, optionally only from -StartHour to -EndHour every -EveryHours (CycleType NOT_DAY).</summary>
        [Parameter(Mandatory = true, ParameterSetName = HourlySet)]
        public SwitchParameter Hourly { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = HourlySet)]
        [ValidateRange(0, 59)]
        public int Minute { get; set; }

        [Parameter(ParameterSetName = HourlySet)]
        [ValidateRange(1, 23)]
        public int EveryHours { get; set; } = 1;

        /// <summary>Run every N minutes (5, 6, 10, 12, 15, 20 or 30), optionally only from -StartHour to -EndHour (CycleType NOT_DAY).</summary>
        [Parameter(Mandatory = true, ParameterSetName = EveryMinutesSet)]
        public int EveryMinutes { get; set; }

        [Parameter(ParameterSetName = HourlySet)]
        [Parameter(ParameterSetName = EveryMinutesSet)]
        [ValidateRange(0, 23)]
        public int StartHour { get; set; }

        [Parameter(ParameterSetName = HourlySet)]
        [Parameter(ParameterSetName = EveryMinutesSet)]
        [ValidateRange(0, 23)]
        public int EndHour { get; set; } = 23;

        /// <summary>Run on these days of the week at -At (CycleType DAY).</summary>
        [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
        public SwitchParameter Weekly { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
        public DayOfWeek[] DayOfWeek { get; set; }

        /// <summary>Run on these days of the month (or the last day with -LastDayOfMonth) at -At (CycleType DAY).</summary>
        [Parameter(Mandatory = true, ParameterSetName = MonthlySet)]
        public SwitchParameter Monthly { get; set; }

        [Parameter(ParameterSetName = MonthlySet)]
        [ValidateRange(1, 31)]
        public int[] DayOfMonth { get; set; }

        [Parameter(ParameterSetName = MonthlySet)]
        public SwitchParameter LastDayOfMonth { get; set; }

        /// <summary>Time of day for -Daily, -Weekly and -Monthly, e.g. '05:30' (DataWorks runs nothing before 00:05).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DailySet)]
        [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
        [Parameter(Mandatory = true, ParameterSetName = MonthlySet)]
        public TimeSpan At { get; set; }

        /// <summary>Skip the check that every ${…}/$[…] parameter used in the content is assigned by -ParaValue/-Parameter.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DIRerunMode))]
        public DIRerunMode RerunMode { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int AutoRerunTimes { get; set; }

        /// <summary>Wait between automatic reruns, at most 30 minutes. A number means minutes, as in the console.</summary>
        [Parameter]
        [TimeSpanTransformation("Minutes")]
        public TimeSpan AutoRerunInterval { get; set; }

        /// <summary>Upstream output names, e.g. '&lt;workspace&gt;_root'.</summary>
        [Parameter]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string[] InputList { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public string[] OutputList { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DIDependentType))]
        public DIDependentType DependentType { get; set; }

        /// <summary>Node ids this node depends on across cycles (with -DependentType UserDefine).</summary>
        [Parameter]
        public long[] DependentNodeId { get; set; }

        /// <summary>Scheduling parameters as the service writes them: 'name=value name2=value2'.</summary>
        [Parameter]
        [AllowEmptyString]
        public string ParaValue { get; set; }

        /// <summary>Scheduling parameters as a hashtable, e.g. @{ bizdate = '$bizdate'; region = 'cn' }; rendered into ParaValue.</summary>
        [Parameter]
        public IDictionary Parameter { get; set; }

        [Parameter]
        public DateTime StartEffectDate { get; set; }

        [Parameter]
        public DateTime EndEffectDate { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DISchedulerType))]
        public DISchedulerType SchedulerType { get; set; }

        /// <summary>The scheduling resource group identifier (not the DI resource group of the task).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ResourceGroupIdentifier { get; set; }

        /// <summary>Suspend scheduling (-Stop) or resume it (-Stop:$false).</summary>
        [Parameter]
        public SwitchParameter Stop { get; set; }

        [Parameter]
        [Alias("FileName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string FolderPath { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string Description { get; set; }

        /// <summary>The owner's Alibaba Cloud account id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Owner { get; set; }

        [Parameter]
        public SwitchParameter AutoParsing { get; set; }

        [Parameter]
        public SwitchParameter ApplyScheduleImmediately { get; set; }

        [Parameter]
        public SwitchParameter IgnoreParentSkipRunningProperty { get; set; }

        /// <summary>InputParameters: JSON text or objects like @{ ParameterName = 'p'; ValueSource = 'proj.node:out' }.</summary>
        [Parameter]
        public object InputParameters { get; set; }

        /// <summary>OutputParameters: JSON text or objects like @{ ParameterName = 'p'; Type = 1; Value = '${bizdate}' }.</summary>
        [Parameter]
        public object OutputParameters { get; set; }

        /// <summary>
        /// A whole schedule to apply, field by field: a DIFileSchedule (piped, or a file's .Schedule), a file read with
        /// Get-DIFile -FileId (piped: its Schedule binds by property name), or either of them back from ConvertFrom-Json or
        /// Import-Csv. The parameters given explicitly win over its fields; empty lists in it are not applied. As with every
        /// field, only the values that differ from the file's are sent — a schedule read from the file itself sends nothing.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [DIFileScheduleTransformation]
        public DIFileSchedule Schedule { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            List<ScheduleField> desired = BuildDesiredFields();
            if (desired == null) return;
            if (desired.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NothingToChange,
                    "Give at least one property to set, for example -Cron '00 30 05 * * ?' -CycleType DAY.", ErrorCategory.InvalidArgument, FileId));
            }

            // Asked before any call, so -WhatIf sends nothing at all (not even the read that finds what differs).
            if (!ShouldProcessFile(FileId, projectId,
                "Set " + string.Join(", ", desired.Select(d => d.WireName)) + " (UpdateFile; values already set are not sent)")) return;

            var workflow = new ScheduleWorkflow(context, Log, PostProgress);
            if (TryRun(ct => workflow.ApplyAsync(projectId, FileId, desired, !SkipValidation.IsPresent, ct), FileId, out ScheduleResult result)) WriteObject(result.File);
        }

        /// <summary>The fields asked for, in wire form; null after writing an error when an input is unusable (nothing is sent).</summary>
        private List<ScheduleField> BuildDesiredFields()
        {
            if (!ArgumentBounds.TryCheck(this, FileId, (nameof(Name), Name, TextKind.Name), (nameof(FolderPath), FolderPath, TextKind.Path),
                    (nameof(Owner), Owner, TextKind.Identifier), (nameof(Description), Description, TextKind.Text),
                    (nameof(ResourceGroupIdentifier), ResourceGroupIdentifier, TextKind.Identifier))) return null;
            foreach (string item in (InputList ?? new string[0]).Concat(OutputList ?? new string[0]))
                if (!ArgumentBounds.TryCheck(this, FileId, ("InputList/OutputList", item, TextKind.Name))) return null;
            var fields = new ScheduleFieldSet();

            if (Bound(nameof(ParaValue)) && Bound(nameof(Parameter)))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ConflictingParameters,
                    "Give either -ParaValue or -Parameter, not both: they set the same ParaValue field.", ErrorCategory.InvalidArgument, FileId));
            }
            string cron = Bound(nameof(Cron)) ? Cron.Trim() : null;
            string cycleType = Bound(nameof(CycleType)) ? WireEnum.ToWire(CycleType) : null;
            if (ParameterSetName != CronSet)
            {
                CronSchedule built;
                try
                {
                    built = BuildFriendlySchedule();
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.InvalidSchedule, "Nothing was sent: " + Internal.Text.WithoutParameterNoise(ex), ErrorCategory.InvalidArgument, FileId));
                    return null;
                }
                WriteVerbose($"-{ParameterSetName} gives the schedule '{built.CronExpress}' with CycleType {built.CycleType} ({built.Description}).");
                cron = built.CronExpress;
                cycleType = cycleType ?? built.CycleType;
            }
            if (cron != null)
            {
                CronCheck check = DataWorksCron.Validate(cron, cycleType);
                if (!ValidationReport.Write(this, check.Findings, ErrorIds.InvalidCron, FileId, "The schedule has {0} problem(s); nothing was sent")) return null;
                fields.Cron(cron);
                // A schedule without an explicit CycleType gets the one the expression implies, so the two always agree.
                if (cycleType == null) cycleType = check.InferredCycleType;
            }
            if (cycleType != null) fields.CycleType(cycleType);
            if (Bound(nameof(RerunMode))) fields.RerunMode(RerunMode);
            if (Bound(nameof(AutoRerunTimes))) fields.AutoRerunTimes(AutoRerunTimes);
            if (Bound(nameof(AutoRerunInterval)))
            {
                if (AutoRerunInterval < TimeSpan.Zero || AutoRerunInterval > TimeSpan.FromMinutes(30))
                {
                    WriteError(ErrorRecords.Create(ErrorIds.InvalidRerunInterval,
                        $"-AutoRerunInterval {AutoRerunInterval} is outside what DataWorks allows: 0 to 30 minutes (AutoRerunIntervalMillis ≤ 1,800,000).", ErrorCategory.InvalidArgument, FileId));
                    return null;
                }
                fields.AutoRerunInterval(AutoRerunInterval);
            }
            if (Bound(nameof(InputList))) fields.InputList(InputList);
            if (Bound(nameof(OutputList))) fields.OutputList(OutputList);
            if (Bound(nameof(DependentType))) fields.DependentType(DependentType);
            if (Bound(nameof(DependentNodeId))) fields.DependentNodeIds(DependentNodeId);
            if (Bound(nameof(ParaValue)))
            {
                if (!ValidationReport.Write(this, ScheduleParameters.CheckParaValue(ParaValue), ErrorIds.InvalidParaValue, FileId, "-ParaValue has {0} problem(s); nothing was sent")) return null;
                fields.ParaValue(ParaValue);
            }
            if (Bound(nameof(Parameter)))
            {
                if (!ValidationReport.Write(this, ScheduleParameters.Check(Parameter ?? new Hashtable()), ErrorIds.InvalidParameter, FileId, "-Parameter has {0} problem(s); nothing was sent")) return null;
                fields.ParaValue(ScheduleParameters.Render(Parameter ?? new Hashtable()));
            }
            if (Bound(nameof(StartEffectDate))) fields.StartEffectDate(StartEffectDate);
            if (Bound(nameof(EndEffectDate))) fields.EndEffectDate(EndEffectDate);
            if (Bound(nameof(StartEffectDate)) && Bound(nameof(EndEffectDate)) && EndEffectDate <= StartEffectDate)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidEffectDates, $"-EndEffectDate ({EndEffectDate:u}) must be after -StartEffectDate ({StartEffectDate:u}).", ErrorCategory.InvalidArgument, FileId));
                return null;
            }
            if (Bound(nameof(SchedulerType))) fields.SchedulerType(SchedulerType);
            if (Bound(nameof(ResourceGroupIdentifier))) fields.ResourceGroupIdentifier(ResourceGroupIdentifier);
            if (Bound(nameof(Stop))) fields.Stop(Stop.IsPresent);
            if (Bound(nameof(Name))) fields.FileName(Name);
            if (Bound(nameof(FolderPath))) fields.FolderPath(FolderPath);
            if (Bound(nameof(Description))) fields.Description(Description);
            if (Bound(nameof(Owner))) fields.Owner(Owner);
            if (Bound(nameof(AutoParsing))) fields.AutoParsing(AutoParsing.IsPresent);
            if (Bound(nameof(ApplyScheduleImmediately))) fields.ApplyScheduleImmediately(ApplyScheduleImmediately.IsPresent);
            if (Bound(nameof(IgnoreParentSkipRunningProperty))) fields.IgnoreParentSkipRunningProperty(IgnoreParentSkipRunningProperty.IsPresent);
            if (Bound(nameof(InputParameters))) fields.InputParameters(JsonText(InputParameters));
            if (Bound(nameof(OutputParameters))) fields.OutputParameters(JsonText(OutputParameters));
            // The explicit parameters win over the fields of -Schedule (the first value of a field is kept).
            if (Schedule != null) fields.Schedule(Schedule, cronGiven: cron != null, sameFile: Schedule.FileId == 0 || Schedule.FileId == FileId);
            return fields.ToList();
        }

        private CronSchedule BuildFriendlySchedule()
        {
            int hour = At.Hours, minute = At.Minutes;
            if (At < TimeSpan.Zero || At >= TimeSpan.FromDays(1) || At.Seconds != 0)
                throw new ArgumentException($"-At {At} must be a time of day in whole minutes, such as '05:30'.");
            bool window = Bound(nameof(StartHour)) || Bound(nameof(EndHour));
            switch (ParameterSetName)
            {
                case DailySet: return DataWorksCron.Daily(hour, minute);
                case HourlySet:
                    return window || Bound(nameof(EveryHours)) ? DataWorksCron.Hourly(Minute, StartHour, EndHour, EveryHours) : DataWorksCron.Hourly(Minute);
                case EveryMinutesSet:
                    return window ? DataWorksCron.EveryMinutes(EveryMinutes, StartHour, EndHour) : DataWorksCron.EveryMinutes(EveryMinutes);
                case WeeklySet: return DataWorksCron.Weekly(DayOfWeek, hour, minute);
                case MonthlySet:
                    if (LastDayOfMonth.IsPresent == (DayOfMonth != null && DayOfMonth.Length > 0))
                        throw new ArgumentException("With -Monthly give either -DayOfMonth (1 to 31) or -LastDayOfMonth.");
                    return LastDayOfMonth.IsPresent ? DataWorksCron.MonthlyOnLastDay(hour, minute) : DataWorksCron.Monthly(DayOfMonth, hour, minute);
                default:
                    throw new ArgumentException("Unknown schedule kind " + ParameterSetName + ".");
            }
        }

        private static string JsonText(object value)
        {
            object v = value is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : value;
            if (v is string s) return s;
            if (v is IDictionary || v is PSObject) v = new[] { value };
            return Internal.Json.FromPowerShell(v);
        }
    }
}
