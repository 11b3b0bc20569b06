using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>Submit-DIFile: SubmitFile (commit), and with a wait, until the package has finished.</summary>
    internal sealed class SubmitWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="wait">Null: return the pending package at once.</param>
        public async Task<DIDeployment> SubmitAsync(long projectId, long fileId, string comment, bool skipDeploymentChecks, WaitOptions wait, CancellationToken ct)
        {
            DIDeployment deployment = await new FileService(Context, Log).SubmitAsync(projectId, fileId, comment, skipDeploymentChecks, ct).ConfigureAwait(false);
            Log.Verbose($"SubmitFile created deployment {deployment.DeploymentId} for file {fileId}.");
            if (wait == null) return deployment;
            return await new DeploymentWaitWorkflow(Context, Log, Progress).WaitAsync(deployment, wait, ct).ConfigureAwait(false);
        }
    }
}
