namespace DataWorksDI.Client
{
    public enum SignatureVersion
    {
        /// <summary>ACS3-HMAC-SHA256, the official SDKs' default.</summary>
        V3,

        /// <summary>HMAC-SHA1 with SignatureVersion 1.0 (older RPC signing, still accepted).</summary>
        V2,
    }

    /// <summary>Everything about where and how calls are made, except the credentials.</summary>
    internal sealed class DataWorksClientOptions
    {
        public DataWorksClientOptions(Uri endpoint)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        }

        public Uri Endpoint { get; }

        public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

        /// <summary>The default of <see cref="AttemptTimeout"/> (the one place it is written; Connect-DIWorkspace shows it).</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Time allowed for one attempt (connect, send, receive).</summary>
        public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

        public RetryOptions Retry { get; set; } = new RetryOptions();

        /// <summary>
        /// The rate (requests per second) the shared pacer starts from and never exceeds, for every client of this endpoint
        /// and caller in the process. The default, 5, is the documented limit of the Basic, Standard and Professional
        /// editions (all calls together); Enterprise allows 20 writes and 50 reads per second (docs/client.md). 0: no
        /// configured rate — with <see cref="AdaptivePacing"/> the pacer stays off until DataWorks first throttles, as the
        /// AWS SDKs' adaptive mode does; without it, calls are not paced at all.
        /// </summary>
        public double MaxRequestsPerSecond { get; set; } = DefaultMaxRequestsPerSecond;

        /// <summary>The default <see cref="MaxRequestsPerSecond"/>: the Basic/Standard/Professional editions' limit.</summary>
        public const double DefaultMaxRequestsPerSecond = 5;

        /// <summary>Slow down when throttled and speed up again when throttling stops (AWS "adaptive" mode). Default on.</summary>
        public bool AdaptivePacing { get; set; } = true;

        /// <summary>
        /// Calls (attempts sent, failures and retries included, as DataWorks counts them) allowed per day for this endpoint
        /// and caller, shared by every client in the process; null: no budget. A day starts at 00:00 UTC+8. The call that
        /// would go past it is refused before anything is sent (<see cref="CallBudgetExhaustedException"/>).
        /// </summary>
        public int? DailyCallBudget { get; set; }

        public string UserAgent { get; set; } = DefaultUserAgent;

        /// <summary>The clock used for x-acs-date / Timestamp; replaceable in tests.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Refuses values the client cannot work with, naming the option and what is allowed.</summary>
        internal void Validate()
        {
            if (Retry == null) throw new ArgumentException("Retry options are required.", nameof(Retry));
            Retry.Validate();
            if (double.IsNaN(MaxRequestsPerSecond) || double.IsInfinity(MaxRequestsPerSecond) || MaxRequestsPerSecond < 0)
                throw new ArgumentOutOfRangeException(nameof(MaxRequestsPerSecond), MaxRequestsPerSecond, "MaxRequestsPerSecond must be a finite number of requests per second, 0 or more (0: no configured rate).");
            if (DailyCallBudget.HasValue && DailyCallBudget.Value < 1)
                throw new ArgumentOutOfRangeException(nameof(DailyCallBudget), DailyCallBudget, "DailyCallBudget must be at least 1 call a day, or null for no budget.");
            if (AttemptTimeout <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "AttemptTimeout must be positive.");
        }

        public static string DefaultUserAgent { get; } =
            "DataWorksDI/" + typeof(DataWorksClientOptions).Assembly.GetName().Version.ToString(3) + " (" +
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + "; " +
            System.Runtime.InteropServices.RuntimeInformation.OSDescription + ")";
    }
}
