using System.Collections.Concurrent;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataWorksDI.Emulator.Metadata
{
    /// <summary>
    /// The ECS instance metadata service's RAM-role part, in its hardened (IMDSv2-only) mode, on the emulator's own
    /// address, plus a credentials-URI endpoint. Both hand out fresh STS-style key pairs that the DataWorks gateway accepts
    /// until they expire.
    /// <list type="bullet">
    /// <item><c>PUT /latest/api/token</c> with <c>X-aliyun-ecs-metadata-token-ttl-seconds: 1..21600</c> → a token (text).</item>
    /// <item><c>GET /latest/meta-data/ram/security-credentials/</c> → the role name (text); needs <c>X-aliyun-ecs-metadata-token</c>.</item>
    /// <item><c>GET /latest/meta-data/ram/security-credentials/&lt;role&gt;</c> → <c>{Code, AccessKeyId, AccessKeySecret, SecurityToken, Expiration, LastUpdated}</c>.</item>
    /// <item><c>GET /_emulator/credentials-uri</c> → the same JSON (what ALIBABA_CLOUD_CREDENTIALS_URI points at).</item>
    /// </list>
    /// </summary>
    internal static class MetadataService
    {
        public const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";
        public const string TokenHeader = "X-aliyun-ecs-metadata-token";
        public const string CredentialsPath = "/latest/meta-data/ram/security-credentials/";
        public const string CredentialsUriPath = "/_emulator/credentials-uri";

        /// <summary>How long metadata-service and credentials-URI key pairs live unless --sts-credential-lifetime says otherwise.</summary>
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

        public static void Map(IEndpointRouteBuilder app, CredentialIssuer issuer, TimeProvider clock)
        {
            var tokens = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            string role = issuer.Options.EcsRamRoleName;

            app.MapMethods("/latest/api/token", new[] { "PUT" }, (HttpContext http) =>
            {
                string ttlText = http.Request.Headers[TokenTtlHeader].ToString();
                if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out int ttl) || ttl < 1 || ttl > 21600)
                    return Text(http, 400, "The " + TokenTtlHeader + " header must be an integer from 1 to 21600.");
                DateTimeOffset now = clock.GetUtcNow();
                foreach (var old in tokens) if (old.Value <= now) tokens.TryRemove(old.Key, out _);
                string token = CredentialIssuer.RandomToken("AQAE", 60);
                tokens[token] = now.AddSeconds(ttl);
                return Text(http, 200, token);
            });

            bool Authorized(HttpContext http)
            {
                string token = http.Request.Headers[TokenHeader].ToString();
                return token.Length > 0 && tokens.TryGetValue(token, out DateTimeOffset expires) && expires > clock.GetUtcNow();
            }

            app.MapGet(CredentialsPath, (HttpContext http) =>
                Authorized(http) ? Text(http, 200, role) : Text(http, 401, "Unauthorized: a valid " + TokenHeader + " header is required (IMDSv2)."));

            app.MapGet(CredentialsPath + "{roleName}", (HttpContext http, string roleName) =>
            {
                if (!Authorized(http)) return Text(http, 401, "Unauthorized: a valid " + TokenHeader + " header is required (IMDSv2).");
                if (!string.Equals(roleName, role, StringComparison.Ordinal)) return Text(http, 404, "Not Found");
                return Json(http, Issue(issuer, clock, "EcsMetadata", roleName));
            });

            app.MapGet(CredentialsUriPath, (HttpContext http) => Json(http, Issue(issuer, clock, "CredentialsUri", null)));
        }

        private static JsonObject Issue(CredentialIssuer issuer, TimeProvider clock, string source, string roleName)
        {
            DateTimeOffset now = clock.GetUtcNow();
            IssuedCredential issued = issuer.Issue(source, issuer.LifetimeFor(DefaultLifetime), now, roleName == null ? null : "acs:ram::1000000000000000:role/" + roleName);
            return new JsonObject
            {
                ["Code"] = "Success",
                ["AccessKeyId"] = issued.Key.AccessKeyId,
                ["AccessKeySecret"] = issued.Key.AccessKeySecret,
                ["SecurityToken"] = issued.Key.SecurityToken,
                ["Expiration"] = StsService.FormatTime(issued.Key.Expiration.Value),
                ["LastUpdated"] = StsService.FormatTime(now),
            };
        }

        private static Task Text(HttpContext http, int status, string text)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/plain";
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(text);
        }

        private static Task Json(HttpContext http, JsonObject body)
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = Protocol.JsonContentType;
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(body.ToJsonString());
        }
    }
}
