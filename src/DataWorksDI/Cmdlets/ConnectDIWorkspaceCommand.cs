using System.Security;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Connect-DIWorkspace: the session context (endpoint, workspace, credentials), built by Session.ContextFactory and
    /// kept in memory per runspace (Session.SessionContextStore). Help: docs/help/Connect-DIWorkspace.md.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DIWorkspace", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Connect-DIWorkspace.md")]
    [OutputType(typeof(DIContext))]
    public sealed class ConnectDIWorkspaceCommand : DataWorksCmdlet
    {
        private const string AccessKeySet = "AccessKey";
        private const string CredentialSet = "Credential";
        private const string DefaultSet = "Default";

        [Parameter(Position = 0)]
        [ValidatePattern("^[a-z]{2,}(-[a-z0-9]+)+$")]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string Region { get; set; }

        [Parameter(Position = 1)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
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
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ProfileName { get; set; }

        [Parameter]
        public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

        /// <summary>Attempts in all for 5xx answers, dropped or refused connections and time-outs; throttling has its own allowance.</summary>
        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; } = RetryOptions.DefaultMaxAttempts;

        /// <summary>Retries of throttled calls (every action: a throttled call was not executed); 0 turns them off.</summary>
        [Parameter]
        [ValidateRange(0, 50)]
        public int MaxThrottlingRetries { get; set; } = RetryOptions.DefaultMaxThrottlingRetries;

        /// <summary>The account's DataWorks edition: the rate and daily budget not given explicitly come from its documented limits.</summary>
        [Parameter]
        public DIEdition Edition { get; set; }

        /// <summary>The rate every context of this endpoint and key in the process shares; 0: none until DataWorks throttles.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000.0)]
        public double MaxRequestsPerSecond { get; set; }

        /// <summary>
        /// Hold the rate at -MaxRequestsPerSecond (or the edition's) instead of slowing down while DataWorks throttles;
        /// throttled calls are still retried. With -MaxRequestsPerSecond 0: no pacing at all.
        /// </summary>
        [Parameter]
        public SwitchParameter FixedRate { get; set; }

        /// <summary>Calls this process may make today for this endpoint and key; the call past it is refused before it is sent.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int DailyCallBudget { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int RequestTimeoutSec { get; set; } = (int)DataWorksClientOptions.DefaultAttemptTimeout.TotalSeconds;

        protected override void ProcessRecord()
        {
            var requested = new ContextSettings
            {
                Region = Region,
                ProjectId = ProjectId > 0 ? ProjectId : (long?)null,
                Endpoint = Endpoint,
                UseVpcEndpoint = Vpc.IsPresent,
                SignatureVersion = SignatureVersion,
                AttemptTimeout = TimeSpan.FromSeconds(RequestTimeoutSec),
            };
            requested.Retry.MaxAttempts = MaxAttempts;
            requested.Retry.MaxThrottlingRetries = MaxThrottlingRetries;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Edition))) requested.Edition = Edition;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxRequestsPerSecond))) requested.MaxRequestsPerSecond = MaxRequestsPerSecond;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(DailyCallBudget))) requested.DailyCallBudget = DailyCallBudget;
            requested.AdaptivePacing = !FixedRate.IsPresent;

            (DIContext Context, IReadOnlyList<string> Notes) connected = default;
            try
            {
                // An empty key id or secret is refused here (CredentialException), as a proper error, before anything is sent.
                if (ParameterSetName == CredentialSet)
                    requested.Credentials = new StaticCredentialProvider(new AcsCredential(Credential.UserName, Credential.Password, null, null, "the -Credential parameter"));
                else if (ParameterSetName == AccessKeySet)
                    requested.Credentials = new StaticCredentialProvider(new AcsCredential(AccessKeyId, AccessKeySecret, SecurityToken, null, "the -AccessKeyId/-AccessKeySecret parameters"));
                connected = Run(ct => ContextFactory.ConnectAsync(requested, ProfileName, ct));
            }
            catch (CredentialException ex)
            {
                ForgetPreviousContext();
                ThrowTerminatingError(CredentialErrors.ToErrorRecord(ex));
            }
            catch (DataWorksOperationException ex)
            {
                ForgetPreviousContext();
                ThrowTerminatingError(ErrorRecords.From(ex, null));
            }
            foreach (string note in connected.Notes) WriteDebug(note);
            DIContext context = connected.Context;
            // With -Debug alone PowerShell treats a binary cmdlet's verbose stream as Inquire ("Continue with this
            // operation?", an error in a non-interactive host), so the pacing line goes with the other -Debug notes then.
            string pacingNote = $"Pacing: {(context.MaxRequestsPerSecond > 0 ? context.MaxRequestsPerSecond.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " requests/s" + (context.AdaptivePacing ? ", slower while DataWorks throttles" : ", fixed") : context.AdaptivePacing ? "none until DataWorks throttles" : "none")}; " +
                $"daily call budget: {(context.DailyCallBudget.HasValue ? context.DailyCallBudget + " calls" : "none")}{(context.Edition.HasValue ? $" ({context.Edition} edition)" : string.Empty)}. Shared by every context of this endpoint and key in this process.";
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out object debug) && ((SwitchParameter)debug).IsPresent && !MyInvocation.BoundParameters.ContainsKey("Verbose")) WriteDebug(pacingNote);
            else WriteVerbose(pacingNote);

            string workspace = context.ProjectId.HasValue ? $" with default workspace {context.ProjectId}" : string.Empty;
            if (!ShouldProcess($"{context.Endpoint}{workspace}", "Set the DataWorks session context")) return;
            SessionContextStore.Set(SessionState, context);
            // Says which credential won (from the context's own source: no DataWorks call).
            AcsCredential current = Run(ct => context.Credentials.GetCredentialAsync(ct));
            WriteDebug($"Credentials: {context.CredentialSource} (AccessKey {DataWorksClient.MaskKeyId(current.AccessKeyId)}{(current.IsTemporary ? ", temporary" : string.Empty)}{(current.Expiration.HasValue ? ", expires " + current.Expiration.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}).");
            WriteObject(context);
        }

        /// <summary>
        /// A Connect that fails leaves the session with no context: a runbook that goes on after catching the failure must
        /// not run with the credentials and workspace of an earlier Connect it did not mean to use. -WhatIf changes nothing.
        /// </summary>
        private void ForgetPreviousContext()
        {
            if (MyInvocation.BoundParameters.ContainsKey("WhatIf") && ((SwitchParameter)MyInvocation.BoundParameters["WhatIf"]).IsPresent) return;
            DIContext previous = SessionContextStore.Get(SessionState);
            if (previous == null) return;
            SessionContextStore.Set(SessionState, null);
            WriteWarning($"Connect-DIWorkspace failed, so the session's previous context ({previous.Endpoint}) was cleared: nothing runs with credentials this connect did not establish. Connect again, or pass -Context.");
        }
    }

    /// <summary>Get-DIContext: the session context of this session.</summary>
    [Cmdlet(VerbsCommon.Get, "DIContext", HelpUri = HelpLinks.Pages + "Get-DIContext.md")]
    [OutputType(typeof(DIContext))]
    public sealed class GetDIContextCommand : DataWorksCmdlet
    {
        protected override void ProcessRecord()
        {
            DIContext context = SessionContextStore.Get(SessionState);
            if (context != null) WriteObject(context);
        }
    }

    /// <summary>Disconnect-DIWorkspace: clears the session context of this runspace.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DIWorkspace", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Disconnect-DIWorkspace.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectDIWorkspaceCommand : DataWorksCmdlet
    {
        protected override void ProcessRecord()
        {
            DIContext context = SessionContextStore.Get(SessionState);
            if (context == null)
            {
                SessionContextStore.Set(SessionState, null); // forgets profiles cached by -ProfileName too
                return;
            }
            if (ShouldProcess(context.Endpoint.ToString(), "Clear the DataWorks session context")) SessionContextStore.Set(SessionState, null);
        }
    }
}
