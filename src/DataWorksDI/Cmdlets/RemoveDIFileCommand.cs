using System.Management.Automation;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a file (DeleteFile); in a standard-mode workspace -Publish carries the deletion through to production.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DIFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DIDeployment))]
    public sealed class RemoveDIFileCommand : WaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        /// <summary>Batch or Realtime; bound from piped tasks and files, else read from the file (GetFile).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DITaskType? TaskType { get; set; }

        /// <summary>A piped object; a deployment tells that the file is a batch file without reading it.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object InputObject { get; set; }

        /// <summary>Wait for the deletion package to finish.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>
        /// Standard mode: after the deletion package finishes, deploy it (DeployFile) and wait, so the task also leaves
        /// production. Implies -Wait. Basic mode needs no extra step.
        /// </summary>
        [Parameter]
        public SwitchParameter Publish { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            string target = $"file {FileId} in workspace {projectId}";
            if (!ShouldProcess(target, Publish.IsPresent ? "Delete, and deploy the deletion to production" : "Delete (DeleteFile)")) return;

            var files = new FileService(context, Log);
            DITaskType? type = ResolveTaskType(TaskType, InputObject, files, projectId, FileId, out bool failed);
            if (failed) return;
            if (type == DITaskType.Realtime || type == DITaskType.Solution)
            {
                if (type == DITaskType.Solution)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.SolutionDeleteUnsupported, $"DataWorks deletes sync solutions in the Data Integration console; DeleteDISyncTask takes real-time tasks only (file {FileId}).", ErrorCategory.InvalidOperation, FileId));
                    return;
                }
                // Real-time tasks are deleted with DeleteDISyncTask, at once; the instance must be stopped or taken offline first.
                var realtime = new RealtimeService(context, Log);
                if (TryRun(async ct => { await realtime.DeleteAsync(projectId, FileId, ct).ConfigureAwait(false); return true; }, FileId, out bool _))
                    WriteVerbose($"DeleteDISyncTask deleted real-time task {FileId}.");
                return;
            }
            if (!TryRun(ct => files.DeleteAsync(projectId, FileId, ct), FileId, out DIDeployment deletion)) return;
            if (deletion == null)
            {
                WriteVerbose($"File {FileId} had never been submitted: DeleteFile removed it at once, and there is no deployment to wait for.");
                return;
            }
            WriteVerbose($"DeleteFile created deployment {deletion.DeploymentId} for file {FileId}.");
            if (!Wait.IsPresent && !Publish.IsPresent)
            {
                WriteObject(deletion);
                return;
            }
            var deployments = new DeploymentService(context, Log);
            DIDeployment finished = WaitForDeployment(deletion, deployments);
            if (finished == null) return;
            if (!Publish.IsPresent)
            {
                WriteObject(finished);
                return;
            }

            var workspaces = new WorkspaceService(context, Log);
            if (!TryRun(ct => workspaces.GetCachedAsync(projectId, ct), projectId, out DIWorkspace workspace)) return;
            if (workspace.Mode == DIWorkspaceMode.Basic)
            {
                WriteVerbose($"Workspace {projectId} is in basic mode: the deletion already reached production; no DeployFile is needed.");
                WriteObject(finished);
                return;
            }
            if (!TryRun(ct => files.DeployAsync(projectId, FileId, "Deploy the deletion of file " + FileId, ct), FileId, out DIDeployment deploy)) return;
            WriteVerbose($"DeployFile created deployment {deploy.DeploymentId} to take file {FileId} out of production.");
            deploy.Kind = DIDeploymentKind.Delete;
            DIDeployment deployed = WaitForDeployment(deploy, deployments);
            if (deployed != null) WriteObject(deployed);
        }
    }
}
