using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// Issue 11 item 7: a write whose outcome the client cannot know says so, names the read that tells, and exposes
    /// <see cref="DataWorksServiceException.OutcomeUnknown"/>; size and slowness refusals say what was wrong.
    /// </summary>
    public class AmbiguousWriteTests
    {
        private static ApiRequest Submit() => new ApiRequest(ApiAction.SubmitFile).With("ProjectId", 10000L).With("FileId", 7L);

        [Theory]
        [InlineData("drop")]
        [InlineData("503")]
        [InlineData("500")]
        public async Task AWriteCutOff_OrAnswered5xx_MayOrMayNotHaveBeenApplied_AndNamesTheReadThatTells(string failure)
        {
            ScriptedResponse first = failure == "drop" ? new ScriptedResponse { Drop = true } : ScriptedResponse.Error(int.Parse(failure), "ServiceUnavailable");
            using (var server = ScriptedHttpServer.Sequence(first, ScriptedResponse.Ok()))
            {
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server).InvokeAsync(Submit(), null, CancellationToken.None));
                Assert.Single(server.Requests);
                Assert.True(ex.OutcomeUnknown);
                Assert.Contains("may or may not have been applied", ex.Message);
                Assert.Contains("Get-DIDeployment", ex.Message);
                Assert.Contains("Get-DIFile -FileId 7", ex.Message);
                Assert.Equal("Get-DIDeployment | Where-Object FileId -eq 7 (a new package) or Get-DIFile -FileId 7", ex.VerifyWith);
                Assert.EndsWith("]", ex.Message);
            }
        }

        [Fact]
        public async Task AWriteThatTimesOut_MayOrMayNotHaveBeenApplied()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Hang = true }))
            {
                var update = new ApiRequest(ApiAction.UpdateFile).With("ProjectId", 1L).With("FileId", 31L).With("RerunMode", "ALL_ALLOWED");
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    ClientTestKit.Create(server, attemptTimeout: TimeSpan.FromMilliseconds(300)).InvokeAsync(update, null, CancellationToken.None));
                Assert.Equal("RequestTimeout", ex.Code);
                Assert.True(ex.OutcomeUnknown);
                Assert.Equal("Get-DIFile -FileId 31", ex.VerifyWith);
                Assert.Contains("may or may not have been applied", ex.Message);
            }
        }

        [Fact]
        public async Task AWriteWithAClientToken_ThatNeverGotAnAnswer_IsUnknownToo_AfterItsRetries()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Drop = true }))
            {
                var create = new ApiRequest(ApiAction.CreateDISyncTask).With("ProjectId", 1L).With("TaskType", "DI_OFFLINE").With("TaskName", "o'brien_sync")
                    .With("TaskContent", "{}").With("ClientToken", "tok-1");
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server, maxAttempts: 3).InvokeAsync(create, null, CancellationToken.None));
                Assert.Equal(3, server.Requests.Count);
                Assert.True(ex.OutcomeUnknown);
                Assert.Equal("Get-DIFile -Name 'o''brien_sync'", ex.VerifyWith);
            }
        }

        /// <summary>An ambiguous first attempt stays ambiguous when the replay ends otherwise (throttled out, or refused by the budget).</summary>
        [Theory]
        [InlineData("throttled")]
        [InlineData("budget")]
        public async Task AReplayedTokenWrite_WhoseFirstAttemptWasAmbiguous_StaysUnknown_HoweverTheReplayEnds(string end)
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "1")))
            {
                var create = new ApiRequest(ApiAction.CreateDISyncTask).With("ProjectId", 1L).With("TaskType", "DI_OFFLINE").With("TaskName", "t_amb")
                    .With("TaskContent", "{}").With("ClientToken", "tok-2");
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o =>
                {
                    o.MaxRequestsPerSecond = 0;
                    o.Retry.MaxThrottlingRetries = 1;
                    if (end == "budget") o.DailyCallBudget = 1;
                });
                var ex = await Assert.ThrowsAnyAsync<DataWorksServiceException>(() => client.InvokeAsync(create, null, CancellationToken.None));
                Assert.Equal(end == "budget" ? 1 : 3, server.Requests.Count);
                Assert.Equal(end == "budget" ? "DataWorksDI.CallBudgetExhausted" : "Throttling.User", ex.Code);
                Assert.True(ex.OutcomeUnknown);
                Assert.Equal("Get-DIFile -Name 't_amb'", ex.VerifyWith);
                Assert.Contains("may or may not", ex.Message);
            }
        }

        [Theory]
        [InlineData("drop")]
        [InlineData("400")]
        public async Task AReadThatFails_OrAWriteThatIsRefused_IsNotUnknown(string failure)
        {
            ScriptedResponse response = failure == "drop" ? new ScriptedResponse { Drop = true } : ScriptedResponse.Error(400, "InvalidParameter");
            using (var server = ScriptedHttpServer.Sequence(response))
            {
                ApiRequest request = failure == "drop" ? new ApiRequest(ApiAction.GetFile).With("FileId", 1L) : Submit();
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server, maxAttempts: 2).InvokeAsync(request, null, CancellationToken.None));
                Assert.False(ex.OutcomeUnknown);
                Assert.Null(ex.VerifyWith);
                Assert.DoesNotContain("may or may not", ex.Message);
            }
        }

        [Fact]
        public async Task ARefusedConnection_SentNothing_SoEvenAWriteIsRetried_AndNotUnknown()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var options = new DataWorksClientOptions(new Uri("http://127.0.0.1:" + port + "/"))
            {
                Retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) },
            };
            var client = new DataWorksClient(options, new DataWorksDI.Client.Credentials.StaticCredentialProvider(
                new DataWorksDI.Client.Credentials.AcsCredential(ClientTestKit.UniqueKeyId(), DataWorksDI.Client.Credentials.AcsCredential.ToSecureString(ClientTestKit.Secret))));
            var log = new RecordingLog();
            var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => client.InvokeAsync(Submit(), log, CancellationToken.None));
            Assert.Equal("NetworkError", ex.Code);
            Assert.False(ex.OutcomeUnknown);
            Assert.Contains("nothing was sent", ex.Message);
            Assert.Equal(2, log.VerboseLines.Count(l => l.Contains("retrying")));
            Assert.Equal(3, client.Statistics.CallsMade);
        }

        [Fact]
        public async Task Http414_SaysTheUrlIsTooLong_NotThatTheEndpointIsWrong()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Status = 414, Body = string.Empty }))
            {
                var list = new ApiRequest(ApiAction.ListDataSources).With("ProjectId", 1L).With("Name", new string('n', 3000));
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server).InvokeAsync(list, null, CancellationToken.None));
                Assert.Equal("RequestUriTooLong", ex.Code);
                Assert.Equal(414, (int)ex.StatusCode);
                Assert.Contains("TaskContent too large for a URL", ex.Message);
                Assert.Contains("3,", ex.Message); // the URL length, over 3,000 characters
                Assert.DoesNotContain("not DataWorks JSON", ex.Message);
                Assert.DoesNotContain("-Endpoint", ex.Message);
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public async Task Http413_SaysTheBodyIsTooLarge_AndKeepsTheGatewaysCode()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(413, "InvalidParameter.BodyTooLarge", "The request body exceeds 8388608 bytes.")))
            {
                var update = new ApiRequest(ApiAction.UpdateDISyncTask).With("ProjectId", 1L).With("FileId", 2L).With("TaskType", "DI_OFFLINE").With("TaskContent", new string('c', 5000));
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => ClientTestKit.Create(server).InvokeAsync(update, null, CancellationToken.None));
                Assert.Equal("InvalidParameter.BodyTooLarge", ex.Code);
                Assert.Contains("request body as too large", ex.Message);
                Assert.Contains("The endpoint said: The request body exceeds 8388608 bytes.", ex.Message);
                Assert.False(ex.OutcomeUnknown);
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public async Task Http408_MeansTheCallNeverArrived_SoEvenAWriteIsRetried()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Status = 408, Body = string.Empty }, ScriptedResponse.Ok()))
            {
                var log = new RecordingLog();
                await ClientTestKit.Create(server).InvokeAsync(Submit(), log, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
                Assert.Contains(log.VerboseLines, l => l.Contains("HTTP 408"));
            }
        }
    }
}
