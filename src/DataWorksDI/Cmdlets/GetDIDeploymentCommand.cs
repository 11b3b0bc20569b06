using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Get-DIDeployment: a deployment package (GetDeployment), or without -DeploymentId the workspace's packages
    /// (ListDeployments, paged on demand). -List is accepted and changes nothing (it was once required to list).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIDeployment", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Pages + "Get-DIDeployment.md")]
    [OutputType(typeof(DIDeployment))]
    public sealed class GetDIDeploymentCommand : WorkspaceCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        public long FileId { get; set; }

        /// <summary>The workspace; bound from a piped object only together with its DeploymentId (the listing takes no pipeline input).</summary>
        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ListSet)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public override long ProjectId { get => base.ProjectId; set => base.ProjectId = value; }

        /// <summary>Lists (as without any id); accepted so that scripts written for earlier versions keep working.</summary>
        [Parameter(ParameterSetName = ListSet)]
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
                WritePages(service.List(projectId, status, Keyword, PageSize), projectId, service.CompleteAsync);
                return;
            }
            if (TryRun(ct => service.GetAsync(projectId, DeploymentId, FileId, ct), DeploymentId, out DIDeployment deployment)) WriteObject(deployment);
        }
    }
}
