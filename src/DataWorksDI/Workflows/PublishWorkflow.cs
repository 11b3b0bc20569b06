using System;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>What Publish-DIFile is asked to deploy.</summary>
    internal sealed class PublishRequest
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }

        /// <summary>Batch, Realtime or Solution when known (-TaskType, a piped task or file); null to find out.</summary>
        public DITaskType? TaskType { get; set; }

        /// <summary>A package piped in (from Submit-DIFile): the file is a batch file, and in basic mode this is the production deployment.</summary>
        public DIDeployment Submitted { get; set; }

        public string Comment { get; set; }

        /// <summary>Null: return the pending package at once.</summary>
        public WaitOptions Wait { get; set; }
    }

    /// <summary>What publishing did: a deploy package (batch), the deployed task (real-time), or nothing in basic mode without a piped package.</summary>
    internal sealed class PublishResult
    {
        public DITaskType? TaskType { get; set; }

        /// <summary>Batch: the DeployFile package (finished when waited for); in basic mode the piped submit package, if any.</summary>
        public DIDeployment Deployment { get; set; }

        /// <summary>Real-time task or solution: deployed with DeployDISyncTask (synchronous).</summary>
        public DISyncTask DeployedTask { get; set; }

        /// <summary>What the cmdlet writes: the package or the task; null when there is nothing to show.</summary>
        public object Output => (object)Deployment ?? DeployedTask;
    }

    /// <summary>
    /// Publish-DIFile: deploy a submitted file to production.
    /// - Real-time tasks and solutions: DeployDISyncTask (synchronous, no package).
    /// - Batch, basic-mode workspace: nothing is called — DataWorks documents DeployFile for standard mode only, and in a
    ///   basic workspace SubmitFile already deployed to production. A submit package piped in is passed on unchanged.
    /// - Batch, standard mode: DeployFile, and with a wait, until the package has finished.
    /// </summary>
    internal sealed class PublishWorkflow : Workflow
    {
        public PublishWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : base(context, log, progress)
        {
        }

        public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct)
        {
            long projectId = request.ProjectId, fileId = request.FileId;
            DITaskType? type = await TaskTypeOfAsync(projectId, fileId, request.TaskType, request.Submitted, ct).ConfigureAwait(false);
            var result = new PublishResult { TaskType = type };
            if (type == DITaskType.Realtime || type == DITaskType.Solution)
            {
                await new RealtimeService(Context, Log).DeployAsync(projectId, type.Value, fileId, ct).ConfigureAwait(false);
                Log.Verbose($"DeployDISyncTask deployed {type.Value.ToString().ToLowerInvariant()} task {fileId}.");
                result.DeployedTask = new DISyncTask { ProjectId = projectId, FileId = fileId, TaskType = type.Value };
                return result;
            }

            DIWorkspace workspace = await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false);
            if (workspace.Mode == DIWorkspaceMode.Basic)
            {
                Log.Verbose($"Workspace {projectId} is in basic mode: SubmitFile already deployed file {fileId} to production, so DeployFile is not called.");
                if (request.Submitted != null && request.Submitted.FileId == fileId) result.Deployment = request.Submitted;
                return result;
            }

            DIDeployment deployment = await new FileService(Context, Log).DeployAsync(projectId, fileId, request.Comment, ct).ConfigureAwait(false);
            Log.Verbose($"DeployFile created deployment {deployment.DeploymentId} for file {fileId}.");
            result.Deployment = request.Wait == null ? deployment
                : await new DeploymentWaitWorkflow(Context, Log, Progress).WaitAsync(deployment, request.Wait, ct).ConfigureAwait(false);
            return result;
        }
    }
}
