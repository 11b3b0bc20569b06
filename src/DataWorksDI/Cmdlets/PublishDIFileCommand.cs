using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deploys a submitted file to production (DeployFile), optionally waiting for the package.</para>
    /// </summary>
    [Cmdlet(VerbsData.Publish, "DIFile", SupportsShouldProcess = true)]
    [OutputType(typeof(DIDeployment))]
    [OutputType(typeof(DISyncTask))]
    public sealed class PublishDIFileCommand : WaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        /// <summary>A deployment piped from Submit-DIFile; in a basic-mode workspace it is passed on as the production deployment.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object InputObject { get; set; }

        /// <summary>Batch or Realtime/Solution; bound from piped tasks and files, else read from the file (GetFile).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DITaskType? TaskType { get; set; }

        [Parameter]
        public string Comment { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            if (!ShouldProcess($"file {FileId} in workspace {projectId}", "Deploy to production (DeployFile, or DeployDISyncTask for a real-time task; DeployFile is not called in a basic-mode workspace)")) return;
            var files = new FileService(context, Log);
            DITaskType? type = ResolveTaskType(TaskType, InputObject, files, projectId, FileId, out bool failed);
            if (failed) return;
            if (type == DITaskType.Realtime || type == DITaskType.Solution)
            {
                // Real-time tasks and solutions deploy with DeployDISyncTask (synchronous; there is no package to wait for).
                var realtime = new RealtimeService(context, Log);
                if (!TryRun(async ct => { await realtime.DeployAsync(projectId, type.Value, FileId, ct).ConfigureAwait(false); return true; }, FileId, out bool _)) return;
                WriteVerbose($"DeployDISyncTask deployed {type.Value.ToString().ToLowerInvariant()} task {FileId}.");
                WriteObject(new DISyncTask { ProjectId = projectId, FileId = FileId, TaskType = type.Value });
                return;
            }
            var workspaces = new WorkspaceService(context, Log);
            if (!TryRun(ct => workspaces.GetCachedAsync(projectId, ct), projectId, out DIWorkspace workspace)) return;

            if (workspace.Mode == DIWorkspaceMode.Basic)
            {
                // DataWorks documents DeployFile for standard-mode workspaces only: in a basic workspace SubmitFile already
                // deploys to production. So nothing is called; a submit deployment piped in is passed on unchanged.
                WriteVerbose($"Workspace {projectId} is in basic mode: SubmitFile already deployed file {FileId} to production, so DeployFile is not called.");
                DIDeployment submitted = (InputObject as PSObject)?.BaseObject as DIDeployment ?? InputObject as DIDeployment;
                if (submitted != null && submitted.FileId == FileId) WriteObject(submitted);
                return;
            }

            if (!TryRun(ct => files.DeployAsync(projectId, FileId, Comment, ct), FileId, out DIDeployment deployment)) return;
            WriteVerbose($"DeployFile created deployment {deployment.DeploymentId} for file {FileId}.");
            if (Wait.IsPresent) deployment = WaitForDeployment(deployment, new DeploymentService(context, Log));
            if (deployment != null) WriteObject(deployment);
        }
    }
}
