using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Waits for deployment packages to finish; a failed, rejected or check-failed package is an error, never a time-out.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "DIDeployment")]
    [OutputType(typeof(DIDeployment))]
    public sealed class WaitDIDeploymentCommand : WaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        /// <summary>The file the package is for, for messages (bound from piped deployments).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long FileId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DIDeploymentKind Kind { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var service = new DeploymentService(ResolveContext(), Log);
            var deployment = new DIDeployment { ProjectId = projectId, DeploymentId = DeploymentId, FileId = FileId, Kind = Kind };
            DIDeployment final = WaitForDeployment(deployment, service);
            if (final != null) WriteObject(final);
        }
    }
}
