namespace DataWorksDI.Models
{
    /// <summary>The run state of a real-time task's instance (GetDISyncInstanceInfo).</summary>
    public enum DIInstanceStatus { Unknown, NoRun, Wait, Run, Pause, Killing }

    /// <summary>DDL handling for one kind of event in a real-time task (StartParam ddlMarkMap).</summary>
    public enum DIDdlAction { Normal, Ignore, Warning, Critical }

    /// <summary>A real-time task's (or solution's) instance state.</summary>
    public sealed class DISyncInstance
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public DITaskType TaskType { get; set; }
        public string Name { get; set; }
        public DIInstanceStatus Status { get; set; }

        /// <summary>The status as the service wrote it (solutions report success/fail and a SolutionInfo).</summary>
        public string RawStatus { get; set; }

        public string Message { get; set; }

        /// <summary>Solutions only: SolutionInfo as JSON text.</summary>
        public string SolutionInfo { get; set; }

        public string RequestId { get; set; }

        public override string ToString() => $"{FileId} {Status}";
    }

    /// <summary>A real-time task's configuration or a solution's details (GetDISyncTask).</summary>
    public sealed class DISyncTaskConfig
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public DITaskType TaskType { get; set; }

        /// <summary>Real-time tasks: the configuration JSON (Data.Code).</summary>
        public string Code { get; set; }

        /// <summary>Solutions: SolutionDetail as JSON text.</summary>
        public string SolutionDetail { get; set; }

        /// <summary>The reader's tables, read from the configuration.</summary>
        public string[] Tables { get; set; } = new string[0];

        public string RequestId { get; set; }

        public override string ToString() => $"{FileId} ({TaskType})";
    }
}
