namespace DataWorksDI.Client
{
    /// <summary>
    /// A read-only snapshot of one client's calls (for Get-DIContext): attempts sent, throttled and retried by this client,
    /// and the state of the pacer and daily budget it shares with every client of the same endpoint and caller.
    /// </summary>
    public sealed class ClientCallStatistics
    {
        internal ClientCallStatistics(long callsMade, long throttled, long retried, long refusedByBudget,
            double? pacedRequestsPerSecond, double? maxRequestsPerSecond, int? dailyCallBudget, long callsToday, DateTimeOffset? budgetResetsAt)
        {
            CallsMade = callsMade;
            Throttled = throttled;
            Retried = retried;
            RefusedByBudget = refusedByBudget;
            PacedRequestsPerSecond = pacedRequestsPerSecond;
            MaxRequestsPerSecond = maxRequestsPerSecond;
            DailyCallBudget = dailyCallBudget;
            CallsToday = callsToday;
            BudgetResetsAt = budgetResetsAt;
        }

        /// <summary>Attempts this client sent (each retry is one more; DataWorks counts every one).</summary>
        public long CallsMade { get; }

        /// <summary>Attempts answered with throttling (Throttling*, HTTP 429).</summary>
        public long Throttled { get; }

        /// <summary>Attempts that were retries of a failed one.</summary>
        public long Retried { get; }

        /// <summary>Calls refused before sending because the daily call budget was spent.</summary>
        public long RefusedByBudget { get; }

        /// <summary>The shared pacer's current rate (requests per second), or null while it is not pacing.</summary>
        public double? PacedRequestsPerSecond { get; }

        /// <summary>The configured rate, the pacer's ceiling; null when none is configured.</summary>
        public double? MaxRequestsPerSecond { get; }

        /// <summary>The shared daily call budget, or null when there is none.</summary>
        public int? DailyCallBudget { get; }

        /// <summary>Attempts counted today (00:00 UTC+8) by every client sharing the budget, in this process.</summary>
        public long CallsToday { get; }

        /// <summary>When today's count starts again (00:00 UTC+8).</summary>
        public DateTimeOffset? BudgetResetsAt { get; }

        /// <summary>Calls the daily budget still allows today (0 when it is spent), or null when there is no budget.</summary>
        public long? CallsLeftToday => DailyCallBudget.HasValue ? Math.Max(0, DailyCallBudget.Value - CallsToday) : (long?)null;

        public override string ToString() =>
            $"{CallsMade} call(s), {Throttled} throttled, {Retried} retried" +
            (DailyCallBudget.HasValue ? $", {CallsToday} of {DailyCallBudget} today ({CallsLeftToday} left)" : string.Empty);
    }

    /// <summary>The per-client counters behind <see cref="ClientCallStatistics"/>.</summary>
    internal sealed class ClientCallCounters
    {
        private long _callsMade;
        private long _throttled;
        private long _retried;
        private long _refusedByBudget;

        public long CallsMade => Interlocked.Read(ref _callsMade);
        public long Throttled => Interlocked.Read(ref _throttled);
        public long Retried => Interlocked.Read(ref _retried);
        public long RefusedByBudget => Interlocked.Read(ref _refusedByBudget);

        public void CallMade() => Interlocked.Increment(ref _callsMade);
        public void WasThrottled() => Interlocked.Increment(ref _throttled);
        public void Retrying() => Interlocked.Increment(ref _retried);
        public void BudgetRefused() => Interlocked.Increment(ref _refusedByBudget);
    }
}
