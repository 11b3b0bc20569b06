namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>One API call as seen by the gateway. Holds parameter names only, never values.</summary>
    public sealed class RequestLogEntry
    {
        public long Sequence { get; set; }
        public DateTimeOffset Time { get; set; }
        public string Method { get; set; }
        public string Action { get; set; }
        public string AccessKeyId { get; set; }
        public string SignatureVersion { get; set; }
        /// <summary>HTTP status answered; null when the connection was dropped on purpose.</summary>
        public int? HttpStatus { get; set; }
        public string ErrorCode { get; set; }
        /// <summary>True when an injected 5xx was answered after the action ran and committed (<c>--fault-5xx-after-ratio</c>).</summary>
        public bool ActionCommitted { get; set; }
        public string[] ParameterNames { get; set; } = Array.Empty<string>();
    }

    /// <summary>The most recent API calls, in memory (for tests and runbooks; see GET /_emulator/requests).</summary>
    public sealed class RequestLog
    {
        public const int Capacity = 20000;
        private readonly LinkedList<RequestLogEntry> _entries = new LinkedList<RequestLogEntry>();
        private long _sequence;

        public void Add(RequestLogEntry entry)
        {
            lock (_entries)
            {
                entry.Sequence = ++_sequence;
                _entries.AddLast(entry);
                if (_entries.Count > Capacity) _entries.RemoveFirst();
            }
        }

        public long LastSequence
        {
            get { lock (_entries) return _sequence; }
        }

        public List<RequestLogEntry> Read(string accessKeyId, long since)
        {
            lock (_entries)
            {
                return _entries
                    .Where(e => e.Sequence > since && (accessKeyId == null || string.Equals(e.AccessKeyId, accessKeyId, StringComparison.Ordinal)))
                    .ToList();
            }
        }
    }
}
