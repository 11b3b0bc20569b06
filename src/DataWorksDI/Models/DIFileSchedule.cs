namespace DataWorksDI.Models
{
    /// <summary>
    /// A file's scheduling properties (GetFile NodeConfiguration), in PowerShell types. Carries its file's ProjectId and
    /// FileId, so it pipes into Set-DIFileSchedule on its own (as -Schedule) and is applied there field by field.
    /// </summary>
    public sealed class DIFileSchedule
    {
        /// <summary>The workspace of the file this schedule belongs to (binds Set-DIFileSchedule's -ProjectId).</summary>
        public long ProjectId { get; set; }

        /// <summary>The file this schedule belongs to (binds Set-DIFileSchedule's -FileId).</summary>
        public long FileId { get; set; }

        public string Cron { get; set; }
        public DICycleType? CycleType { get; set; }
        public DIRerunMode? RerunMode { get; set; }
        public int? AutoRerunTimes { get; set; }
        public TimeSpan? AutoRerunInterval { get; set; }
        public DIDependentType? DependentType { get; set; }
        public long[] DependentNodeId { get; set; } = new long[0];
        public string[] InputList { get; set; } = new string[0];
        public string[] OutputList { get; set; } = new string[0];
        public string ParaValue { get; set; }
        public DISchedulerType? SchedulerType { get; set; }
        public bool? Stop { get; set; }
        public DateTime? StartEffectDate { get; set; }
        public DateTime? EndEffectDate { get; set; }

        /// <summary>The scheduling resource group's numeric id (GetFile returns the id, UpdateFile takes the identifier).</summary>
        public long? ResourceGroupId { get; set; }

        public bool? ApplyScheduleImmediately { get; set; }
        public bool? IgnoreParentSkipRunningProperty { get; set; }

        /// <summary>InputParameters / OutputParameters as the JSON text the service returned.</summary>
        public string InputParameters { get; set; }
        public string OutputParameters { get; set; }

        /// <summary>
        /// The schedule as compact JSON (enum names, "hh:mm:ss", ISO 8601 dates): the form Export-Csv writes in a file's
        /// Schedule column, which Set-DIFileSchedule -Schedule reads back.
        /// </summary>
        public override string ToString() => ObjectForms.ToJson(this);
    }
}
