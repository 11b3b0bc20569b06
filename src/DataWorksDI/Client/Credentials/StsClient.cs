using System.Globalization;
using System.Net.Http;
using DataWorksDI.Client.Signing;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>Where STS is: an explicit endpoint, else ALIBABA_CLOUD_STS_ENDPOINT, else the STS region, else sts.aliyuncs.com.</summary>
    internal static class StsEndpoint
    {
        public const string DefaultHost = "sts.aliyuncs.com";

        /// <summary>
        /// <paramref name="explicitEndpoint"/> (a profile's sts_endpoint) wins, then ALIBABA_CLOUD_STS_ENDPOINT; both may be a
        /// host (https is used) or a full http(s) URL (an emulator). Otherwise sts[-vpc].&lt;region&gt;.aliyuncs.com for
        /// <paramref name="stsRegion"/> or ALIBABA_CLOUD_STS_REGION, else sts.aliyuncs.com.
        /// </summary>
        public static Uri Resolve(ICredentialEnvironment env, string explicitEndpoint = null, string stsRegion = null, bool? vpc = null)
        {
            string endpoint = !string.IsNullOrWhiteSpace(explicitEndpoint) ? explicitEndpoint : env.Get(CredentialVariables.StsEndpoint);
            if (!string.IsNullOrWhiteSpace(endpoint)) return ToUri(endpoint.Trim(), "the STS endpoint");
            string region = !string.IsNullOrWhiteSpace(stsRegion) ? stsRegion.Trim() : env.Get(CredentialVariables.StsRegion);
            bool useVpc = vpc ?? env.IsTrue(CredentialVariables.VpcEndpointEnabled);
            if (string.IsNullOrEmpty(region)) return new Uri("https://" + DefaultHost + "/");
            if (!DataWorksEndpoints.IsValidRegionId(region))
                throw new CredentialException(CredentialException.InvalidProfile, $"'{region}' is not an STS region id (for example cn-hangzhou).");
            return new Uri("https://" + (useVpc ? "sts-vpc." : "sts.") + region + ".aliyuncs.com/");
        }

        /// <summary>A host[:port] becomes https://host/; an http(s) URL is kept (path reset to /).</summary>
        public static Uri ToUri(string value, string what)
        {
            string text = value.Contains("://") ? value : "https://" + value;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
                throw new CredentialException(CredentialException.InvalidProfile, $"{what} '{value}' is neither a host name nor an http(s) URL.");
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/").Uri;
        }
    }

    /// <summary>The two STS actions the credential providers need (Version 2015-04-01), as the official libraries send them.</summary>
    internal sealed class StsClient
    {
        public const string Version = "2015-04-01";
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        public StsClient(Uri endpoint, TimeSpan? timeout = null, Func<DateTimeOffset> clock = null)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            Timeout = timeout ?? DefaultTimeout;
            Clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public Uri Endpoint { get; }

        public TimeSpan Timeout { get; }

        private Func<DateTimeOffset> Clock { get; }

        /// <summary>
        /// AssumeRole: POST, the common parameters in the query, the business ones in a form body, V2-signed (HMAC-SHA1)
        /// over both with <paramref name="caller"/> (whose token, if any, travels as SecurityToken).
        /// </summary>
        public async Task<AcsCredential> AssumeRoleAsync(AcsCredential caller, string roleArn, string roleSessionName, int durationSeconds,
            string policy, string externalId, string source, CancellationToken cancellationToken)
        {
            List<KeyValuePair<string, string>> query = CommonQuery("AssumeRole");
            query.AddRange(new[]
            {
                Pair("SignatureMethod", RpcSignatureV2.SignatureMethod),
                Pair("SignatureVersion", RpcSignatureV2.SignatureVersion),
                Pair("SignatureNonce", Guid.NewGuid().ToString("D")),
                Pair("AccessKeyId", caller.AccessKeyId),
            });
            string callerToken = caller.IsTemporary ? AcsCredential.Reveal(caller.SecurityToken) : null;
            if (callerToken != null) query.Add(Pair("SecurityToken", callerToken));
            var form = new List<KeyValuePair<string, string>>
            {
                Pair("RoleArn", roleArn),
                Pair("RoleSessionName", roleSessionName),
                Pair("DurationSeconds", durationSeconds.ToString(CultureInfo.InvariantCulture)),
            };
            if (!string.IsNullOrEmpty(policy)) form.Add(Pair("Policy", policy));
            if (!string.IsNullOrEmpty(externalId)) form.Add(Pair("ExternalId", externalId));

            var all = new List<KeyValuePair<string, string>>(query);
            all.AddRange(form);
            string stringToSign = RpcSignatureV2.StringToSign("POST", all);
            query.Add(Pair("Signature", AcsCredential.WithUtf8Bytes(caller.AccessKeySecret, key => RpcSignatureV2.Sign(key, stringToSign))));
            return await SendAsync("AssumeRole", query, form, source, callerToken == null ? null : new[] { callerToken }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>AssumeRoleWithOIDC: unsigned POST; Action, Version, Format and Timestamp in the query, the rest in a form body.</summary>
        public async Task<AcsCredential> AssumeRoleWithOidcAsync(string roleArn, string oidcProviderArn, string oidcToken, string roleSessionName,
            int durationSeconds, string policy, string source, CancellationToken cancellationToken)
        {
            List<KeyValuePair<string, string>> query = CommonQuery("AssumeRoleWithOIDC");
            var form = new List<KeyValuePair<string, string>>
            {
                Pair("RoleArn", roleArn),
                Pair("OIDCProviderArn", oidcProviderArn),
                Pair("OIDCToken", oidcToken),
                Pair("RoleSessionName", roleSessionName),
                Pair("DurationSeconds", durationSeconds.ToString(CultureInfo.InvariantCulture)),
            };
            if (!string.IsNullOrEmpty(policy)) form.Add(Pair("Policy", policy));
            return await SendAsync("AssumeRoleWithOIDC", query, form, source, new[] { oidcToken }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The query parameters every STS call starts with: Action, Version, Format (JSON) and Timestamp (now, UTC).</summary>
        private List<KeyValuePair<string, string>> CommonQuery(string action) => new List<KeyValuePair<string, string>>
        {
            Pair("Action", action),
            Pair("Version", Version),
            Pair("Format", "JSON"),
            Pair("Timestamp", Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };

        private async Task<AcsCredential> SendAsync(string action, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> form,
            string source, string[] knownSecrets, CancellationToken cancellationToken)
        {
            var uri = new Uri(Endpoint, "/?" + AcsPercentEncoder.EncodePairs(query));
            string what = $"STS {action} at {CredentialHttp.Describe(Endpoint)}";
            using (var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = CredentialHttp.Form(form) })
            {
                request.Headers.TryAddWithoutValidation("User-Agent", DataWorksClientOptions.DefaultUserAgent);
                request.Headers.TryAddWithoutValidation("x-acs-credentials-provider", source);
                var (status, body) = await CredentialHttp.SendAsync(request, Timeout, CredentialException.StsFailed, what, cancellationToken, knownSecrets).ConfigureAwait(false);
                JObject json = CredentialHttp.TryParse(body);
                if (status != 200)
                    throw new CredentialException(CredentialException.StsFailed, $"{what} failed: {CredentialHttp.DescribeError(json, status, body)}", null, knownSecrets);
                JObject credentials = json?["Credentials"] as JObject;
                string id = credentials?.Value<string>("AccessKeyId");
                string secret = credentials?.Value<string>("AccessKeySecret");
                string token = credentials?.Value<string>("SecurityToken");
                DateTimeOffset? expiration = CredentialHttp.ParseExpiration(credentials?.Value<string>("Expiration"));
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token) || expiration == null)
                    throw new CredentialException(CredentialException.StsFailed, $"{what} answered without complete Credentials (AccessKeyId, AccessKeySecret, SecurityToken, Expiration).");
                return new AcsCredential(id, AcsCredential.ToSecureString(secret), AcsCredential.ToSecureString(token), expiration, source);
            }
        }

        private static KeyValuePair<string, string> Pair(string k, string v) => new KeyValuePair<string, string>(k, v);
    }
}
