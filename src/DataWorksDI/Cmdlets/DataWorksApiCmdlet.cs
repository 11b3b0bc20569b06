using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet that calls DataWorks: resolves the context once (explicit -Context, else the runspace's
    /// session context), applies the per-call -ProfileName and -Region overrides through <see cref="ContextFactory"/>, and
    /// names the source that won in -Debug output (never a secret).
    /// </summary>
    public abstract class DataWorksApiCmdlet : DataWorksCmdlet
    {
        private DIContext _resolved;

        /// <summary>Use this context for this call instead of the session's (from Connect-DIWorkspace or Get-DIContext).</summary>
        [Parameter]
        [ValidateNotNull]
        public DIContext Context { get; set; }

        /// <summary>
        /// For this call, use the credentials (and, unless -Region is given, the region) of this profile from
        /// ~/.aliyun/config.json or ~/.alibabacloud/credentials.ini. A profile that does not exist is an error.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ProfileName { get; set; }

        /// <summary>For this call, use this region (its DataWorks endpoint) instead of the context's.</summary>
        [Parameter]
        [ValidatePattern("^[a-z]{2,}(-[a-z0-9]+)+$")]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string Region { get; set; }

        private bool Overridden => !string.IsNullOrEmpty(ProfileName) || !string.IsNullOrEmpty(Region);

        /// <summary>The context for this call, or null when there is none (for cmdlets that can work offline).</summary>
        internal DIContext TryResolveContext()
        {
            AssertPipelineThread();
            if (_resolved != null) return _resolved;
            if (Overridden) return ResolveContext();
            return Context ?? SessionContextStore.Get(SessionState);
        }

        /// <summary>The context for this call. Terminates when there is none: no cmdlet can work without one.</summary>
        internal DIContext ResolveContext()
        {
            AssertPipelineThread();
            if (_resolved != null) return _resolved;
            DIContext baseContext = Context;
            if (baseContext != null)
            {
                WriteDebug($"Context: the -Context parameter ({baseContext.Endpoint}, credentials from {baseContext.CredentialSource}).");
            }
            else
            {
                baseContext = SessionContextStore.Get(SessionState);
                if (baseContext != null)
                    WriteDebug($"Context: the session context from Connect-DIWorkspace ({baseContext.Endpoint}, credentials from {baseContext.CredentialSource}).");
            }
            if (!Overridden)
            {
                if (baseContext == null) ThrowTerminatingError(ErrorRecords.From(ContextFactory.NoContext(), null));
                return _resolved = baseContext;
            }
            CredentialResolution profile = string.IsNullOrEmpty(ProfileName) ? null : ResolveProfile();
            try
            {
                return _resolved = ContextFactory.ForCall(baseContext, ProfileName, profile, Region, WriteDebug);
            }
            catch (DataWorksOperationException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, null));
                return null;
            }
        }

        /// <summary>The credentials of -ProfileName, resolved once per session (so temporary credentials are reused).</summary>
        private CredentialResolution ResolveProfile()
        {
            CredentialResolution profile = SessionContextStore.GetProfile(SessionState, ProfileName);
            if (profile == null)
            {
                try
                {
                    profile = Run(ct => ContextFactory.ResolveProfileAsync(ProfileName, ct));
                }
                catch (CredentialException ex)
                {
                    ThrowTerminatingError(CredentialErrors.ToErrorRecord(ex));
                }
                SessionContextStore.SetProfile(SessionState, ProfileName, profile);
            }
            WriteDebug($"Credentials for this call: {profile.Provider.Name} (from -ProfileName).");
            return profile;
        }
    }

    /// <summary>Turns credential failures into error records: the ErrorId names the failure, the message the source (never a secret).</summary>
    internal static class CredentialErrors
    {
        public static ErrorRecord ToErrorRecord(CredentialException ex, object target = null)
        {
            ErrorCategory category = ex.ErrorId == CredentialException.ProfileNotFound ? ErrorCategory.ObjectNotFound
                : ex.ErrorId == CredentialException.EmptyAccessKeyId || ex.ErrorId == CredentialException.EmptyAccessKeySecret ? ErrorCategory.InvalidArgument
                : ex.ErrorId == CredentialException.InvalidProfile || ex.ErrorId == CredentialException.InvalidFile ? ErrorCategory.InvalidData
                : ErrorCategory.AuthenticationError;
            return ErrorRecords.Create(ex.ErrorId, ex.Message, category, target,
                "See docs/credentials.md for the sources, their order and how to configure them; run with -Debug to see which sources were looked at.");
        }
    }
}
