using System.Diagnostics;

namespace DataWorksDI.Client.Pacing
{
    /// <summary>
    /// Client-side rate limiting modelled on the AWS SDKs' "adaptive" retry mode (botocore retries/adaptive.py, bucket.py,
    /// throttling.py; aws-smithy-runtime client_rate_limiter.rs): a token bucket whose fill rate follows CUBIC — cut to
    /// β = 0.7 of the measured sending rate on a throttled answer, then grown back along
    /// <c>C·(t − K)³ + Wmax</c> (C = 0.4, K = ∛(Wmax·(1 − β)/C)) — never above twice the measured rate.
    /// <para>Differences from AWS, for DataWorks' small per-account limits (docs/client.md): the bucket starts in force at
    /// the configured rate (<see cref="DataWorksClientOptions.MaxRequestsPerSecond"/>), which is also a ceiling it never
    /// grows past; it holds one token (no one-second burst on top of the steady rate); before the first measurement the
    /// configured rate stands in for the measured one; without a configured rate it behaves like AWS (off until the first
    /// throttled answer, no ceiling); and the rate is cut once per throttling event, not once per throttled answer — a
    /// throttled answer to a request sent before the last cut says nothing about the new rate (TCP's congestion control
    /// likewise reduces once per window of losses, RFC 5681 §3.2), so a burst of in-flight requests that all come back
    /// throttled cuts the rate once instead of cascading to the floor.</para>
    /// Every attempt takes a token (<see cref="ReserveAsync"/>), polls included. Thread-safe: one instance is shared by
    /// every client in the process that calls the same endpoint with the same credentials (<see cref="QuotaPartitions"/>).
    /// </summary>
    internal sealed class AdaptivePacer
    {
        public const double MinFillRate = 0.5;
        public const double Beta = 0.7;
        public const double ScaleConstant = 0.4;
        public const double Smoothing = 0.8;
        public const double MeasureBucketSeconds = 0.5;
        private const double MaxCapacity = 1;

        private static readonly Stopwatch Monotonic = Stopwatch.StartNew();

        private readonly object _gate = new object();
        private readonly Func<double> _now;

        private double? _ceiling;
        private bool _adaptive = true;
        private bool _enabled;
        private double _fillRate;
        private double _tokens;
        private double _lastRefill;

        // CUBIC state.
        private bool _throttledOnce;
        private double _wMax;
        private double _k;
        private double _lastThrottle;

        // Incremented at every cut; a ticket remembers the generation it was issued in.
        private long _generation;

        // Measured sending rate (answers per second, smoothed over half-second buckets).
        private double _measured;
        private double _lastBucket;
        private int _count;

        // The send times of the last calls, for the window guard (SendWait).
        private readonly Queue<double> _sent = new Queue<double>();

        /// <summary>
        /// Added to the window of the guard (<see cref="SendWait"/>): a request reaches the service a little after the
        /// pacer lets it go, and not always equally late, so n sends must span a little more than the n ÷ rate seconds a
        /// per-second limit allows.
        /// </summary>
        public const double WindowMarginSeconds = 0.03;

        /// <param name="now">Seconds on a monotonic clock; replaceable in tests.</param>
        public AdaptivePacer(Func<double> now = null)
        {
            _now = now ?? (() => Monotonic.Elapsed.TotalSeconds);
            double t = _now();
            _lastRefill = t;
            _lastBucket = Math.Floor(t);
            _tokens = MaxCapacity;
        }

        /// <summary>Sets the configured rate (0 or less: none) and whether the rate adapts to throttling.</summary>
        public void Configure(double maxRequestsPerSecond, bool adaptive)
        {
            lock (_gate)
            {
                double now = _now();
                Refill(now);
                _adaptive = adaptive;
                _ceiling = maxRequestsPerSecond > 0 ? maxRequestsPerSecond : (double?)null;
                if (_ceiling.HasValue)
                {
                    _enabled = true;
                    _fillRate = _adaptive && _throttledOnce ? Math.Min(Math.Max(_fillRate, MinFillRate), _ceiling.Value) : _ceiling.Value;
                }
                else if (!_adaptive || !_throttledOnce)
                {
                    _enabled = false;
                }
            }
        }

        /// <summary>Whether calls are being paced now (always with a configured rate; after the first throttle without one).</summary>
        public bool Enabled
        {
            get { lock (_gate) return _enabled; }
        }

        /// <summary>The rate tokens are issued at now, or null while the bucket is not in force.</summary>
        public double? CurrentRate
        {
            get { lock (_gate) return _enabled ? _fillRate : (double?)null; }
        }

        /// <summary>The smoothed rate of answers, per second.</summary>
        public double MeasuredRate
        {
            get { lock (_gate) return _measured; }
        }

        /// <summary>The configured ceiling, or null.</summary>
        public double? Ceiling
        {
            get { lock (_gate) return _ceiling; }
        }

        /// <summary>
        /// Takes a token and says how long to wait before sending. Tokens may be owed: each caller gets its own slot in
        /// the future, so waiters go out evenly spaced, first come first served.
        /// </summary>
        public PacerTicket Reserve()
        {
            lock (_gate)
            {
                if (!_enabled) return new PacerTicket(TimeSpan.Zero, _generation);
                Refill(_now());
                _tokens -= 1;
                return new PacerTicket(_tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _fillRate), _generation);
            }
        }

        /// <summary>Gives back a token reserved by a caller that gave up waiting (cancelled) or did not send (budget).</summary>
        public void Release()
        {
            lock (_gate)
            {
                if (!_enabled) return;
                Refill(_now());
                _tokens = Math.Min(MaxCapacity, _tokens + 1);
            }
        }

        /// <summary>
        /// The window guard, at the moment of sending: how long to wait so that no more than n calls go out in any
        /// n ÷ rate seconds (+ <see cref="WindowMarginSeconds"/>), n = the whole calls of one second at the current rate
        /// (at least 1); zero when the call may go now, in which case it is counted as sent. The bucket spaces
        /// reservations evenly, but the timers that wake the callers fire late and unevenly when a machine is busy, so
        /// calls spaced 50 ms apart can leave 20 ms apart; a per-second limit (the emulator's sliding window, DataWorks'
        /// QPS) counts those. The guard also holds callers that reserved before the rate was cut to the new rate.
        /// </summary>
        public TimeSpan SendWait()
        {
            lock (_gate)
            {
                if (!_enabled) return TimeSpan.Zero;
                double now = _now();
                int n = Math.Max(1, (int)Math.Floor(_fillRate));
                double window = n / _fillRate + WindowMarginSeconds;
                while (_sent.Count > 0 && (_sent.Count > n || _sent.Peek() <= now - window + 1e-6)) _sent.Dequeue();
                if (_sent.Count < n)
                {
                    _sent.Enqueue(now);
                    return TimeSpan.Zero;
                }
                return TimeSpan.FromSeconds(Math.Max(0.001, _sent.Peek() + window - now));
            }
        }

        /// <summary>Takes back the most recent send counted by <see cref="SendWait"/> (the call was not sent after all).</summary>
        public void Unsend()
        {
            lock (_gate)
            {
                if (_sent.Count == 0) return;
                double[] kept = _sent.ToArray();
                _sent.Clear();
                for (int i = 0; i < kept.Length - 1; i++) _sent.Enqueue(kept[i]);
            }
        }

        /// <summary>
        /// Waits for a token, then for the window guard (<see cref="SendWait"/>). Cancellation ends the wait at once and
        /// gives the token back.
        /// </summary>
        public async Task<PacerTicket> ReserveAsync(CancellationToken cancellationToken)
        {
            PacerTicket ticket = Reserve();
            try
            {
                if (ticket.Wait > TimeSpan.Zero) await Task.Delay(ticket.Wait, cancellationToken).ConfigureAwait(false);
                TimeSpan guard;
                TimeSpan waited = ticket.Wait;
                while ((guard = SendWait()) > TimeSpan.Zero)
                {
                    await Task.Delay(guard, cancellationToken).ConfigureAwait(false);
                    waited += guard;
                }
                return new PacerTicket(waited, ticket.Generation);
            }
            catch (OperationCanceledException)
            {
                Release();
                throw;
            }
        }

        /// <summary>
        /// Records the answer to a request sent with <paramref name="ticket"/>: a throttled answer cuts the rate (once per
        /// event: not if the rate was cut since the request was sent), others let it grow back (adaptive mode only).
        /// </summary>
        public void OnAnswer(bool throttled, PacerTicket ticket)
        {
            lock (_gate)
            {
                double now = _now();
                double measured = Measure(now);
                if (!_adaptive) return;
                double newRate;
                if (throttled && ticket.Generation != _generation) return;
                if (throttled)
                {
                    _generation++;
                    double current = _enabled ? _fillRate : (measured > 0 ? measured : MinFillRate);
                    double rateToUse = measured > 0 ? Math.Min(measured, current) : current;
                    _wMax = rateToUse;
                    _k = Math.Pow(_wMax * (1 - Beta) / ScaleConstant, 1.0 / 3.0);
                    _lastThrottle = now;
                    _throttledOnce = true;
                    _enabled = true;
                    newRate = rateToUse * Beta;
                }
                else
                {
                    // Before the first throttle the configured rate stands (or there is no bucket at all).
                    if (!_throttledOnce) return;
                    double dt = now - _lastThrottle;
                    newRate = ScaleConstant * Math.Pow(dt - _k, 3) + _wMax;
                }
                if (measured > 0) newRate = Math.Min(newRate, 2 * measured);
                if (_ceiling.HasValue) newRate = Math.Min(newRate, _ceiling.Value);
                Refill(now);
                _fillRate = Math.Max(newRate, MinFillRate);
                _tokens = Math.Min(_tokens, MaxCapacity);
            }
        }

        private void Refill(double now)
        {
            if (_enabled && now > _lastRefill) _tokens = Math.Min(MaxCapacity, _tokens + (now - _lastRefill) * _fillRate);
            _lastRefill = now;
        }

        private double Measure(double now)
        {
            double bucket = Math.Floor(now / MeasureBucketSeconds) * MeasureBucketSeconds;
            _count++;
            if (bucket > _lastBucket)
            {
                double current = _count / (bucket - _lastBucket);
                _measured = current * Smoothing + _measured * (1 - Smoothing);
                _count = 0;
                _lastBucket = bucket;
            }
            return _measured;
        }
    }

    /// <summary>A token from <see cref="AdaptivePacer.Reserve"/>: how long to wait, and the rate generation it belongs to.</summary>
    internal readonly struct PacerTicket
    {
        public PacerTicket(TimeSpan wait, long generation)
        {
            Wait = wait;
            Generation = generation;
        }

        public TimeSpan Wait { get; }

        public long Generation { get; }
    }
}
