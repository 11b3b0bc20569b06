using System;
using System.Management.Automation;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Base of cmdlets that wait for DataWorks to finish something (a deployment package, a generated real-time config): -Timeout, -PollInterval and the progress bar.</summary>
    public abstract class WaitingCmdlet : WorkspaceCmdlet
    {
        private static int _nextActivityId = 1;

        /// <summary>How long to wait before giving up (default 10 minutes). A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        [ValidatePositiveTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The first polling interval (default 2 s); it grows by half each poll, up to 30 s, because polls count against the quota. A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        [ValidatePositiveTimeSpan]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Whether a file is a batch or real-time task: from -TaskType or the piped object when bound (a piped deployment
        /// is always a batch file's), else from GetFile. Null after a non-terminating error.
        /// </summary>
        internal DITaskType? ResolveTaskType(DITaskType? bound, object pipedObject, FileService files, long projectId, long fileId, out bool failed)
        {
            failed = false;
            if (bound.HasValue) return bound;
            object baseObject = pipedObject is PSObject p ? p.BaseObject : pipedObject;
            if (baseObject is DIDeployment) return DITaskType.Batch;
            if (TryRun(ct => files.GetTaskTypeAsync(projectId, fileId, ct), fileId, out DITaskType? detected)) return detected;
            failed = true;
            return null;
        }

        /// <summary>
        /// Waits for <paramref name="deployment"/> with a progress bar. Returns the succeeded package, or null after
        /// writing a non-terminating error (failed, rejected, failed check, time-out or service error).
        /// </summary>
        internal DIDeployment WaitForDeployment(DIDeployment deployment, DeploymentService service)
        {
            int activityId = System.Threading.Interlocked.Increment(ref _nextActivityId);
            string activity = $"Waiting for {(deployment.Kind == DIDeploymentKind.Unknown ? "deployment" : deployment.Kind.ToString().ToLowerInvariant() + " deployment")} {deployment.DeploymentId}" +
                              (deployment.FileId != 0 ? $" of file {deployment.FileId}" : string.Empty);
            TimeSpan timeout = Timeout;
            bool ok = TryRun(ct => service.WaitAsync(deployment, timeout, PollInterval, (d, elapsed) =>
            {
                var record = new ProgressRecord(activityId, activity,
                    $"{DeploymentService.Describe(d)}{(d.Check == DIDeploymentCheck.Checking ? " (being checked)" : string.Empty)}, {elapsed.TotalSeconds:0} s of {timeout.TotalSeconds:0} s")
                {
                    PercentComplete = (int)Math.Min(99, 100 * elapsed.TotalMilliseconds / timeout.TotalMilliseconds),
                };
                PostProgress(record);
            }, ct), deployment, out DIDeployment final);
            WriteProgress(new ProgressRecord(activityId, activity, "done") { RecordType = ProgressRecordType.Completed });
            return ok ? final : null;
        }
    }
}
