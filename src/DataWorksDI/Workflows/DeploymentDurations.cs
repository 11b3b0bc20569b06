using System.Collections.Concurrent;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// How long recent deployment packages took to run — ExecuteTime − CreateTime, both the service's own clock — per
    /// endpoint, workspace and kind, so that a waiter's first poll comes when a package like them is likely done instead
    /// of polling a fixed interval early: every poll is a call, paced with the rest and counted against the daily budget
    /// (issue 12, "polls poll no faster than they must"). With nothing learnt yet, the first poll is -PollInterval's.
    /// Process-wide and thread-safe, like the pacer: parallel runspaces learn from each other's packages.
    /// </summary>
    internal static class DeploymentDurations
    {
        /// <summary>How many recent durations are kept per endpoint, workspace and kind (the median of them is used).</summary>
        public const int Kept = 16;

        /// <summary>Added to the typical duration: a package is settled once its time has come, and the poll must not land just before.</summary>
        public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

        private static readonly ConcurrentDictionary<string, Queue<double>> Recent = new ConcurrentDictionary<string, Queue<double>>(StringComparer.Ordinal);

        private static string Key(Uri endpoint, long projectId, DIDeploymentKind kind) =>
            endpoint.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "|" + projectId + "|" + kind;

        /// <summary>Remembers how long a finished package ran (ignored when the service gave no times).</summary>
        public static void Record(Uri endpoint, DIDeployment finished)
        {
            if (finished?.CreateTime == null || finished.ExecuteTime == null) return;
            double seconds = (finished.ExecuteTime.Value - finished.CreateTime.Value).TotalSeconds;
            if (seconds < 0 || seconds > TimeSpan.FromHours(1).TotalSeconds) return;
            Queue<double> kept = Recent.GetOrAdd(Key(endpoint, finished.ProjectId, finished.Kind), _ => new Queue<double>());
            lock (kept)
            {
                kept.Enqueue(seconds);
                while (kept.Count > Kept) kept.Dequeue();
            }
        }

        /// <summary>The median duration of recent packages of this kind, or null when none has been seen.</summary>
        public static TimeSpan? Typical(Uri endpoint, long projectId, DIDeploymentKind kind)
        {
            if (!Recent.TryGetValue(Key(endpoint, projectId, kind), out Queue<double> kept)) return null;
            double[] sorted;
            lock (kept) sorted = kept.OrderBy(s => s).ToArray();
            return sorted.Length == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(sorted[sorted.Length / 2]);
        }

        /// <summary>When to poll first: the longer of <paramref name="pollInterval"/> and the typical duration plus <see cref="Margin"/>.</summary>
        public static TimeSpan FirstPoll(TimeSpan pollInterval, Uri endpoint, long projectId, DIDeploymentKind kind)
        {
            TimeSpan? typical = Typical(endpoint, projectId, kind);
            if (typical == null) return pollInterval;
            TimeSpan learnt = typical.Value + Margin;
            return learnt > pollInterval ? learnt : pollInterval;
        }
    }
}
