using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// Start-, Stop-DISyncInstance and Unpublish-DISyncTask: act on a real-time task's (or solution's) instance, then read
    /// its state (GetDISyncInstanceInfo), so the result shows what the action did. Starting can wait until the instance
    /// runs.
    /// </summary>
    internal sealed class SyncInstanceWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        private readonly RealtimeService _realtime = new RealtimeService(context, log);
        private readonly WorkspaceChecks _checks = new WorkspaceChecks(context, log);

        /// <summary>
        /// A task given without its type (-TaskType or a piped object's) is checked against the workspace catalogue's file
        /// list first: a batch sync task is refused before anything is sent, naming the closest real-time tasks.
        /// </summary>
        private Task CheckRealtimeAsync(long projectId, long fileId, bool typeGiven, string cmdlet, CancellationToken ct) =>
            typeGiven ? Task.CompletedTask : _checks.CheckRealtimeFileAsync(projectId, fileId, cmdlet, ct);

        /// <summary>Get-DISyncTask: the configuration of a real-time task or the details of a solution (GetDISyncTask).</summary>
        public async Task<DISyncTaskConfig> GetConfigAsync(long projectId, DITaskType type, long fileId, bool typeGiven, CancellationToken ct)
        {
            await CheckRealtimeAsync(projectId, fileId, typeGiven, "Get-DISyncTask", ct).ConfigureAwait(false);
            return await _realtime.GetConfigAsync(projectId, type, fileId, ct).ConfigureAwait(false);
        }

        /// <summary>Get-DISyncInstance: the run state (GetDISyncInstanceInfo).</summary>
        public async Task<DISyncInstance> GetInstanceAsync(long projectId, DITaskType type, long fileId, bool typeGiven, CancellationToken ct)
        {
            await CheckRealtimeAsync(projectId, fileId, typeGiven, "Get-DISyncInstance", ct).ConfigureAwait(false);
            return await _realtime.GetInstanceAsync(projectId, type, fileId, ct).ConfigureAwait(false);
        }

        /// <summary>StartDISyncInstance; with <paramref name="wait"/>, until the state is RUN (else the state right after the start).</summary>
        public async Task<DISyncInstance> StartAsync(long projectId, DITaskType type, long fileId, string startParam, WaitOptions wait, CancellationToken ct, bool typeGiven = true)
        {
            await CheckRealtimeAsync(projectId, fileId, typeGiven, "Start-DISyncInstance", ct).ConfigureAwait(false);
            await _realtime.StartAsync(projectId, type, fileId, startParam, ct).ConfigureAwait(false);
            if (wait == null) return await _realtime.GetInstanceAsync(projectId, type, fileId, ct).ConfigureAwait(false);
            using (ProgressActivity bar = StartActivity($"Starting task {fileId}"))
            {
                // Only RUN ends the wait: an instance may still read NoRun or Pause for a moment after the start call.
                var result = await PollAsync($"Task {fileId}", t => _realtime.GetInstanceAsync(projectId, type, fileId, t), i => i.Status == DIInstanceStatus.Run,
                    wait, (i, elapsed) => bar.ReportWait(i.Status.ToString(), elapsed, wait.Timeout), ct).ConfigureAwait(false);
                if (!result.Done)
                {
                    throw new DataWorksOperationException(ErrorIds.SyncInstanceStartTimeout,
                        $"Task {fileId} was not running when the {wait.Timeout.TotalSeconds:0.#} s timeout expired (last state {result.Last?.Status}{(string.IsNullOrEmpty(result.Last?.Message) ? string.Empty : ": " + result.Last.Message)}).",
                        ErrorCategory.OperationTimeout);
                }
                bar.Complete("running");
                return result.Last;
            }
        }

        /// <summary>StopDISyncInstance (pause; the task stays deployed), then the state.</summary>
        public async Task<DISyncInstance> StopAsync(long projectId, long fileId, CancellationToken ct, bool typeGiven = true)
        {
            await CheckRealtimeAsync(projectId, fileId, typeGiven, "Stop-DISyncInstance", ct).ConfigureAwait(false);
            await _realtime.StopAsync(projectId, fileId, ct).ConfigureAwait(false);
            return await _realtime.GetInstanceAsync(projectId, DITaskType.Realtime, fileId, ct).ConfigureAwait(false);
        }

        /// <summary>TerminateDISyncInstance (stop and undeploy), then the state.</summary>
        public async Task<DISyncInstance> TerminateAsync(long projectId, long fileId, CancellationToken ct, bool typeGiven = true)
        {
            await CheckRealtimeAsync(projectId, fileId, typeGiven, "Unpublish-DISyncTask", ct).ConfigureAwait(false);
            await _realtime.TerminateAsync(projectId, fileId, ct).ConfigureAwait(false);
            return await _realtime.GetInstanceAsync(projectId, DITaskType.Realtime, fileId, ct).ConfigureAwait(false);
        }
    }
}
