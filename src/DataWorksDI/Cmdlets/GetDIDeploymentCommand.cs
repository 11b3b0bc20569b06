using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a deployment package (GetDeployment) or lists the workspace's packages (ListDeployments).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIDeployment", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(DIDeployment))]
    public sealed class GetDIDeploymentCommand : WorkspaceCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        public long FileId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DIDeploymentStatus Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string Keyword { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var service = new DeploymentService(ResolveContext(), Log);
            if (ParameterSetName == ListSet)
            {
                DIDeploymentStatus? status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status : (DIDeploymentStatus?)null;
                TryRun(async ct =>
                {
                    await service.ListAsync(projectId, status, Keyword, PageSize, page =>
                    {
                        Post(c => { foreach (DIDeployment d in page) c.WriteObject(d); });
                        return !ct.IsCancellationRequested;
                    }, ct).ConfigureAwait(false);
                    return true;
                }, projectId, out bool _);
                return;
            }
            if (TryRun(ct => service.GetAsync(projectId, DeploymentId, ct), DeploymentId, out DIDeployment d1))
            {
                if (d1.FileId == 0) d1.FileId = FileId;
                WriteObject(d1);
            }
        }
    }
}
