using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>Base of the services: the context whose client makes every call, and the log the calling cmdlet writes.</summary>
    internal abstract class DataWorksService
    {
        protected DataWorksService(DIContext context, IClientLog log)
        {
            Context = context;
            Log = log ?? NullClientLog.Instance;
        }

        protected DIContext Context { get; }

        protected IClientLog Log { get; }

        /// <summary>The one request path (DataWorksClient.InvokeAsync).</summary>
        protected Task<JObject> Call(ApiRequest request, CancellationToken ct) => Context.Client.InvokeAsync(request, Log, ct);

        /// <summary>
        /// A successful answer (HTTP 200, no error code) that lacks what <paramref name="action"/> returns: the service's
        /// error InvalidResponse, with the answer's RequestId and <paramref name="problem"/> as its message.
        /// </summary>
        protected static DataWorksServiceException InvalidResponse(string action, string problem, JObject body) =>
            new DataWorksServiceException(action, "InvalidResponse", problem, Json.Str(body, "RequestId"), System.Net.HttpStatusCode.OK);
    }
}
