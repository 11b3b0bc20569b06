using System;
using System.Management.Automation;
using System.Security;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sets the DataWorks context (endpoint, workspace, credentials) that the other cmdlets use in this session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DIWorkspace", DefaultParameterSetName = AccessKeySet, SupportsShouldProcess = true)]
    [OutputType(typeof(DIContext))]
    public sealed class ConnectDIWorkspaceCommand : DataWorksCmdlet
    {
        private const string AccessKeySet = "AccessKey";
        private const string CredentialSet = "Credential";

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
            if (string.IsNullOrEmpty(Region) && Endpoint == null)
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.NoRegion",
                    "Give -Region (for example cn-hangzhou) or -Endpoint (for example http://127.0.0.1:8787 for the local emulator).",
                    ErrorCategory.InvalidArgument, null));
            }
            Uri endpoint;
            try
            {
                endpoint = DataWorksEndpoints.Resolve(Region, Endpoint, Vpc.IsPresent);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.InvalidEndpoint", ex.Message, ErrorCategory.InvalidArgument, Endpoint));
                return;
            }

            AcsCredential credential = ParameterSetName == CredentialSet
                ? new AcsCredential(Credential.UserName, Credential.Password, null, null, "the -Credential parameter")
                : new AcsCredential(AccessKeyId, AccessKeySecret, SecurityToken, null, "the -AccessKeyId/-AccessKeySecret parameters");

            var retry = new RetryOptions { MaxAttempts = MaxAttempts };
            var context = new DIContext(Region, ProjectId > 0 ? ProjectId : (long?)null, endpoint, SignatureVersion,
                new StaticCredentialProvider(credential), retry, TimeSpan.FromSeconds(RequestTimeoutSec), Vpc.IsPresent);

            string workspace = ProjectId > 0 ? $" with default workspace {ProjectId}" : string.Empty;
            if (!ShouldProcess($"{endpoint}{workspace}", "Set the DataWorks session context")) return;
            SessionContextStore.Set(context);
            WriteDebug($"Credentials: {credential.Source} (AccessKey {DataWorksClient.MaskKeyId(credential.AccessKeyId)}{(credential.IsTemporary ? ", temporary" : string.Empty)}).");
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
            if (context == null) return;
            if (ShouldProcess(context.Endpoint.ToString(), "Clear the DataWorks session context")) SessionContextStore.Set(null);
        }
    }
}
