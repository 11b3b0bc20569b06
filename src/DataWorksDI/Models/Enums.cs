namespace DataWorksDI.Models
{
    // PowerShell-style names. Internal.WireEnum is the one mapping to the wire: a text enum travels as the UPPER_SNAKE form
    // of each name unless the member says otherwise with [WireName]; a numeric enum's values are the wire's codes.
    // Parameters accept either spelling (EnumSpellingTransformationAttribute): `-CycleType NOT_DAY` and `-CycleType NotDay`.

    /// <summary>CycleType: Day for day/week/month schedules, NotDay for minute/hour schedules.</summary>
    public enum DICycleType { Day, NotDay }

    /// <summary>RerunMode: whether an instance may be rerun after success or failure.</summary>
    public enum DIRerunMode
    {
        /// <summary>ALL_ALLOWED; the UpdateFile documentation spells it ALL_ALLOWD, which is read as this member too.</summary>
        [WireName("ALL_ALLOWED", "ALL_ALLOWD")] AllAllowed,
        FailureAllowed,
        AllDenied,
    }

    /// <summary>DependentType: cross-cycle dependency.</summary>
    public enum DIDependentType { None, Self, Child, UserDefine }

    /// <summary>SchedulerType: how the node is scheduled.</summary>
    public enum DISchedulerType { Normal, Manual, Pause, Skip }

    /// <summary>The kind of DataWorks environment a deployment package moves between.</summary>
    public enum DIEnvironment { Local = 0, Development = 1, Production = 2 }

    /// <summary>GetDeployment Status. Every value except Pending is terminal.</summary>
    public enum DIDeploymentStatus { Pending = 0, Succeeded = 1, Failed = 2, Rejected = 6 }

    /// <summary>GetDeployment CheckingStatus: the pre-deployment check.</summary>
    public enum DIDeploymentCheck { None = 0, CheckFailed = 7, Checking = 8 }

    /// <summary>What a deployment package does, when the module created it.</summary>
    public enum DIDeploymentKind { Unknown, Submit, Deploy, Delete }

    /// <summary>Data Integration task kinds (TaskType of the DI operations).</summary>
    public enum DITaskType
    {
        [WireName("DI_OFFLINE")] Batch,
        [WireName("DI_REALTIME")] Realtime,
        [WireName("DI_SOLUTION")] Solution,
    }

    /// <summary>Workspace mode (GetProject ProjectMode): basic = one production environment; standard = development + production.</summary>
    public enum DIWorkspaceMode
    {
        Unknown = 0,
        Basic = 2,
        Standard = 3,
    }

    /// <summary>File (node) type codes (ListFiles FileTypes, GetFile FileType), ../shared/spec/dataworks-api.md §3.1.</summary>
    public enum DIFileType
    {
        DataX = 4,
        Shell = 6,
        OdpsSql = 10,
        OdpsMR = 11,
        DataX2 = 20,
        Cdp = 22,
        BatchSync = 23,
        OdpsScript = 24,
        Pai = 97,
        NodeGroup = 98,
        Virtual = 99,
        TTMerge = 200,
        PyOdps2 = 221,
        DDMerge = 222,
        OdpsSpark = 225,
        EmrHive = 227,
        EmrSpark = 228,
        EmrSparkSql = 229,
        EmrMR = 230,
        OssInspection = 239,
        EmrShell = 257,
        EmrSparkShell = 258,
        EmrPresto = 259,
        EmrImpala = 260,
        RealtimeSync = 900,
        PaiInner = 1002,
        CrossTenant = 1089,
        HologresDevelopment = 1091,
        HologresSync = 1092,
        HologresSql = 1093,
        HologresSyncDdl = 1094,
        HologresSyncData = 1095,
        Assignment = 1100,
        ForEach = 1106,
        PyOdps3 = 1221,
    }
}
