using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Client.Pacing;
using DataWorksDI.Client.Signing;
using Newtonsoft.Json;

namespace DataWorksDI.Client
{
    /// <summary>
    /// The one request path for every DataWorks OpenAPI action: take a token from the shared pacer, count the call against
    /// the daily budget, sign (V3 or V2), send, classify the answer, retry what is worth retrying, and turn every failure
    /// into a <see cref="DataWorksServiceException"/> whose texts went through <see cref="Redactor"/>.
    /// Thread-safe; one instance can serve many calls.
    /// </summary>
    internal sealed class DataWorksClient
    {
        private const string FormContentType = "application/x-www-form-urlencoded";

        // One HttpClient for the process (connection reuse); per-attempt timeouts come from cancellation tokens.
        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(() => CreateHttpClient(new HttpClientHandler { UseCookies = false }));

        /// <summary>The process's HttpClient (built on first use; <see cref="ClientWarmUp"/> builds it ahead).</summary>
        internal static HttpClient SharedHttpClient => SharedHttp.Value;

        private readonly HttpClient _http;
        private readonly ICredentialProvider _credentials;
        private readonly BackoffCalculator _backoff;
        private readonly ClientCallCounters _counters = new ClientCallCounters();
        private readonly ConcurrentDictionary<string, QuotaPartition> _partitions = new ConcurrentDictionary<string, QuotaPartition>(StringComparer.Ordinal);
        private volatile QuotaPartition _lastPartition;

        static DataWorksClient()
        {
            // Windows PowerShell 5.1 on older Windows may not offer TLS 1.2 by default; Alibaba endpoints require it.
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        /// <exception cref="ArgumentException">An option is out of range (the message names it and what is allowed).</exception>
        public DataWorksClient(DataWorksClientOptions options, ICredentialProvider credentials, HttpMessageHandler handler = null, Random jitter = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _http = handler == null ? SharedHttp.Value : CreateHttpClient(handler);
            _backoff = new BackoffCalculator(options.Retry, jitter);
        }

        public DataWorksClientOptions Options { get; }

        public string CredentialSource => _credentials.Name;

        /// <summary>
        /// This client's calls so far, and the shared pacer and budget of the endpoint and caller it last used — or, before
        /// its first call, of the endpoint and caller it will use (other clients of the same key may have spent calls
        /// already), configured with this client's options. Reads no credential that needs I/O.
        /// </summary>
        public ClientCallStatistics Statistics
        {
            get
            {
                DateTimeOffset now = Options.Clock();
                QuotaPartition partition = _lastPartition ?? QuotaPartitions.TryFind(PeekPartitionKey());
                double? rate, ceiling;
                int? limit;
                long spent = 0;
                DateTimeOffset resetsAt;
                if (partition != null && _lastPartition != null)
                {
                    BudgetState budget = partition.Budget.Snapshot(now);
                    rate = partition.Pacer.CurrentRate;
                    ceiling = partition.Pacer.Ceiling;
                    limit = budget.Limit;
                    spent = budget.Spent;
                    resetsAt = budget.ResetsAt;
                }
                else
                {
                    // Not used by this client yet: what it will configure when it first calls (PartitionFor), and what
                    // others have spent on the shared budget so far.
                    ceiling = Options.MaxRequestsPerSecond > 0 ? Options.MaxRequestsPerSecond : (double?)null;
                    rate = partition?.Pacer.CurrentRate;
                    if (ceiling.HasValue) rate = rate.HasValue && Options.AdaptivePacing ? Math.Min(rate.Value, ceiling.Value) : ceiling;
                    limit = Options.DailyCallBudget;
                    resetsAt = DailyCallBudget.DayStartOf(now).AddDays(1);
                    if (partition != null) spent = partition.Budget.Snapshot(now).Spent;
                }
                return new ClientCallStatistics(_counters.CallsMade, _counters.Throttled, _counters.Retried, _counters.RefusedByBudget,
                    rate, ceiling, limit, spent, resetsAt);
            }
        }

        /// <summary>The partition key this client will use, when it can be told without I/O (static or refreshing credentials), else null.</summary>
        private string PeekPartitionKey()
        {
            if (_credentials is RefreshingCredentialProvider) return QuotaPartitions.KeyFor(Options.Endpoint, _credentials, null);
            if (_credentials is StaticCredentialProvider)
            {
                Task<AcsCredential> credential = _credentials.GetCredentialAsync(CancellationToken.None);
                if (credential.Status == TaskStatus.RanToCompletion) return QuotaPartitions.KeyFor(Options.Endpoint, _credentials, credential.Result);
            }
            return null;
        }

        private static HttpClient CreateHttpClient(HttpMessageHandler handler) =>
            new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        /// <summary>Calls an action and returns the response body. Throws <see cref="DataWorksServiceException"/> on failure.</summary>
        public async Task<JObject> InvokeAsync(ApiRequest request, IClientLog log, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            // The call's security tokens, so that whatever echoes them back is redacted (docs/client.md, Secrets).
            var secrets = new List<string>();
            IClientLog safeLog = new RedactingClientLog(log, () => secrets);
            RetryOptions retry = Options.Retry;
            string action = request.Action.Name;
            int failures = 0, throttles = 0;
            bool ambiguousEarlier = false;
            TimeSpan throttledWait = TimeSpan.Zero;
            var started = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AcsCredential credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                string token = credential.IsTemporary ? AcsCredential.Reveal(credential.SecurityToken) : null;
                if (token != null && !secrets.Contains(token)) secrets.Add(token);

                QuotaPartition partition = PartitionFor(credential);
                PacerTicket ticket = await partition.Pacer.ReserveAsync(cancellationToken).ConfigureAwait(false);
                if (ticket.Wait >= TimeSpan.FromMilliseconds(500))
                    safeLog.Debug($"{action}: waited {Seconds(ticket.Wait)} s for the pacer ({Rate(partition.Pacer.CurrentRate)} requests/s shared by every client of this endpoint and caller).");
                if (!partition.Budget.TryTake(Options.Clock(), out BudgetState budget))
                {
                    partition.Pacer.Unsend();
                    partition.Pacer.Release();
                    _counters.BudgetRefused();
                    throw BudgetExhausted(request, budget, credential, ambiguousEarlier);
                }
                _counters.CallMade();
                if (attempt > 1) _counters.Retrying();

                DataWorksServiceException error;
                bool notSent, answered;
                try
                {
                    JObject body = await SendOnceAsync(request, credential, token, attempt, safeLog, secrets, cancellationToken).ConfigureAwait(false);
                    partition.Pacer.OnAnswer(false, ticket);
                    return body;
                }
                catch (AttemptFailedException failed)
                {
                    error = failed.Error;
                    notSent = failed.CertainlyNotSent;
                    answered = failed.Answered;
                }

                FailureKind kind = RetryClassifier.Classify(error, notSent);
                if (answered) partition.Pacer.OnAnswer(kind == FailureKind.Throttled, ticket);
                if (kind == FailureKind.Throttled) _counters.WasThrottled();

                TimeSpan delay = TimeSpan.Zero;
                string allowance = null, stopped = null;
                if (RetryClassifier.IsWorthRetrying(kind, request))
                {
                    if (kind == FailureKind.Throttled)
                    {
                        delay = _backoff.Next(throttles + 1, error.RetryAfterMilliseconds);
                        if (throttles >= retry.MaxThrottlingRetries)
                            stopped = $"still throttled after {throttles + 1} throttled attempt(s) in {Seconds(started.Elapsed)} s ({retry.MaxThrottlingRetries} throttling retries allowed)";
                        else if (throttledWait + delay > retry.MaxThrottlingWait)
                            stopped = $"still throttled after {throttles + 1} throttled attempt(s) in {Seconds(started.Elapsed)} s; waiting {Seconds(delay)} s more would pass the {Seconds(retry.MaxThrottlingWait)} s allowed for throttling";
                        else
                        {
                            throttles++;
                            throttledWait += delay;
                            allowance = $"throttling retry {throttles} of {retry.MaxThrottlingRetries}";
                        }
                    }
                    else
                    {
                        failures++;
                        if (failures >= retry.MaxAttempts) stopped = $"{failures} failed attempt(s), the most allowed (MaxAttempts {retry.MaxAttempts})";
                        else
                        {
                            delay = _backoff.Next(failures, error.RetryAfterMilliseconds);
                            allowance = $"retry {failures} of {retry.MaxAttempts - 1}";
                        }
                    }
                }

                if (allowance == null)
                {
                    if (stopped != null) safeLog.Verbose($"{action}: giving up after {attempt} attempt(s): {stopped}.");
                    throw Finalize(error, kind, ambiguousEarlier, request, stopped, secrets);
                }
                ambiguousEarlier |= kind == FailureKind.Ambiguous;
                string hint = error.RetryAfterMilliseconds.HasValue ? $" (the service asked to wait {error.RetryAfterMilliseconds} ms)" : string.Empty;
                string pacing = kind == FailureKind.Throttled && partition.Pacer.CurrentRate.HasValue ? $"; pacing now {Rate(partition.Pacer.CurrentRate)} requests/s" : string.Empty;
                safeLog.Verbose($"{action}: attempt {attempt} failed: {RetryClassifier.Describe(error, kind)}{(error.RequestId != null ? ", RequestId " + error.RequestId : string.Empty)}; retrying in {Seconds(delay)} s{hint} [{allowance}{pacing}].");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The shared partition of this endpoint and caller; configured with this client's options when it first uses it.</summary>
        private QuotaPartition PartitionFor(AcsCredential credential)
        {
            string key = QuotaPartitions.KeyFor(Options.Endpoint, _credentials, credential);
            if (!_partitions.TryGetValue(key, out QuotaPartition partition))
            {
                partition = QuotaPartitions.For(Options.Endpoint, _credentials, credential);
                partition.Pacer.Configure(Options.MaxRequestsPerSecond, Options.AdaptivePacing);
                partition.Budget.Configure(Options.DailyCallBudget);
                _partitions[key] = partition;
            }
            _lastPartition = partition;
            return partition;
        }

        /// <summary>
        /// The error as it leaves the client: a write that failed ambiguously — in this attempt or an earlier one that was
        /// replayed (a ClientToken write) — says so and names the read that tells.
        /// </summary>
        private static DataWorksServiceException Finalize(DataWorksServiceException error, FailureKind kind, bool ambiguousEarlier, ApiRequest request, string stopped, List<string> secrets)
        {
            if ((kind == FailureKind.Ambiguous || ambiguousEarlier) && !request.Action.IsReadOnly)
                return error.AsOutcomeUnknown(request.Action.VerifyCommandFor(request), secrets);
            if (kind == FailureKind.Throttled && stopped != null)
                return error.WithNote($"Nothing was executed ({stopped}). Lower -MaxRequestsPerSecond on Connect-DIWorkspace, run fewer calls in parallel, or try again later.", secrets);
            return error;
        }

        private CallBudgetExhaustedException BudgetExhausted(ApiRequest request, BudgetState budget, AcsCredential credential, bool ambiguousEarlier)
        {
            string verify = ambiguousEarlier && !request.Action.IsReadOnly ? request.Action.VerifyCommandFor(request) : null;
            string day = budget.DayStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            string resets = budget.ResetsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            string resetsUtc = budget.ResetsAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            int limit = budget.Limit ?? 0;
            string message = $"not sent: the daily call budget of {limit} call(s) for AccessKey {MaskKeyId(credential.AccessKeyId)} at {Options.Endpoint.Host} is spent " +
                $"({budget.Spent} call(s) counted since {day} UTC+8 by this process; failed and retried calls count, as DataWorks counts them). " +
                $"Nothing was sent for this call. The budget resets at {resets} UTC+8 ({resetsUtc} UTC). " +
                "To go on before then, connect again with a larger budget: Connect-DIWorkspace … -DailyCallBudget <calls>." +
                (verify != null ? $" An earlier attempt of this call failed without an answer that tells whether it was applied: it may or may not have been; check with {verify} before trying again." : string.Empty);
            return new CallBudgetExhaustedException(request.Action.Name, message, limit, budget.Spent, budget.ResetsAt, verify);
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0#", CultureInfo.InvariantCulture);

        private static string Rate(double? r) => r.HasValue ? r.Value.ToString("0.##", CultureInfo.InvariantCulture) : "unpaced";

        private sealed class AttemptFailedException : Exception
        {
            public AttemptFailedException(DataWorksServiceException error, bool certainlyNotSent, bool answered)
            {
                Error = error;
                CertainlyNotSent = certainlyNotSent;
                Answered = answered;
            }

            public DataWorksServiceException Error { get; }
            public bool CertainlyNotSent { get; }

            /// <summary>The endpoint answered (an HTTP status), as opposed to a broken or timed-out connection.</summary>
            public bool Answered { get; }
        }

        private async Task<JObject> SendOnceAsync(ApiRequest request, AcsCredential credential, string token, int attempt, IClientLog log,
            List<string> secrets, CancellationToken cancellationToken)
        {
            string action = request.Action.Name;
            using (HttpRequestMessage message = BuildRequest(request, credential, token, out int urlLength, out int bodyLength))
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCts.CancelAfter(Options.AttemptTimeout);
                if (log.DebugEnabled) log.Debug($"{action} → {message.Method} {Options.Endpoint.GetLeftPart(UriPartial.Authority)}/ ({Options.SignatureVersion}, attempt {attempt}, credentials {MaskKeyId(credential.AccessKeyId)} from {credential.Source}); parameters: {DescribeParameters(request)}");
                var watch = Stopwatch.StartNew();
                HttpResponseMessage response;
                string body;
                try
                {
                    // On a thread that would only wait for the answer (a cmdlet's pipeline thread), wait for it right here:
                    // the shared client's handler supports the synchronous Send of .NET 5+ (BlockingCalls).
                    response = ReferenceEquals(_http, SharedHttp.Value) && BlockingCalls.TryTake()
                        ? BlockingCalls.Send(_http, message, HttpCompletionOption.ResponseContentRead, attemptCts.Token)
                        : await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false);
                    body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    throw new AttemptFailedException(new DataWorksServiceException(action, "RequestTimeout",
                        $"no answer from {Options.Endpoint.Host} within {Options.AttemptTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
                        null, 0, null, null, null, ex, null, secrets), false, false);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is SocketException)
                {
                    bool refused = IsConnectionRefused(ex);
                    throw new AttemptFailedException(new DataWorksServiceException(action, "NetworkError",
                        $"the connection to {Options.Endpoint.Host} failed: {Innermost(ex).Message}{(refused ? " (refused: nothing was sent)" : string.Empty)}",
                        null, 0, null, null, null, ex, null, secrets), refused, false);
                }

                using (response)
                {
                    int? retryAfter = ParseRetryAfter(response);
                    JObject json = TryParse(body);
                    string requestId = json?.Value<string>("RequestId") ?? json?.Value<string>("requestId") ?? HeaderValue(response, "x-acs-request-id");
                    if (log.DebugEnabled) log.Debug($"{action} ← HTTP {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms{(requestId != null ? ", RequestId " + requestId : string.Empty)}");

                    DataWorksServiceException failure = Classify(action, response.StatusCode, json, body, requestId, Options.Endpoint.Host, urlLength, bodyLength, secrets);
                    if (failure != null)
                    {
                        failure.RetryAfterMilliseconds = retryAfter;
                        throw new AttemptFailedException(failure, false, true);
                    }
                    return json;
                }
            }
        }

        /// <summary>
        /// Turns a response into an error, or null when it is a success. Reads both the gateway shape (Code/Message) and
        /// the DataStudio shape (Success/ErrorCode/ErrorMessage), and the DI shape (Data.Status = "fail").
        /// </summary>
        internal static DataWorksServiceException Classify(string action, HttpStatusCode status, JObject json, string rawBody, string requestId, string host,
            int urlLength = 0, int bodyLength = 0, IEnumerable<string> secrets = null)
        {
            string code = json == null ? null : FirstString(json, "Code", "code", "ErrorCode");
            string message = json == null ? null : FirstString(json, "Message", "message", "ErrorMessage", "Description");
            string recommend = json == null ? null : FirstString(json, "Recommend");
            string hostId = (json == null ? null : FirstString(json, "HostId")) ?? host;
            string accessDenied = json?["AccessDeniedDetail"] is JToken detail && detail.Type != JTokenType.Null ? detail.ToString(Formatting.None) : null;

            // Size and slowness refusals say what was too large or too slow, whatever body (or none) came with them.
            string sizeOrTime = DescribeRefusal(status, urlLength, bodyLength);
            if (sizeOrTime != null)
            {
                string defaultCode = status == HttpStatusCode.RequestEntityTooLarge ? "RequestEntityTooLarge"
                    : status == HttpStatusCode.RequestUriTooLong ? "RequestUriTooLong" : "RequestTimeoutByServer";
                string text = sizeOrTime + (message != null ? " The endpoint said: " + message : string.Empty);
                return new DataWorksServiceException(action, code ?? defaultCode, text, requestId, status, hostId, recommend, accessDenied, null, null, secrets);
            }

            if (json == null)
            {
                // Redacted before it is cut, so that no fragment of a secret survives at the cut.
                string snippet = rawBody == null ? string.Empty : Redactor.Redact(rawBody.Trim(), secrets);
                if (snippet.Length > 200) snippet = snippet.Substring(0, 200) + "…";
                return new DataWorksServiceException(action, (int)status >= 400 ? "HttpError" : "InvalidResponse",
                    $"the endpoint answered HTTP {(int)status} with a body that is not DataWorks JSON: '{snippet}'. Check -Endpoint/-Region.",
                    requestId, status, host, null, null, null, null, secrets);
            }

            if ((int)status >= 400)
                return new DataWorksServiceException(action, code ?? "Http" + (int)status, message ?? "HTTP " + (int)status, requestId, status, hostId, recommend, accessDenied, null, null, secrets);

            JToken success = json["Success"];
            if (success != null && success.Type == JTokenType.Boolean && !success.Value<bool>())
                return new DataWorksServiceException(action, code ?? "Unknown", message ?? "the service reported Success = false", requestId, status, hostId, recommend, accessDenied, null, null, secrets);

            if (json["Data"] is JObject data && string.Equals(data.Value<string>("Status"), "fail", StringComparison.OrdinalIgnoreCase))
                return new DataWorksServiceException(action, DataWorksServiceException.DIFailCode, data.Value<string>("Message") ?? "Data.Status = fail", requestId, status, hostId, recommend, null, null, null, secrets);

            return null;
        }

        /// <summary>The clear explanation of HTTP 413, 414 and 408, or null for any other status.</summary>
        private static string DescribeRefusal(HttpStatusCode status, int urlLength, int bodyLength)
        {
            switch ((int)status)
            {
                case 413:
                    return $"the endpoint refused the request body as too large (HTTP 413; {bodyLength.ToString("N0", CultureInfo.InvariantCulture)} bytes sent). " +
                        "A TaskContent this large is more than the endpoint (or a proxy in between) accepts: split the task (fewer tables or columns per task) or raise the proxy's body limit.";
                case 414:
                    return $"the endpoint refused the request URL as too long (HTTP 414; {urlLength.ToString("N0", CultureInfo.InvariantCulture)} characters). " +
                        "A TaskContent too large for a URL must travel in the form body, which this module does for every POST; a URL this long means a GET with large parameters or a proxy that rewrites the request.";
                case 408:
                    return "the endpoint gave up waiting for the request to arrive (HTTP 408), so the call was not executed. The network path is slow or a proxy held the request; it is retried like any call that did not reach the service.";
                default:
                    return null;
            }
        }

        /// <summary>
        /// Where parameters travel (docs/client.md, Request shape): a POST carries every business parameter in its
        /// form body — covered by the signature, free of URL limits — and a GET (ListDataSources) in its query string.
        /// V2's common parameters (Action, Signature…) stay in the query, as openapi-client and the classic SDKs send them.
        /// </summary>
        private HttpRequestMessage BuildRequest(ApiRequest request, AcsCredential credential, string token, out int urlLength, out int bodyLength)
        {
            bool isGet = request.Action.Method == "GET";
            var query = new List<KeyValuePair<string, string>>();
            var form = new List<KeyValuePair<string, string>>();
            (isGet ? query : form).AddRange(request.Parameters);
            HttpRequestMessage message = Options.SignatureVersion == SignatureVersion.V2
                ? BuildV2(request.Action, query, form, credential, token, out bodyLength)
                : BuildV3(request.Action, query, form, credential, token, out bodyLength);
            urlLength = message.RequestUri.AbsoluteUri.Length;
            return message;
        }

        private HttpRequestMessage BuildV3(ApiAction action, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> form,
            AcsCredential credential, string token, out int bodyLength)
        {
            byte[] body = form.Count > 0 ? Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form)) : new byte[0];
            bodyLength = body.Length;
            string bodyHash = AcsSignatureV3.HashHex(body);
            string host = Options.Endpoint.IsDefaultPort ? Options.Endpoint.Host : Options.Endpoint.Host + ":" + Options.Endpoint.Port.ToString(CultureInfo.InvariantCulture);

            var signed = new List<KeyValuePair<string, string>>
            {
                Pair("host", host),
                Pair("x-acs-action", action.Name),
                Pair("x-acs-version", DataWorksEndpoints.ApiVersion),
                Pair("x-acs-date", Options.Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                Pair("x-acs-signature-nonce", Guid.NewGuid().ToString("N")),
                Pair("x-acs-content-sha256", bodyHash),
            };
            if (token != null)
            {
                signed.Add(Pair("x-acs-accesskey-id", credential.AccessKeyId));
                signed.Add(Pair("x-acs-security-token", token));
            }
            if (body.Length > 0) signed.Add(Pair("content-type", FormContentType));

            string canonical = AcsSignatureV3.CanonicalRequest(action.Method, query, signed, bodyHash);
            string stringToSign = AcsSignatureV3.StringToSign(canonical);
            string signature = AcsCredential.WithUtf8Bytes(credential.AccessKeySecret, key => AcsSignatureV3.Sign(key, stringToSign));
            AcsSignatureV3.CanonicalizeHeaders(signed, out _, out string signedNames);

            var message = new HttpRequestMessage(new HttpMethod(action.Method), BuildUri(query));
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

        private HttpRequestMessage BuildV2(ApiAction action, List<KeyValuePair<string, string>> business, List<KeyValuePair<string, string>> form,
            AcsCredential credential, string token, out int bodyLength)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                Pair("Action", action.Name),
                Pair("Version", DataWorksEndpoints.ApiVersion),
                Pair("Format", "JSON"),
                Pair("AccessKeyId", credential.AccessKeyId),
                Pair("SignatureMethod", RpcSignatureV2.SignatureMethod),
                Pair("SignatureVersion", RpcSignatureV2.SignatureVersion),
                Pair("SignatureNonce", Guid.NewGuid().ToString("N")),
                Pair("Timestamp", Options.Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            };
            if (token != null) query.Add(Pair("SecurityToken", token));
            query.AddRange(business);

            string stringToSign = RpcSignatureV2.StringToSign(action.Method, query.Concat(form));
            string signature = AcsCredential.WithUtf8Bytes(credential.AccessKeySecret, key => RpcSignatureV2.Sign(key, stringToSign));
            query.Add(Pair("Signature", signature));

            var message = new HttpRequestMessage(new HttpMethod(action.Method), BuildUri(query));
            AddCommonHeaders(message);
            bodyLength = 0;
            if (form.Count > 0)
            {
                byte[] body = Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form));
                bodyLength = body.Length;
                message.Content = new ByteArrayContent(body);
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
            "SecurityToken", "Signature", "AccessKeySecret", "OIDCToken", "Password", "BearerToken",
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

        // An answer's tokens carry no line information: nothing reports a position in an answer, and recording it (Json.NET's
        // default) allocates an annotation per token, the largest share of a call's parse (docs/performance.md, issue 17).
        private static readonly JsonLoadSettings AnswerLoadSettings = new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Ignore };

        internal static JObject TryParse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None })
                    return JToken.ReadFrom(reader, AnswerLoadSettings) as JObject;
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
