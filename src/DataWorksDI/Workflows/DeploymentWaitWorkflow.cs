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

        /// <param name="justCreated">
        /// The package was made by the call just before (SubmitFile, DeployFile, DeleteFile): it cannot have finished yet, so
        /// the first read waits for the poll interval, or for as long as packages like it have been taking to finish when
        /// that is longer (DeploymentDurations) — each poll is a paced call counted against the daily budget. Otherwise
        /// (a package named by id, resumed) the first read is made at once: a finished package costs one read and no sleep.
        /// </param>
        public async Task<DIDeployment> WaitAsync(DIDeployment deployment, WaitOptions wait, CancellationToken ct, bool justCreated = false)
        {
            string activity = $"Waiting for {(deployment.Kind == DIDeploymentKind.Unknown ? "deployment" : deployment.Kind.ToString().ToLowerInvariant() + " deployment")} {deployment.DeploymentId}" +
                              (deployment.FileId != 0 ? $" of file {deployment.FileId}" : string.Empty);
            string resume = ResumeCommand(deployment);
            Log.Verbose($"{activity}, at most {wait.Timeout.TotalSeconds:0.#} s; if this wait is stopped, {resume} takes it up again.");
            TimeSpan firstRead = justCreated ? DeploymentDurations.FirstPoll(wait.PollInterval, Context.Endpoint, deployment.ProjectId, deployment.Kind) : TimeSpan.Zero;
            using (ProgressActivity bar = StartActivity(activity))
            {
                Poller.Result<DIDeployment> result;
                try
                {
                    result = await PollAsync($"Deployment {deployment.DeploymentId}", async token =>
                    {
                        DIDeployment read = await _deployments.GetAsync(deployment.ProjectId, deployment.DeploymentId, deployment.FileId, token).ConfigureAwait(false);
                        if (deployment.Kind != DIDeploymentKind.Unknown) read.Kind = deployment.Kind; // else what the context knows (GetAsync)
                        return read;
                    }, d => d.IsTerminal, wait,
                    (d, elapsed) => bar.ReportWait(Describe(d) + (d.Check == DIDeploymentCheck.Checking ? " (being checked)" : string.Empty) + $"; Ctrl+C stops waiting, {resume} resumes", elapsed, wait.Timeout), ct, firstRead).ConfigureAwait(false);
                }
                catch (DataWorksServiceException ex)
                {
                    // A failure that ends the wait (a spent call budget, a refused read) says which package is still open and how to wait again.
                    throw ex.WithNote($"Stopped waiting for deployment {deployment.DeploymentId}{(deployment.FileId != 0 ? " of file " + deployment.FileId : string.Empty)}, whose outcome is not known yet; it may still finish: once the cause is fixed, wait again with {resume}.", null);
                }

                DIDeployment current = result.Last ?? deployment;
                if (!result.Done) throw TimedOut(current, wait.Timeout, result);
                DeploymentDurations.Record(Context.Endpoint, current);
                Log.Verbose($"Deployment {current.DeploymentId} is {Describe(current)} after {result.Polls} poll(s) ({result.FailedPolls} failed and read again) in {result.Elapsed.TotalSeconds:0.#} s.");
                bar.Complete(Describe(current));
                if (current.IsSucceeded) return current;
                throw Failed(current);
            }
        }

        /// <summary>The command that waits for the package again.</summary>
        internal static string ResumeCommand(DIDeployment d) =>
            $"Wait-DIDeployment -DeploymentId {d.DeploymentId}" + (d.ProjectId > 0 ? $" -ProjectId {d.ProjectId}" : string.Empty);

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

        private static DataWorksOperationException TimedOut(DIDeployment d, TimeSpan timeout, Poller.Result<DIDeployment> result)
        {
            string state = result.Last == null ? "not read successfully" : "still " + (d.Check == DIDeploymentCheck.Checking ? "being checked" : "pending");
            string failures = result.LastFailure == null ? string.Empty
                : $" The last status read failed ({result.FailedPolls} of {result.Polls} failed and were read again): {result.LastFailure.Message}.";
            return new DataWorksOperationException(ErrorIds.DeploymentWaitTimeout,
                $"Deployment {d.DeploymentId} of file {d.FileId} was {state} when the {timeout.TotalSeconds:0.#} s timeout expired ({result.Polls} poll(s)).{failures} It may still finish: wait again with {ResumeCommand(d)}, or raise -Timeout.",
                ErrorCategory.OperationTimeout) { Target = d };
        }
    }
}
