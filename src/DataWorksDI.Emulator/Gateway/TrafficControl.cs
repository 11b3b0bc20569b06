using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>
    /// Per-AccessKeyId QPS limit over a sliding one-second window. Only admitted calls count, so a client that waits
    /// for the <c>x-acs-retry-after</c> hint is admitted next time.
    /// </summary>
    public sealed class QpsLimiter
    {
        private const long WindowMs = 1000;
        private readonly int _limit;
        private readonly Dictionary<string, Queue<long>> _admitted = new Dictionary<string, Queue<long>>(StringComparer.Ordinal);

        public QpsLimiter(int limit)
        {
            _limit = limit;
        }

        public bool TryAdmit(string accessKeyId, long nowMs, out int retryAfterMs)
        {
            retryAfterMs = 0;
            if (_limit <= 0) return true;
            lock (_admitted)
            {
                if (!_admitted.TryGetValue(accessKeyId, out var window))
                {
                    window = new Queue<long>();
                    _admitted[accessKeyId] = window;
                }
                while (window.Count > 0 && window.Peek() <= nowMs - WindowMs) window.Dequeue();
                if (window.Count < _limit)
                {
                    window.Enqueue(nowMs);
                    return true;
                }
                retryAfterMs = (int)Math.Max(1, window.Peek() + WindowMs - nowMs);
                return false;
            }
        }
    }

    public enum Fault
    {
        None,
        DropConnection,
        InternalError,
        ServiceUnavailable,
        Throttle,
        /// <summary>The action runs and commits, then the answer is a 500 (the caller cannot tell it acted).</summary>
        InternalErrorAfterAction,
        /// <summary>The action runs and commits, then the answer is a 503.</summary>
        ServiceUnavailableAfterAction,
    }

    /// <summary>
    /// Decides each API call's injected fault with one draw from a (optionally seeded) random sequence:
    /// [0, drop) drops the connection, then the 5xx band (first half 500, second half 503), then the throttling band —
    /// all three before the action runs — then the after-action 5xx band (first half 500, second half 503), whose calls
    /// run and commit before the error is answered. The bands are laid in that order so a seeded run without the
    /// after-action band draws exactly as before it existed.
    /// </summary>
    public sealed class FaultInjector
    {
        /// <summary>The retry hint sent with injected throttling.</summary>
        public const int ThrottleRetryAfterMs = 200;

        private readonly FaultOptions _options;
        private readonly Random _random;

        public FaultInjector(FaultOptions options)
        {
            _options = options;
            _random = options.Seed.HasValue ? new Random(options.Seed.Value) : new Random();
        }

        public int LatencyMs => _options.LatencyMs;

        public Fault Draw()
        {
            if (_options.DropRatio <= 0 && _options.ServerErrorRatio <= 0 && _options.ThrottleRatio <= 0 && _options.ServerErrorAfterRatio <= 0) return Fault.None;
            double u;
            lock (_random) u = _random.NextDouble();
            if (u < _options.DropRatio) return Fault.DropConnection;
            u -= _options.DropRatio;
            if (u < _options.ServerErrorRatio) return u < _options.ServerErrorRatio / 2 ? Fault.InternalError : Fault.ServiceUnavailable;
            u -= _options.ServerErrorRatio;
            if (u < _options.ThrottleRatio) return Fault.Throttle;
            u -= _options.ThrottleRatio;
            if (u < _options.ServerErrorAfterRatio) return u < _options.ServerErrorAfterRatio / 2 ? Fault.InternalErrorAfterAction : Fault.ServiceUnavailableAfterAction;
            return Fault.None;
        }
    }
}
