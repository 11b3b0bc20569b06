using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Threading;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace DataWorksDI.Emulator.Sts
{
    /// <summary>
    /// The STS API (Version 2015-04-01) on the emulator's own address: AssumeRole (V2-signed by any key the gateway
    /// accepts, including STS keys, so role chaining works) and AssumeRoleWithOIDC (unsigned; the OIDC token must be
    /// one minted by POST /_emulator/oidc-tokens). Issued key pairs are accepted by the DataWorks gateway until they expire.
    /// </summary>
    public sealed class StsService
    {
        public const string Version = "2015-04-01";
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly Regex RoleArnPattern = new Regex(@"^acs:ram::\d+:role/[A-Za-z0-9._@-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly Regex OidcProviderArnPattern = new Regex(@"^acs:ram::\d+:oidc-provider/[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant);
        private static readonly Regex SessionNamePattern = new Regex(@"^[A-Za-z0-9._@-]{2,64}$", RegexOptions.CultureInvariant);

        private readonly CredentialIssuer _issuer;
        private readonly SignatureVerifier _verifier;
        private readonly Store _store;
        private readonly TimeProvider _clock;
        private readonly ConcurrentDictionary<string, string> _oidcTokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public StsService(CredentialIssuer issuer, AccessKeyRegistry keys, Store store, TimeProvider clock)
        {
            _issuer = issuer;
            _verifier = new SignatureVerifier(keys);
            _store = store;
            _clock = clock;
        }

        /// <summary>
        /// True for a request to "/" that names the STS version: the Version parameter in the query (openapi-client,
        /// the credentials libraries) or in the form body (pop-core POST), or the x-acs-version header.
        /// </summary>
        public static bool IsStsRequest(IncomingRequest req) =>
            string.Equals(req.Param("Version"), Version, StringComparison.Ordinal)
            || string.Equals(req.Header("x-acs-version"), Version, StringComparison.Ordinal);

        /// <summary>Mints an OIDC token that AssumeRoleWithOIDC will accept for <paramref name="oidcProviderArn"/> (any provider when null).</summary>
        public string MintOidcToken(string oidcProviderArn)
        {
            // Shaped like a JWT (three dot-separated parts) but opaque to the emulator.
            string token = CredentialIssuer.RandomToken("eyJ", 40) + "." + CredentialIssuer.RandomToken("eyJ", 80) + "." + CredentialIssuer.RandomToken(string.Empty, 43);
            _oidcTokens[token] = oidcProviderArn ?? string.Empty;
            return token;
        }

        /// <summary>Answers one STS call; <paramref name="req"/> was read by the gateway (parameters from the query and the form body).</summary>
        public async Task HandleAsync(HttpContext http, IncomingRequest req)
        {
            string requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
            CancellationToken ct = http.RequestAborted;
            try
            {
                string action = Param(req, "Action");
                JsonObject body;
                switch (action)
                {
                    case "AssumeRole": body = await AssumeRoleAsync(req, ct).ConfigureAwait(false); break;
                    case "AssumeRoleWithOIDC": body = AssumeRoleWithOidc(req); break;
                    case null:
                    case "": throw ErrorCatalogue.MissingParameter("Action");
                    default: throw ErrorCatalogue.InvalidActionNotFound(action);
                }
                body["RequestId"] = requestId;
                await WriteAsync(http, 200, body).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                await ApiGateway.WriteErrorAsync(http, e, requestId).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        private async Task<JsonObject> AssumeRoleAsync(IncomingRequest req, CancellationToken ct)
        {
            DateTimeOffset now = _clock.GetUtcNow();
            Caller caller = _verifier.VerifyV2(req, now);
            await SignatureVerifier.UseNonceAsync(_store, caller, now, ct).ConfigureAwait(false);
            string roleArn = RequireRoleArn(req);
            string sessionName = RequireSessionName(req);
            TimeSpan duration = Duration(req);
            IssuedCredential issued = _issuer.Issue("AssumeRole", _issuer.LifetimeFor(duration), now, roleArn, sessionName, caller.AccessKeyId);
            return Answer(issued, roleArn, sessionName);
        }

        private JsonObject AssumeRoleWithOidc(IncomingRequest req)
        {
            DateTimeOffset now = _clock.GetUtcNow();
            string providerArn = Param(req, "OIDCProviderArn");
            if (string.IsNullOrEmpty(providerArn)) throw ErrorCatalogue.MissingParameter("OIDCProviderArn");
            if (!OidcProviderArnPattern.IsMatch(providerArn))
                throw new ApiException(400, "InvalidParameter.OIDCProviderArn", "The OIDCProviderArn must look like acs:ram::<account>:oidc-provider/<name>.");
            string token = Param(req, "OIDCToken");
            if (string.IsNullOrEmpty(token)) throw ErrorCatalogue.MissingParameter("OIDCToken");
            token = token.Trim();
            if (!_oidcTokens.TryGetValue(token, out string boundProvider) || (boundProvider.Length > 0 && boundProvider != providerArn))
                throw new ApiException(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is not valid for this OIDC provider.");
            string roleArn = RequireRoleArn(req);
            string sessionName = RequireSessionName(req);
            TimeSpan duration = Duration(req);
            IssuedCredential issued = _issuer.Issue("AssumeRoleWithOIDC", _issuer.LifetimeFor(duration), now, roleArn, sessionName);
            JsonObject body = Answer(issued, roleArn, sessionName);
            body["OIDCTokenInfo"] = new JsonObject { ["Issuer"] = "https://oidc.emulator.invalid", ["Subject"] = "system:serviceaccount:default:emulator", ["ClientIds"] = "sts.aliyuncs.com" };
            return body;
        }

        private static JsonObject Answer(IssuedCredential issued, string roleArn, string sessionName)
        {
            string account = roleArn.Split(':')[3];
            string roleName = roleArn.Substring(roleArn.IndexOf('/') + 1);
            return new JsonObject
            {
                ["AssumedRoleUser"] = new JsonObject
                {
                    ["Arn"] = "acs:ram::" + account + ":assumed-role/" + roleName + "/" + sessionName,
                    ["AssumedRoleId"] = "3" + account.PadLeft(16, '0').Substring(0, 16) + ":" + sessionName,
                },
                ["Credentials"] = new JsonObject
                {
                    ["AccessKeyId"] = issued.Key.AccessKeyId,
                    ["AccessKeySecret"] = issued.Key.AccessKeySecret,
                    ["SecurityToken"] = issued.Key.SecurityToken,
                    ["Expiration"] = FormatTime(issued.Key.Expiration.Value),
                },
            };
        }

        public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string RequireRoleArn(IncomingRequest req) =>
            RequireMatching(req, "RoleArn", RoleArnPattern, "look like acs:ram::<account>:role/<name>");

        private static string RequireSessionName(IncomingRequest req) =>
            RequireMatching(req, "RoleSessionName", SessionNamePattern, "be 2-64 characters of letters, digits and . @ - _");

        /// <summary>STS's check of a mandatory parameter: Missing&lt;Name&gt; when absent, InvalidParameter.&lt;Name&gt; when it does not match.</summary>
        private static string RequireMatching(IncomingRequest req, string name, Regex pattern, string must)
        {
            string value = Param(req, name);
            if (string.IsNullOrEmpty(value)) throw new ApiException(400, "Missing" + name, name + " is mandatory for this action.");
            if (!pattern.IsMatch(value))
                throw new ApiException(400, "InvalidParameter." + name, "The parameter " + name + " must " + must + ".");
            return value;
        }

        private static TimeSpan Duration(IncomingRequest req)
        {
            string text = Param(req, "DurationSeconds");
            if (string.IsNullOrEmpty(text)) return TimeSpan.FromSeconds(3600);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds < 900 || seconds > 43200)
                throw new ApiException(400, "InvalidParameter.DurationSeconds", "The parameter DurationSeconds must be between 900 and 43200 (the role's maximum session duration).");
            return TimeSpan.FromSeconds(seconds);
        }

        private static string Param(IncomingRequest req, string name) => req.Parameters.TryGetValue(name, out string v) ? v : null;

        private static async Task WriteAsync(HttpContext http, int status, JsonObject body)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = Protocol.JsonContentType;
            http.Response.Headers.CacheControl = "no-store";
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions);
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        }
    }
}
