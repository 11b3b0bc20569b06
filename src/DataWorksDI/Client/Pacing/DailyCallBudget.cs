namespace DataWorksDI.Client.Pacing
{
    /// <summary>
    /// Counts attempts sent per day and, when a budget is set, refuses to start the one that would go past it. DataWorks
    /// counts every call against its daily limit, failures included (Basic edition: 100 a day), and does not say when its
    /// day starts; Alibaba Cloud's daily quotas that do say reset at 00:00 UTC+8, so a day here is a calendar day in China
    /// Standard Time (docs/client.md). Thread-safe; shared like the pacer (<see cref="QuotaPartitions"/>).
    /// </summary>
    internal sealed class DailyCallBudget
    {
        /// <summary>China Standard Time: UTC+8 all year (no daylight saving).</summary>
        public static readonly TimeSpan DayOffset = TimeSpan.FromHours(8);

        private readonly object _gate = new object();
        private int? _limit;
        private DateTimeOffset _dayStart = DateTimeOffset.MinValue;
        private long _spent;

        /// <summary>The budget (null: none, calls are only counted).</summary>
        public int? Limit
        {
            get { lock (_gate) return _limit; }
        }

        public void Configure(int? limit)
        {
            lock (_gate) _limit = limit;
        }

        /// <summary>Counts one attempt, or returns false (counting nothing) when the budget is spent.</summary>
        public bool TryTake(DateTimeOffset now, out BudgetState state)
        {
            lock (_gate)
            {
                Roll(now);
                if (_limit.HasValue && _spent >= _limit.Value)
                {
                    state = new BudgetState(_limit, _spent, _dayStart, _dayStart.AddDays(1));
                    return false;
                }
                _spent++;
                state = new BudgetState(_limit, _spent, _dayStart, _dayStart.AddDays(1));
                return true;
            }
        }

        public BudgetState Snapshot(DateTimeOffset now)
        {
            lock (_gate)
            {
                Roll(now);
                return new BudgetState(_limit, _spent, _dayStart, _dayStart.AddDays(1));
            }
        }

        /// <summary>00:00 UTC+8 of the day <paramref name="now"/> falls in.</summary>
        public static DateTimeOffset DayStartOf(DateTimeOffset now)
        {
            DateTimeOffset china = now.ToOffset(DayOffset);
            return new DateTimeOffset(china.Year, china.Month, china.Day, 0, 0, 0, DayOffset);
        }

        private void Roll(DateTimeOffset now)
        {
            DateTimeOffset start = DayStartOf(now);
            if (start != _dayStart)
            {
                _dayStart = start;
                _spent = 0;
            }
        }
    }

    internal readonly struct BudgetState
    {
        public BudgetState(int? limit, long spent, DateTimeOffset dayStart, DateTimeOffset resetsAt)
        {
            Limit = limit;
            Spent = spent;
            DayStart = dayStart;
            ResetsAt = resetsAt;
        }

        public int? Limit { get; }
        public long Spent { get; }
        public DateTimeOffset DayStart { get; }
        public DateTimeOffset ResetsAt { get; }
    }
}
