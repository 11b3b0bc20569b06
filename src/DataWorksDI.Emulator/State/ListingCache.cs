namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// What paging a large listing would otherwise recount on every page: its total, and the sort key of the row just
    /// before each page start already served. Entries belong to one state of the database (<see cref="Db.Generation"/>,
    /// the number of writes the snapshot reflects): the first read of a newer state drops them all, and a read whose
    /// snapshot has no exact generation neither uses nor fills the cache. So a page served from the cache is exactly the
    /// page <c>LIMIT size OFFSET n</c> would give on that state, found by an index seek instead of stepping over n rows.
    /// </summary>
    public sealed class ListingCache
    {
        private const int MaxListings = 64;
        private const int MaxBoundariesPerListing = 100_000;

        private readonly object _lock = new object();
        private readonly Dictionary<string, Listing> _listings = new Dictionary<string, Listing>(System.StringComparer.Ordinal);
        private long _generation = -1;

        private sealed class Listing
        {
            public long? Total;
            public readonly Dictionary<long, long> KeyBefore = new Dictionary<long, long>();
        }

        public bool TryGetTotal(long? generation, string listing, out long total)
        {
            total = 0;
            lock (_lock)
            {
                if (!Current(generation, listing, create: false, out Listing l) || l.Total == null) return false;
                total = l.Total.Value;
                return true;
            }
        }

        public void SetTotal(long? generation, string listing, long total)
        {
            lock (_lock)
            {
                if (Current(generation, listing, create: true, out Listing l)) l.Total = total;
            }
        }

        /// <summary>The sort key of the row at position <paramref name="offset"/> − 1 of the listing, when known.</summary>
        public bool TryGetKeyBefore(long? generation, string listing, long offset, out long key)
        {
            key = 0;
            lock (_lock)
            {
                return Current(generation, listing, create: false, out Listing l) && l.KeyBefore.TryGetValue(offset, out key);
            }
        }

        /// <summary>
        /// The nearest known boundary at or below <paramref name="offset"/>: its position and the sort key of the row just
        /// before it (the rows from there on come after that key).
        /// </summary>
        public bool TryGetFloor(long? generation, string listing, long offset, out long floorOffset, out long key)
        {
            floorOffset = 0;
            key = 0;
            lock (_lock)
            {
                if (!Current(generation, listing, create: false, out Listing l)) return false;
                bool found = false;
                foreach (var b in l.KeyBefore)
                {
                    if (b.Key <= offset && (!found || b.Key > floorOffset))
                    {
                        floorOffset = b.Key;
                        key = b.Value;
                        found = true;
                    }
                }
                return found;
            }
        }

        public void SetKeyBefore(long? generation, string listing, long offset, long key)
        {
            lock (_lock)
            {
                if (Current(generation, listing, create: true, out Listing l) && l.KeyBefore.Count < MaxBoundariesPerListing) l.KeyBefore[offset] = key;
            }
        }

        private bool Current(long? generation, string listing, bool create, out Listing l)
        {
            l = null;
            if (generation == null || generation.Value < _generation) return false;
            if (generation.Value > _generation)
            {
                _listings.Clear();
                _generation = generation.Value;
            }
            if (_listings.TryGetValue(listing, out l)) return true;
            if (!create) return false;
            if (_listings.Count >= MaxListings) _listings.Clear();
            l = new Listing();
            _listings[listing] = l;
            return true;
        }
    }
}
