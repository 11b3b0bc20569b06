using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>What Remove-DIFile is asked to delete.</summary>
    internal sealed class RemoveRequest
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }

        /// <summary>Batch, Realtime or Solution when known; null to find out.</summary>
        public DITaskType? TaskType { get; set; }

        /// <summary>A package piped in: the file is a batch file.</summary>
        public DIDeployment Piped { get; set; }

        /// <summary>Wait for the deletion package (null: return it pending). Required by <see cref="Publish"/>.</summary>
        public WaitOptions Wait { get; set; }

        /// <summary>Standard mode: deploy the finished deletion (DeployFile) so the task leaves production too.</summary>
        public bool Publish { get; set; }
    }

    /// <summary>What deleting did.</summary>
    internal sealed class RemoveResult
    {
        public DITaskType? TaskType { get; set; }

        /// <summary>
        /// The last package: the deletion (pending, or finished when waited for), or with Publish in standard mode the
        /// deploy package that took the file out of production. Null for a real-time task (deleted at once) and for a file
        /// that had never been submitted (DeleteFile removes it at once).
        /// </summary>
        public DIDeployment Deployment { get; set; }
    }

    /// <summary>
    /// Remove-DIFile:
    /// - real-time task: DeleteDISyncTask, at once (the instance must be stopped or taken offline first);
    /// - sync solution: refused — DataWorks deletes solutions in the console only, and DeleteDISyncTask takes real-time tasks;
    /// - batch: DeleteFile; with a wait, until the deletion package finishes; with Publish in a standard-mode workspace,
    ///   then DeployFile and wait, so the deletion reaches production (basic mode needs no extra step).
    /// </summary>
    internal sealed class RemoveWorkflow : Workflow
    {
        public RemoveWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : base(context, log, progress)
        {
        }

        public async Task<RemoveResult> RemoveAsync(RemoveRequest request, CancellationToken ct)
        {
            if (request.Publish && request.Wait == null) throw new ArgumentException("Publishing a deletion waits for it: give Wait options.", nameof(request));
            long projectId = request.ProjectId, fileId = request.FileId;
            DITaskType? type = await TaskTypeOfAsync(projectId, fileId, request.TaskType, request.Piped, ct).ConfigureAwait(false);
            var result = new RemoveResult { TaskType = type };
            if (type == DITaskType.Solution)
            {
                throw new DataWorksOperationException(ErrorIds.SolutionDeleteUnsupported,
                    $"DataWorks deletes sync solutions in the Data Integration console; DeleteDISyncTask takes real-time tasks only (file {fileId}).",
                    ErrorCategory.InvalidOperation);
            }
            if (type == DITaskType.Realtime)
            {
                await new RealtimeService(Context, Log).DeleteAsync(projectId, fileId, ct).ConfigureAwait(false);
                Log.Verbose($"DeleteDISyncTask deleted real-time task {fileId}.");
                return result;
            }

            var files = new FileService(Context, Log);
            DIDeployment deletion = await files.DeleteAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (deletion == null)
            {
                Log.Verbose($"File {fileId} had never been submitted: DeleteFile removed it at once, and there is no deployment to wait for.");
                return result;
            }
            Log.Verbose($"DeleteFile created deployment {deletion.DeploymentId} for file {fileId}.");
            result.Deployment = deletion;
            if (request.Wait == null) return result;

            var waiter = new DeploymentWaitWorkflow(Context, Log, Progress);
            result.Deployment = await waiter.WaitAsync(deletion, request.Wait, ct).ConfigureAwait(false);
            if (!request.Publish) return result;

            DIWorkspace workspace = await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false);
            if (workspace.Mode == DIWorkspaceMode.Basic)
            {
                Log.Verbose($"Workspace {projectId} is in basic mode: the deletion already reached production; no DeployFile is needed.");
                return result;
            }
            DIDeployment deploy = await files.DeployAsync(projectId, fileId, "Deploy the deletion of file " + fileId, ct).ConfigureAwait(false);
            Log.Verbose($"DeployFile created deployment {deploy.DeploymentId} to take file {fileId} out of production.");
            deploy.Kind = DIDeploymentKind.Delete;
            result.Deployment = await waiter.WaitAsync(deploy, request.Wait, ct).ConfigureAwait(false);
            return result;
        }
    }
}
