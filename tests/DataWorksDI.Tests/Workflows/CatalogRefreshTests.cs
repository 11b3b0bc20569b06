using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Services;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>
    /// What Get-DIWorkspace -Refresh drops, decided in one place (CatalogService.Refresh): the catalogue's lists and the
    /// context's knowledge of the workspace (mode, identifier) — of one workspace, or of all — so the next use reads again.
    /// </summary>
    public class CatalogRefreshTests
    {
        [Fact]
        public async Task RefreshingOneWorkspace_ForgetsItsModeAndLists_AndTheNextReadCallsAgain()
        {
            WorkflowTestKit kit = WorkflowTestKit.For(SampleTasks.SeedProjectId);
            var workspaces = new WorkspaceService(kit.Context, kit.Log);
            await workspaces.GetCachedAsync(kit.ProjectId, CancellationToken.None);
            Assert.True(kit.Context.Workspaces.TryGet(kit.ProjectId, out _));

            new CatalogService(kit.Context, kit.Log).Refresh(kit.ProjectId);

            Assert.False(kit.Context.Workspaces.TryGet(kit.ProjectId, out _));
            int before = kit.Actions().Count;
            await workspaces.GetCachedAsync(kit.ProjectId, CancellationToken.None);
            Assert.Equal(new[] { "GetProject" }, kit.ActionsSince(before));
        }

        [Fact]
        public async Task RefreshingEverything_ForgetsEveryWorkspace()
        {
            WorkflowTestKit kit = WorkflowTestKit.For(SampleTasks.SeedProjectId);
            await new WorkspaceService(kit.Context, kit.Log).GetCachedAsync(kit.ProjectId, CancellationToken.None);

            new CatalogService(kit.Context, kit.Log).Refresh(null);

            Assert.False(kit.Context.Workspaces.TryGet(kit.ProjectId, out _));
        }
    }
}
