namespace DataWorksDI.Services
{
    /// <summary>One page of a listing, and the total the service reported.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, long totalCount)
        {
            Items = items;
            TotalCount = totalCount;
        }

        public IReadOnlyList<T> Items { get; }

        public long TotalCount { get; }
    }

    /// <summary>
    /// The one pager of the module (ListFiles, ListDeployments, ListProjects, ListDataSources). It fetches a page only
    /// when asked for one, so the caller decides how far to read: a cmdlet writes each page as it arrives and asks for the
    /// next only when the pipeline wants more (`Get-DIFile -PageSize 2 | Select-Object -First 3` makes two calls). The
    /// listing ends at an empty page or when the pages read cover the total the service reported.
    /// </summary>
    internal sealed class Pager<T>
    {
        private readonly Func<int, int, CancellationToken, Task<Page<T>>> _fetch;
        private int _nextPage = 1;

        /// <param name="fetch">Reads one page: (page number from 1, page size, token).</param>
        public Pager(int pageSize, Func<int, int, CancellationToken, Task<Page<T>>> fetch)
        {
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds at least one item.");
            PageSize = pageSize;
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        }

        public int PageSize { get; }

        /// <summary>False once the last page has been read.</summary>
        public bool HasMore { get; private set; } = true;

        /// <summary>Pages fetched so far.</summary>
        public int PagesRead => _nextPage - 1;

        /// <summary>Items fetched so far.</summary>
        public long ItemsRead { get; private set; }

        /// <summary>The total the service reported with the last page; null before the first.</summary>
        public long? TotalCount { get; private set; }

        /// <summary>Fetches the next page (one call). Call only while <see cref="HasMore"/>.</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken ct)
        {
            if (!HasMore) throw new InvalidOperationException("The listing has no more pages.");
            int number = _nextPage++;
            Page<T> page = await _fetch(number, PageSize, ct).ConfigureAwait(false);
            ItemsRead += page.Items.Count;
            TotalCount = page.TotalCount;
            if (page.Items.Count == 0 || (long)number * PageSize >= page.TotalCount) HasMore = false;
            return page.Items;
        }

        /// <summary>Every remaining item (for lookups that need the whole list, e.g. the workspace's data source names).</summary>
        public async Task<List<T>> AllAsync(CancellationToken ct)
        {
            var all = new List<T>();
            while (HasMore) all.AddRange(await NextAsync(ct).ConfigureAwait(false));
            return all;
        }
    }
}
