using DataWorksDI.Client;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// Sync-DITaskDefinition -MaxCalls: the run's calls — the plan's reads, the writes, retries and polls — counted from the
    /// client's statistics since the run began. A step reserves the calls it will make before it starts, and is refused
    /// (the run stops cleanly, with <see cref="StoppedBy"/>) when they would take the run past the limit.
    /// </summary>
    internal sealed class CallLimit
    {
        private readonly object _gate = new object();
        private readonly DataWorksClient _client;
        private readonly long _start;
        private long _reserved;

        /// <param name="alreadySpent">Calls the run made before this limit was made (a plan read without it).</param>
        public CallLimit(DataWorksClient client, long? max, long alreadySpent = 0)
        {
            _client = client;
            Max = max;
            _start = client.Statistics.CallsMade - alreadySpent;
        }

        public long? Max { get; }

        public long Spent => _client.Statistics.CallsMade - _start;

        public Exception StoppedBy { get; private set; }

        public bool Stopped => StoppedBy != null;

        /// <summary>A poll must not take the run past the limit either.</summary>
        public bool Exhausted => Max.HasValue && Spent >= Max.Value;

        /// <summary>Whether <paramref name="calls"/> more would take the run past the limit (nothing is reserved).</summary>
        public bool WouldPass(long calls)
        {
            lock (_gate) return Max.HasValue && Spent + _reserved + calls > Max.Value;
        }

        /// <summary>Reserves the calls of a step; false (and the run stopped, with <paramref name="why"/>'s message or the default one) when they would pass the limit.</summary>
        public bool TryReserve(int calls, string step, Func<long, string> why = null)
        {
            lock (_gate)
            {
                if (StoppedBy != null) return false;
                if (Max.HasValue && Spent + _reserved + calls > Max.Value)
                {
                    StoppedBy = new DataWorksOperationException(ErrorIds.CallLimitReached,
                        why != null ? why(Spent)
                            : $"Stopped before {step}: it would take the run past -MaxCalls {Max.Value} ({Spent} call(s) spent so far, the plan's reads included). Nothing is half-done; run Sync-DITaskDefinition again to finish the tasks marked Pending.",
                        ErrorCategory.LimitsExceeded);
                    return false;
                }
                _reserved += calls;
                return true;
            }
        }

        public void Release(int calls)
        {
            lock (_gate) _reserved -= calls;
        }

        public void StopBy(Exception reason)
        {
            lock (_gate) if (StoppedBy == null) StoppedBy = reason;
        }

        /// <summary>Runs a read under a reservation of <paramref name="calls"/>; throws <see cref="StoppedBy"/> when refused.</summary>
        public async Task<T> ReadAsync<T>(int calls, string step, Func<Task<T>> read, Func<long, string> why = null)
        {
            if (!TryReserve(calls, step, why)) throw StoppedBy;
            try
            {
                return await read().ConfigureAwait(false);
            }
            finally
            {
                Release(calls);
            }
        }
    }
}
