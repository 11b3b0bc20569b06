using System;
using System.Management.Automation;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet that calls DataWorks: resolves the context once (explicit -Context, else the runspace's
    /// session context), applies the per-call -ProfileName and -Region overrides, and names the source that won in -Debug
    /// output (never a secret).
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
        public string ProfileName { get; set; }

        /// <summary>For this call, use this region (its DataWorks endpoint) instead of the context's.</summary>
        [Parameter]
        [ValidatePattern("^[a-z]{2,}(-[a-z0-9]+)+$")]
        public string Region { get; set; }

        /// <summary>The context for this call, or null when there is none (for cmdlets that can work offline).</summary>
        internal DIContext TryResolveContext()
        {
            AssertPipelineThread();
            if (_resolved != null) return _resolved;
            if (!string.IsNullOrEmpty(ProfileName) || !string.IsNullOrEmpty(Region)) return ResolveContext();
            return Context ?? SessionContextStore.Get();
        }


        /// <summary>The context for this call. Terminates when there is none: no cmdlet can work without one.</summary>
        internal DIContext ResolveContext()
        {
            AssertPipelineThread();
            if (_resolved != null) return _resolved;
            DIContext baseContext;
            if (Context != null)
            {
                WriteDebug($"Context: the -Context parameter ({Context.Endpoint}, credentials from {Context.CredentialSource}).");
                baseContext = Context;
            }
            else
            {
                baseContext = SessionContextStore.Get();
                if (baseContext != null)
                    WriteDebug($"Context: the session context from Connect-DIWorkspace ({baseContext.Endpoint}, credentials from {baseContext.CredentialSource}).");
            }
            if (string.IsNullOrEmpty(ProfileName) && string.IsNullOrEmpty(Region))
            {
                if (baseContext == null) ThrowNoContext();
                return _resolved = baseContext;
            }
            return _resolved = Override(baseContext);
        }

        private DIContext Override(DIContext baseContext)
        {
            CredentialResolution profile = null;
            if (!string.IsNullOrEmpty(ProfileName))
            {
                profile = SessionContextStore.GetProfile(ProfileName);
                if (profile == null)
                {
                    try
                    {
                        profile = Run(ct => new DefaultCredentialChain().ResolveAsync(ProfileName, ct));
                    }
                    catch (CredentialException ex)
                    {
                        ThrowTerminatingError(CredentialErrors.ToErrorRecord(ex));
                    }
                    SessionContextStore.SetProfile(ProfileName, profile);
                }
                WriteDebug($"Credentials for this call: {profile.Provider.Name} (from -ProfileName).");
            }
            else if (baseContext == null)
            {
                ThrowNoContext();
            }

            string region = !string.IsNullOrEmpty(Region) ? Region : profile?.Region ?? baseContext?.Region;
            Uri endpoint;
            bool explicitEndpoint = baseContext != null && baseContext.EndpointIsExplicit;
            if (explicitEndpoint)
            {
                endpoint = baseContext.Endpoint;
                if (!string.IsNullOrEmpty(Region)) WriteDebug($"Region for this call: {Region}; the endpoint stays {endpoint} because the context was connected with -Endpoint.");
            }
            else if (!string.IsNullOrEmpty(region))
            {
                endpoint = DataWorksEndpoints.Resolve(region, null, baseContext?.UseVpcEndpoint ?? false);
                WriteDebug($"Region for this call: {region} ({endpoint}).");
            }
            else
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoRegion,
                    $"No region is known for this call: the profile '{ProfileName}' has no region_id and there is no session context. Pass -Region.",
                    ErrorCategory.InvalidArgument, null));
                return null;
            }

            return new DIContext(region, baseContext?.ProjectId, endpoint, baseContext?.SignatureVersion ?? SignatureVersion.V3,
                profile?.Provider ?? baseContext.Credentials, baseContext?.Retry ?? new RetryOptions(),
                baseContext?.AttemptTimeout ?? TimeSpan.FromSeconds(30), baseContext?.UseVpcEndpoint ?? false, explicitEndpoint);
        }

        private void ThrowNoContext()
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoContext,
                "There is no DataWorks context in this session. Run Connect-DIWorkspace first (for example: Connect-DIWorkspace -Region cn-hangzhou -ProjectId 12345, which finds credentials like the aliyun CLI does), or pass -Context or -ProfileName.",
                ErrorCategory.ConnectionError, null));
        }
    }

    /// <summary>Turns credential failures into error records: the ErrorId names the failure, the message the source (never a secret).</summary>
    internal static class CredentialErrors
    {
        public static ErrorRecord ToErrorRecord(CredentialException ex, object target = null)
        {
            ErrorCategory category = ex.ErrorId == CredentialException.ProfileNotFound ? ErrorCategory.ObjectNotFound
                : ex.ErrorId == CredentialException.InvalidProfile || ex.ErrorId == CredentialException.InvalidFile ? ErrorCategory.InvalidData
                : ErrorCategory.AuthenticationError;
            return ErrorRecords.Create(ex.ErrorId, ex.Message, category, target,
                "See docs/credentials.md for the sources, their order and how to configure them; run with -Debug to see which sources were looked at.");
        }
    }
}
