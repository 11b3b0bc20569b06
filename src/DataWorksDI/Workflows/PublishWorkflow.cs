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
        /// <remarks>
        /// A deploy whose answer was lost is checked with reads (a production package of the file's version since the
        /// call, or that version in production) and sent again only when it did not take effect; a spent budget stops it
        /// with an error that names what is left (WorkflowState).
        /// </remarks>
        public Task<PublishResult> PublishAsync(FileInput file, string comment, WaitOptions wait, CancellationToken ct)
        {
            long projectId = file.ProjectId, fileId = file.FileId;
            string again = $"Publish-DIFile -ProjectId {projectId} -FileId {fileId}{(wait != null ? " -Wait" : string.Empty)}";
            var state = new WorkflowState($"file {fileId} in workspace {projectId}", again);
            return GuardAsync(state, async () =>
            {
                DITaskType? type = await TaskTypeOfAsync(file, ct).ConfigureAwait(false);
                var result = new PublishResult();
                var checks = new WriteChecks(Context, Log);
                if (type == DITaskType.Realtime || type == DITaskType.Solution)
                {
                    await WriteAsync(state, "DeployDISyncTask", again,
                        async t =>
                        {
                            await new RealtimeService(Context, Log).DeployAsync(projectId, type.Value, fileId, t).ConfigureAwait(false);
                            return true;
                        },
                        t => checks.RealtimeDeployedAsync(projectId, fileId, t), ct).ConfigureAwait(false);
                    Log.Verbose($"DeployDISyncTask deployed {type.Value.ToString().ToLowerInvariant()} task {fileId}.");
                    state.Record("deployed", null);
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

                DateTime calledAt = DateTime.UtcNow;
                DIDeployment deployment = await WriteAsync(state, "DeployFile", again,
                    t => new FileService(Context, Log).DeployAsync(projectId, fileId, comment, t),
                    t => checks.DeployedAsync(projectId, fileId, calledAt, DIDeploymentKind.Deploy, t), ct).ConfigureAwait(false);
                Log.Verbose($"DeployFile created deployment {deployment.DeploymentId} for file {fileId}.");
                if (wait == null)
                {
                    state.Record($"deployed as deployment {deployment.DeploymentId}", null);
                    result.Deployment = deployment;
                    return result;
                }
                state.Record($"deployed as deployment {deployment.DeploymentId}, which had not finished",
                    $"Wait-DIDeployment -ProjectId {projectId} -DeploymentId {deployment.DeploymentId}");
                result.Deployment = await new DeploymentWaitWorkflow(Context, Log, Progress).WaitAsync(deployment, wait, ct, justCreated: true).ConfigureAwait(false);
                return result;
            });
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
