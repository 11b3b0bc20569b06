using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Signing;
using Xunit;

namespace DataWorksDI.Emulator.Tests.Infrastructure
{
    public sealed record Key(string Id, string Secret, string Token);

    /// <summary>A V3 request built by hand; every part can be changed before or after signing to make it bad.</summary>
    public sealed class V3Request
    {
        public string Method { get; set; } = "POST";
        public string Action { get; set; }
        public string Version { get; set; } = "2020-05-18";
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        /// <summary>Form-body parameters; null sends no body.</summary>
        public List<KeyValuePair<string, string>> Form { get; set; }
        public Dictionary<string, string> ExtraHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public DateTimeOffset Date { get; set; } = DateTimeOffset.UtcNow;
        public string DateText { get; set; }
        public string Nonce { get; set; } = Guid.NewGuid().ToString();
        public Key Key { get; set; }
        /// <summary>Names to list in SignedHeaders (default: host, content-type with a body, every x-acs-* header).</summary>
        public string[] SignedHeaderNames { get; set; }
        public string ContentHashOverride { get; set; }
        public byte[] BodyOverride { get; set; }
        public string ContentType { get; set; } = "application/x-www-form-urlencoded";
        public string SignatureOverride { get; set; }
        public string AuthorizationOverride { get; set; }
        public bool OmitAuthorization { get; set; }
        public string SecretOverride { get; set; }
        public bool OmitVersionHeader { get; set; }
        public bool SendTokenHeader { get; set; } = true;
        public string TokenOverride { get; set; }
        public bool ConnectionClose { get; set; }

        public V3Request Q(string name, object value)
        {
            Query.Add(new KeyValuePair<string, string>(name, Convert.ToString(value, CultureInfo.InvariantCulture)));
            return this;
        }

        public V3Request F(string name, object value)
        {
            Form ??= new List<KeyValuePair<string, string>>();
            Form.Add(new KeyValuePair<string, string>(name, Convert.ToString(value, CultureInfo.InvariantCulture)));
            return this;
        }
    }

    public sealed class V2Request
    {
        public string Method { get; set; } = "POST";
        public string Action { get; set; }
        public string Version { get; set; } = "2020-05-18";
        public List<KeyValuePair<string, string>> Parameters { get; } = new List<KeyValuePair<string, string>>();
        public bool BusinessInBody { get; set; }
        public Key Key { get; set; }
        public string Timestamp { get; set; } = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        public string Nonce { get; set; } = Guid.NewGuid().ToString();
        public string SignatureOverride { get; set; }
        public string[] Omit { get; set; } = Array.Empty<string>();

        /// <summary>Also send x-acs-action / x-acs-version headers, as pop-core, openapi-client v2 and DefaultAcsClient do.</summary>
        public bool AcsHeaders { get; set; }

        /// <summary>Everything, Signature included, in the form body and nothing in the query: pop-core's POST.</summary>
        public bool AllInBody { get; set; }

        /// <summary>Extra query pairs sent unsigned-by-intent (to build conflicting requests); they are signed like the rest.</summary>
        public List<KeyValuePair<string, string>> ExtraQuery { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Extra body pairs (signed like the rest).</summary>
        public List<KeyValuePair<string, string>> ExtraBody { get; } = new List<KeyValuePair<string, string>>();

        public V2Request P(string name, object value)
        {
            Parameters.Add(new KeyValuePair<string, string>(name, Convert.ToString(value, CultureInfo.InvariantCulture)));
            return this;
        }
    }

    public sealed class ApiResponse
    {
        public int Status { get; init; }
        public JsonNode Body { get; init; }
        public string Text { get; init; }
        public HttpResponseMessage Message { get; init; }

        public string Code => Body?["Code"]?.GetValue<string>();
        public string ErrorMessage => Body?["Message"]?.GetValue<string>();
        public JsonNode Data => Body?["Data"];

        public string Header(string name) => Message.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;

        /// <summary>Asserts HTTP 200 and returns the body.</summary>
        public JsonNode Ok()
        {
            Assert.True(Status == 200, "Expected HTTP 200, got " + Status + ": " + Text);
            return Body;
        }

        /// <summary>Asserts an error response with this status and code in the documented shape.</summary>
        public ApiResponse Error(int status, string code)
        {
            Assert.True(Status == status && Code == code, "Expected " + status + " " + code + ", got " + Status + ": " + Text);
            string requestId = Body["RequestId"].GetValue<string>();
            Assert.False(string.IsNullOrEmpty(requestId));
            Assert.False(string.IsNullOrEmpty(Body["HostId"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(ErrorMessage));
            Assert.Equal("https://api.alibabacloud.com/troubleshoot?q=" + Uri.EscapeDataString(code) + "&product=dataworks-public&requestId=" + requestId,
                Body["Recommend"].GetValue<string>());
            Assert.Equal("application/json;charset=utf-8", Message.Content.Headers.ContentType.ToString().Replace(" ", ""));
            return this;
        }

        /// <summary>A DI business failure: HTTP 200, Data.Status "fail", and the message.</summary>
        public string DiFail()
        {
            Ok();
            Assert.True(Data?["Status"]?.GetValue<string>() == "fail", "Expected Data.Status fail: " + Text);
            return Data["Message"].GetValue<string>();
        }
    }

    /// <summary>A raw HTTP client for the emulator: builds and signs every request itself.</summary>
    public sealed class DwClient : IDisposable
    {
        private readonly HttpClient _http;

        public DwClient(Uri baseAddress, Key key)
        {
            BaseAddress = baseAddress;
            DefaultKey = key;
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(30) };
        }

        public Uri BaseAddress { get; }
        public Key DefaultKey { get; set; }
        public string Authority => BaseAddress.Authority;

        public void Dispose() => _http.Dispose();

        public Task<ApiResponse> SendAsync(V3Request r) => SendAsync(r, CancellationToken.None);

        /// <summary>Sends <paramref name="r"/>; cancelling <paramref name="ct"/> aborts the request as a client that gives up does.</summary>
        public async Task<ApiResponse> SendAsync(V3Request r, CancellationToken ct)
        {
            Key key = r.Key ?? DefaultKey;
            byte[] body = r.Form == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(r.Form));
            string hash = r.ContentHashOverride ?? AcsSignatureV3.HashHex(body);
            var headers = new List<KeyValuePair<string, string>>
            {
                new("host", Authority),
                new("x-acs-action", r.Action),
                new("x-acs-date", r.DateText ?? r.Date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new("x-acs-signature-nonce", r.Nonce),
                new("x-acs-content-sha256", hash),
            };
            if (!r.OmitVersionHeader) headers.Add(new("x-acs-version", r.Version));
            if (key.Token != null && r.SendTokenHeader)
            {
                headers.Add(new("x-acs-security-token", r.TokenOverride ?? key.Token));
                headers.Add(new("x-acs-accesskey-id", key.Id));
            }
            else if (r.TokenOverride != null)
            {
                headers.Add(new("x-acs-security-token", r.TokenOverride));
            }
            foreach (var h in r.ExtraHeaders) headers.Add(new(h.Key.ToLowerInvariant(), h.Value));
            if (body.Length > 0) headers.Add(new("content-type", r.ContentType));

            string[] names = r.SignedHeaderNames ?? headers.Select(h => h.Key).Where(AcsSignatureV3.IsSignedByDefault).ToArray();
            var signed = headers.Where(h => names.Contains(h.Key)).ToList();
            string canonical = AcsSignatureV3.CanonicalRequest(r.Method, r.Query, signed, hash);
            string signature = r.SignatureOverride
                ?? AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(r.SecretOverride ?? key.Secret), AcsSignatureV3.StringToSign(canonical));
            AcsSignatureV3.CanonicalizeHeaders(signed, out _, out string signedNames);
            if (r.SignedHeaderNames != null) signedNames = string.Join(";", r.SignedHeaderNames.OrderBy(n => n, StringComparer.Ordinal));

            string url = BaseAddress.GetLeftPart(UriPartial.Authority) + "/" + (r.Query.Count > 0 ? "?" + AcsPercentEncoder.EncodePairs(r.Query) : "");
            var request = new HttpRequestMessage(new HttpMethod(r.Method), url);
            byte[] sent = r.BodyOverride ?? body;
            if (sent.Length > 0 || r.Form != null)
            {
                request.Content = new ByteArrayContent(sent);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
            }
            foreach (var h in headers)
                if (h.Key != "host" && h.Key != "content-type") request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            if (!r.OmitAuthorization)
                request.Headers.TryAddWithoutValidation("Authorization", r.AuthorizationOverride ?? AcsSignatureV3.AuthorizationHeader(key.Id, signedNames, signature));
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (r.ConnectionClose) request.Headers.ConnectionClose = true;
            return await ReadAsync(await _http.SendAsync(request, ct));
        }

        public async Task<ApiResponse> SendAsync(V2Request r)
        {
            Key key = r.Key ?? DefaultKey;
            var common = new List<KeyValuePair<string, string>>
            {
                new("Action", r.Action), new("Version", r.Version), new("Format", "json"), new("AccessKeyId", key.Id),
                new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"), new("SignatureNonce", r.Nonce), new("Timestamp", r.Timestamp),
            };
            if (key.Token != null) common.Add(new("SecurityToken", key.Token));
            common.RemoveAll(p => r.Omit.Contains(p.Key));
            var all = common.Concat(r.Parameters).Concat(r.ExtraQuery).Concat(r.ExtraBody).ToList();
            string signature = r.SignatureOverride ?? RpcSignatureV2.Sign(Encoding.UTF8.GetBytes(key.Secret), RpcSignatureV2.StringToSign(r.Method, all));
            List<KeyValuePair<string, string>> query, body;
            if (r.AllInBody)
            {
                query = new List<KeyValuePair<string, string>>();
                body = common.Concat(r.Parameters).Concat(r.ExtraBody).ToList();
                if (!r.Omit.Contains("Signature")) body.Add(new("Signature", signature));
                query.AddRange(r.ExtraQuery);
            }
            else
            {
                query = (r.BusinessInBody ? common.ToList() : common.Concat(r.Parameters).ToList()).Concat(r.ExtraQuery).ToList();
                if (!r.Omit.Contains("Signature")) query.Add(new("Signature", signature));
                body = (r.BusinessInBody ? r.Parameters.ToList() : new List<KeyValuePair<string, string>>()).Concat(r.ExtraBody).ToList();
            }
            var request = new HttpRequestMessage(new HttpMethod(r.Method), BaseAddress.GetLeftPart(UriPartial.Authority) + "/" + (query.Count > 0 ? "?" + AcsPercentEncoder.EncodePairs(query) : ""));
            if (body.Count > 0)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(body)));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
            }
            if (r.AcsHeaders)
            {
                request.Headers.TryAddWithoutValidation("x-acs-action", r.Action);
                request.Headers.TryAddWithoutValidation("x-acs-version", r.Version);
            }
            return await ReadAsync(await _http.SendAsync(request));
        }

        /// <summary>The common case: a V3 POST with the business parameters in a form body.</summary>
        public Task<ApiResponse> CallAsync(string action, params (string Name, object Value)[] parameters) => CallAsync(action, DefaultKey, parameters);

        public Task<ApiResponse> CallAsync(string action, Key key, params (string Name, object Value)[] parameters)
        {
            var r = new V3Request { Action = action, Key = key };
            foreach (var (name, value) in parameters) r.F(name, value);
            return SendAsync(r);
        }

        public async Task<HttpResponseMessage> RawAsync(HttpRequestMessage request) => await _http.SendAsync(request);

        public async Task<JsonNode> AdminGetAsync(string pathAndQuery)
        {
            var response = await _http.GetAsync(BaseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery);
            Assert.Equal(200, (int)response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }

        public async Task<Key> CreateKeyAsync(bool securityToken = false, int? expiresInSeconds = null, long[] projectIds = null)
        {
            var payload = new JsonObject { ["securityToken"] = securityToken };
            if (expiresInSeconds != null) payload["expiresInSeconds"] = expiresInSeconds.Value;
            if (projectIds != null) payload["projectIds"] = new JsonArray(projectIds.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
            var response = await _http.PostAsync(BaseAddress.GetLeftPart(UriPartial.Authority) + "/_emulator/access-keys",
                new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(200, (int)response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return new Key(body["accessKeyId"].GetValue<string>(), body["accessKeySecret"].GetValue<string>(), body["securityToken"]?.GetValue<string>());
        }

        public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message)
        {
            string text = await message.Content.ReadAsStringAsync();
            JsonNode body = null;
            try { body = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
            return new ApiResponse { Status = (int)message.StatusCode, Body = body, Text = text, Message = message };
        }
    }
}
