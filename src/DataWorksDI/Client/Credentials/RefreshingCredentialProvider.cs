namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// Caches temporary credentials and fetches new ones before they expire. Thread-safe: callers share one cached
    /// credential and at most one fetch runs at a time (the others wait for its result).
    /// <para>Stale when the time left is at most min(15 minutes, half the lifetime seen at fetch time): the official
    /// libraries' 15-minute window, shortened for short-lived credentials so they are not fetched before every call.
    /// When a refresh fails while the cached credential still has <see cref="GraceForFailedRefresh"/> left, the cached
    /// one is used and the next call tries again; otherwise the failure surfaces.</para>
    /// </summary>
    internal abstract class RefreshingCredentialProvider : ICredentialProvider
    {
        public static readonly TimeSpan MaxStaleWindow = TimeSpan.FromMinutes(15);
        public static readonly TimeSpan GraceForFailedRefresh = TimeSpan.FromSeconds(30);

        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private AcsCredential _cached;
        private DateTimeOffset _staleAt;
        private int _fetchCount;

        protected RefreshingCredentialProvider(Func<DateTimeOffset> clock = null)
        {
            Clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public abstract string Name { get; }

        protected Func<DateTimeOffset> Clock { get; }

        /// <summary>How many times credentials were fetched (tests and -Debug).</summary>
        public int FetchCount => Volatile.Read(ref _fetchCount);

        /// <summary>Fetches fresh credentials. Those without an expiry are cached for good.</summary>
        protected abstract Task<AcsCredential> FetchAsync(CancellationToken cancellationToken);

        public async Task<AcsCredential> GetCredentialAsync(CancellationToken cancellationToken)
        {
            AcsCredential current = Volatile.Read(ref _cached);
            if (current != null && !IsStale(current)) return current;

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = _cached;
                if (current != null && !IsStale(current)) return current;
                AcsCredential fresh;
                try
                {
                    fresh = await FetchAsync(cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _fetchCount);
                }
                catch (CredentialException) when (current != null && current.Expiration.HasValue && current.Expiration.Value - Clock() > GraceForFailedRefresh)
                {
                    return current;
                }
                DateTimeOffset now = Clock();
                _staleAt = fresh.Expiration.HasValue ? fresh.Expiration.Value - StaleWindow(fresh.Expiration.Value - now) : DateTimeOffset.MaxValue;
                Volatile.Write(ref _cached, fresh);
                return fresh;
            }
            finally
            {
                _gate.Release();
            }
        }

        private bool IsStale(AcsCredential credential) => credential.Expiration.HasValue && Clock() >= _staleAt;

        /// <summary>min(15 minutes, half the lifetime), never negative.</summary>
        public static TimeSpan StaleWindow(TimeSpan lifetime)
        {
            if (lifetime <= TimeSpan.Zero) return TimeSpan.Zero;
            TimeSpan half = TimeSpan.FromTicks(lifetime.Ticks / 2);
            return half < MaxStaleWindow ? half : MaxStaleWindow;
        }
    }
}
