using System.Collections.Generic;
using System.Management.Automation;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Base of the real-time instance cmdlets: -FileId and -TaskType bind from piped tasks.</summary>
    public abstract class SyncInstanceCmdlet : WorkspaceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        /// <summary>Realtime (default) or Solution.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DITaskType? TaskType { get; set; }

        internal DITaskType RealtimeType(bool solutionsAllowed)
        {
            DITaskType type = TaskType ?? DITaskType.Realtime;
            if (type == DITaskType.Batch || (!solutionsAllowed && type == DITaskType.Solution))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NotARealtimeTask,
                    $"{MyInvocation.MyCommand.Name} works on real-time tasks{(solutionsAllowed ? " and sync solutions" : string.Empty)}; file {FileId} was given as a {type.ToString().ToLowerInvariant()} task. Batch tasks run on their schedule once deployed.",
                    ErrorCategory.InvalidArgument, FileId));
            }
            return type;
        }

        /// <summary>Reads the instance state, or null after a non-terminating error.</summary>
        internal DISyncInstance ReadInstance(RealtimeService service, long projectId, DITaskType type) =>
            TryRun(ct => service.GetInstanceAsync(projectId, type, FileId, ct), FileId, out DISyncInstance i) ? i : null;
    }

    /// <summary>
    /// <para type="synopsis">Gets a real-time task's configuration or a sync solution's details (GetDISyncTask).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DISyncTask")]
    [OutputType(typeof(DISyncTaskConfig))]
    public sealed class GetDISyncTaskCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            DITaskType type = RealtimeType(solutionsAllowed: true);
            long projectId = ResolveProjectId();
            var service = new RealtimeService(ResolveContext(), Log);
            if (TryRun(ct => service.GetConfigAsync(projectId, type, FileId, ct), FileId, out DISyncTaskConfig config)) WriteObject(config);
        }
    }

    /// <summary>
    /// <para type="synopsis">Gets the run state of a real-time task's (or solution's) instance (GetDISyncInstanceInfo).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DISyncInstance")]
    [OutputType(typeof(DISyncInstance))]
    public sealed class GetDISyncInstanceCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            DITaskType type = RealtimeType(solutionsAllowed: true);
            long projectId = ResolveProjectId();
            DISyncInstance instance = ReadInstance(new RealtimeService(ResolveContext(), Log), projectId, type);
            if (instance != null) WriteObject(instance);
        }
    }

    /// <summary>
    /// <para type="synopsis">Starts a deployed real-time task or solution (StartDISyncInstance), with its failover, dirty-record and DDL options.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "DISyncInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(DISyncInstance))]
    public sealed class StartDISyncInstanceCommand : SyncInstanceCmdlet
    {
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

        /// <summary>Wait until the instance is running (RUN).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: how long to wait for RUN (default 10 minutes). A number means seconds.</summary>
        [Parameter]
        [Internal.TimeSpanTransformation("Seconds")]
        [Internal.ValidatePositiveTimeSpan]
        public System.TimeSpan Timeout { get; set; } = System.TimeSpan.FromMinutes(10);

        /// <summary>With -Wait: the first polling interval (default 2 s), growing by half each poll up to 30 s. A number means seconds.</summary>
        [Parameter]
        [Internal.TimeSpanTransformation("Seconds")]
        [Internal.ValidatePositiveTimeSpan]
        public System.TimeSpan PollInterval { get; set; } = System.TimeSpan.FromSeconds(2);

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
            DITaskType type = RealtimeType(solutionsAllowed: true);
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
            var service = new RealtimeService(ResolveContext(), Log);
            if (!TryRun(async ct => { await service.StartAsync(projectId, type, FileId, startParam, ct).ConfigureAwait(false); return true; }, FileId, out bool _)) return;
            if (!Wait.IsPresent)
            {
                DISyncInstance now = ReadInstance(service, projectId, type);
                if (now != null) WriteObject(now);
                return;
            }
            var timeout = Timeout;
            if (TryRun(async ct =>
            {
                // Only RUN ends the wait: an instance may still read NoRun or Pause for a moment after the start call.
                var result = await Internal.Poller.PollAsync(t => service.GetInstanceAsync(projectId, type, FileId, t),
                    i => i.Status == DIInstanceStatus.Run, timeout, PollInterval,
                    (i, elapsed) => PostProgress(new ProgressRecord(1, $"Starting task {FileId}", $"{i.Status}, {elapsed.TotalSeconds:0} s")), ct).ConfigureAwait(false);
                if (!result.Done)
                    throw new DataWorksOperationException(ErrorIds.SyncInstanceStartTimeout,
                        $"Task {FileId} was not running when the {timeout.TotalSeconds:0.#} s timeout expired (last state {result.Last?.Status}{(string.IsNullOrEmpty(result.Last?.Message) ? string.Empty : ": " + result.Last.Message)}).",
                        ErrorCategory.OperationTimeout);
                return result.Last;
            }, FileId, out DISyncInstance running)) WriteObject(running);
        }
    }

    /// <summary>
    /// <para type="synopsis">Stops (pauses) a running real-time task (StopDISyncInstance); it stays deployed and can be started again.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "DISyncInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(DISyncInstance))]
    public sealed class StopDISyncInstanceCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RealtimeType(solutionsAllowed: false);
            long projectId = ResolveProjectId();
            if (!ShouldProcess($"real-time task {FileId} in workspace {projectId}", "Stop (StopDISyncInstance); it stays deployed")) return;
            var service = new RealtimeService(ResolveContext(), Log);
            if (!TryRun(async ct => { await service.StopAsync(projectId, FileId, ct).ConfigureAwait(false); return true; }, FileId, out bool _)) return;
            DISyncInstance instance = ReadInstance(service, projectId, DITaskType.Realtime);
            if (instance != null) WriteObject(instance);
        }
    }

    /// <summary>
    /// <para type="synopsis">Takes a real-time task offline (TerminateDISyncInstance): it stops and is undeployed until published again.</para>
    /// </summary>
    [Cmdlet(VerbsData.Unpublish, "DISyncTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DISyncInstance))]
    public sealed class UnpublishDISyncTaskCommand : SyncInstanceCmdlet
    {
        protected override void ProcessRecord()
        {
            RealtimeType(solutionsAllowed: false);
            long projectId = ResolveProjectId();
            if (!ShouldProcess($"real-time task {FileId} in workspace {projectId}", "Take offline (TerminateDISyncInstance): stop and undeploy")) return;
            var service = new RealtimeService(ResolveContext(), Log);
            if (!TryRun(async ct => { await service.TerminateAsync(projectId, FileId, ct).ConfigureAwait(false); return true; }, FileId, out bool _)) return;
            DISyncInstance instance = ReadInstance(service, projectId, DITaskType.Realtime);
            if (instance != null) WriteObject(instance);
        }
    }
}
