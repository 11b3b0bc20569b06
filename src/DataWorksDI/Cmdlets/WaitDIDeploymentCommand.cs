using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Wait-DIDeployment: waits for packages to finish (Workflows.DeploymentWaitWorkflow).</summary>
    [Cmdlet(VerbsLifecycle.Wait, "DIDeployment", HelpUri = HelpLinks.Pages + "Wait-DIDeployment.md")]
    [OutputType(typeof(DIDeployment))]
    public sealed class WaitDIDeploymentCommand : WaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        /// <summary>The file the package is for, for messages (bound from piped deployments).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        public long FileId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DIDeploymentKind Kind { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var workflow = new DeploymentWaitWorkflow(ResolveContext(), Log, PostProgress);
            var deployment = new DIDeployment { ProjectId = projectId, DeploymentId = DeploymentId, FileId = FileId, Kind = Kind };
            if (TryRun(ct => workflow.WaitAsync(deployment, WaitOptions, ct), deployment, out DIDeployment final)) WriteObject(final);
        }
    }
}
