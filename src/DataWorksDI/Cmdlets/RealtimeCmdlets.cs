using DataWorksDI.Services;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>The offline check of the real-time cmdlets: the task type they were given, defaulting to Realtime.</summary>
    internal static class RealtimeTaskTypes
    {
        /// <summary>
        /// The type to use, or null after writing the non-terminating error NotARealtimeTask for a batch task (or a solution
        /// where none is allowed): a per-item refusal, so the other tasks of a pipeline (Get-DIFile | Start-DISyncInstance
        /// over a folder holding both kinds) still run.
        /// </summary>
        public static DITaskType? Require(PSCmdlet cmdlet, DITaskType? given, long fileId, bool solutionsAllowed)
        {
            DITaskType type = given ?? DITaskType.Realtime;
            if (type == DITaskType.Batch || (!solutionsAllowed && type == DITaskType.Solution))
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.NotARealtimeTask,
                    $"{cmdlet.MyInvocation.MyCommand.Name} works on real-time tasks{(solutionsAllowed ? " and sync solutions" : string.Empty)}; file {fileId} was given as a {type.ToString().ToLowerInvariant()} task. Batch tasks run on their schedule once deployed.",
                    ErrorCategory.InvalidArgument, fileId));
                return null;
            }
            return type;
        }
    }

    /// <summary>Base of the real-time cmdlets that do not wait: -FileId and -TaskType bind from piped tasks.</summary>
    public abstract class SyncInstanceCmdlet : FileCmdlet
    {
        /// <summary>Realtime (default) or Solution.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
        public DITaskType? TaskType { get; set; }

        /// <summary>
        /// The whole of these cmdlets' ProcessRecord: checks the task type offline, asks ShouldProcess when
        /// <paramref name="action"/> names a change, makes one call of <see cref="SyncInstanceWorkflow"/> and writes its result.
        /// The call is given the workspace, the task type and whether -TaskType was given.
        /// </summary>
        internal void RunOnTask<T>(bool solutionsAllowed, string action, Func<SyncInstanceWorkflow, long, DITaskType, bool, CancellationToken, Task<T>> call)
        {
            if (!(RealtimeTaskTypes.Require(this, TaskType, FileId, solutionsAllowed) is DITaskType type)) return;
            long projectId = ResolveProjectId();
            if (action != null && !ShouldProcess($"real-time task {FileId} in workspace {projectId}", action)) return;
            var workflow = new SyncInstanceWorkflow(ResolveContext(), Log, PostProgress);
            bool typeGiven = TaskType.HasValue;
            if (TryRun(ct => call(workflow, projectId, type, typeGiven, ct), FileId, out T result)) WriteObject(result);
        }
    }

    /// <summary>Get-DISyncTask: a real-time task's configuration or a sync solution's details (GetDISyncTask).</summary>
    [Cmdlet(VerbsCommon.Get, "DISyncTask", HelpUri = HelpLinks.Pages + "Get-DISyncTask.md")]
    [OutputType(typeof(DISyncTaskConfig))]
    public sealed class GetDISyncTaskCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RunOnTask(solutionsAllowed: true, action: null, (workflow, projectId, type, typeGiven, ct) => workflow.GetConfigAsync(projectId, type, FileId, typeGiven, ct));
        }
    }

    /// <summary>Get-DISyncInstance: the run state of a real-time task's (or solution's) instance (GetDISyncInstanceInfo).</summary>
    [Cmdlet(VerbsCommon.Get, "DISyncInstance", HelpUri = HelpLinks.Pages + "Get-DISyncInstance.md")]
    [OutputType(typeof(DISyncInstance))]
    public sealed class GetDISyncInstanceCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RunOnTask(solutionsAllowed: true, action: null, (workflow, projectId, type, typeGiven, ct) => workflow.GetInstanceAsync(projectId, type, FileId, typeGiven, ct));
        }
    }

    /// <summary>
    /// Start-DISyncInstance: starts a deployed real-time task or solution with its failover, dirty-record and DDL options
    /// (Workflows.SyncInstanceWorkflow.StartAsync; -Wait until it runs).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "DISyncInstance", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Start-DISyncInstance.md")]
    [OutputType(typeof(DISyncInstance))]
    public sealed class StartDISyncInstanceCommand : WaitingFileCmdlet
    {
        /// <summary>Realtime (default) or Solution.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
        public DITaskType? TaskType { get; set; }

        /// <summary>Failover limit: how many failovers are tolerated…</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int FailoverLimitCount { get; set; }

        /// <summary>…within this many minutes.</summary>
        [Parameter]
        [ValidateRange(1, 1440)]
        public int FailoverLimitIntervalMinutes { get; set; }

        /// <summary>Dirty records tolerated before the task fails (errorLimit.record); 0 = none.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long DirtyRecordLimit { get; set; }

        [Parameter] public DIDdlAction OnAddColumn { get; set; }
        [Parameter] public DIDdlAction OnDropColumn { get; set; }
        [Parameter] public DIDdlAction OnRenameColumn { get; set; }
        [Parameter] public DIDdlAction OnModifyColumn { get; set; }
        [Parameter] public DIDdlAction OnCreateTable { get; set; }
        [Parameter] public DIDdlAction OnDropTable { get; set; }
        [Parameter] public DIDdlAction OnRenameTable { get; set; }
        [Parameter] public DIDdlAction OnTruncateTable { get; set; }

        /// <summary>Wait until the instance is running (RUN); -Timeout and -PollInterval say how long and how often.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private static readonly KeyValuePair<string, string>[] DdlEvents =
        {
            new KeyValuePair<string, string>(nameof(OnAddColumn), "ADDCOLUMN"),
            new KeyValuePair<string, string>(nameof(OnDropColumn), "DROPCOLUMN"),
            new KeyValuePair<string, string>(nameof(OnRenameColumn), "RENAMECOLUMN"),
            new KeyValuePair<string, string>(nameof(OnModifyColumn), "MODIFYCOLUMN"),
            new KeyValuePair<string, string>(nameof(OnCreateTable), "CREATETABLE"),
            new KeyValuePair<string, string>(nameof(OnDropTable), "DROPTABLE"),
            new KeyValuePair<string, string>(nameof(OnRenameTable), "RENAMETABLE"),
            new KeyValuePair<string, string>(nameof(OnTruncateTable), "TRUNCATETABLE"),
        };

        protected override void ProcessRecord()
        {
            if (!(RealtimeTaskTypes.Require(this, TaskType, FileId, solutionsAllowed: true) is DITaskType type)) return;
            long projectId = ResolveProjectId();
            var bound = MyInvocation.BoundParameters;
            var ddl = new Dictionary<string, DIDdlAction>();
            foreach (var e in DdlEvents)
                if (bound.ContainsKey(e.Key)) ddl[e.Value] = (DIDdlAction)bound[e.Key];
            if (type == DITaskType.Solution && (ddl.Count > 0 || bound.ContainsKey(nameof(FailoverLimitCount)) || bound.ContainsKey(nameof(FailoverLimitIntervalMinutes)) || bound.ContainsKey(nameof(DirtyRecordLimit))))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.StartParamForSolution,
                    "Failover, dirty-record and DDL options apply to real-time tasks only; DataWorks ignores StartParam for sync solutions.", ErrorCategory.InvalidArgument, FileId));
            }
            string startParam = RealtimeService.StartParam(
                bound.ContainsKey(nameof(FailoverLimitCount)) ? FailoverLimitCount : (int?)null,
                bound.ContainsKey(nameof(FailoverLimitIntervalMinutes)) ? FailoverLimitIntervalMinutes : (int?)null,
                bound.ContainsKey(nameof(DirtyRecordLimit)) ? DirtyRecordLimit : (long?)null, ddl);

            if (!ShouldProcess($"{type.ToString().ToLowerInvariant()} task {FileId} in workspace {projectId}", "Start (StartDISyncInstance)")) return;
            var workflow = new SyncInstanceWorkflow(ResolveContext(), Log, PostProgress);
            WaitOptions wait = Wait.IsPresent ? WaitOptions : null;
            bool typeGiven = TaskType.HasValue;
            if (TryRun(ct => workflow.StartAsync(projectId, type, FileId, startParam, wait, ct, typeGiven), FileId, out DISyncInstance instance)) WriteObject(instance);
        }
    }

    /// <summary>Stop-DISyncInstance: stops (pauses) a running real-time task; it stays deployed and can be started again.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "DISyncInstance", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Stop-DISyncInstance.md")]
    [OutputType(typeof(DISyncInstance))]
    public sealed class StopDISyncInstanceCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RunOnTask(solutionsAllowed: false, "Stop (StopDISyncInstance); it stays deployed",
                (workflow, projectId, _, typeGiven, ct) => workflow.StopAsync(projectId, FileId, ct, typeGiven));
        }
    }

    /// <summary>Unpublish-DISyncTask: takes a real-time task offline (TerminateDISyncInstance): it stops and is undeployed until published again.</summary>
    [Cmdlet(VerbsData.Unpublish, "DISyncTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Pages + "Unpublish-DISyncTask.md")]
    [OutputType(typeof(DISyncInstance))]
    public sealed class UnpublishDISyncTaskCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RunOnTask(solutionsAllowed: false, "Take offline (TerminateDISyncInstance): stop and undeploy",
                (workflow, projectId, _, typeGiven, ct) => workflow.TerminateAsync(projectId, FileId, ct, typeGiven));
        }
    }
}
