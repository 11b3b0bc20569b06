using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Get-DIWorkspace: a workspace and its mode (GetProject) when -ProjectId is given (or bound from a piped object), or
    /// else the workspaces (ListProjects, paged on demand). -List is accepted and always lists.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIWorkspace", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DIWorkspace))]
    public sealed class GetDIWorkspaceCommand : WorkspaceCmdlet
    {
        private const string ListSet = "List";

        /// <summary>Lists (as without -ProjectId); accepted so that scripts written for earlier versions keep working.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var service = new WorkspaceService(ResolveContext(), Log);
            if (List.IsPresent || !MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)))
            {
                WritePages(service.List(PageSize), "ListProjects");
                return;
            }
            long projectId = ResolveProjectId();
            if (TryRun(ct => service.GetAsync(projectId, ct), projectId, out DIWorkspace ws)) WriteObject(ws);
        }
    }
}
