using System;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Pacing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>The daily call budget: call N+1 is refused before anything is sent, with a message that says what to do.</summary>
    public class CallBudgetTests
    {
        private static ApiRequest GetFile() => new ApiRequest(ApiAction.GetFile).With("ProjectId", 10000L).With("FileId", 1L);

        [Fact]
        public async Task WithABudgetOfN_CallNPlus1_IsRefused_BeforeAnythingIsSent()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                var now = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.DailyCallBudget = 3; o.MaxRequestsPerSecond = 0; o.Clock = () => now; });
                for (int i = 0; i < 3; i++) await client.InvokeAsync(GetFile(), null, CancellationToken.None);

                var ex = await Assert.ThrowsAsync<CallBudgetExhaustedException>(() => client.InvokeAsync(new ApiRequest(ApiAction.SubmitFile).With("FileId", 5L), null, CancellationToken.None));

                Assert.Equal(3, server.Requests.Count);
                Assert.Equal(CallBudgetExhaustedException.ErrorId, ex.Code);
                Assert.Equal("DataWorksDI.CallBudgetExhausted", ex.Code);
                Assert.Equal("SubmitFile", ex.Action);
                Assert.Equal(3, ex.Budget);
                Assert.Equal(3, ex.Spent);
                Assert.False(ex.OutcomeUnknown);
                // 03:04 UTC is 11:04 UTC+8 on 2 January, so the budget's day ends at 00:00 UTC+8 on 3 January (16:00 UTC on the 2nd).
                Assert.Equal(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.FromHours(8)), ex.ResetsAt);
                Assert.Contains("daily call budget of 3 call(s)", ex.Message);
                Assert.Contains("3 call(s) counted since 2024-01-02 00:00 UTC+8", ex.Message);
                Assert.Contains("resets at 2024-01-03 00:00 UTC+8 (2024-01-02 16:00 UTC)", ex.Message);
                Assert.Contains("Nothing was sent", ex.Message);
                Assert.Contains("Connect-DIWorkspace", ex.Message);
                Assert.Contains("-DailyCallBudget", ex.Message);

                var stats = client.Statistics;
                Assert.Equal(3, stats.CallsMade);
                Assert.Equal(1, stats.RefusedByBudget);
                Assert.Equal(3, stats.DailyCallBudget);
                Assert.Equal(3, stats.CallsToday);
            }
        }

        [Fact]
        public async Task TheBudget_StartsAgain_At0000ChinaTime()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                var now = new DateTimeOffset(2024, 1, 2, 15, 59, 59, TimeSpan.Zero);
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.DailyCallBudget = 1; o.MaxRequestsPerSecond = 0; o.Clock = () => now; });
                await client.InvokeAsync(GetFile(), null, CancellationToken.None);
                await Assert.ThrowsAsync<CallBudgetExhaustedException>(() => client.InvokeAsync(GetFile(), null, CancellationToken.None));
                now = new DateTimeOffset(2024, 1, 2, 16, 0, 0, TimeSpan.Zero);
                await client.InvokeAsync(GetFile(), null, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
            }
        }

        [Fact]
        public async Task EveryAttempt_Counts_RetriesIncluded_AndARetryPastTheBudgetIsNotSent()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "1"), ScriptedResponse.Ok()))
            {
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.DailyCallBudget = 1; o.MaxRequestsPerSecond = 0; });
                var ex = await Assert.ThrowsAsync<CallBudgetExhaustedException>(() => client.InvokeAsync(GetFile(), null, CancellationToken.None));
                Assert.Single(server.Requests);
                Assert.Equal(1, ex.Spent);
            }
        }

        [Fact]
        public async Task TheBudget_IsShared_ByClientsOfTheSameEndpointAndKey()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                string key = ClientTestKit.UniqueKeyId();
                var first = ClientTestKit.Create(server, keyId: key, configure: o => { o.DailyCallBudget = 3; o.MaxRequestsPerSecond = 0; });
                var second = ClientTestKit.Create(server, keyId: key, configure: o => { o.DailyCallBudget = 3; o.MaxRequestsPerSecond = 0; });
                var other = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.DailyCallBudget = 3; o.MaxRequestsPerSecond = 0; });
                await first.InvokeAsync(GetFile(), null, CancellationToken.None);
                await first.InvokeAsync(GetFile(), null, CancellationToken.None);
                await second.InvokeAsync(GetFile(), null, CancellationToken.None);
                await Assert.ThrowsAsync<CallBudgetExhaustedException>(() => second.InvokeAsync(GetFile(), null, CancellationToken.None));
                await other.InvokeAsync(GetFile(), null, CancellationToken.None);
                Assert.Equal(4, server.Requests.Count);
                Assert.Equal(3, second.Statistics.CallsToday);
                Assert.Equal(1, second.Statistics.CallsMade);
            }
        }

        [Theory]
        [InlineData("2024-01-02T15:59:59Z", "2024-01-02T00:00:00+08:00")]
        [InlineData("2024-01-02T16:00:00Z", "2024-01-03T00:00:00+08:00")]
        [InlineData("2024-01-01T00:00:00+08:00", "2024-01-01T00:00:00+08:00")]
        [InlineData("2023-12-31T23:59:59-05:00", "2024-01-01T00:00:00+08:00")]
        public void TheBudgetDay_IsTheCalendarDay_InChinaStandardTime(string now, string dayStart)
        {
            Assert.Equal(DateTimeOffset.Parse(dayStart), DailyCallBudget.DayStartOf(DateTimeOffset.Parse(now)));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-5)]
        public void ABudgetBelowOne_IsRefused_WithAClearMessage(int budget)
        {
            var options = new DataWorksClientOptions(new Uri("http://127.0.0.1:9/")) { DailyCallBudget = budget };
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DataWorksClient(options, new DataWorksDI.Client.Credentials.StaticCredentialProvider(
                new DataWorksDI.Client.Credentials.AcsCredential("LTAIbudget", DataWorksDI.Client.Credentials.AcsCredential.ToSecureString("secret-secret")))));
            Assert.Contains("DailyCallBudget", ex.Message);
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(-1)]
        public void ARateThatIsNotAFiniteNonNegativeNumber_IsRefused(double rate)
        {
            var options = new DataWorksClientOptions(new Uri("http://127.0.0.1:9/")) { MaxRequestsPerSecond = rate };
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DataWorksClient(options, new DataWorksDI.Client.Credentials.StaticCredentialProvider(
                new DataWorksDI.Client.Credentials.AcsCredential("LTAIbudget", DataWorksDI.Client.Credentials.AcsCredential.ToSecureString("secret-secret")))));
            Assert.Contains("MaxRequestsPerSecond", ex.Message);
        }
    }
}
