using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>HTTP for credential sources (STS, metadata service, credentials URI): one client, per-call time-outs.</summary>
    internal static class CredentialHttp
    {
        private static readonly Lazy<HttpClient> Shared = new Lazy<HttpClient>(() =>
            new HttpClient(new HttpClientHandler { UseCookies = false, UseProxy = false }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });

        /// <summary>Sends and reads the answer; network failures and time-outs become <see cref="CredentialException"/> naming only <paramref name="what"/>.</summary>
        public static async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request, TimeSpan timeout, string errorId, string what, CancellationToken cancellationToken,
            IEnumerable<string> knownSecrets = null)
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                cts.CancelAfter(timeout);
                try
                {
                    using (HttpResponseMessage response = await Shared.Value.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false))
                    {
                        string body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        return ((int)response.StatusCode, body);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException)
                {
                    throw new CredentialException(errorId, $"{what}: no answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.", null, knownSecrets);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is SocketException)
                {
                    Exception inner = ex;
                    while (inner.InnerException != null) inner = inner.InnerException;
                    throw new CredentialException(errorId, $"{what}: the connection failed ({inner.Message}).", null, knownSecrets);
                }
            }
        }

        public static JObject TryParse(string body)
        {
            try
            {
                return JToken.Parse(body) as JObject;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }

        /// <summary>The scheme, host, port and path of a URI: what may be shown (a query string could hold a secret).</summary>
        public static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Path);

        /// <summary>An error answer's code and message; the message is redacted where it becomes an exception (<see cref="Redactor"/>).</summary>
        public static string DescribeError(JObject json, int status, string body)
        {
            if (json == null) return "HTTP " + status.ToString(CultureInfo.InvariantCulture);
            string code = json.Value<string>("Code") ?? json.Value<string>("code");
            string message = json.Value<string>("Message") ?? json.Value<string>("message") ?? string.Empty;
            string requestId = json.Value<string>("RequestId");
            return $"{code ?? "HTTP " + status.ToString(CultureInfo.InvariantCulture)}: {message}{(requestId != null ? " (RequestId " + requestId + ")" : string.Empty)}";
        }

        /// <summary>Parses yyyy-MM-ddTHH:mm:ssZ (what STS and the metadata service send).</summary>
        public static DateTimeOffset? ParseExpiration(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t)) return t;
            return null;
        }

        public static HttpContent Form(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var content = new StringContent(Signing.AcsPercentEncoder.EncodePairs(pairs));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }
    }
}
