using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Get-DIWorkspace: a workspace and its mode (GetProject) when -ProjectId is given (or bound from a piped object), or
    /// else the workspaces (ListProjects, paged on demand, each with its mode: GetProject once per workspace and context,
    /// as each is written). -List is accepted and always lists; the listing takes no pipeline input, so a piped object
    /// whose ProjectId does not bind is an error, never every workspace. -Refresh drops the context's workspace catalogue first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIWorkspace", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Pages + "Get-DIWorkspace.md")]
    [OutputType(typeof(DIWorkspace))]
    public sealed class GetDIWorkspaceCommand : WorkspaceCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        /// <summary>The workspace to read (GetProject); binds from piped objects' ProjectId. Without it, the workspaces are listed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public override long ProjectId { get => base.ProjectId; set => base.ProjectId = value; }

        /// <summary>Lists (as without -ProjectId); accepted so that scripts written for earlier versions keep working.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        /// <summary>
        /// Forget what this context has read about the workspace (-ProjectId), or about every workspace when listing — its
        /// data sources, folders, sync task files, mode — and the account's resource groups, so the next check before a
        /// write, completion or listing reads them again (after creating a data source, folder or resource group elsewhere).
        /// </summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void ProcessRecord()
        {
            var context = ResolveContext();
            var service = new WorkspaceService(context, Log);
            bool listing = ParameterSetName == ListSet;
            if (Refresh.IsPresent)
            {
                long? which = listing ? (long?)null : ResolveProjectId();
                int dropped = new CatalogService(context, Log).Refresh(which);
                WriteVerbose($"Forgot {dropped} list(s) of the workspace catalogue{(which.HasValue ? $" of workspace {which}" : string.Empty)}; they are read again when next needed.");
            }
            if (listing)
            {
                WritePages(service.List(PageSize), "ListProjects", service.CompleteAsync);
                return;
            }
            long projectId = ResolveProjectId();
            if (TryRun(ct => service.GetAsync(projectId, ct), projectId, out DIWorkspace ws)) WriteObject(ws);
        }
    }
}
