using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Session
{
    /// <summary>
    /// Everything a <see cref="DIContext"/> is made of, with the defaults a context gets when nothing else is said: V3
    /// signing, the client's own retry and per-attempt time-out defaults (RetryOptions.DefaultMaxAttempts,
    /// DataWorksClientOptions.DefaultAttemptTimeout).
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

        public ContextSettings Copy()
        {
            var copy = (ContextSettings)MemberwiseClone();
            copy.Retry = Retry.Clone();
            return copy;
        }
    }
}
