using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>Retry behaviour of the one request path, against a raw local HTTP server.</summary>
    public class ClientRetryTests
    {
        private static ApiRequest GetFile() => new ApiRequest(ApiAction.GetFile).With("ProjectId", 10000L).With("FileId", 1L);

        [Fact]
        public async Task ThrottlingUser_IsRetried_AfterTheServiceHint()
        {
            using (var server = ScriptedHttpServer.Sequence(
                ScriptedResponse.Error(429, "Throttling.User", "Your request is too frequent.", retryAfterMs: "400"),
                ScriptedResponse.Ok("{\"RequestId\":\"R2\",\"Success\":true,\"Data\":{\"File\":{\"FileId\":1}}}")))
            {
                var log = new RecordingLog();
                var body = await ClientTestKit.Create(server).InvokeAsync(GetFile(), log, CancellationToken.None);

                Assert.Equal("R2", (string)body["RequestId"]);
                var requests = server.Requests.ToArray();
                Assert.Equal(2, requests.Length);
                Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(390),
                    "the retry came before the service's x-acs-retry-after of 400 ms");
                string retryLine = Assert.Single(log.VerboseLines, l => l.Contains("retrying"));
                Assert.Contains("Throttling.User", retryLine);
                Assert.Contains("400 ms", retryLine);
                Assert.Contains("REQ-Throttling.User", retryLine);
            }
        }

        [Fact]
        public async Task ServiceUnavailable503_IsRetried_ForAReadableCall()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Ok()))
            {
                var log = new RecordingLog();
                await ClientTestKit.Create(server).InvokeAsync(GetFile(), log, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
                Assert.Contains(log.VerboseLines, l => l.Contains("HTTP 503"));
            }
        }

        [Fact]
        public async Task DroppedConnection_IsRetried_ForAReadableCall()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Drop = true }, ScriptedResponse.Ok()))
            {
                var log = new RecordingLog();
                await ClientTestKit.Create(server).InvokeAsync(GetFile(), log, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
                Assert.Contains(log.VerboseLines, l => l.Contains("NetworkError"));
            }
        }

        [Fact]
        public async Task InvalidParameter_IsNotRetried()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(400, "InvalidParameter", "FileId is invalid"), ScriptedResponse.Ok()))
            {
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server).InvokeAsync(GetFile(), null, CancellationToken.None));
                Assert.Equal("InvalidParameter", ex.Code);
                Assert.Equal(400, (int)ex.StatusCode);
                Assert.Equal("REQ-InvalidParameter", ex.RequestId);
                Assert.Single(server.Requests);
            }
        }

        [Theory]
        [InlineData("503")]
        [InlineData("drop")]
        public async Task NonIdempotentCall_WithoutToken_IsNotReplayed(string failure)
        {
            ScriptedResponse first = failure == "drop" ? new ScriptedResponse { Drop = true } : ScriptedResponse.Error(503, "ServiceUnavailable");
            using (var server = ScriptedHttpServer.Sequence(first, ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":42}")))
            {
                var submit = new ApiRequest(ApiAction.SubmitFile).With("ProjectId", 10000L).With("FileId", 7L);
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server).InvokeAsync(submit, null, CancellationToken.None));
                Assert.Single(server.Requests);
                Assert.Equal(failure == "drop" ? "NetworkError" : "ServiceUnavailable", ex.Code);
            }
        }

        [Fact]
        public async Task NonIdempotentCall_WithClientToken_IsReplayed_WithTheSameToken()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Drop = true }, ScriptedResponse.Error(503, "ServiceUnavailable"),
                ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":{\"Status\":\"success\",\"FileId\":5}}")))
            {
                var create = new ApiRequest(ApiAction.CreateDISyncTask).With("ProjectId", 10000L).With("TaskType", "DI_OFFLINE")
                    .With("TaskContent", "{}").With("ClientToken", "token-123");
                var body = await ClientTestKit.Create(server).InvokeAsync(create, null, CancellationToken.None);
                Assert.Equal(5L, (long)body["Data"]["FileId"]);
                var tokens = server.Requests.Select(r => RecordedRequest.ParseForm(r.BodyText).Single(q => q.Key == "ClientToken").Value).ToArray();
                Assert.Equal(new[] { "token-123", "token-123", "token-123" }, tokens);
            }
        }

        /// <summary>
        /// Throttling is the gateway refusing a call before the service sees it (signing.md §4, corrected): every action is
        /// retried, writes without a ClientToken included, and the scripted service executes each exactly once.
        /// </summary>
        [Theory]
        [InlineData("CreateDISyncTask")]
        [InlineData("SubmitFile")]
        [InlineData("DeployFile")]
        public async Task Throttled_Write_WithoutToken_IsRetried_AndExecutedOnce(string actionName)
        {
            int executed = 0;
            using (var server = new ScriptedHttpServer((req, i) =>
            {
                if (i < 2) return ScriptedResponse.Error(i == 0 ? 429 : 400, "Throttling.User", "Request was denied due to user flow control.", retryAfterMs: i == 0 ? "30" : null);
                Interlocked.Increment(ref executed);
                return ScriptedResponse.Ok("{\"RequestId\":\"R-DONE\",\"Success\":true,\"Data\":" + (actionName == "CreateDISyncTask" ? "{\"Status\":\"success\",\"FileId\":77}" : "4242") + "}");
            }))
            {
                var request = new ApiRequest(ApiAction.Find(actionName)).With("ProjectId", 10000L);
                if (actionName == "CreateDISyncTask") request.With("TaskType", "DI_OFFLINE").With("TaskContent", "{}").With("TaskName", "t1");
                else request.With("FileId", 7L);
                Assert.False(request.IsReplaySafe, "the point is a call that is not replay-safe");

                var log = new RecordingLog();
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId());
                var body = await client.InvokeAsync(request, log, CancellationToken.None);

                Assert.Equal("R-DONE", (string)body["RequestId"]);
                Assert.Equal(3, server.Requests.Count);
                Assert.Equal(1, executed);
                Assert.Equal(2, log.VerboseLines.Count(l => l.Contains("throttling retry")));
                var stats = client.Statistics;
                Assert.Equal(3, stats.CallsMade);
                Assert.Equal(2, stats.Throttled);
                Assert.Equal(2, stats.Retried);
            }
        }

        [Fact]
        public async Task Http429_WithoutAThrottlingCode_IsThrottling_Too()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Status = 429, Body = "Too Many Requests" }, ScriptedResponse.Ok()))
            {
                var submit = new ApiRequest(ApiAction.SubmitFile).With("ProjectId", 10000L).With("FileId", 7L);
                await ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId()).InvokeAsync(submit, null, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
            }
        }

        [Fact]
        public async Task ThrottlingRetries_HaveTheirOwnAllowance_BeyondMaxAttempts()
        {
            // Six throttles, then success, with MaxAttempts 2: throttled attempts do not use up the 5xx/network allowance.
            using (var server = new ScriptedHttpServer((req, i) => i < 6 ? ScriptedResponse.Error(429, "Throttling.Api", retryAfterMs: "1") : ScriptedResponse.Ok()))
            {
                var client = ClientTestKit.Create(server, maxAttempts: 2, keyId: ClientTestKit.UniqueKeyId(), configure: o => o.MaxRequestsPerSecond = 0);
                await client.InvokeAsync(GetFile(), null, CancellationToken.None);
                Assert.Equal(7, server.Requests.Count);
            }
        }

        [Fact]
        public async Task ThrottlingRetries_StopAtTheirAllowance_WithAClearError()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "1")))
            {
                var log = new RecordingLog();
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.Retry.MaxThrottlingRetries = 3; o.MaxRequestsPerSecond = 0; });
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => client.InvokeAsync(GetFile(), log, CancellationToken.None));
                Assert.Equal(4, server.Requests.Count);
                Assert.Equal("Throttling.User", ex.Code);
                Assert.Contains("Nothing was executed", ex.Message);
                Assert.Contains("-MaxRequestsPerSecond", ex.Message);
                Assert.False(ex.OutcomeUnknown);
                Assert.Contains(log.VerboseLines, l => l.Contains("giving up after 4"));
            }
        }

        [Fact]
        public async Task ThrottlingRetries_StopWhenTheTotalWaitWouldPassItsBound()
        {
            // The service asks for 300 ms each time; 500 ms in all allows one retry, not a second.
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "300")))
            {
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(),
                    configure: o => { o.Retry.MaxThrottlingWait = TimeSpan.FromMilliseconds(500); o.MaxRequestsPerSecond = 0; });
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => client.InvokeAsync(GetFile(), null, CancellationToken.None));
                Assert.Equal(2, server.Requests.Count);
                Assert.Contains("would pass the 0.5 s allowed for throttling", ex.Message);
            }
        }

        [Fact]
        public async Task Throttled_CallWithClientToken_IsReplayed()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "10"),
                ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":{\"Status\":\"success\",\"FileId\":9}}")))
            {
                var create = new ApiRequest(ApiAction.CreateDISyncTask).With("ProjectId", 1L).With("TaskType", "DI_OFFLINE").With("TaskContent", "{}").With("ClientToken", "t");
                var body = await ClientTestKit.Create(server).InvokeAsync(create, null, CancellationToken.None);
                Assert.Equal(9L, (long)body["Data"]["FileId"]);
                Assert.Equal(2, server.Requests.Count);
            }
        }

        [Fact]
        public async Task Retries_StopAtMaxAttempts_AndTheLastErrorSurfaces()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable")))
            {
                var log = new RecordingLog();
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server, maxAttempts: 3).InvokeAsync(GetFile(), log, CancellationToken.None));
                Assert.Equal("ServiceUnavailable", ex.Code);
                Assert.Equal(3, server.Requests.Count);
                Assert.Equal(2, log.VerboseLines.Count(l => l.Contains("retrying")));
                Assert.Contains(log.VerboseLines, l => l.Contains("giving up after 3"));
            }
        }

        [Fact]
        public async Task Cancellation_EndsAHangingCall_AtOnce()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Hang = true }))
            using (var cts = new CancellationTokenSource())
            {
                Task call = ClientTestKit.Create(server, attemptTimeout: TimeSpan.FromMinutes(5)).InvokeAsync(GetFile(), null, cts.Token);
                await WaitUntil(() => server.Requests.Count == 1);
                var watch = Stopwatch.StartNew();
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"cancellation took {watch.Elapsed}");
            }
        }

        [Fact]
        public async Task Cancellation_EndsABackoffWait_AtOnce()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "30000")))
            using (var cts = new CancellationTokenSource())
            {
                Task call = ClientTestKit.Create(server).InvokeAsync(GetFile(), null, cts.Token);
                await WaitUntil(() => server.Requests.Count == 1);
                await Task.Delay(100);
                var watch = Stopwatch.StartNew();
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"cancellation took {watch.Elapsed}");
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public async Task AttemptTimeout_IsReported_AsRequestTimeout()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Hang = true }))
            {
                var submit = new ApiRequest(ApiAction.SubmitFile).With("ProjectId", 1L).With("FileId", 2L);
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    ClientTestKit.Create(server, attemptTimeout: TimeSpan.FromMilliseconds(300)).InvokeAsync(submit, null, CancellationToken.None));
                Assert.Equal("RequestTimeout", ex.Code);
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public void Backoff_IsExponential_Capped_AndJittered()
        {
            var calc = new BackoffCalculator(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) }, new Random(7));
            for (int retry = 1; retry <= 8; retry++)
            {
                double cap = Math.Min(1000, 100 * Math.Pow(2, retry - 1));
                var samples = Enumerable.Range(0, 50).Select(_ => calc.Next(retry, null).TotalMilliseconds).ToArray();
                Assert.All(samples, d => Assert.InRange(d, cap / 2, cap));
                Assert.True(samples.Distinct().Count() > 10, "delays are not jittered");
            }
            var hinted = calc.Next(1, 2500).TotalMilliseconds;
            Assert.InRange(hinted, 2500, 2500 * 1.1 + 1);
            Assert.InRange(calc.Next(1, 10_000_000).TotalMilliseconds, 60_000, 66_001);
        }

        internal static async Task WaitUntil(Func<bool> condition)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("condition not reached");
                await Task.Delay(10);
            }
        }
    }
}
