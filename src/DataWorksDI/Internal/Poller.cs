using System.Diagnostics;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// The one polling loop: wait, read, stop when done, back off by half each time up to 30 s (polls count against the
    /// workspace's API quota), give up at the timeout. Cancellation ends a wait at once.
    /// </summary>
    internal static class Poller
    {
        public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);
        public const double BackoffFactor = 1.5;

        /// <summary>The outcome: the last value read, whether it was done, how many reads were made.</summary>
        public sealed class Result<T>
        {
            public T Last { get; set; }
            public bool Done { get; set; }
            public int Polls { get; set; }
            public TimeSpan Elapsed { get; set; }
        }

        public static async Task<Result<T>> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> isDone, TimeSpan timeout,
            TimeSpan initialInterval, Action<T, TimeSpan> onPoll, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            TimeSpan interval = initialInterval < MinInterval ? MinInterval : initialInterval;
            var result = new Result<T>();
            while (true)
            {
                TimeSpan remaining = timeout - watch.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    result.Elapsed = watch.Elapsed;
                    return result;
                }
                await Task.Delay(interval < remaining ? interval : remaining, ct).ConfigureAwait(false);
                result.Last = await read(ct).ConfigureAwait(false);
                result.Polls++;
                onPoll?.Invoke(result.Last, watch.Elapsed);
                if (isDone(result.Last))
                {
                    result.Done = true;
                    result.Elapsed = watch.Elapsed;
                    return result;
                }
                TimeSpan next = TimeSpan.FromMilliseconds(interval.TotalMilliseconds * BackoffFactor);
                interval = next > MaxInterval ? MaxInterval : next;
            }
        }
    }
}
