using System.Net;

namespace DataWorksDI.Client
{
    /// <summary>How many times and how patiently a failed call is retried. The one place retry timing is decided.</summary>
    internal sealed class RetryOptions
    {
        /// <summary>The default of <see cref="MaxAttempts"/> (the one place it is written; Connect-DIWorkspace shows it).</summary>
        public const int DefaultMaxAttempts = 4;

        /// <summary>
        /// Attempts in all, including the first, for 5xx answers, dropped connections and time-outs (and only for calls that
        /// are safe to replay). 1 turns those retries off. Throttled attempts do not count here: see
        /// <see cref="MaxThrottlingRetries"/>.
        /// </summary>
        public int MaxAttempts { get; set; } = DefaultMaxAttempts;

        /// <summary>
        /// Retries of throttled attempts (any action: a throttled call was not executed), on top of
        /// <see cref="MaxAttempts"/>. 10 means a call that is throttled 20 % of the time surfaces a throttling error once in
        /// 0.2^11 ≈ 2·10⁻⁸ calls. 0 turns throttling retries off.
        /// </summary>
        public int MaxThrottlingRetries { get; set; } = DefaultMaxThrottlingRetries;

        /// <summary>The default of <see cref="MaxThrottlingRetries"/> (Connect-DIWorkspace shows it).</summary>
        public const int DefaultMaxThrottlingRetries = 10;

        /// <summary>The most one call waits, in all, because it was throttled; a retry that would go past it is not made.</summary>
        public TimeSpan MaxThrottlingWait { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Delay before the first retry; doubles with each retry.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Upper bound of a computed (exponential) delay.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Upper bound honoured for the service's own x-acs-retry-after hint.</summary>
        public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromSeconds(60);

        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

        internal void Validate()
        {
            if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1 (1 turns retries off).");
            if (MaxThrottlingRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxThrottlingRetries), MaxThrottlingRetries, "MaxThrottlingRetries must not be negative (0 turns throttling retries off).");
            if (MaxThrottlingWait < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxThrottlingWait), MaxThrottlingWait, "MaxThrottlingWait must not be negative.");
            if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxServerDelay < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(BaseDelay), "Retry delays must not be negative.");
        }
    }

    /// <summary>What kind of failure an attempt ended in, for the retry decision.</summary>
    internal enum FailureKind
    {
        /// <summary>Gateway flow control: Throttling* or HTTP 429. The call was not executed.</summary>
        Throttled,

        /// <summary>The request certainly did not reach the service (connection refused, HTTP 408): not executed.</summary>
        NotExecuted,

        /// <summary>5xx, a dropped connection after sending, a time-out: the service may have executed the call.</summary>
        Ambiguous,

        /// <summary>Anything else (InvalidParameter, Forbidden…): the answer is final.</summary>
        Final,
    }

    /// <summary>Decides whether a failure is worth another attempt (../shared/spec/signing.md §4).</summary>
    internal static class RetryClassifier
    {
        public static bool IsThrottlingCode(string code) =>
            !string.IsNullOrEmpty(code) && code.StartsWith("Throttling", StringComparison.Ordinal);

        public static FailureKind Classify(DataWorksServiceException error, bool requestCertainlyNotSent)
        {
            if (error is CallBudgetExhaustedException) return FailureKind.Final;
            if (error.IsThrottling) return FailureKind.Throttled;
            if (requestCertainlyNotSent || error.StatusCode == HttpStatusCode.RequestTimeout) return FailureKind.NotExecuted;
            if ((int)error.StatusCode >= 500 || error.StatusCode == 0) return FailureKind.Ambiguous;
            return FailureKind.Final;
        }

        /// <summary>
        /// Throttled and not-executed attempts are retried for every call: nothing was executed. Ambiguous failures only for
        /// calls that are safe to replay: reads, and writes carrying a ClientToken.
        /// </summary>
        public static bool IsWorthRetrying(FailureKind kind, ApiRequest request) =>
            kind == FailureKind.Throttled || kind == FailureKind.NotExecuted || (kind == FailureKind.Ambiguous && request.IsReplaySafe);

        public static string Describe(DataWorksServiceException error, FailureKind kind) =>
            kind == FailureKind.Throttled ? "throttled (" + error.Code + ")"
            : error.StatusCode == 0 ? error.Code
            : "HTTP " + (int)error.StatusCode + " (" + error.Code + ")";
    }

    /// <summary>Capped exponential backoff with "equal jitter", or the service's hint when it gave one.</summary>
    internal sealed class BackoffCalculator
    {
        private readonly RetryOptions _options;
        private readonly Random _random;

        public BackoffCalculator(RetryOptions options, Random random = null)
        {
            _options = options;
            _random = random ?? new Random();
        }

        /// <param name="retryNumber">1 for the first retry.</param>
        public TimeSpan Next(int retryNumber, int? serverHintMilliseconds)
        {
            if (serverHintMilliseconds.HasValue && serverHintMilliseconds.Value >= 0)
            {
                double hinted = Math.Min(serverHintMilliseconds.Value, _options.MaxServerDelay.TotalMilliseconds);
                // Never earlier than asked; a little jitter so parallel runbooks do not return in lock-step.
                return TimeSpan.FromMilliseconds(hinted + Jitter(Math.Max(50, hinted * 0.1)));
            }
            double cap = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryNumber - 1, 30)));
            // "Equal jitter": half the exponential step is kept, half is random, so a delay never collapses to zero.
            return TimeSpan.FromMilliseconds(cap / 2 + Jitter(cap / 2));
        }

        private double Jitter(double max)
        {
            lock (_random) return _random.NextDouble() * max;
        }
    }
}
