using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Submits (commits) a file: SubmitFile, optionally waiting for the package to finish.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "DIFile", SupportsShouldProcess = true)]
    [OutputType(typeof(DIDeployment))]
    public sealed class SubmitDIFileCommand : WaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        [Parameter]
        public string Comment { get; set; }

        /// <summary>Skip the workspace's pre-deployment check extensions (SkipAllDeployFileExtensions).</summary>
        [Parameter]
        public SwitchParameter SkipDeploymentChecks { get; set; }

        /// <summary>Wait until the package has finished; a failed package is an error.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            if (!ShouldProcess($"file {FileId} in workspace {projectId}", "Submit (SubmitFile)")) return;
            var files = new FileService(context, Log);
            if (!TryRun(ct => files.SubmitAsync(projectId, FileId, Comment, SkipDeploymentChecks.IsPresent, ct), FileId, out DIDeployment deployment)) return;
            WriteVerbose($"SubmitFile created deployment {deployment.DeploymentId} for file {FileId}.");
            if (Wait.IsPresent) deployment = WaitForDeployment(deployment, new DeploymentService(context, Log));
            if (deployment != null) WriteObject(deployment);
        }
    }
}
