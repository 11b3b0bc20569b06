using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Testing;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Client.Pacing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>The shared pacer in real calls: clients of one key cooperate, throttling never surfaces, Ctrl+C ends a wait.</summary>
    public class PacingTests
    {
        private static DataWorksClient EmulatorClient(EmulatorProcess emulator, string keyId, string secret, double maxRequestsPerSecond) =>
            new DataWorksClient(new DataWorksClientOptions(emulator.BaseAddress) { MaxRequestsPerSecond = maxRequestsPerSecond },
                new StaticCredentialProvider(new AcsCredential(keyId, AcsCredential.ToSecureString(secret), null, null, "test")));

        /// <summary>
        /// Issue 12: two clients on two threads share one key against a 5 QPS limit. Each is configured for 10 requests per
        /// second — twice the limit — so the emulator does throttle; the shared pacer slows both and retries hide the rest.
        /// </summary>
        [Fact]
        public async Task TwoClients_SharingAKey_AgainstA5QpsLimit_SeeNoThrottlingErrors()
        {
            using (EmulatorProcess emulator = EmulatorProcess.Start("--qps-limit", "5"))
            {
                var (keyId, secret, _) = emulator.CreateAccessKey();
                DataWorksClient a = EmulatorClient(emulator, keyId, secret, 10);
                DataWorksClient b = EmulatorClient(emulator, keyId, secret, 10);
                const int callsEach = 50;

                async Task<int> Run(DataWorksClient client)
                {
                    int ok = 0;
                    for (int i = 0; i < callsEach; i++)
                    {
                        var body = await client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 181565L), null, CancellationToken.None);
                        if ((string)body["RequestId"] != null) ok++;
                    }
                    return ok;
                }

                int[] done = await Task.WhenAll(Task.Run(() => Run(a)), Task.Run(() => Run(b)));

                Assert.Equal(new[] { callsEach, callsEach }, done);
                var log = emulator.Requests(keyId);
                int admitted = log.Count(r => (int?)(r["httpStatus"] ?? r["HttpStatus"]) == 200);
                int throttled = log.Count(r => (string)(r["errorCode"] ?? r["ErrorCode"]) == "Throttling.User");
                Assert.Equal(2 * callsEach, admitted);
                Assert.Equal(log.Count, admitted + throttled);
                long seenThrottled = a.Statistics.Throttled + b.Statistics.Throttled;
                Assert.Equal(throttled, seenThrottled);
                Assert.Equal(a.Statistics.CallsMade + b.Statistics.CallsMade, log.Count);
                // One pacer for both, and throttling brought it below the configured 10 per second.
                Assert.Same(QuotaPartitions.For(emulator.BaseAddress, new StaticCredentialProvider(new AcsCredential(keyId, AcsCredential.ToSecureString(secret))), new AcsCredential(keyId, AcsCredential.ToSecureString(secret))).Pacer,
                    QuotaPartitions.For(emulator.BaseAddress, new StaticCredentialProvider(new AcsCredential(keyId, AcsCredential.ToSecureString("other"))), new AcsCredential(keyId, AcsCredential.ToSecureString("other"))).Pacer);
                Assert.True(throttled == 0 || a.Statistics.PacedRequestsPerSecond < 10, $"the shared pacer stayed at {a.Statistics.PacedRequestsPerSecond} requests/s after {throttled} throttled answers");
            }
        }

        /// <summary>
        /// Issue 12, through the real call path: DataWorks throttles a burst, the shared pacer cuts its rate, and once the
        /// throttling stops the rate grows back to the configured one (CUBIC), so a bulk run is not left slow.
        /// </summary>
        [Fact]
        public async Task ThePacer_RecoversItsRate_AfterThrottlingStops()
        {
            using (var server = new ScriptedHttpServer((req, i) => i < 3 ? ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "1") : ScriptedResponse.Ok()))
            {
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => o.MaxRequestsPerSecond = 10);
                var request = new ApiRequest(ApiAction.GetFile).With("FileId", 1L);
                await client.InvokeAsync(request, null, CancellationToken.None);
                double? cut = client.Statistics.PacedRequestsPerSecond;
                Assert.True(cut < 10, $"the rate was not cut by throttling: {cut}");
                Assert.Equal(3L, client.Statistics.Throttled);

                var watch = Stopwatch.StartNew();
                while (client.Statistics.PacedRequestsPerSecond < 10 && watch.Elapsed < TimeSpan.FromSeconds(30))
                    await client.InvokeAsync(request, null, CancellationToken.None);
                Assert.Equal(10.0, client.Statistics.PacedRequestsPerSecond);
                Assert.Equal(3L, client.Statistics.Throttled);
            }
        }

        [Fact]
        public async Task Cancellation_EndsAWaitForAToken_AtOnce()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            using (var cts = new CancellationTokenSource())
            {
                // 0.2 requests per second: the second call must wait about 5 s for its token.
                var client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => o.MaxRequestsPerSecond = 0.2);
                var request = new ApiRequest(ApiAction.GetFile).With("FileId", 1L);
                await client.InvokeAsync(request, null, CancellationToken.None);
                Task second = client.InvokeAsync(request, null, cts.Token);
                await Task.Delay(200);
                Assert.False(second.IsCompleted, "the second call did not wait for the pacer");
                var watch = Stopwatch.StartNew();
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"cancellation took {watch.Elapsed}");
                Assert.Single(server.Requests);
            }
        }

        /// <summary>Through the real call path: a second client of the same key waits for the first one's pacer; another key does not.</summary>
        [Fact]
        public async Task ASecondClientOfTheSameKey_WaitsForTheFirstOnesPacer()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            using (var cts = new CancellationTokenSource())
            {
                string key = ClientTestKit.UniqueKeyId();
                var first = ClientTestKit.Create(server, keyId: key, configure: o => o.MaxRequestsPerSecond = 0.2);
                var second = ClientTestKit.Create(server, keyId: key, configure: o => o.MaxRequestsPerSecond = 0.2);
                var otherKey = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => o.MaxRequestsPerSecond = 0.2);
                var request = new ApiRequest(ApiAction.GetFile).With("FileId", 1L);

                await first.InvokeAsync(request, null, CancellationToken.None);
                Task waiting = second.InvokeAsync(request, null, cts.Token);
                await otherKey.InvokeAsync(request, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3));
                // The shared pacer holds the second client for about 5 s; one second is far longer than a call takes.
                await Task.WhenAny(waiting, Task.Delay(1000));
                Assert.False(waiting.IsCompleted, "the second client of the same key did not wait for the shared pacer");
                Assert.Equal(2, server.Requests.Count);
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            }
        }

        [Fact]
        public void Partitions_AreShared_PerEndpointAndCaller_AndRotatingCredentials_ShareTheirSource()
        {
            var endpoint = new Uri("http://127.0.0.1:9/");
            AcsCredential Key(string id, string token = null) => new AcsCredential(id, AcsCredential.ToSecureString("s-e-c-r-e-t"), token == null ? null : AcsCredential.ToSecureString(token));
            var k1 = Key("LTAIpartitionkey1");
            var stat = new StaticCredentialProvider(k1);
            Assert.Same(QuotaPartitions.For(endpoint, stat, k1), QuotaPartitions.For(new Uri("HTTP://127.0.0.1:9/other"), new StaticCredentialProvider(k1), k1));
            Assert.NotSame(QuotaPartitions.For(endpoint, stat, k1), QuotaPartitions.For(new Uri("http://127.0.0.1:10/"), stat, k1));
            Assert.NotSame(QuotaPartitions.For(endpoint, stat, k1), QuotaPartitions.For(endpoint, stat, Key("LTAIpartitionkey2")));

            // A RAM role's STS keys change at every refresh; the source stays.
            var rotating = new FixedRefreshingProvider("profile 'p' (AssumeRole acs:ram::1:role/x)");
            Assert.Same(QuotaPartitions.For(endpoint, rotating, Key("STS.one", "token-one-xxxxxxxx")), QuotaPartitions.For(endpoint, rotating, Key("STS.two", "token-two-xxxxxxxx")));
        }

        private sealed class FixedRefreshingProvider : RefreshingCredentialProvider
        {
            private readonly string _name;

            public FixedRefreshingProvider(string name) => _name = name;

            public override string Name => _name;

            protected override Task<AcsCredential> FetchAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        }
    }
}
