using System;
using System.Net;

namespace DataWorksDI.Client
{
    /// <summary>How many times and how patiently a failed call is retried. The one place retry timing is decided.</summary>
    internal sealed class RetryOptions
    {
        /// <summary>The default of <see cref="MaxAttempts"/> (the one place it is written; Connect-DIWorkspace shows it).</summary>
        public const int DefaultMaxAttempts = 4;

        /// <summary>Attempts in all, including the first; 1 turns retries off.</summary>
        public int MaxAttempts { get; set; } = DefaultMaxAttempts;

        /// <summary>Delay before the first retry; doubles with each retry.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Upper bound of a computed (exponential) delay.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Upper bound honoured for the service's own x-acs-retry-after hint.</summary>
        public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromSeconds(60);

        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();
    }

    /// <summary>Decides whether a failure is worth another attempt.</summary>
    internal static class RetryClassifier
    {
        public static bool IsThrottlingCode(string code) =>
            !string.IsNullOrEmpty(code) && (code == "Throttling" || code.StartsWith("Throttling.", StringComparison.Ordinal));

        /// <summary>
        /// Throttling, 5xx and network failures are worth another attempt, but only for calls that are safe to replay:
        /// reads, and writes carrying a ClientToken (../shared/spec/signing.md §4: never retry a non-idempotent call without
        /// one). A connection that was refused sent nothing, so it may be retried whatever the call.
        /// </summary>
        public static bool ShouldRetry(DataWorksServiceException error, ApiRequest request, bool requestCertainlyNotSent, out string reason)
        {
            bool transient = error.IsThrottling || (int)error.StatusCode >= 500 || error.StatusCode == 0;
            if (!transient || !(request.IsReplaySafe || requestCertainlyNotSent))
            {
                reason = null;
                return false;
            }
            reason = error.IsThrottling ? "throttled (" + error.Code + ")"
                : error.StatusCode == 0 ? error.Code : "HTTP " + (int)error.StatusCode + " (" + error.Code + ")";
            return true;
        }
    }

    /// <summary>Capped exponential backoff with full jitter, or the service's hint when it gave one.</summary>
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
            double cap = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, retryNumber - 1));
            // "Equal jitter": half the exponential step is kept, half is random, so a delay never collapses to zero.
            return TimeSpan.FromMilliseconds(cap / 2 + Jitter(cap / 2));
        }

        private double Jitter(double max)
        {
            lock (_random) return _random.NextDouble() * max;
        }
    }
}
