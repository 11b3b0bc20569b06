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

        /// <summary>Attempts in all for 5xx answers, dropped connections and time-outs (reads and ClientToken writes) and refused connections.</summary>
        public int MaxAttempts => Settings.Retry.MaxAttempts;

        /// <summary>Retries of throttled attempts, on top of <see cref="MaxAttempts"/> (every action: a throttled call was not executed).</summary>
        public int MaxThrottlingRetries => Settings.Retry.MaxThrottlingRetries;

        /// <summary>The DataWorks edition given to Connect-DIWorkspace, or null.</summary>
        public DIEdition? Edition => Settings.Edition;

        /// <summary>The pacing rate and ceiling, shared by every context of this endpoint and key in the process; 0: none configured.</summary>
        public double MaxRequestsPerSecond => Settings.EffectiveMaxRequestsPerSecond;

        /// <summary>Whether the rate adapts to throttling (slows down, then recovers) or stays fixed.</summary>
        public bool AdaptivePacing => Settings.AdaptivePacing;

        /// <summary>The daily call budget of this endpoint and key in this process, or null for none.</summary>
        public int? DailyCallBudget => Settings.EffectiveDailyCallBudget;

        /// <summary>
        /// Calls made through this context (sent, throttled, retried, refused by the budget) and the shared pacer and
        /// budget: the rate now, calls today, calls left, when the budget resets. A new snapshot every time it is read.
        /// </summary>
        public ClientCallStatistics Calls => Client.Statistics;

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
                            MaxRequestsPerSecond = MaxRequestsPerSecond,
                            AdaptivePacing = AdaptivePacing,
                            DailyCallBudget = DailyCallBudget,
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
