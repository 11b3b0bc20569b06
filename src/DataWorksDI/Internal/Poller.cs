using System.Diagnostics;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// The one polling loop: read, stop when done, else sleep and read again — a wait on something already finished makes
    /// one read and no sleep. The interval starts at the caller's, grows by half each time up to 30 s (polls count against
    /// the workspace's API quota) and is never shorter than what the service asked for (its retry-after). A read that fails
    /// in a way that may pass (throttled beyond the client's own retries, a 5xx, a dropped or timed-out connection) does not
    /// end the wait: it is retried with the same backoff until the time-out, and the last failure is kept for the message.
    /// Any other failure ends the wait at once. Cancellation ends it at once.
    /// </summary>
    internal static class Poller
    {
        public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);
        public const double BackoffFactor = 1.5;

        /// <summary>The outcome: the last value read, whether it was done, how many reads were made and how many failed.</summary>
        public sealed class Result<T>
        {
            public T Last { get; set; }
            public bool Done { get; set; }
            public int Polls { get; set; }
            public TimeSpan Elapsed { get; set; }

            /// <summary>Reads that failed and were retried (each is also in <see cref="Polls"/>).</summary>
            public int FailedPolls { get; set; }

            /// <summary>The last failed read, when the wait ended with one (a time-out after failing reads).</summary>
            public Exception LastFailure { get; set; }
        }

        /// <param name="isTransient">Whether a failed read may pass and is worth reading again; null: every failure ends the wait.</param>
        /// <param name="retryAfter">The service's hint of how long to wait after a failed read, if it gave one.</param>
        /// <param name="onFailure">Told of each failed read that will be retried (for -Verbose).</param>
        /// <param name="firstReadAfter">
        /// When the caller knows the work takes at least this long (a package just created, whose like took that long to
        /// finish before), the first read waits for it instead of reading at once; zero reads first.
        /// </param>
        public static async Task<Result<T>> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> isDone, TimeSpan timeout,
            TimeSpan initialInterval, Action<T, TimeSpan> onPoll, CancellationToken ct,
            Func<Exception, bool> isTransient = null, Func<Exception, TimeSpan?> retryAfter = null, Action<Exception, TimeSpan> onFailure = null,
            TimeSpan firstReadAfter = default)
        {
            var watch = Stopwatch.StartNew();
            TimeSpan interval = initialInterval < MinInterval ? MinInterval : initialInterval;
            var result = new Result<T>();
            if (firstReadAfter > TimeSpan.Zero)
                await Task.Delay(firstReadAfter < timeout ? firstReadAfter : timeout, ct).ConfigureAwait(false);
            while (true)
            {
                TimeSpan wait = interval;
                try
                {
                    T value = await read(ct).ConfigureAwait(false);
                    result.Polls++;
                    result.Last = value;
                    result.LastFailure = null;
                    onPoll?.Invoke(value, watch.Elapsed);
                    if (isDone(value))
                    {
                        result.Done = true;
                        result.Elapsed = watch.Elapsed;
                        return result;
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && isTransient != null && isTransient(ex))
                {
                    result.Polls++;
                    result.FailedPolls++;
                    result.LastFailure = ex;
                    TimeSpan? hint = retryAfter?.Invoke(ex);
                    if (hint.HasValue && hint.Value > wait) wait = hint.Value;
                    if (timeout - watch.Elapsed > TimeSpan.Zero) onFailure?.Invoke(ex, wait);
                }

                TimeSpan remaining = timeout - watch.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    result.Elapsed = watch.Elapsed;
                    return result;
                }
                await Task.Delay(wait < remaining ? wait : remaining, ct).ConfigureAwait(false);
                TimeSpan next = TimeSpan.FromMilliseconds(interval.TotalMilliseconds * BackoffFactor);
                interval = next > MaxInterval ? MaxInterval : next;
            }
        }
    }
}
