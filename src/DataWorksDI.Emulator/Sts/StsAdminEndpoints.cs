using DataWorksDI.Emulator.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataWorksDI.Emulator.Sts
{
    /// <summary>
    /// Test helpers for temporary credentials, under /_emulator/ (unsigned, local only):
    /// <c>POST /_emulator/oidc-tokens</c> mints an OIDC token that AssumeRoleWithOIDC accepts;
    /// <c>GET /_emulator/issued-credentials?since=n</c> lists the key pairs handed out (so tests can check that none of
    /// them leaked into output, and count refreshes).
    /// </summary>
    internal static class StsAdminEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, StsService sts, CredentialIssuer issuer)
        {
            app.MapPost("/_emulator/oidc-tokens", async (HttpContext http) =>
            {
                string providerArn = null;
                using (var reader = new System.IO.StreamReader(http.Request.Body))
                {
                    string text = await reader.ReadToEndAsync().ConfigureAwait(false);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        try
                        {
                            using var doc = JsonDocument.Parse(text);
                            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("oidcProviderArn", out var p)) providerArn = p.GetString();
                        }
                        catch (JsonException)
                        {
                            await AdminEndpoints.Json(http, 400, new JsonObject { ["error"] = "The body is optional JSON: {\"oidcProviderArn\": \"acs:ram::<account>:oidc-provider/<name>\"}." }).ConfigureAwait(false);
                            return;
                        }
                    }
                }
                await AdminEndpoints.Json(http, 200, new JsonObject { ["token"] = sts.MintOidcToken(providerArn) }).ConfigureAwait(false);
            });

            app.MapGet("/_emulator/issued-credentials", (HttpContext http) =>
            {
                long.TryParse(http.Request.Query["since"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long since);
                var list = new JsonArray(issuer.Since(since).Select(i => (JsonNode)new JsonObject
                {
                    ["sequence"] = i.Sequence,
                    ["issuer"] = i.Issuer,
                    ["roleArn"] = i.RoleArn,
                    ["roleSessionName"] = i.RoleSessionName,
                    ["callerAccessKeyId"] = i.CallerAccessKeyId,
                    ["accessKeyId"] = i.Key.AccessKeyId,
                    ["accessKeySecret"] = i.Key.AccessKeySecret,
                    ["securityToken"] = i.Key.SecurityToken,
                    ["expiration"] = StsService.FormatTime(i.Key.Expiration.Value),
                    ["issuedAt"] = i.IssuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                }).ToArray());
                return AdminEndpoints.Json(http, 200, new JsonObject { ["credentials"] = list });
            });
        }
    }
}
