using System.Collections.Concurrent;

namespace DataWorksDI.Session
{
    /// <summary>
    /// The per-context store of the workspace catalogue (data sources, resource groups, folders, files, workspaces, folder
    /// paths by id): each list is read at most once per context and shared by every cmdlet and completer that needs it.
    /// It only stores; what a list is and how it is read is Services.CatalogService's.
    /// <list type="bullet">
    /// <item>One read per key: concurrent callers share the same read, which is never cancelled by one caller giving up (a
    /// completer's time box, Ctrl+C), so a read that outlives its caller still fills the cache for the next one.</item>
    /// <item>A read that failed is remembered for <see cref="FailureMemory"/> and then tried again: a completer or a check
    /// that finds it failed answers nothing or skips the check, it does not ask again at every keystroke.</item>
    /// <item><see cref="Forget"/> drops entries (Get-DIWorkspace -Refresh, or a write the service refused because a list
    /// was out of date).</item>
    /// </list>
    /// </summary>
    internal sealed class CatalogCache
    {
        /// <summary>How long a failed read is remembered before the list is read again.</summary>
        public static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(5);

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        private sealed class Entry
        {
            public Entry(Task<object> read, DateTimeOffset? started = null)
            {
                Read = read;
                Started = started ?? DateTimeOffset.UtcNow;
            }

            public Task<object> Read { get; }

            public DateTimeOffset Started { get; }

            public bool Expired => Read.IsFaulted || Read.IsCanceled ? DateTimeOffset.UtcNow - Started > FailureMemory : false;
        }

        /// <summary>The key of a list of one workspace: "&lt;projectId&gt;/&lt;list&gt;[/&lt;narrowing&gt;]".</summary>
        public static string Key(long projectId, string list, string narrowing = null) =>
            projectId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + list + (narrowing == null ? string.Empty : "/" + narrowing);

        /// <summary>The key of a list that belongs to the account, not a workspace (resource groups, workspaces).</summary>
        public static string AccountKey(string list) => "*/" + list;

        /// <summary>
        /// The list under <paramref name="key"/>: the stored read, or a new one started with <paramref name="read"/> (which
        /// must not depend on the caller's cancellation). <paramref name="ct"/> ends only this caller's wait.
        /// </summary>
        public async Task<T> GetAsync<T>(string key, Func<Task<T>> read, CancellationToken ct)
        {
            Task<object> shared = Start(key, read);
            if (!shared.IsCompleted && ct.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource<bool>();
                using (ct.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(shared, cancelled.Task).ConfigureAwait(false) != shared) ct.ThrowIfCancellationRequested();
                }
            }
            return (T)await shared.ConfigureAwait(false);
        }

        /// <summary>The read under <paramref name="key"/>, started now when there is none (or the last one failed long enough ago).</summary>
        public Task<object> Start<T>(string key, Func<Task<T>> read)
        {
            Entry entry = _entries.AddOrUpdate(key,
                _ => new Entry(Box(read)),
                (_, existing) => existing.Expired ? new Entry(Box(read)) : existing);
            return entry.Read;
        }

        /// <summary>The list under <paramref name="key"/> when it has been read successfully; no read is started.</summary>
        public bool TryPeek<T>(string key, out T value)
        {
            value = default(T);
            if (!_entries.TryGetValue(key, out Entry entry) || entry.Read.Status != TaskStatus.RanToCompletion) return false;
            value = (T)entry.Read.Result;
            return true;
        }

        /// <summary>Every list read successfully whose key starts with <paramref name="prefix"/>; no read is started.</summary>
        public IEnumerable<T> PeekAll<T>(string prefix)
        {
            foreach (var entry in _entries)
                if (entry.Key.StartsWith(prefix, StringComparison.Ordinal) && entry.Value.Read.Status == TaskStatus.RanToCompletion && entry.Value.Read.Result is T value)
                    yield return value;
        }

        /// <summary>When the list under <paramref name="key"/> was read (its read started), or null.</summary>
        public DateTimeOffset? ReadAt(string key) => _entries.TryGetValue(key, out Entry entry) ? entry.Started : (DateTimeOffset?)null;

        /// <summary>Drops every entry whose key <paramref name="matches"/>; the next use reads the list again.</summary>
        public int Forget(Func<string, bool> matches)
        {
            int dropped = 0;
            foreach (string key in _entries.Keys.Where(matches).ToList())
                if (_entries.TryRemove(key, out _)) dropped++;
            return dropped;
        }

        /// <summary>Stores a value the module learnt without a list read (e.g. a package it created and what it is for).</summary>
        public void Set<T>(string key, T value) => _entries[key] = new Entry(Task.FromResult<object>(value));

        /// <summary>Replaces the value under <paramref name="key"/> when it has been read (e.g. a file this session created joins the list).</summary>
        public void Update<T>(string key, Func<T, T> change)
        {
            if (!TryPeek(key, out T current) || !_entries.TryGetValue(key, out Entry read)) return;
            _entries[key] = new Entry(Task.FromResult<object>(change(current)), read.Started);
        }

        private static Task<object> Box<T>(Func<Task<T>> read) => Task.Run(async () => (object)await read().ConfigureAwait(false));
    }
}
