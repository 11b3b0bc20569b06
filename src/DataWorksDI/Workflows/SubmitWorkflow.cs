using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// Submit-DIFile: SubmitFile (commit), and with a wait, until the package has finished. A submit whose answer was lost
    /// is checked with reads (is the content committed, and which package holds it) and sent again only when it did not
    /// take effect; a spent budget stops it with an error that names the package to wait for (WorkflowState).
    /// </summary>
    internal sealed class SubmitWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="wait">Null: return the pending package at once.</param>
        public Task<DIDeployment> SubmitAsync(long projectId, long fileId, string comment, bool skipDeploymentChecks, WaitOptions wait, CancellationToken ct)
        {
            string again = $"Submit-DIFile -ProjectId {projectId} -FileId {fileId}{(wait != null ? " -Wait" : string.Empty)}";
            var state = new WorkflowState($"file {fileId} in workspace {projectId}", again);
            return GuardAsync(state, async () =>
            {
                var checks = new WriteChecks(Context, Log);
                DIDeployment deployment = await WriteAsync(state, "SubmitFile", again,
                    t => new FileService(Context, Log).SubmitAsync(projectId, fileId, comment, skipDeploymentChecks, t),
                    t => checks.SubmittedAsync(projectId, fileId, t), ct).ConfigureAwait(false);
                Log.Verbose($"SubmitFile created deployment {deployment.DeploymentId} for file {fileId}.");
                if (wait == null)
                {
                    state.Record($"submitted as deployment {deployment.DeploymentId}", null);
                    return deployment;
                }
                state.Record($"submitted as deployment {deployment.DeploymentId}, which had not finished",
                    $"Wait-DIDeployment -ProjectId {projectId} -DeploymentId {deployment.DeploymentId}");
                return await new DeploymentWaitWorkflow(Context, Log, Progress).WaitAsync(deployment, wait, ct, justCreated: true).ConfigureAwait(false);
            });
        }
    }
}
