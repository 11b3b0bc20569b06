using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Session
{
    /// <summary>
    /// Everything a <see cref="DIContext"/> is made of, with the defaults a context gets when nothing else is said: V3
    /// signing, the client's own retry and per-attempt time-out defaults (RetryOptions.DefaultMaxAttempts,
    /// DataWorksClientOptions.DefaultAttemptTimeout), and pacing: the edition's rate and budget (<see cref="EditionLimits"/>)
    /// or, without an edition, the client's default rate and no budget.
    /// </summary>
    internal sealed class ContextSettings
    {
        public string Region { get; set; }

        public long? ProjectId { get; set; }

        public Uri Endpoint { get; set; }

        /// <summary>The endpoint was given (-Endpoint), not derived from the region: a per-call -Region keeps it.</summary>
        public bool EndpointIsExplicit { get; set; }

        public bool UseVpcEndpoint { get; set; }

        public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

        public ICredentialProvider Credentials { get; set; }

        public RetryOptions Retry { get; set; } = new RetryOptions();

        public TimeSpan AttemptTimeout { get; set; } = DataWorksClientOptions.DefaultAttemptTimeout;

        /// <summary>The account's DataWorks edition, when given: it chooses the rate and budget not given explicitly.</summary>
        public DIEdition? Edition { get; set; }

        /// <summary>The pacer's rate and ceiling; null: the edition's (or the client's default). 0: none (AWS adaptive mode).</summary>
        public double? MaxRequestsPerSecond { get; set; }

        /// <summary>Slow down when throttled and speed up again (default); false: a fixed rate.</summary>
        public bool AdaptivePacing { get; set; } = true;

        /// <summary>Calls allowed a day by this process for the endpoint and caller; null: the edition's (Basic: 100) or none.</summary>
        public int? DailyCallBudget { get; set; }

        /// <summary>The rate in force: the one given, else the edition's, else the client's default.</summary>
        public double EffectiveMaxRequestsPerSecond =>
            MaxRequestsPerSecond ?? (Edition.HasValue ? EditionLimits.RequestsPerSecond(Edition.Value) : EditionLimits.DefaultRequestsPerSecond);

        /// <summary>The budget in force: the one given, else the edition's, else none.</summary>
        public int? EffectiveDailyCallBudget => DailyCallBudget ?? (Edition.HasValue ? EditionLimits.DailyCallBudget(Edition.Value) : null);

        public ContextSettings Copy()
        {
            var copy = (ContextSettings)MemberwiseClone();
            copy.Retry = Retry.Clone();
            return copy;
        }
    }
}
