using System.Threading;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// A log that says nobody reads its lines gets none from the client: the per-call debug lines (parameters described,
    /// then redacted) are not even built (issue 17); one that reads them gets both, redacted as before.
    /// </summary>
    public class ClientLogLevelTests
    {
        private sealed class CountingLog : IClientLog
        {
            public CountingLog(bool enabled) => VerboseEnabled = DebugEnabled = enabled;

            public bool VerboseEnabled { get; }

            public bool DebugEnabled { get; }

            public int Lines;

            public void Verbose(string message) => Interlocked.Increment(ref Lines);

            public void Debug(string message) => Interlocked.Increment(ref Lines);
        }

        private static int LinesFor(bool enabled)
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                DataWorksClient client = ClientTestKit.Create(server, keyId: ClientTestKit.UniqueKeyId(), configure: o => { o.MaxRequestsPerSecond = 0; o.AdaptivePacing = false; });
                var log = new CountingLog(enabled);
                client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 10000L), log, CancellationToken.None).GetAwaiter().GetResult();
                return log.Lines;
            }
        }

        [Fact]
        public void ALogNobodyReads_GetsNoLine() => Assert.Equal(0, LinesFor(false));

        [Fact]
        public void ALogSomebodyReads_GetsTheCallsTwoLines() => Assert.Equal(2, LinesFor(true));
    }
}
