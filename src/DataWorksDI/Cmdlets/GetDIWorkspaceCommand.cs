using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Get-DIWorkspace: a workspace and its mode (GetProject) when -ProjectId is given (or bound from a piped object), or
    /// else the workspaces (ListProjects, paged on demand). -List is accepted and always lists; the listing takes no
    /// pipeline input, so a piped object whose ProjectId does not bind is an error, never every workspace.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIWorkspace", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DIWorkspace))]
    public sealed class GetDIWorkspaceCommand : WorkspaceCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        /// <summary>The workspace to read (GetProject); binds from piped objects' ProjectId. Without it, the workspaces are listed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        public override long ProjectId { get => base.ProjectId; set => base.ProjectId = value; }

        /// <summary>Lists (as without -ProjectId); accepted so that scripts written for earlier versions keep working.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var service = new WorkspaceService(ResolveContext(), Log);
            if (ParameterSetName == ListSet)
            {
                WritePages(service.List(PageSize), "ListProjects");
                return;
            }
            long projectId = ResolveProjectId();
            if (TryRun(ct => service.GetAsync(projectId, ct), projectId, out DIWorkspace ws)) WriteObject(ws);
        }
    }
}
