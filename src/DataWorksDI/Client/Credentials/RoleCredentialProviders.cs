using System.Globalization;
using System.IO;
using System.Text;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>Settings shared by the role-assuming providers.</summary>
    internal sealed class RoleSettings
    {
        public const int DefaultDurationSeconds = 3600;

        public string RoleArn { get; set; }

        /// <summary>Default: "dataworksdi-" + Unix time in ms (the official libraries use "credentials-&lt;lang&gt;-…").</summary>
        public string RoleSessionName { get; set; }

        public int DurationSeconds { get; set; } = DefaultDurationSeconds;

        public string Policy { get; set; }

        public string ExternalId { get; set; }

        internal void Validate(string where)
        {
            if (string.IsNullOrWhiteSpace(RoleArn))
                throw new CredentialException(CredentialException.InvalidProfile, $"{where}: the role ARN is empty.");
            if (DurationSeconds < 900)
                throw new CredentialException(CredentialException.InvalidProfile, $"{where}: the session duration must be at least 900 seconds (it is {DurationSeconds.ToString(CultureInfo.InvariantCulture)}).");
            if (string.IsNullOrWhiteSpace(RoleSessionName))
                RoleSessionName = "dataworksdi-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Assumes a RAM role through STS AssumeRole, signing with the credentials of another provider (AK, STS or a chain).</summary>
    internal sealed class RamRoleArnCredentialProvider : RefreshingCredentialProvider
    {
        private readonly ICredentialProvider _source;
        private readonly RoleSettings _role;
        private readonly StsClient _sts;
        private readonly string _name;

        public RamRoleArnCredentialProvider(ICredentialProvider source, RoleSettings role, StsClient sts, string name, Func<DateTimeOffset> clock = null)
            : base(clock)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _role = role ?? throw new ArgumentNullException(nameof(role));
            _sts = sts ?? throw new ArgumentNullException(nameof(sts));
            _role.Validate(name);
            _name = $"{name} (AssumeRole {_role.RoleArn} with credentials from {source.Name})";
        }

        public override string Name => _name;

        protected override async Task<AcsCredential> FetchAsync(CancellationToken cancellationToken)
        {
            AcsCredential caller = await _source.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            return await _sts.AssumeRoleAsync(caller, _role.RoleArn, _role.RoleSessionName, _role.DurationSeconds, _role.Policy, _role.ExternalId, _name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Assumes a RAM role through STS AssumeRoleWithOIDC with the token in a file (re-read on every refresh, as RRSA rotates it).</summary>
    internal sealed class OidcRoleArnCredentialProvider : RefreshingCredentialProvider
    {
        private readonly RoleSettings _role;
        private readonly string _oidcProviderArn;
        private readonly string _tokenFile;
        private readonly StsClient _sts;
        private readonly string _name;

        public OidcRoleArnCredentialProvider(RoleSettings role, string oidcProviderArn, string tokenFile, StsClient sts, string name, Func<DateTimeOffset> clock = null)
            : base(clock)
        {
            _role = role ?? throw new ArgumentNullException(nameof(role));
            _role.Validate(name);
            if (string.IsNullOrWhiteSpace(oidcProviderArn)) throw new CredentialException(CredentialException.InvalidProfile, $"{name}: the OIDC provider ARN is empty.");
            if (string.IsNullOrWhiteSpace(tokenFile)) throw new CredentialException(CredentialException.InvalidProfile, $"{name}: the OIDC token file is not set.");
            _oidcProviderArn = oidcProviderArn.Trim();
            _tokenFile = tokenFile.Trim();
            _sts = sts ?? throw new ArgumentNullException(nameof(sts));
            _name = $"{name} (AssumeRoleWithOIDC {_role.RoleArn})";
        }

        public override string Name => _name;

        protected override async Task<AcsCredential> FetchAsync(CancellationToken cancellationToken)
        {
            string token;
            try
            {
                token = File.ReadAllText(_tokenFile, Encoding.UTF8).Trim();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new CredentialException(CredentialException.InvalidProfile, $"{_name}: cannot read the OIDC token file '{_tokenFile}': {ex.Message}");
            }
            if (token.Length == 0) throw new CredentialException(CredentialException.InvalidProfile, $"{_name}: the OIDC token file '{_tokenFile}' is empty.");
            return await _sts.AssumeRoleWithOidcAsync(_role.RoleArn, _oidcProviderArn, token, _role.RoleSessionName, _role.DurationSeconds, _role.Policy, _name, cancellationToken).ConfigureAwait(false);
        }
    }
}
