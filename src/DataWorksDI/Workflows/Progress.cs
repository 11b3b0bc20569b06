namespace DataWorksDI.Workflows
{
    /// <summary>One progress report: what a cmdlet turns into a ProgressRecord (the one place that does).</summary>
    internal sealed class ProgressUpdate
    {
        public int ActivityId { get; set; }
        public string Activity { get; set; }
        public string Status { get; set; }

        /// <summary>0 to 100, or -1 when the end is not known.</summary>
        public int PercentComplete { get; set; } = -1;

        public bool Completed { get; set; }
    }

    /// <summary>
    /// A progress bar of one multi-step piece of work. Activity ids come from one counter for the whole process, so two
    /// bars never share an id (a nested or a parallel wait gets its own). Dispose completes the bar if nothing else did:
    /// every bar that was shown is completed, also after a failure or Ctrl+C.
    /// </summary>
    internal sealed class ProgressActivity : IDisposable
    {
        private static int _lastId;
        private readonly Action<ProgressUpdate> _sink;
        private bool _shown;
        private bool _completed;

        public ProgressActivity(string activity, Action<ProgressUpdate> sink)
        {
            Id = Interlocked.Increment(ref _lastId);
            Activity = activity;
            _sink = sink;
        }

        public int Id { get; }

        public string Activity { get; }

        public void Report(string status, int percentComplete = -1)
        {
            if (_completed) return;
            _shown = true;
            _sink?.Invoke(new ProgressUpdate { ActivityId = Id, Activity = Activity, Status = status, PercentComplete = percentComplete });
        }

        /// <summary>
        /// A wait whose end is not known (a package, a generation, an instance starting): the state and the time spent,
        /// with no percentage — the share of the time-out spent would sit near 0% for a long -Timeout and say nothing
        /// about when DataWorks finishes.
        /// </summary>
        public void ReportWait(string state, TimeSpan elapsed, TimeSpan timeout) =>
            Report($"{state}; {Seconds(elapsed)} elapsed (gives up after {Seconds(timeout)}, -Timeout)");

        /// <summary>Work whose end is known (items of a known total): a real percentage.</summary>
        public void ReportCount(string what, long done, long total) =>
            Report($"{done} of {total} {what}", total <= 0 ? -1 : (int)Math.Min(100, 100 * done / total));

        private static string Seconds(TimeSpan t) =>
            t.TotalSeconds < 120 ? $"{t.TotalSeconds:0} s" : t.TotalMinutes < 120 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s" : $"{t.TotalHours:0.#} h";

        public void Complete(string status = "done")
        {
            if (_completed) return;
            _completed = true;
            if (_shown) _sink?.Invoke(new ProgressUpdate { ActivityId = Id, Activity = Activity, Status = status, PercentComplete = 100, Completed = true });
        }

        public void Dispose() => Complete("stopped");
    }
}
