using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Session
{
    /// <summary>
    /// Where and as whom cmdlets call DataWorks: endpoint, region, default workspace and credentials.
    /// Output by Connect-DIWorkspace and Get-DIContext; accepted by every cmdlet's -Context. Shows no secret.
    /// Built only by <see cref="ContextFactory"/>.
    /// </summary>
    public sealed class DIContext
    {
        private readonly object _gate = new object();
        private DataWorksClient _client;
        private WorkspaceInfoCache _workspaces;
        private CatalogCache _catalog;

        internal DIContext(ContextSettings settings)
        {
            Settings = settings ?? throw new ArgumentNullException(nameof(settings));
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>What the context was built from (a copy is the start of a per-call override).</summary>
        internal ContextSettings Settings { get; }

        public string Region => Settings.Region;

        /// <summary>The default workspace; every cmdlet can override it with -ProjectId.</summary>
        public long? ProjectId => Settings.ProjectId;

        public Uri Endpoint => Settings.Endpoint;

        public SignatureVersion SignatureVersion => Settings.SignatureVersion;

        public bool UseVpcEndpoint => Settings.UseVpcEndpoint;

        /// <summary>Which credential source is used, e.g. "parameters". Never a secret.</summary>
        public string CredentialSource => Credentials.Name;

        public int MaxAttempts => Settings.Retry.MaxAttempts;

        public TimeSpan AttemptTimeout => Settings.AttemptTimeout;

        public DateTimeOffset ConnectedAt { get; }

        internal ICredentialProvider Credentials => Settings.Credentials;

        /// <summary>True when the endpoint was given with -Endpoint (e.g. the emulator) rather than derived from the region.</summary>
        internal bool EndpointIsExplicit => Settings.EndpointIsExplicit;

        /// <summary>The client for this context, created once.</summary>
        internal DataWorksClient Client
        {
            get
            {
                lock (_gate)
                {
                    if (_client == null)
                    {
                        var options = new DataWorksClientOptions(Endpoint)
                        {
                            SignatureVersion = SignatureVersion,
                            AttemptTimeout = AttemptTimeout,
                            Retry = Settings.Retry.Clone(),
                        };
                        _client = new DataWorksClient(options, Credentials);
                    }
                    return _client;
                }
            }
        }

        /// <summary>Facts about workspaces (mode) learnt once per context.</summary>
        internal WorkspaceInfoCache Workspaces
        {
            get
            {
                lock (_gate) return _workspaces ?? (_workspaces = new WorkspaceInfoCache());
            }
        }

        /// <summary>The workspace catalogue read through this context (Services.CatalogService), each list once.</summary>
        internal CatalogCache Catalog
        {
            get
            {
                lock (_gate) return _catalog ?? (_catalog = new CatalogCache());
            }
        }

        public override string ToString() => $"{Endpoint} (workspace {(ProjectId.HasValue ? ProjectId.Value.ToString() : "none")}, credentials from {CredentialSource})";
    }
}
