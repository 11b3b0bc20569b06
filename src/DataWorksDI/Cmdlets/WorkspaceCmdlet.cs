using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Base of cmdlets that act inside one workspace: adds -ProjectId, which overrides the context's workspace.</summary>
    public abstract class WorkspaceCmdlet : DataWorksApiCmdlet
    {
        /// <summary>
        /// The workspace id. Defaults to the workspace of the context; binds from pipeline objects' ProjectId. A Get-
        /// cmdlet that lists overrides it so that it binds from the pipeline only in its by-id set: a piped object must
        /// never be able to select a listing (docs/ARCHITECTURE.md, "Pipeline binding").
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public virtual long ProjectId { get; set; }

        /// <summary>The workspace for the current item: -ProjectId (or the piped object's), else the context's.</summary>
        internal long ResolveProjectId()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) && ProjectId > 0) return ProjectId;
            DIContext context = ResolveContext();
            if (context.ProjectId.HasValue) return context.ProjectId.Value;
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoWorkspace,
                "No workspace was given. Pass -ProjectId, or connect with a default workspace: Connect-DIWorkspace … -ProjectId <id>.",
                ErrorCategory.InvalidArgument, null));
            return 0;
        }

        /// <summary>
        /// The opening of a cmdlet that changes one file (Remove-, Submit-, Publish-DIFile): the workspace and the context
        /// for the current item, the offline bounds of its text parameters (false after writing the error: nothing is
        /// sent), then <see cref="ShouldProcessFile"/>.
        /// </summary>
        internal bool ConfirmFileChange(long fileId, string action, out long projectId, out DIContext context, params (string Parameter, string Value, TextKind Kind)[] bounds)
        {
            projectId = ResolveProjectId();
            context = ResolveContext();
            return ArgumentBounds.TryCheck(this, fileId, bounds) && ShouldProcessFile(fileId, projectId, action);
        }

        /// <summary>ShouldProcess for a change to one file, named the one way: "file N in workspace P".</summary>
        internal bool ShouldProcessFile(long fileId, long projectId, string action) =>
            ShouldProcess($"file {fileId} in workspace {projectId}", action);
    }
}
