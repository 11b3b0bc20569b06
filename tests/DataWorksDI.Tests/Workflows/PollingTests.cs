using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Models;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>Issue 12: polls are calls at the rate limit and on the budget, so a wait polls no more often than it must.</summary>
    public class PollingTests
    {
        /// <summary>
        /// Once a package of the workspace has been seen to take ~300 ms (the shared emulator's delay), the next wait's
        /// first poll comes after that, not after -PollInterval (50 ms here): one GetDeployment instead of several.
        /// </summary>
        [Fact]
        public async Task AWait_PollsFirstWhenRecentPackagesTookToFinish_NotAtTheFirstInterval()
        {
            var kit = WorkflowTestKit.For(10000);
            DISyncTask first = await kit.CreateBatchAsync("poll_a");
            await kit.SubmitAsync(first.FileId);
            TimeSpan? typical = DeploymentDurations.Typical(kit.Context.Endpoint, 10000, DIDeploymentKind.Submit);
            Assert.NotNull(typical);
            Assert.InRange(typical.Value.TotalMilliseconds, 250, 2000);

            DISyncTask second = await kit.CreateBatchAsync("poll_b");
            int before = kit.Actions().Count;
            DIDeployment done = await kit.SubmitAsync(second.FileId);

            Assert.Equal(DIDeploymentStatus.Succeeded, done.Status);
            Assert.Equal(new[] { "SubmitFile", "GetDeployment" }, kit.ActionsSince(before).ToArray());
            Assert.Equal(typical.Value + DeploymentDurations.Margin, DeploymentDurations.FirstPoll(WorkflowTestKit.Quick.PollInterval, kit.Context.Endpoint, 10000, DIDeploymentKind.Submit));
            // Never earlier than -PollInterval, and nothing learnt for a kind not seen yet.
            Assert.Equal(TimeSpan.FromMinutes(1), DeploymentDurations.FirstPoll(TimeSpan.FromMinutes(1), kit.Context.Endpoint, 10000, DIDeploymentKind.Submit));
            Assert.Equal(TimeSpan.FromSeconds(2), DeploymentDurations.FirstPoll(TimeSpan.FromSeconds(2), new Uri("http://unseen.example:1/"), 10000, DIDeploymentKind.Submit));
        }
    }
}
