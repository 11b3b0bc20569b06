using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// What publishing did: a deploy package (batch; in basic mode the piped submit package, if any), or the deployed
    /// real-time task or solution. Both null in basic mode without a piped package.
    /// </summary>
    internal sealed class PublishResult
    {
        public DIDeployment Deployment { get; set; }

        public DISyncTask DeployedTask { get; set; }

        /// <summary>What the cmdlet writes; null when there is nothing to show.</summary>
        public object Output => (object)Deployment ?? DeployedTask;
    }

    /// <summary>
    /// Publish-DIFile: deploy a submitted file to production.
    /// - Real-time tasks and solutions: DeployDISyncTask (synchronous, no package).
    /// - Batch, basic-mode workspace: nothing is called — DataWorks documents DeployFile for standard mode only, and in a
    ///   basic workspace SubmitFile already deployed to production. A submit package piped in is passed on unchanged.
    /// - Batch, standard mode: DeployFile, and with a wait, until the package has finished.
    /// </summary>
    internal sealed class PublishWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="file">The file; its type and a package piped with it, when known.</param>
        /// <param name="wait">Null: return the pending package at once.</param>
        public async Task<PublishResult> PublishAsync(FileInput file, string comment, WaitOptions wait, CancellationToken ct)
        {
            long projectId = file.ProjectId, fileId = file.FileId;
            DITaskType? type = await TaskTypeOfAsync(file, ct).ConfigureAwait(false);
            var result = new PublishResult();
            if (type == DITaskType.Realtime || type == DITaskType.Solution)
            {
                await new RealtimeService(Context, Log).DeployAsync(projectId, type.Value, fileId, ct).ConfigureAwait(false);
                Log.Verbose($"DeployDISyncTask deployed {type.Value.ToString().ToLowerInvariant()} task {fileId}.");
                result.DeployedTask = new DISyncTask { ProjectId = projectId, FileId = fileId, TaskType = type.Value };
                return result;
            }

            DIWorkspaceMode mode = WentToDevelopment(file.Piped, fileId) ? DIWorkspaceMode.Standard
                : (await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false)).Mode;
            if (mode == DIWorkspaceMode.Basic)
            {
                Log.Verbose($"Workspace {projectId} is in basic mode: SubmitFile already deployed file {fileId} to production, so DeployFile is not called.");
                if (file.Piped != null && file.Piped.FileId == fileId) result.Deployment = file.Piped;
                return result;
            }

            DIDeployment deployment = await new FileService(Context, Log).DeployAsync(projectId, fileId, comment, ct).ConfigureAwait(false);
            Log.Verbose($"DeployFile created deployment {deployment.DeploymentId} for file {fileId}.");
            result.Deployment = wait == null ? deployment : await new DeploymentWaitWorkflow(Context, Log, Progress).WaitAsync(deployment, wait, ct).ConfigureAwait(false);
            return result;
        }

        /// <summary>
        /// A submit package of this file that went to the development environment (ToEnvironment 1) says the workspace has
        /// one, so it is in standard mode — a basic workspace has production only — and GetProject is not needed. Any other
        /// package (pending, so its environment is not known yet, or to production) says nothing for sure: what a basic
        /// workspace's packages show is not documented (docs/client.md, Calls per task).
        /// </summary>
        private static bool WentToDevelopment(DIDeployment piped, long fileId) =>
            piped != null && piped.FileId == fileId && piped.Kind == DIDeploymentKind.Submit && piped.ToEnvironment == DIEnvironment.Development;
    }
}
