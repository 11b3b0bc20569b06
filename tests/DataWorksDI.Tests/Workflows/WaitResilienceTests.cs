using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Session;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>
    /// Waiters (issue 11 item 4, issue 17): a failed status read that may pass is read again with backoff, honouring the
    /// service's retry-after, until the time-out; a wait that ends unfinished names the package and how to resume; the
    /// loop reads first, so a wait on a finished package does not sleep. The client's own retries are off here (one
    /// attempt, no throttling retry), so every failure reaches the waiter.
    /// </summary>
    public class WaitResilienceTests
    {
        private const string Pending = "{\"RequestId\":\"R-P\",\"Success\":true,\"Data\":{\"Deployment\":{\"Status\":0},\"DeployedItems\":[{\"FileId\":9,\"Status\":0}]}}";
        private const string Succeeded = "{\"RequestId\":\"R-S\",\"Success\":true,\"Data\":{\"Deployment\":{\"Status\":1,\"ToEnvironment\":1},\"DeployedItems\":[{\"FileId\":9,\"Status\":1}]}}";

        private static DIContext ContextFor(ScriptedHttpServer server)
        {
            var settings = new ContextSettings
            {
                ProjectId = 1,
                Endpoint = server.BaseAddress,
                EndpointIsExplicit = true,
                Credentials = new StaticCredentialProvider(new AcsCredential(ClientTestKit.UniqueKeyId(), AcsCredential.ToSecureString(ClientTestKit.Secret))),
                AttemptTimeout = TimeSpan.FromSeconds(5),
            };
            settings.Retry.MaxAttempts = 1;
            settings.Retry.MaxThrottlingRetries = 0;
            return ContextFactory.Create(settings);
        }

        private static DIDeployment Package => new DIDeployment { ProjectId = 1, DeploymentId = 77, FileId = 9, Kind = DIDeploymentKind.Submit };

        [Fact]
        public async Task FailedPolls_AreReadAgain_HonouringRetryAfter_AndThePackageThatSucceedsLaterSucceeds()
        {
            using (var server = ScriptedHttpServer.Sequence(
                ScriptedResponse.Error(503, "ServiceUnavailable"),
                new ScriptedResponse { Drop = true },
                ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "400"),
                ScriptedResponse.Json(200, Pending),
                ScriptedResponse.Json(200, Succeeded)))
            {
                var log = new RecordingLog();
                var workflow = new DeploymentWaitWorkflow(ContextFor(server), log, null);
                DIDeployment done = await workflow.WaitAsync(Package, new WaitOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), CancellationToken.None);

                Assert.True(done.IsSucceeded);
                var requests = server.Requests.ToArray();
                Assert.Equal(5, requests.Length);
                // The throttled read's retry-after (400 ms) was waited, although the poll interval was far shorter.
                Assert.True((requests[3].ReceivedAt - requests[2].ReceivedAt).TotalMilliseconds >= 350, "the retry-after hint was not honoured");
                Assert.Equal(3, log.Verbose.Count(v => v.Contains("a status read failed")));
            }
        }

        [Fact]
        public async Task SubmitWait_DoesNotReportFailure_ForAPackageThatSucceedsAfterFailedPolls()
        {
            using (var server = ScriptedHttpServer.Sequence(
                ScriptedResponse.Json(200, "{\"RequestId\":\"R-SUB\",\"Success\":true,\"Data\":77}"),
                ScriptedResponse.Error(500, "InternalError"),
                new ScriptedResponse { Drop = true },
                ScriptedResponse.Json(200, Succeeded)))
            {
                var workflow = new SubmitWorkflow(ContextFor(server), new RecordingLog(), null);
                DIDeployment done = await workflow.SubmitAsync(1, 9, null, false, new WaitOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), CancellationToken.None);
                Assert.True(done.IsSucceeded);
                Assert.Equal(77, done.DeploymentId);
            }
        }

        [Fact]
        public async Task AWaitOnAFinishedPackage_ReadsOnce_AndDoesNotSleep()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Json(200, Succeeded)))
            {
                var workflow = new DeploymentWaitWorkflow(ContextFor(server), new RecordingLog(), null);
                var watch = Stopwatch.StartNew();
                DIDeployment done = await workflow.WaitAsync(Package, new WaitOptions(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20)), CancellationToken.None);
                Assert.True(done.IsSucceeded);
                Assert.Single(server.Requests);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the wait slept its poll interval before reading ({watch.Elapsed})");
            }
        }

        [Fact]
        public async Task PollsFailingUntilTheTimeout_EndInATimeout_ThatNamesThePackage_TheLastFailure_AndHowToResume()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable", "busy")))
            {
                var workflow = new DeploymentWaitWorkflow(ContextFor(server), new RecordingLog(), null);
                var ex = await Assert.ThrowsAsync<DataWorksOperationException>(() =>
                    workflow.WaitAsync(Package, new WaitOptions(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)), CancellationToken.None));
                Assert.Equal(ErrorIds.DeploymentWaitTimeout, ex.ErrorId);
                Assert.Contains("Deployment 77", ex.Message);
                Assert.Contains("ServiceUnavailable", ex.Message);
                Assert.Contains("Wait-DIDeployment -DeploymentId 77 -ProjectId 1", ex.Message);
                Assert.True(server.Requests.Count >= 3, "the failing read was not retried");
            }
        }

        [Fact]
        public async Task AFinalFailure_EndsTheWaitAtOnce_NamingThePackageAndHowToResume()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(400, "Invalid.Tenant.DeploymentNotExists", "no such package")))
            {
                var workflow = new DeploymentWaitWorkflow(ContextFor(server), new RecordingLog(), null);
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    workflow.WaitAsync(Package, new WaitOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), CancellationToken.None));
                Assert.Single(server.Requests);
                Assert.Equal("Invalid.Tenant.DeploymentNotExists", ex.Code);
                Assert.Contains("Stopped waiting for deployment 77", ex.Message);
                Assert.Contains("Wait-DIDeployment -DeploymentId 77", ex.Message);
            }
        }

        [Fact]
        public void ASpentBudget_EndingAWait_StaysASpentBudget()
        {
            var spent = new CallBudgetExhaustedException("GetDeployment", "not sent: the budget is spent.", 100, 100, DateTimeOffset.UtcNow.AddHours(1));
            DataWorksServiceException noted = spent.WithNote("Stopped waiting for deployment 77; wait again with Wait-DIDeployment -DeploymentId 77.", null);
            var copy = Assert.IsType<CallBudgetExhaustedException>(noted);
            Assert.Equal(100, copy.Budget);
            Assert.Contains("Wait-DIDeployment -DeploymentId 77", copy.Message);
        }
    }
}
