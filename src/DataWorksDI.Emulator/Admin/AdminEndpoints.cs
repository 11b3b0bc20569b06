using DataWorksDI.Emulator.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataWorksDI.Emulator.Admin
{
    /// <summary>
    /// The small unsigned admin surface under /_emulator/ (never subject to faults, never counted as API calls):
    /// health, the request log, and runtime key creation.
    /// </summary>
    internal static class AdminEndpoints
    {
        public const string Prefix = "/_emulator";

        public static void Map(IEndpointRouteBuilder app, EmulatorServices services)
        {
            app.MapGet(Prefix + "/health", (HttpContext http) => Json(http, 200, new JsonObject
            {
                ["status"] = "ok",
                ["version"] = typeof(AdminEndpoints).Assembly.GetName().Version?.ToString(),
                ["apiVersion"] = Protocol.ApiVersion,
                ["dataDirectory"] = services.Options.DataDirectory,
                ["accessKeyId"] = services.Options.PrimaryAccessKeyId,
                ["lastRequestSequence"] = services.Log.LastSequence,
                ["actions"] = new JsonArray(services.ActionNames.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            }));

            app.MapGet(Prefix + "/requests", (HttpContext http) =>
            {
                string accessKeyId = http.Request.Query["accessKeyId"];
                string sinceText = http.Request.Query["since"];
                long since = 0;
                if (!string.IsNullOrEmpty(sinceText) && !long.TryParse(sinceText, NumberStyles.None, CultureInfo.InvariantCulture, out since))
                    return Json(http, 400, new JsonObject { ["error"] = "since must be a request sequence number (0 or more)." });
                var entries = services.Log.Read(string.IsNullOrEmpty(accessKeyId) ? null : accessKeyId, since);
                var list = new JsonArray();
                foreach (var e in entries)
                {
                    list.Add(new JsonObject
                    {
                        ["sequence"] = e.Sequence,
                        ["time"] = e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                        ["method"] = e.Method,
                        ["action"] = e.Action,
                        ["accessKeyId"] = e.AccessKeyId,
                        ["signatureVersion"] = e.SignatureVersion,
                        ["httpStatus"] = e.HttpStatus,
                        ["errorCode"] = e.ErrorCode,
                        ["actionCommitted"] = e.ActionCommitted,
                        ["parameterNames"] = new JsonArray(e.ParameterNames.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
                    });
                }
                return Json(http, 200, new JsonObject { ["lastSequence"] = services.Log.LastSequence, ["requests"] = list });
            });

            app.MapPost(Prefix + "/access-keys", async (HttpContext http) =>
            {
                bool sts = false;
                int? expiresIn = null;
                var projectIds = new System.Collections.Generic.List<long>();
                using (var reader = new System.IO.StreamReader(http.Request.Body))
                {
                    string text = await reader.ReadToEndAsync().ConfigureAwait(false);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        try
                        {
                            using (var doc = JsonDocument.Parse(text))
                            {
                                var root = doc.RootElement;
                                if (root.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                                if (root.TryGetProperty("securityToken", out var t)) sts = t.GetBoolean();
                                if (root.TryGetProperty("expiresInSeconds", out var e)) expiresIn = e.GetInt32();
                                if (root.TryGetProperty("projectIds", out var p)) foreach (var id in p.EnumerateArray()) projectIds.Add(id.GetInt64());
                            }
                        }
                        catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
                        {
                            await Json(http, 400, new JsonObject { ["error"] = "The body is optional JSON: {\"securityToken\": true|false, \"expiresInSeconds\": n, \"projectIds\": [workspace ids]}." }).ConfigureAwait(false);
                            return;
                        }
                    }
                }
                var key = services.Keys.Create(sts, expiresIn, services.Clock.GetUtcNow(), projectIds);
                var body = new JsonObject
                {
                    ["accessKeyId"] = key.AccessKeyId,
                    ["accessKeySecret"] = key.AccessKeySecret,
                };
                if (key.SecurityToken != null) body["securityToken"] = key.SecurityToken;
                if (key.Expiration != null) body["expiration"] = key.Expiration.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                await Json(http, 200, body).ConfigureAwait(false);
            });
        }

        /// <summary>Writes an admin answer: JSON, never cached (also used by the STS test endpoints).</summary>
        internal static Task Json(HttpContext http, int status, JsonObject body)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = Protocol.JsonContentType;
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(body.ToJsonString());
        }
    }
}
