using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading;
using DataWorksDI.Emulator.Actions;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;
using DataWorksDI.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>
    /// The API pipeline, in the order a request meets it: latency → read → action/version → signature → nonce →
    /// QPS limit → injected faults → action (a write in one transaction after settling due deployments; a read on a
    /// read connection) → injected faults after the action → JSON answer.
    /// </summary>
    public sealed class ApiGateway
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly Stopwatch Monotonic = Stopwatch.StartNew();

        private readonly EmulatorOptions _options;
        private readonly Store _store;
        private readonly ActionTable _actions;
        private readonly SignatureVerifier _verifier;
        private readonly QpsLimiter _qps;
        private readonly FaultInjector _faults;
        private readonly RequestLog _log;
        private readonly TimeProvider _clock;
        private readonly TextWriter _errors;

        public ApiGateway(EmulatorOptions options, Store store, ActionTable actions, AccessKeyRegistry keys, RequestLog log, TimeProvider clock, TextWriter errors)
        {
            _options = options;
            _store = store;
            _actions = actions;
            _verifier = new SignatureVerifier(keys);
            _qps = new QpsLimiter(options.QpsLimit);
            _faults = new FaultInjector(options.Faults);
            _log = log;
            _clock = clock;
            _errors = errors;
        }

        /// <summary>
        /// Answers STS calls (Version 2015-04-01 in the query, the form body or x-acs-version) instead of the DataWorks
        /// gateway; set once at start.
        /// </summary>
        public Func<HttpContext, IncomingRequest, Task> StsHandler { get; set; }

        public async Task HandleAsync(HttpContext http)
        {
            string requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
            var entry = new RequestLogEntry { Time = _clock.GetUtcNow(), Method = http.Request.Method };
            CancellationToken ct = http.RequestAborted;
            bool logged = true, added = false;
            // The entry goes into the log before the answer is written: a client that has its answer finds its call in
            // GET /_emulator/requests (added after the write, a fast client could read the log before its own call).
            void Record()
            {
                if (!logged || added) return;
                added = true;
                _log.Add(entry);
            }
            try
            {
                if (_faults.LatencyMs > 0) await Task.Delay(_faults.LatencyMs, ct).ConfigureAwait(false);
                string method = http.Request.Method.ToUpperInvariant();
                if (method != "GET" && method != "POST") throw ErrorCatalogue.UnsupportedHttpMethod(method);

                IncomingRequest req = await IncomingRequest.ReadAsync(http, ct).ConfigureAwait(false);
                if (StsHandler != null && StsService.IsStsRequest(req))
                {
                    logged = false;
                    await StsHandler(http, req).ConfigureAwait(false);
                    return;
                }

                SignatureStyle style = SignatureVerifier.StyleOf(req);
                bool v3 = style == SignatureStyle.V3;
                entry.SignatureVersion = v3 ? "V3" : "V2";
                entry.AccessKeyId = SignatureVerifier.ClaimedAccessKeyId(req, v3);
                entry.ParameterNames = req.Parameters.Keys.Where(k => !Protocol.IsCommonParameter(k)).OrderBy(k => k, StringComparer.Ordinal).ToArray();
                SignatureVerifier.CheckCommonParameters(req, v3);

                string action = v3 ? req.Header("x-acs-action") : req.Param("Action");
                entry.Action = action;
                if (string.IsNullOrEmpty(action)) throw ErrorCatalogue.MissingParameter("Action");
                if (!_actions.TryGet(action, out ActionDescriptor descriptor)) throw ErrorCatalogue.InvalidActionNotFound(action);
                string version = v3 ? req.Header("x-acs-version") : req.Param("Version");
                if (string.IsNullOrEmpty(version)) throw ErrorCatalogue.MissingParameter("Version");
                if (version.Trim() != Protocol.ApiVersion) throw ErrorCatalogue.InvalidVersion(version);

                DateTimeOffset now = _clock.GetUtcNow();
                Caller caller = v3 ? _verifier.VerifyV3(req, now) : _verifier.VerifyV2(req, now);
                entry.AccessKeyId = caller.AccessKeyId;
                await SignatureVerifier.UseNonceAsync(_store, caller, now, ct).ConfigureAwait(false);

                if (!_qps.TryAdmit(caller.AccessKeyId, Monotonic.ElapsedMilliseconds, out int retryAfter)) throw ErrorCatalogue.ThrottlingUser(retryAfter);
                Fault fault = _faults.Draw();
                switch (fault)
                {
                    case Fault.DropConnection:
                        entry.HttpStatus = null;
                        entry.ErrorCode = "ConnectionDropped";
                        Record();
                        http.Abort();
                        return;
                    case Fault.InternalError: throw ErrorCatalogue.InjectedInternalError(descriptor.IsDataIntegration);
                    case Fault.ServiceUnavailable: throw ErrorCatalogue.InjectedServiceUnavailable();
                    case Fault.Throttle: throw ErrorCatalogue.ThrottlingApi(FaultInjector.ThrottleRetryAfterMs);
                }

                var parameters = req.Parameters.Where(p => !Protocol.IsCommonParameter(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                JsonObject result = descriptor.ReadOnly
                    ? await ReadAsync(descriptor, parameters, caller, ct).ConfigureAwait(false)
                    : await _store.RunAsync(db => Execute(db, descriptor, parameters, caller, _clock.GetUtcNow()), ct).ConfigureAwait(false);
                // Injected failure after the action ran and committed: the change is made, the answer is lost.
                switch (fault)
                {
                    case Fault.InternalErrorAfterAction:
                        entry.ActionCommitted = true;
                        throw ErrorCatalogue.InjectedInternalError(descriptor.IsDataIntegration);
                    case Fault.ServiceUnavailableAfterAction:
                        entry.ActionCommitted = true;
                        throw ErrorCatalogue.InjectedServiceUnavailable();
                }

                var body = new JsonObject { ["RequestId"] = requestId };
                foreach (string key in result.Select(p => p.Key).ToList())
                {
                    JsonNode value = result[key];
                    result.Remove(key);
                    body[key] = value;
                }
                entry.HttpStatus = 200;
                Record();
                await WriteAsync(http, 200, body, requestId, null).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                entry.HttpStatus = e.HttpStatus;
                entry.ErrorCode = e.Code;
                Record();
                await WriteErrorAsync(http, e, requestId).ConfigureAwait(false);
            }
            catch (ClientAbortedException e)
            {
                entry.ErrorCode = "ClientDisconnected";
                _errors.WriteLine("DataWorks emulator: " + http.Request.Method + " " + requestId + ": " + e.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                entry.ErrorCode = "ClientDisconnected";
                _errors.WriteLine("DataWorks emulator: " + (entry.Action ?? http.Request.Method) + " " + requestId + ": the client closed the connection before the answer; "
                    + "a change it asked for may or may not have been made.");
            }
            catch (Exception e)
            {
                _errors.WriteLine("DataWorks emulator: unexpected error in " + (entry.Action ?? "request") + " " + requestId + ": " + e);
                var error = entry.Action != null && _actions.TryGet(entry.Action, out ActionDescriptor failed) && failed.IsDataIntegration
                    ? ErrorCatalogue.DiInternalError()
                    : ErrorCatalogue.InternalError();
                entry.HttpStatus = error.HttpStatus;
                entry.ErrorCode = error.Code;
                Record();
                await WriteErrorAsync(http, error, requestId).ConfigureAwait(false);
            }
            finally
            {
                Record();
            }
        }

        /// <summary>
        /// A read-only action: on a read connection (a snapshot that never waits for a write). Deployments due by now are
        /// settled first by a write of their own, only when some are due, so a read shows what a write would have shown
        /// without every read becoming a write.
        /// </summary>
        private async Task<JsonObject> ReadAsync(ActionDescriptor descriptor, Dictionary<string, string> parameters, Caller caller, CancellationToken ct)
        {
            long nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (await _store.ReadAsync(db => Deployments.AnyDue(db, nowMs), ct).ConfigureAwait(false))
                await _store.RunAsync(db => { Deployments.SettleDue(db, nowMs); return 0; }, ct).ConfigureAwait(false);
            return await _store.ReadAsync(db => descriptor.Handler(new ActionContext(db, descriptor.Name, parameters, caller, nowMs, _options, _store.Listings)), ct)
                .ConfigureAwait(false);
        }

        private JsonObject Execute(Db db, ActionDescriptor descriptor, Dictionary<string, string> parameters, Caller caller, DateTimeOffset now)
        {
            long nowMs = now.ToUnixTimeMilliseconds();
            Deployments.SettleDue(db, nowMs);

            string token = descriptor.AcceptsClientToken && parameters.TryGetValue("ClientToken", out string t) && t.Length > 0 ? t : null;
            string hash = null;
            if (token != null)
            {
                hash = ParametersHash(parameters);
                var stored = db.Query("SELECT parameters_hash, response FROM client_tokens WHERE access_key_id = $k AND action = $a AND token = $t",
                    r => (Hash: r.Str("parameters_hash"), Response: r.Str("response")), "$k", caller.AccessKeyId, "$a", descriptor.Name, "$t", token);
                if (stored.Count > 0)
                {
                    if (stored[0].Hash != hash) throw ErrorCatalogue.IdempotentParameterMismatch();
                    return JsonNode.Parse(stored[0].Response).AsObject();
                }
            }

            JsonObject result = descriptor.Handler(new ActionContext(db, descriptor.Name, parameters, caller, nowMs, _options, _store.Listings));

            if (token != null)
            {
                db.Execute("INSERT INTO client_tokens(access_key_id, action, token, parameters_hash, response, created_at) VALUES ($k, $a, $t, $h, $r, $c)",
                    "$k", caller.AccessKeyId, "$a", descriptor.Name, "$t", token, "$h", hash, "$r", result.ToJsonString(), "$c", nowMs);
            }
            return result;
        }

        private static string ParametersHash(Dictionary<string, string> parameters)
        {
            var sb = new StringBuilder();
            foreach (var p in parameters.Where(p => p.Key != "ClientToken").OrderBy(p => p.Key, StringComparer.Ordinal))
                sb.Append(p.Key).Append('\u0001').Append(p.Value).Append('\u0002');
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
        }

        /// <summary>
        /// Writes an error in the gateway's JSON shape. After a 413 or 408 the rest of the body is drained (bounded) and the
        /// connection closed, so a client still sending reads the answer rather than a reset.
        /// </summary>
        public static async Task WriteErrorAsync(HttpContext http, ApiException e, string requestId)
        {
            if (http.Response.HasStarted) return;
            string host = http.Request.Host.HasValue ? http.Request.Host.Value : "127.0.0.1";
            bool refusedBody = e.HttpStatus == 413 || e.HttpStatus == 408;
            if (refusedBody) http.Response.Headers.Connection = "close";
            try
            {
                await WriteAsync(http, e.HttpStatus, ErrorBody(e, requestId, host), requestId, e.RetryAfterMs).ConfigureAwait(false);
                if (e.HttpStatus == 413)
                {
                    await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                    await IncomingRequest.DrainAsync(http, 4 * Protocol.MaxBodyBytes, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is OperationCanceledException)
            {
                // The client is gone; there is no one left to answer.
            }
        }

        /// <summary>{RequestId, HostId, Code, Message, Recommend} (+ Success/HttpStatusCode/ErrorCode/ErrorMessage for service errors).</summary>
        public static JsonObject ErrorBody(ApiException e, string requestId, string host)
        {
            var body = new JsonObject
            {
                ["RequestId"] = requestId,
                ["HostId"] = host,
                ["Code"] = e.Code,
                ["Message"] = e.Message,
                ["Recommend"] = ErrorCatalogue.RecommendUrl(e.Code, requestId),
            };
            if (e.ServiceStyle)
            {
                body["Success"] = false;
                body["HttpStatusCode"] = e.HttpStatus;
                body["ErrorCode"] = e.Code;
                body["ErrorMessage"] = e.Message;
            }
            return body;
        }

        private static async Task WriteAsync(HttpContext http, int status, JsonObject body, string requestId, int? retryAfterMs)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = Protocol.JsonContentType;
            http.Response.Headers[Protocol.RequestIdHeader] = requestId;
            if (retryAfterMs != null) http.Response.Headers[Protocol.RetryAfterHeader] = retryAfterMs.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions);
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        }
    }
}
