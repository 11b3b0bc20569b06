using System;
using System.Management.Automation;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Base of cmdlets that can wait for a deployment package: -Timeout, -PollInterval and the progress bar.</summary>
    public abstract class DeploymentWaitingCmdlet : WorkspaceCmdlet
    {
        private static int _nextActivityId = 1;

        /// <summary>How long to wait for a package before giving up (default 10 minutes). A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The first polling interval (default 2 s); it grows by half each poll, up to 30 s, because polls count against the quota. A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Waits for <paramref name="deployment"/> with a progress bar. Returns the succeeded package, or null after
        /// writing a non-terminating error (failed, rejected, failed check, time-out or service error).
        /// </summary>
        internal DIDeployment WaitForDeployment(DIDeployment deployment, DeploymentService service)
        {
            if (Timeout <= TimeSpan.Zero)
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.InvalidTimeout", "-Timeout must be greater than zero.", ErrorCategory.InvalidArgument, Timeout));
            int activityId = System.Threading.Interlocked.Increment(ref _nextActivityId);
            string activity = $"Waiting for {(deployment.Kind == DIDeploymentKind.Unknown ? "deployment" : deployment.Kind.ToString().ToLowerInvariant() + " deployment")} {deployment.DeploymentId}" +
                              (deployment.FileId != 0 ? $" of file {deployment.FileId}" : string.Empty);
            TimeSpan timeout = Timeout;
            bool ok = TryRun(ct => service.WaitAsync(deployment, timeout, PollInterval, (d, elapsed, interval) =>
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
