using System.Net;
using System.Net.Http;
using System.Text;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Client
{
    /// <summary>
    /// The first call of a session pays for compiling the call path (the module ships IL: docs/performance.md, Startup):
    /// the client, signing, the JSON reader, the async machinery. Connect-DIWorkspace starts this once per process, on a
    /// thread-pool thread, while the user or script goes on to its first command: one GetProject through the real
    /// <see cref="DataWorksClient.InvokeAsync"/> path, answered in memory by a handler that never touches the network,
    /// with its own throw-away credential, endpoint and unpaced quota partition, and the shared HttpClient built. Nothing
    /// is sent, logged or counted against the user's pacer or budget; a failure here only means the first real call
    /// compiles what it needs itself.
    /// </summary>
    internal static class ClientWarmUp
    {
        /// <summary>Where the rehearsal "goes": a reserved name (RFC 2606), answered by <see cref="InMemoryAnswer"/> only.</summary>
        internal static readonly Uri Endpoint = new Uri("http://dataworks-warm-up.invalid/");

        private static int _started;

        /// <summary>The rehearsal, once per process (later calls return the first one's task).</summary>
        internal static Task<bool> Completion { get; private set; } = Task.FromResult(false);

        public static void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            Completion = Task.Run(RunAsync);
        }

        internal static async Task<bool> RunAsync()
        {
            try
            {
                _ = DataWorksClient.SharedHttpClient;
                var credential = new AcsCredential("warm-up", AcsCredential.ToSecureString("warm-up"), null, null, "warm-up");
                var options = new DataWorksClientOptions(Endpoint) { MaxRequestsPerSecond = 0, AdaptivePacing = false };
                var client = new DataWorksClient(options, new StaticCredentialProvider(credential), new InMemoryAnswer());
                JObject body = await client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 1L), NullClientLog.Instance, CancellationToken.None).ConfigureAwait(false);
                return body.Value<string>("RequestId") == InMemoryAnswer.RequestId;
            }
            catch (Exception)
            {
                // Only an optimisation: the real first call does the same work itself.
                return false;
            }
        }

        /// <summary>Answers every request with a GetProject-shaped success, in memory.</summary>
        private sealed class InMemoryAnswer : HttpMessageHandler
        {
            public const string RequestId = "warm-up";

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                const string json = "{\"RequestId\":\"" + RequestId + "\",\"Success\":true,\"HttpStatusCode\":200,\"Data\":{\"ProjectId\":1,\"ProjectIdentifier\":\"warm_up\",\"ProjectMode\":3,\"EnvTypes\":[\"DEV\",\"PROD\"],\"Status\":0}}";
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request });
            }
        }
    }
}
