using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// Remove-DIFile:
    /// - real-time task: DeleteDISyncTask, at once (the instance must be stopped or taken offline first);
    /// - sync solution: refused — DataWorks deletes solutions in the console only, and DeleteDISyncTask takes real-time tasks;
    /// - batch: DeleteFile; with a wait, until the deletion package finishes; with Publish in a standard-mode workspace,
    ///   then DeployFile and wait, so the deletion reaches production (basic mode needs no extra step).
    /// </summary>
    internal sealed class RemoveWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="file">The file; its type and a package piped with it, when known.</param>
        /// <param name="wait">Wait for the deletion package (null: return it pending). Required by <paramref name="publish"/>.</param>
        /// <param name="publish">Standard mode: deploy the finished deletion (DeployFile) so the task leaves production too.</param>
        /// <returns>
        /// What was done, the same shape for every kind (Models.DIFileRemoval): the last package — the deletion (pending,
        /// or finished when waited for), or with <paramref name="publish"/> in standard mode the deploy package that took
        /// the file out of production — or none for a real-time task (deleted at once) and a file that had never been
        /// submitted (DeleteFile removes it at once).
        /// </returns>
        /// <remarks>
        /// A DeleteFile, DeployFile or DeleteDISyncTask whose answer was lost is checked with reads and sent again only when
        /// it did not take effect; a spent budget stops it with an error that names what is left (WorkflowState).
        /// </remarks>
        public Task<DIFileRemoval> RemoveAsync(FileInput file, WaitOptions wait, bool publish, CancellationToken ct)
        {
            if (publish && wait == null) throw new ArgumentException("Publishing a deletion waits for it: give wait options.", nameof(wait));
            long projectId = file.ProjectId, fileId = file.FileId;
            string again = $"Remove-DIFile -ProjectId {projectId} -FileId {fileId}{(wait != null ? " -Wait" : string.Empty)}{(publish ? " -Publish" : string.Empty)}";
            string deployDeletion = $"Publish-DIFile -ProjectId {projectId} -FileId {fileId} -Wait";
            var state = new WorkflowState($"file {fileId} in workspace {projectId}", again);
            return GuardAsync(state, async () =>
            {
                DITaskType? type = await TaskTypeOfAsync(file, ct).ConfigureAwait(false);
                var removal = new DIFileRemoval { ProjectId = projectId, FileId = fileId, TaskType = type };
                var catalog = new CatalogService(Context, Log);
                if (type == DITaskType.Solution)
                {
                    throw new DataWorksOperationException(ErrorIds.SolutionDeleteUnsupported,
                        $"DataWorks deletes sync solutions in the Data Integration console; DeleteDISyncTask takes real-time tasks only (file {fileId}).",
                        ErrorCategory.InvalidOperation);
                }
                var checks = new WriteChecks(Context, Log);
                if (type == DITaskType.Realtime)
                {
                    await WriteAsync(state, "DeleteDISyncTask", again,
                        async t =>
                        {
                            await new RealtimeService(Context, Log).DeleteAsync(projectId, fileId, t).ConfigureAwait(false);
                            return true;
                        },
                        t => checks.RealtimeDeletedAsync(projectId, fileId, t), ct).ConfigureAwait(false);
                    Log.Verbose($"DeleteDISyncTask deleted real-time task {fileId}.");
                    catalog.Forget(projectId, fileId);
                    state.Record("deleted", null);
                    removal.InProduction = true;
                    return removal;
                }

                var files = new FileService(Context, Log);
                DIDeployment deletion = await WriteAsync(state, "DeleteFile", again,
                    t => files.DeleteAsync(projectId, fileId, t),
                    t => checks.DeletedAsync(projectId, fileId, t), ct).ConfigureAwait(false);
                catalog.Forget(projectId, fileId);
                if (deletion == null)
                {
                    Log.Verbose($"File {fileId} had never been submitted: DeleteFile removed it at once, and there is no deployment to wait for.");
                    state.Record("deleted", null);
                    removal.InProduction = true;
                    return removal;
                }
                Log.Verbose($"DeleteFile created deployment {deletion.DeploymentId} for file {fileId}.");
                removal.Deployment = deletion;
                string waitDeletion = $"Wait-DIDeployment -ProjectId {projectId} -DeploymentId {deletion.DeploymentId}";
                if (wait == null)
                {
                    state.Record($"deleted (in the recycle bin) by deployment {deletion.DeploymentId}", null);
                    return removal;
                }
                state.Record($"deleted (in the recycle bin) by deployment {deletion.DeploymentId}, which had not finished",
                    publish ? waitDeletion + ", then " + deployDeletion : waitDeletion);

                var waiter = new DeploymentWaitWorkflow(Context, Log, Progress);
                DIDeployment finished = await waiter.WaitAsync(deletion, wait, ct, justCreated: true).ConfigureAwait(false);
                removal.Deployment = finished;
                removal.InProduction = finished.ToEnvironment == DIEnvironment.Production;
                if (!publish)
                {
                    state.Record($"deleted by deployment {deletion.DeploymentId}", null);
                    return removal;
                }
                state.Record($"deleted in development by deployment {deletion.DeploymentId}, not yet in production", deployDeletion);

                DIWorkspace workspace = await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false);
                if (workspace.Mode == DIWorkspaceMode.Basic)
                {
                    removal.InProduction = true;
                    Log.Verbose($"Workspace {projectId} is in basic mode: the deletion already reached production; no DeployFile is needed.");
                    return removal;
                }
                DateTime calledAt = DateTime.UtcNow;
                DIDeployment deploy = await WriteAsync(state, "DeployFile", deployDeletion,
                    t => files.DeployAsync(projectId, fileId, "Deploy the deletion of file " + fileId, t),
                    t => checks.DeployedAsync(projectId, fileId, calledAt, DIDeploymentKind.Delete, t), ct).ConfigureAwait(false);
                Log.Verbose($"DeployFile created deployment {deploy.DeploymentId} to take file {fileId} out of production.");
                deploy.Kind = DIDeploymentKind.Delete;
                catalog.RememberDeployment(deploy);
                state.Record($"deleted in development; deployment {deploy.DeploymentId} takes it out of production and had not finished",
                    $"Wait-DIDeployment -ProjectId {projectId} -DeploymentId {deploy.DeploymentId}");
                removal.Deployment = await waiter.WaitAsync(deploy, wait, ct, justCreated: true).ConfigureAwait(false);
                removal.InProduction = true;
                return removal;
            });
        }
    }
}
