using System;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Session
{
    /// <summary>
    /// Where and as whom cmdlets call DataWorks: endpoint, region, default workspace and credentials.
    /// Output by Connect-DIWorkspace and Get-DIContext; accepted by every cmdlet's -Context. Shows no secret.
    /// </summary>
    public sealed class DIContext
    {
        private readonly object _gate = new object();
        private DataWorksClient _client;
        private WorkspaceInfoCache _workspaces;

        internal DIContext(string region, long? projectId, Uri endpoint, SignatureVersion signatureVersion,
            ICredentialProvider credentials, RetryOptions retry, TimeSpan attemptTimeout, bool vpc, bool explicitEndpoint = false)
        {
            EndpointIsExplicit = explicitEndpoint;
            Region = region;
            ProjectId = projectId;
            Endpoint = endpoint;
            SignatureVersion = signatureVersion;
            Credentials = credentials;
            Retry = retry;
            AttemptTimeout = attemptTimeout;
            UseVpcEndpoint = vpc;
            ConnectedAt = DateTimeOffset.Now;
        }

        public string Region { get; }

        /// <summary>The default workspace; every cmdlet can override it with -ProjectId.</summary>
        public long? ProjectId { get; }

        public Uri Endpoint { get; }

        public SignatureVersion SignatureVersion { get; }

        public bool UseVpcEndpoint { get; }

        /// <summary>Which credential source is used, e.g. "parameters". Never a secret.</summary>
        public string CredentialSource => Credentials.Name;

        public int MaxAttempts => Retry.MaxAttempts;

        public TimeSpan AttemptTimeout { get; }

        public DateTimeOffset ConnectedAt { get; }

        internal ICredentialProvider Credentials { get; }

        /// <summary>True when the endpoint was given with -Endpoint (e.g. the emulator) rather than derived from the region.</summary>
        internal bool EndpointIsExplicit { get; }

        internal RetryOptions Retry { get; }

        /// <summary>A copy that uses another default workspace (for -ProjectId overrides that keep everything else).</summary>
        internal DIContext WithProjectId(long projectId)
        {
            var copy = new DIContext(Region, projectId, Endpoint, SignatureVersion, Credentials, Retry, AttemptTimeout, UseVpcEndpoint, EndpointIsExplicit);
            copy._client = Client;
            copy._workspaces = Workspaces;
            return copy;
        }

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
                            Retry = Retry.Clone(),
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

        public override string ToString() => $"{Endpoint} (workspace {(ProjectId.HasValue ? ProjectId.Value.ToString() : "none")}, credentials from {CredentialSource})";
    }
}
