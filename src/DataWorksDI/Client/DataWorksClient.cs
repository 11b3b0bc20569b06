using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Client.Signing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Client
{
    /// <summary>
    /// The one request path for every DataWorks OpenAPI action: sign (V3 or V2), send, classify the answer, retry what is
    /// worth retrying, and turn every failure into a <see cref="DataWorksServiceException"/>.
    /// Thread-safe; one instance can serve many calls.
    /// </summary>
    internal sealed class DataWorksClient
    {
        private const string FormContentType = "application/x-www-form-urlencoded";

        // One HttpClient for the process (connection reuse); per-attempt timeouts come from cancellation tokens.
        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(() => CreateHttpClient(new HttpClientHandler { UseCookies = false }));

        private readonly HttpClient _http;
        private readonly ICredentialProvider _credentials;
        private readonly BackoffCalculator _backoff;

        static DataWorksClient()
        {
            // Windows PowerShell 5.1 on older Windows may not offer TLS 1.2 by default; Alibaba endpoints require it.
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        public DataWorksClient(DataWorksClientOptions options, ICredentialProvider credentials, HttpMessageHandler handler = null, Random jitter = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _http = handler == null ? SharedHttp.Value : CreateHttpClient(handler);
            _backoff = new BackoffCalculator(options.Retry, jitter);
        }

        public DataWorksClientOptions Options { get; }

        public string CredentialSource => _credentials.Name;

        private static HttpClient CreateHttpClient(HttpMessageHandler handler) =>
            new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        /// <summary>Calls an action and returns the response body. Throws <see cref="DataWorksServiceException"/> on failure.</summary>
        public async Task<JObject> InvokeAsync(ApiRequest request, IClientLog log, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            log = log ?? NullClientLog.Instance;
            int maxAttempts = Math.Max(1, Options.Retry.MaxAttempts);
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool notSent;
                DataWorksServiceException error;
                try
                {
                    return await SendOnceAsync(request, attempt, log, cancellationToken).ConfigureAwait(false);
                }
                catch (AttemptFailedException failed)
                {
                    error = failed.Error;
                    notSent = failed.CertainlyNotSent;
                }

                if (attempt >= maxAttempts || !RetryClassifier.ShouldRetry(error, request, notSent, out string reason))
                {
                    if (attempt > 1) log.Verbose($"{request.Action.Name}: giving up after {attempt} attempt(s).");
                    throw error;
                }
                TimeSpan delay = _backoff.Next(attempt, error.RetryAfterMilliseconds);
                string hint = error.RetryAfterMilliseconds.HasValue ? $" (the service asked to wait {error.RetryAfterMilliseconds} ms)" : string.Empty;
                log.Verbose($"{request.Action.Name}: attempt {attempt} of {maxAttempts} failed: {reason}{(error.RequestId != null ? ", RequestId " + error.RequestId : string.Empty)}; retrying in {delay.TotalSeconds.ToString("0.0#", CultureInfo.InvariantCulture)} s{hint}.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private sealed class AttemptFailedException : Exception
        {
            public AttemptFailedException(DataWorksServiceException error, bool certainlyNotSent)
            {
                Error = error;
                CertainlyNotSent = certainlyNotSent;
            }

            public DataWorksServiceException Error { get; }
            public bool CertainlyNotSent { get; }
        }

        private async Task<JObject> SendOnceAsync(ApiRequest request, int attempt, IClientLog log, CancellationToken cancellationToken)
        {
            AcsCredential credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            using (HttpRequestMessage message = BuildRequest(request, credential))
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCts.CancelAfter(Options.AttemptTimeout);
                log.Debug($"{request.Action.Name} → {message.Method} {Options.Endpoint.GetLeftPart(UriPartial.Authority)}/ ({Options.SignatureVersion}, attempt {attempt}, credentials {MaskKeyId(credential.AccessKeyId)} from {credential.Source}); parameters: {DescribeParameters(request)}");
                var watch = Stopwatch.StartNew();
                HttpResponseMessage response;
                string body;
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false);
                    body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    throw new AttemptFailedException(new DataWorksServiceException(request.Action.Name, "RequestTimeout",
                        $"no answer from {Options.Endpoint.Host} within {Options.AttemptTimeout.TotalSeconds:0.#} s", null, 0, inner: ex), false);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is SocketException)
                {
                    bool refused = IsConnectionRefused(ex);
                    throw new AttemptFailedException(new DataWorksServiceException(request.Action.Name, "NetworkError",
                        $"the connection to {Options.Endpoint.Host} failed: {Innermost(ex).Message}", null, 0, inner: ex), refused);
                }

                using (response)
                {
                    int? retryAfter = ParseRetryAfter(response);
                    JObject json = TryParse(body);
                    string requestId = json?.Value<string>("RequestId") ?? json?.Value<string>("requestId") ?? HeaderValue(response, "x-acs-request-id");
                    log.Debug($"{request.Action.Name} ← HTTP {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms{(requestId != null ? ", RequestId " + requestId : string.Empty)}");

                    DataWorksServiceException failure = Classify(request.Action.Name, response.StatusCode, json, body, requestId, Options.Endpoint.Host);
                    if (failure != null)
                    {
                        failure.RetryAfterMilliseconds = retryAfter;
                        throw new AttemptFailedException(failure, false);
                    }
                    return json;
                }
            }
        }

        /// <summary>
        /// Turns a response into an error, or null when it is a success. Reads both the gateway shape (Code/Message) and
        /// the DataStudio shape (Success/ErrorCode/ErrorMessage), and the DI shape (Data.Status = "fail").
        /// </summary>
        internal static DataWorksServiceException Classify(string action, HttpStatusCode status, JObject json, string rawBody, string requestId, string host)
        {
            if (json == null)
            {
                string snippet = rawBody == null ? string.Empty : rawBody.Trim();
                if (snippet.Length > 200) snippet = snippet.Substring(0, 200) + "…";
                return new DataWorksServiceException(action, (int)status >= 400 ? "HttpError" : "InvalidResponse",
                    $"the endpoint answered HTTP {(int)status} with a body that is not DataWorks JSON: '{snippet}'. Check -Endpoint/-Region.",
                    requestId, status, host);
            }

            string code = FirstString(json, "Code", "code", "ErrorCode");
            string message = FirstString(json, "Message", "message", "ErrorMessage", "Description");
            string recommend = FirstString(json, "Recommend");
            string hostId = FirstString(json, "HostId") ?? host;
            string accessDenied = json["AccessDeniedDetail"] is JToken detail && detail.Type != JTokenType.Null ? detail.ToString(Formatting.None) : null;

            if ((int)status >= 400)
                return new DataWorksServiceException(action, code ?? "Http" + (int)status, message ?? "HTTP " + (int)status, requestId, status, hostId, recommend, accessDenied);

            JToken success = json["Success"];
            if (success != null && success.Type == JTokenType.Boolean && !success.Value<bool>())
                return new DataWorksServiceException(action, code ?? "Unknown", message ?? "the service reported Success = false", requestId, status, hostId, recommend, accessDenied);

            if (json["Data"] is JObject data && string.Equals(data.Value<string>("Status"), "fail", StringComparison.OrdinalIgnoreCase))
                return new DataWorksServiceException(action, DataWorksServiceException.DIFailCode, data.Value<string>("Message") ?? "Data.Status = fail", requestId, status, hostId, recommend);

            return null;
        }

        private HttpRequestMessage BuildRequest(ApiRequest request, AcsCredential credential)
        {
            return Options.SignatureVersion == SignatureVersion.V2 ? BuildV2(request, credential) : BuildV3(request, credential);
        }

        private HttpRequestMessage BuildV3(ApiRequest request, AcsCredential credential)
        {
            bool isGet = request.Action.Method == "GET";
            var query = new List<KeyValuePair<string, string>>();
            var form = new List<KeyValuePair<string, string>>();
            foreach (var p in request.Parameters)
                (isGet || request.Action.Locate(p.Key) == ParameterLocation.Query ? query : form).Add(p);

            byte[] body = form.Count > 0 ? Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form)) : new byte[0];
            string host = Options.Endpoint.IsDefaultPort ? Options.Endpoint.Host : Options.Endpoint.Host + ":" + Options.Endpoint.Port.ToString(CultureInfo.InvariantCulture);

            var signed = new List<KeyValuePair<string, string>>
            {
                Pair("host", host),
                Pair("x-acs-action", request.Action.Name),
                Pair("x-acs-version", DataWorksEndpoints.ApiVersion),
                Pair("x-acs-date", Options.Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                Pair("x-acs-signature-nonce", Guid.NewGuid().ToString("N")),
                Pair("x-acs-content-sha256", AcsSignatureV3.HashHex(body)),
            };
            if (credential.IsTemporary)
            {
                signed.Add(Pair("x-acs-accesskey-id", credential.AccessKeyId));
                signed.Add(Pair("x-acs-security-token", AcsCredential.Reveal(credential.SecurityToken)));
            }
            if (body.Length > 0) signed.Add(Pair("content-type", FormContentType));

            string canonical = AcsSignatureV3.CanonicalRequest(request.Action.Method, query, signed, AcsSignatureV3.HashHex(body));
            string stringToSign = AcsSignatureV3.StringToSign(canonical);
            string signature = AcsCredential.WithUtf8Bytes(credential.AccessKeySecret, key => AcsSignatureV3.Sign(key, stringToSign));
            AcsSignatureV3.CanonicalizeHeaders(signed, out _, out string signedNames);

            var message = new HttpRequestMessage(new HttpMethod(request.Action.Method), BuildUri(query));
            foreach (var h in signed)
            {
                if (h.Key == "content-type") continue;
                if (h.Key == "host") message.Headers.Host = h.Value;
                else message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            message.Headers.TryAddWithoutValidation("Authorization", AcsSignatureV3.AuthorizationHeader(credential.AccessKeyId, signedNames, signature));
            AddCommonHeaders(message);
            if (body.Length > 0)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
            }
            return message;
        }

        private HttpRequestMessage BuildV2(ApiRequest request, AcsCredential credential)
        {
            bool isGet = request.Action.Method == "GET";
            var query = new List<KeyValuePair<string, string>>
            {
                Pair("Action", request.Action.Name),
                Pair("Version", DataWorksEndpoints.ApiVersion),
                Pair("Format", "JSON"),
                Pair("AccessKeyId", credential.AccessKeyId),
                Pair("SignatureMethod", RpcSignatureV2.SignatureMethod),
                Pair("SignatureVersion", RpcSignatureV2.SignatureVersion),
                Pair("SignatureNonce", Guid.NewGuid().ToString("N")),
                Pair("Timestamp", Options.Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            };
            if (credential.IsTemporary) query.Add(Pair("SecurityToken", AcsCredential.Reveal(credential.SecurityToken)));
            var form = new List<KeyValuePair<string, string>>();
            foreach (var p in request.Parameters)
                (isGet || request.Action.Locate(p.Key) == ParameterLocation.Query ? query : form).Add(p);

            string stringToSign = RpcSignatureV2.StringToSign(request.Action.Method, query.Concat(form));
            string signature = AcsCredential.WithUtf8Bytes(credential.AccessKeySecret, key => RpcSignatureV2.Sign(key, stringToSign));
            query.Add(Pair("Signature", signature));

            var message = new HttpRequestMessage(new HttpMethod(request.Action.Method), BuildUri(query));
            AddCommonHeaders(message);
            if (form.Count > 0)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form)));
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
            }
            return message;
        }

        private Uri BuildUri(List<KeyValuePair<string, string>> query)
        {
            var builder = new UriBuilder(Options.Endpoint) { Path = "/", Query = AcsPercentEncoder.EncodePairs(query) };
            return builder.Uri;
        }

        private void AddCommonHeaders(HttpRequestMessage message)
        {
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
        }

        private static KeyValuePair<string, string> Pair(string k, string v) => new KeyValuePair<string, string>(k, v);

        // Parameters whose values are never logged, whatever action carries them.
        private static readonly HashSet<string> SecretParameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SecurityToken", "Signature", "AccessKeySecret", "OIDCToken", "Password",
        };

        internal static string DescribeParameters(ApiRequest request)
        {
            if (request.Parameters.Count == 0) return "(none)";
            return string.Join(", ", request.Parameters.Select(p =>
            {
                if (SecretParameterNames.Contains(p.Key)) return p.Key + "=(hidden)";
                string v = p.Value ?? string.Empty;
                if (v.Length > 120) v = v.Substring(0, 120) + $"… ({v.Length} chars)";
                return p.Key + "=" + v.Replace("\r", " ").Replace("\n", " ");
            }));
        }

        internal static string MaskKeyId(string keyId) =>
            keyId.Length <= 8 ? keyId.Substring(0, Math.Min(2, keyId.Length)) + "***" : keyId.Substring(0, 4) + "***" + keyId.Substring(keyId.Length - 3);

        private static int? ParseRetryAfter(HttpResponseMessage response)
        {
            string value = HeaderValue(response, "x-acs-retry-after");
            if (value != null && int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int ms) && ms >= 0) return ms;
            // The SDKs also read TimeLeft from x-ratelimit-user-api / x-ratelimit-user ("key:value,key:value").
            foreach (string header in new[] { "x-ratelimit-user-api", "x-ratelimit-user" })
            {
                string limit = HeaderValue(response, header);
                if (limit == null) continue;
                foreach (string part in limit.Split(','))
                {
                    string[] kv = part.Split(':');
                    if (kv.Length == 2 && kv[0].Trim() == "TimeLeft" && int.TryParse(kv[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int left) && left >= 0)
                        return left;
                }
            }
            return null;
        }

        private static string HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string> values) ? values.FirstOrDefault() : null;

        private static JObject TryParse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None })
                    return JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string FirstString(JObject json, params string[] names)
        {
            foreach (string n in names)
            {
                JToken t = json[n];
                if (t != null && t.Type != JTokenType.Null && t.Type != JTokenType.Object && t.Type != JTokenType.Array)
                {
                    string s = t.ToString();
                    if (!string.IsNullOrEmpty(s)) return s;
                }
            }
            return null;
        }

        private static bool IsConnectionRefused(Exception ex)
        {
            for (Exception e = ex; e != null; e = e.InnerException)
                if (e is SocketException se && se.SocketErrorCode == SocketError.ConnectionRefused) return true;
            return false;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
