using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// Waits for a deployment package (SubmitFile, DeployFile, DeleteFile) with a progress bar. Succeeded: returns the
    /// final state. Failed, rejected or failed its pre-deployment check: a DataWorksOperationException with the service's
    /// message — never a time-out. Not finished in time: a distinct time-out error that says how to wait again.
    /// </summary>
    internal sealed class DeploymentWaitWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        private readonly DeploymentService _deployments = new DeploymentService(context, log);

        public async Task<DIDeployment> WaitAsync(DIDeployment deployment, WaitOptions wait, CancellationToken ct)
        {
            string activity = $"Waiting for {(deployment.Kind == DIDeploymentKind.Unknown ? "deployment" : deployment.Kind.ToString().ToLowerInvariant() + " deployment")} {deployment.DeploymentId}" +
                              (deployment.FileId != 0 ? $" of file {deployment.FileId}" : string.Empty);
            // The first poll comes when packages like this one have been taking to finish (DeploymentDurations), never
            // earlier than -PollInterval: each poll is a paced call counted against the daily budget.
            TimeSpan firstPoll = DeploymentDurations.FirstPoll(wait.PollInterval, Context.Endpoint, deployment.ProjectId, deployment.Kind);
            using (ProgressActivity bar = StartActivity(activity))
            {
                var result = await Poller.PollAsync(async token =>
                {
                    DIDeployment read = await _deployments.GetAsync(deployment.ProjectId, deployment.DeploymentId, deployment.FileId, token).ConfigureAwait(false);
                    read.Kind = deployment.Kind;
                    return read;
                }, d => d.IsTerminal, wait.Timeout, firstPoll,
                (d, elapsed) => bar.ReportWait(Describe(d) + (d.Check == DIDeploymentCheck.Checking ? " (being checked)" : string.Empty), elapsed, wait.Timeout), ct).ConfigureAwait(false);

                DIDeployment current = result.Last ?? deployment;
                if (!result.Done) throw TimedOut(current, wait.Timeout, result.Polls);
                DeploymentDurations.Record(Context.Endpoint, current);
                Log.Verbose($"Deployment {current.DeploymentId} is {Describe(current)} after {result.Polls} poll(s) in {result.Elapsed.TotalSeconds:0.#} s.");
                bar.Complete(Describe(current));
                if (current.IsSucceeded) return current;
                throw Failed(current);
            }
        }

        internal static string Describe(DIDeployment d) =>
            d.Check == DIDeploymentCheck.CheckFailed ? "failed its pre-deployment check" : d.Status.ToString().ToLowerInvariant();

        internal static DataWorksOperationException Failed(DIDeployment d)
        {
            string reason = string.IsNullOrWhiteSpace(d.ErrorMessage) ? "the service gave no reason" : d.ErrorMessage.Trim();
            string what = d.Kind == DIDeploymentKind.Unknown ? "Deployment" : d.Kind + " deployment";
            string errorId;
            string text;
            if (d.Check == DIDeploymentCheck.CheckFailed)
            {
                errorId = ErrorIds.DeploymentCheckFailed;
                text = $"{what} {d.DeploymentId} of file {d.FileId} failed the pre-deployment check: {reason}. Fix what the check reports and submit again (SubmitFile's -SkipDeploymentChecks bypasses check extensions).";
            }
            else if (d.Status == DIDeploymentStatus.Rejected)
            {
                errorId = ErrorIds.DeploymentRejected;
                text = $"{what} {d.DeploymentId} of file {d.FileId} was rejected: {reason}.";
            }
            else
            {
                errorId = ErrorIds.DeploymentFailed;
                text = $"{what} {d.DeploymentId} of file {d.FileId} failed: {reason}.";
            }
            if (!string.IsNullOrEmpty(d.RequestId)) text += $" [RequestId: {d.RequestId}]";
            return new DataWorksOperationException(errorId, text, ErrorCategory.InvalidResult) { Target = d };
        }

        private static DataWorksOperationException TimedOut(DIDeployment d, TimeSpan timeout, int polls) =>
            new DataWorksOperationException(ErrorIds.DeploymentWaitTimeout,
                $"Deployment {d.DeploymentId} of file {d.FileId} was still {(d.Check == DIDeploymentCheck.Checking ? "being checked" : "pending")} when the {timeout.TotalSeconds:0.#} s timeout expired ({polls} poll(s)). It may still finish: wait again with Wait-DIDeployment -DeploymentId {d.DeploymentId}, or raise -Timeout.",
                ErrorCategory.OperationTimeout) { Target = d };
    }
}
