using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Validation;

namespace DataWorksDI.Session
{
    /// <summary>
    /// The one place that builds a <see cref="DIContext"/>: for Connect-DIWorkspace, and for a call that overrides the
    /// context with -ProfileName and/or -Region. The defaults are <see cref="ContextSettings"/>'.
    /// Failures are <see cref="CredentialException"/> (from the chain) or <see cref="DataWorksOperationException"/>.
    /// </summary>
    internal static class ContextFactory
    {
        public static DIContext Create(ContextSettings settings) => new DIContext(settings);

        /// <summary>
        /// Connect-DIWorkspace: completes <paramref name="requested"/> — credentials from the default chain (only
        /// <paramref name="profileName"/> when given) unless explicit ones were given, the region from the profile unless
        /// given, and the endpoint for the region unless <see cref="ContextSettings.Endpoint"/> was given explicitly.
        /// </summary>
        /// <returns>The context, and what the chain said on the way (never a secret).</returns>
        public static async Task<(DIContext Context, IReadOnlyList<string> Notes)> ConnectAsync(ContextSettings requested, string profileName, CancellationToken ct)
        {
            ContextSettings settings = requested.Copy();
            // A misspelt -Region is refused before any credential source is looked at.
            if (settings.Endpoint == null) RequireKnownRegion(settings.Region);
            var notes = new List<string>();
            if (settings.Credentials == null)
            {
                CredentialResolution resolution = await ResolveProfileAsync(profileName, ct).ConfigureAwait(false);
                foreach (string passed in resolution.PassedOver) notes.Add("Credential source passed over: " + passed);
                settings.Credentials = resolution.Provider;
                if (string.IsNullOrEmpty(settings.Region) && !string.IsNullOrEmpty(resolution.Region))
                {
                    settings.Region = resolution.Region;
                    notes.Add($"Region: {settings.Region} (from the profile).");
                }
            }
            if (string.IsNullOrEmpty(settings.Region) && settings.Endpoint == null)
            {
                throw new DataWorksOperationException(ErrorIds.NoRegion,
                    "Give -Region (for example cn-hangzhou), a profile with a region_id, or -Endpoint (for example http://127.0.0.1:8787 for the local emulator).",
                    ErrorCategory.InvalidArgument);
            }
            settings.EndpointIsExplicit = settings.Endpoint != null;
            if (!settings.EndpointIsExplicit) RequireKnownRegion(settings.Region);
            settings.Endpoint = ResolveEndpoint(settings.Region, settings.Endpoint, settings.UseVpcEndpoint);
            // The first call of the session would compile its whole path; rehearse it in memory meanwhile (nothing is sent).
            ClientWarmUp.Start();
            return (Create(settings), notes);
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
                RequireKnownRegion(effectiveRegion);
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

        /// <summary>
        /// A region that decides the endpoint must be one DataWorks serves (Client.DataWorksEndpoints.KnownRegions): a
        /// misspelt one is refused with the closest known regions instead of calling a host that does not exist.
        /// </summary>
        internal static void RequireKnownRegion(string region)
        {
            if (string.IsNullOrEmpty(region) || DataWorksEndpoints.IsKnownRegion(region)) return;
            IReadOnlyList<string> closest = ClosestMatches.Find(region, DataWorksEndpoints.KnownRegions);
            string didYouMean = ClosestMatches.DidYouMean(closest);
            throw new DataWorksOperationException(ErrorIds.UnknownRegion,
                $"'{region}' is not a region DataWorks serves" + (didYouMean == null ? $" (the regions: {string.Join(", ", DataWorksEndpoints.KnownRegions)})." : $"; {didYouMean}"),
                ErrorCategory.InvalidArgument)
            {
                Target = region,
                RecommendedAction = (closest.Count > 0 ? $"Use -Region {closest[0]} (press Tab after -Region for the list). " : "Press Tab after -Region for the list. ")
                    + $"If DataWorks serves '{region}' and this module does not know it yet, give the endpoint instead: -Endpoint https://dataworks.{region}.aliyuncs.com.",
            };
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
