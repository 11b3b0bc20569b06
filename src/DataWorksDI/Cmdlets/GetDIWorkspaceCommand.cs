using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a DataWorks workspace (GetProject), or lists the workspaces (ListProjects).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIWorkspace", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(DIWorkspace))]
    public sealed class GetDIWorkspaceCommand : WorkspaceCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";

        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var service = new WorkspaceService(ResolveContext(), Log);
            if (ParameterSetName == ListSet)
            {
                TryRun(async ct =>
                {
                    await service.ListAsync(PageSize, page =>
                    {
                        Post(c => { foreach (DIWorkspace w in page) c.WriteObject(w); });
                        return !ct.IsCancellationRequested;
                    }, ct).ConfigureAwait(false);
                    return true;
                }, "ListProjects", out bool _);
                return;
            }
            long projectId = ResolveProjectId();
            if (TryRun(ct => service.GetAsync(projectId, ct), projectId, out DIWorkspace ws)) WriteObject(ws);
        }
    }
}
