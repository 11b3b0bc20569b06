using System;
using System.Management.Automation;
using System.Security;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sets the DataWorks context (endpoint, workspace, credentials) that the other cmdlets use in this session.</para>
    /// <para type="description">Without -AccessKeyId or -Credential, credentials are found like the aliyun CLI and the
    /// official credentials libraries find them: environment variables, OIDC role, ~/.aliyun/config.json,
    /// ~/.alibabacloud/credentials.ini, the ECS instance RAM role, ALIBABA_CLOUD_CREDENTIALS_URI (docs/credentials.md).
    /// -ProfileName picks one profile, which must exist. Temporary credentials are refreshed before they expire. Nothing
    /// is written to disk and nothing is ever prompted for.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DIWorkspace", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DIContext))]
    public sealed class ConnectDIWorkspaceCommand : DataWorksCmdlet
    {
        private const string AccessKeySet = "AccessKey";
        private const string CredentialSet = "Credential";
        private const string DefaultSet = "Default";

        [Parameter(Position = 0)]
        [ValidatePattern("^[a-z]{2,}(-[a-z0-9]+)+$")]
        public string Region { get; set; }

        [Parameter(Position = 1)]
        [ValidateRange(1, long.MaxValue)]
        public long ProjectId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri Endpoint { get; set; }

        [Parameter]
        public SwitchParameter Vpc { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
        [ValidateNotNullOrEmpty]
        public string AccessKeyId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
        [ValidateNotNull]
        public SecureString AccessKeySecret { get; set; }

        [Parameter(ParameterSetName = AccessKeySet)]
        public SecureString SecurityToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>A profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials.ini; its region_id is used when -Region is not given.</summary>
        [Parameter(ParameterSetName = DefaultSet)]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        [Parameter]
        public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; } = 4;

        [Parameter]
        [ValidateRange(1, 600)]
        public int RequestTimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            ICredentialProvider credentials;
            string region = Region;
            if (ParameterSetName == DefaultSet)
            {
                CredentialResolution resolution = null;
                try
                {
                    resolution = Run(ct => new DefaultCredentialChain().ResolveAsync(ProfileName, ct));
                }
                catch (CredentialException ex)
                {
                    ThrowTerminatingError(CredentialErrors.ToErrorRecord(ex));
                }
                foreach (string passed in resolution.PassedOver) WriteDebug("Credential source passed over: " + passed);
                credentials = resolution.Provider;
                if (string.IsNullOrEmpty(region) && !string.IsNullOrEmpty(resolution.Region))
                {
                    region = resolution.Region;
                    WriteDebug($"Region: {region} (from the profile).");
                }
            }
            else
            {
                credentials = new StaticCredentialProvider(ParameterSetName == CredentialSet
                    ? new AcsCredential(Credential.UserName, Credential.Password, null, null, "the -Credential parameter")
                    : new AcsCredential(AccessKeyId, AccessKeySecret, SecurityToken, null, "the -AccessKeyId/-AccessKeySecret parameters"));
            }

            if (string.IsNullOrEmpty(region) && Endpoint == null)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoRegion,
                    "Give -Region (for example cn-hangzhou), a profile with a region_id, or -Endpoint (for example http://127.0.0.1:8787 for the local emulator).",
                    ErrorCategory.InvalidArgument, null));
            }
            Uri endpoint;
            try
            {
                endpoint = DataWorksEndpoints.Resolve(region, Endpoint, Vpc.IsPresent);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidEndpoint, ex.Message, ErrorCategory.InvalidArgument, Endpoint));
                return;
            }

            var retry = new RetryOptions { MaxAttempts = MaxAttempts };
            var context = new DIContext(region, ProjectId > 0 ? ProjectId : (long?)null, endpoint, SignatureVersion,
                credentials, retry, TimeSpan.FromSeconds(RequestTimeoutSec), Vpc.IsPresent, Endpoint != null);

            string workspace = ProjectId > 0 ? $" with default workspace {ProjectId}" : string.Empty;
            if (!ShouldProcess($"{endpoint}{workspace}", "Set the DataWorks session context")) return;
            SessionContextStore.Set(context);
            AcsCredential current = Run(ct => credentials.GetCredentialAsync(ct));
            WriteDebug($"Credentials: {credentials.Name} (AccessKey {DataWorksClient.MaskKeyId(current.AccessKeyId)}{(current.IsTemporary ? ", temporary" : string.Empty)}{(current.Expiration.HasValue ? ", expires " + current.Expiration.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}).");
            WriteObject(context);
        }
    }

    /// <summary>
    /// <para type="synopsis">Gets the DataWorks context of this session.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DIContext")]
    [OutputType(typeof(DIContext))]
    public sealed class GetDIContextCommand : DataWorksCmdlet
    {
        protected override void ProcessRecord()
        {
            DIContext context = SessionContextStore.Get();
            if (context != null) WriteObject(context);
        }
    }

    /// <summary>
    /// <para type="synopsis">Clears the DataWorks context of this session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DIWorkspace", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDIWorkspaceCommand : DataWorksCmdlet
    {
        protected override void ProcessRecord()
        {
            DIContext context = SessionContextStore.Get();
            if (context == null)
            {
                SessionContextStore.Set(null); // forgets profiles cached by -ProfileName too
                return;
            }
            if (ShouldProcess(context.Endpoint.ToString(), "Clear the DataWorks session context")) SessionContextStore.Set(null);
        }
    }
}
