using System.Globalization;
using System.Net.Http;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// The ECS instance RAM role through the instance metadata service: PUT /latest/api/token (IMDSv2, TTL 21600 s), the
    /// role name from ALIBABA_CLOUD_ECS_METADATA or GET …/security-credentials/, then GET …/security-credentials/&lt;role&gt;
    /// with the X-aliyun-ecs-metadata-token header. Like the official libraries, a failed token request falls back to
    /// IMDSv1 (no token) unless ALIBABA_CLOUD_IMDSV1_DISABLED=true.
    /// </summary>
    internal sealed class EcsRamRoleCredentialProvider : RefreshingCredentialProvider
    {
        public static readonly Uri DefaultEndpoint = new Uri("http://100.100.100.200/");

        /// <summary>The official libraries' 1 s time-outs for the link-local service; an overridden endpoint (an emulator, a proxy) gets 5 s.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan OverriddenEndpointTimeout = TimeSpan.FromSeconds(5);

        private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";
        private readonly Uri _endpoint;
        private readonly string _configuredRole;
        private readonly bool _imdsV1Disabled;
        private readonly TimeSpan _timeout;
        private readonly string _name;

        public EcsRamRoleCredentialProvider(string roleName, Uri endpoint, bool imdsV1Disabled, string name, TimeSpan? timeout = null, Func<DateTimeOffset> clock = null)
            : base(clock)
        {
            _configuredRole = string.IsNullOrWhiteSpace(roleName) ? null : roleName.Trim();
            _endpoint = endpoint ?? DefaultEndpoint;
            _imdsV1Disabled = imdsV1Disabled;
            _timeout = timeout ?? (_endpoint == DefaultEndpoint ? DefaultTimeout : OverriddenEndpointTimeout);
            _name = $"{name} (ECS RAM role {(_configuredRole ?? "from the metadata service")} via {CredentialHttp.Describe(_endpoint)})";
        }

        public override string Name => _name;

        /// <summary>Builds the provider from the environment: ALIBABA_CLOUD_ECS_METADATA (role), DATAWORKSDI_ECS_METADATA_ENDPOINT, ALIBABA_CLOUD_IMDSV1_DISABLED.</summary>
        public static EcsRamRoleCredentialProvider FromEnvironment(ICredentialEnvironment env, string roleName, string name)
        {
            string endpoint = env.Get(CredentialVariables.EcsMetadataEndpoint);
            Uri uri = endpoint == null ? DefaultEndpoint : StsEndpoint.ToUri(endpoint.Contains("://") ? endpoint : "http://" + endpoint, CredentialVariables.EcsMetadataEndpoint);
            return new EcsRamRoleCredentialProvider(roleName ?? env.Get(CredentialVariables.EcsMetadata), uri, env.IsTrue(CredentialVariables.ImdsV1Disabled), name);
        }

        protected override async Task<AcsCredential> FetchAsync(CancellationToken cancellationToken)
        {
            string token = await GetMetadataTokenAsync(cancellationToken).ConfigureAwait(false);
            string role = _configuredRole;
            if (role == null)
            {
                var (status, body) = await GetAsync(CredentialsPath, token, cancellationToken).ConfigureAwait(false);
                if (status != 200 || string.IsNullOrWhiteSpace(body))
                    throw new CredentialException(CredentialException.MetadataFailed, $"{_name}: the metadata service gave no role name (HTTP {status.ToString(CultureInfo.InvariantCulture)}). Is an instance RAM role attached?");
                role = body.Trim().Split('\n')[0].Trim();
            }
            var (credStatus, credBody) = await GetAsync(CredentialsPath + Uri.EscapeDataString(role), token, cancellationToken).ConfigureAwait(false);
            if (credStatus != 200)
                throw new CredentialException(CredentialException.MetadataFailed, $"{_name}: the metadata service refused the credentials of role '{role}' (HTTP {credStatus.ToString(CultureInfo.InvariantCulture)}).");
            JObject json = CredentialHttp.TryParse(credBody);
            string id = json?.Value<string>("AccessKeyId");
            string secret = json?.Value<string>("AccessKeySecret");
            string sts = json?.Value<string>("SecurityToken");
            DateTimeOffset? expiration = CredentialHttp.ParseExpiration(json?.Value<string>("Expiration"));
            if (json == null || !string.Equals(json.Value<string>("Code"), "Success", StringComparison.Ordinal) ||
                string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(sts) || expiration == null)
                throw new CredentialException(CredentialException.MetadataFailed, $"{_name}: the metadata service's answer for role '{role}' is not Code=Success with AccessKeyId, AccessKeySecret, SecurityToken and Expiration.");
            return new AcsCredential(id, AcsCredential.ToSecureString(secret), AcsCredential.ToSecureString(sts), expiration, _name);
        }

        private async Task<string> GetMetadataTokenAsync(CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_endpoint, "latest/api/token")))
            {
                request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token-ttl-seconds", "21600");
                try
                {
                    var (status, body) = await CredentialHttp.SendAsync(request, _timeout, CredentialException.MetadataFailed, $"{_name}: the metadata token request", cancellationToken).ConfigureAwait(false);
                    if (status == 200 && !string.IsNullOrWhiteSpace(body)) return body.Trim();
                    if (_imdsV1Disabled)
                        throw new CredentialException(CredentialException.MetadataFailed, $"{_name}: the metadata token request answered HTTP {status.ToString(CultureInfo.InvariantCulture)} and IMDSv1 is disabled.");
                    return null;
                }
                catch (CredentialException) when (!_imdsV1Disabled)
                {
                    return null;
                }
            }
        }

        private async Task<(int, string)> GetAsync(string path, string token, CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_endpoint, path)))
            {
                if (token != null) request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token", token);
                return await CredentialHttp.SendAsync(request, _timeout, CredentialException.MetadataFailed, $"{_name}: GET /{path}", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Credentials from a URL (ALIBABA_CLOUD_CREDENTIALS_URI or a CredentialsURI profile): GET → {Code?, AccessKeyId,
    /// AccessKeySecret, SecurityToken, Expiration}. A Code other than "Success" is refused (the aliyun CLI's rule).
    /// </summary>
    internal sealed class CredentialsUriProvider : RefreshingCredentialProvider
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
        private readonly Uri _uri;
        private readonly string _name;

        public CredentialsUriProvider(string uri, string name, Func<DateTimeOffset> clock = null) : base(clock)
        {
            if (!Uri.TryCreate(uri?.Trim(), UriKind.Absolute, out _uri) || (_uri.Scheme != Uri.UriSchemeHttp && _uri.Scheme != Uri.UriSchemeHttps))
                throw new CredentialException(CredentialException.InvalidProfile, $"{name}: the credentials URI is not an http(s) URL.");
            _name = $"{name} ({CredentialHttp.Describe(_uri)})";
        }

        public override string Name => _name;

        protected override async Task<AcsCredential> FetchAsync(CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, _uri))
            {
                var (status, body) = await CredentialHttp.SendAsync(request, DefaultTimeout, CredentialException.UriFailed, _name, cancellationToken).ConfigureAwait(false);
                if (status != 200) throw new CredentialException(CredentialException.UriFailed, $"{_name} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.");
                JObject json = CredentialHttp.TryParse(body);
                string code = json?.Value<string>("Code");
                string id = json?.Value<string>("AccessKeyId");
                string secret = json?.Value<string>("AccessKeySecret");
                string token = json?.Value<string>("SecurityToken");
                DateTimeOffset? expiration = CredentialHttp.ParseExpiration(json?.Value<string>("Expiration"));
                if (json == null || (code != null && code != "Success") || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token) || expiration == null)
                    throw new CredentialException(CredentialException.UriFailed, $"{_name} did not answer Code=Success with AccessKeyId, AccessKeySecret, SecurityToken and Expiration.");
                return new AcsCredential(id, AcsCredential.ToSecureString(secret), AcsCredential.ToSecureString(token), expiration, _name);
            }
        }
    }
}
