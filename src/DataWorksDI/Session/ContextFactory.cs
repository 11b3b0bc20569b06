using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Errors;

namespace DataWorksDI.Session
{
    /// <summary>What Connect-DIWorkspace asks for; null means "not given" (the chain, the profile or the default decides).</summary>
    internal sealed class ConnectRequest
    {
        public string Region { get; set; }
        public long? ProjectId { get; set; }
        public Uri Endpoint { get; set; }
        public bool Vpc { get; set; }

        /// <summary>Explicit credentials (-AccessKeyId/-Credential); null to use the default chain.</summary>
        public ICredentialProvider Credentials { get; set; }

        /// <summary>With the default chain: the one profile to use (missing = error, never a fall-back).</summary>
        public string ProfileName { get; set; }

        public SignatureVersion? SignatureVersion { get; set; }
        public int? MaxAttempts { get; set; }
        public TimeSpan? AttemptTimeout { get; set; }
    }

    /// <summary>A context made by <see cref="ContextFactory.ConnectAsync"/>, and what the chain said on the way (never a secret).</summary>
    internal sealed class ConnectResult
    {
        public DIContext Context { get; set; }
        public IReadOnlyList<string> Notes { get; set; } = new string[0];
    }

    /// <summary>
    /// The one place that builds a <see cref="DIContext"/>: for Connect-DIWorkspace, and for a call that overrides the
    /// context with -ProfileName and/or -Region. The defaults are <see cref="ContextSettings"/>'.
    /// Failures are <see cref="CredentialException"/> (from the chain) or <see cref="DataWorksOperationException"/>.
    /// </summary>
    internal static class ContextFactory
    {
        public static DIContext Create(ContextSettings settings) => new DIContext(settings);

        /// <summary>Finds credentials (the default chain unless explicit ones were given), the region and the endpoint.</summary>
        public static async Task<ConnectResult> ConnectAsync(ConnectRequest request, CancellationToken ct)
        {
            var notes = new List<string>();
            string region = request.Region;
            ICredentialProvider credentials = request.Credentials;
            if (credentials == null)
            {
                CredentialResolution resolution = await ResolveProfileAsync(request.ProfileName, ct).ConfigureAwait(false);
                foreach (string passed in resolution.PassedOver) notes.Add("Credential source passed over: " + passed);
                credentials = resolution.Provider;
                if (string.IsNullOrEmpty(region) && !string.IsNullOrEmpty(resolution.Region))
                {
                    region = resolution.Region;
                    notes.Add($"Region: {region} (from the profile).");
                }
            }
            if (string.IsNullOrEmpty(region) && request.Endpoint == null)
            {
                throw new DataWorksOperationException(ErrorIds.NoRegion,
                    "Give -Region (for example cn-hangzhou), a profile with a region_id, or -Endpoint (for example http://127.0.0.1:8787 for the local emulator).",
                    ErrorCategory.InvalidArgument);
            }
            var settings = new ContextSettings
            {
                Region = region,
                ProjectId = request.ProjectId,
                Endpoint = ResolveEndpoint(region, request.Endpoint, request.Vpc),
                EndpointIsExplicit = request.Endpoint != null,
                UseVpcEndpoint = request.Vpc,
                Credentials = credentials,
            };
            if (request.SignatureVersion.HasValue) settings.SignatureVersion = request.SignatureVersion.Value;
            if (request.MaxAttempts.HasValue) settings.Retry.MaxAttempts = request.MaxAttempts.Value;
            if (request.AttemptTimeout.HasValue) settings.AttemptTimeout = request.AttemptTimeout.Value;
            return new ConnectResult { Context = Create(settings), Notes = notes };
        }

        /// <summary>The credential chain for one profile (or the whole chain when <paramref name="profileName"/> is null).</summary>
        public static Task<CredentialResolution> ResolveProfileAsync(string profileName, CancellationToken ct) =>
            new DefaultCredentialChain().ResolveAsync(profileName, ct);

        /// <summary>
        /// The context of one call with -ProfileName (its credentials, and its region unless -Region is given) and/or
        /// -Region over <paramref name="baseContext"/> (null when the session has none). Everything else is kept; an
        /// endpoint given with -Endpoint stays. <paramref name="note"/> hears which source won (never a secret).
        /// </summary>
        public static DIContext ForCall(DIContext baseContext, string profileName, CredentialResolution profile, string region, Action<string> note)
        {
            if (profile == null && baseContext == null) throw NoContext();
            ContextSettings settings = baseContext?.Settings.Copy() ?? new ContextSettings();
            if (profile != null) settings.Credentials = profile.Provider;
            string effectiveRegion = !string.IsNullOrEmpty(region) ? region : profile?.Region ?? baseContext?.Region;
            if (settings.EndpointIsExplicit)
            {
                if (!string.IsNullOrEmpty(region)) note?.Invoke($"Region for this call: {region}; the endpoint stays {settings.Endpoint} because the context was connected with -Endpoint.");
            }
            else if (!string.IsNullOrEmpty(effectiveRegion))
            {
                settings.Endpoint = ResolveEndpoint(effectiveRegion, null, settings.UseVpcEndpoint);
                note?.Invoke($"Region for this call: {effectiveRegion} ({settings.Endpoint}).");
            }
            else
            {
                throw new DataWorksOperationException(ErrorIds.NoRegion,
                    $"No region is known for this call: the profile '{profileName}' has no region_id and there is no session context. Pass -Region.",
                    ErrorCategory.InvalidArgument);
            }
            settings.Region = effectiveRegion;
            return Create(settings);
        }

        public static DataWorksOperationException NoContext() =>
            new DataWorksOperationException(ErrorIds.NoContext,
                "There is no DataWorks context in this session. Run Connect-DIWorkspace first (for example: Connect-DIWorkspace -Region cn-hangzhou -ProjectId 12345, which finds credentials like the aliyun CLI does), or pass -Context or -ProfileName.",
                ErrorCategory.ConnectionError);

        private static Uri ResolveEndpoint(string region, Uri explicitEndpoint, bool vpc)
        {
            try
            {
                return DataWorksEndpoints.Resolve(region, explicitEndpoint, vpc);
            }
            catch (ArgumentException ex)
            {
                throw new DataWorksOperationException(ErrorIds.InvalidEndpoint, Internal.Text.WithoutParameterNoise(ex), ErrorCategory.InvalidArgument) { Target = explicitEndpoint };
            }
        }
    }
}
