using System.Text;
using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    public static class Paging
    {
        /// <summary>Documented maximum PageSize of the paged list operations.</summary>
        public const int MaxPageSize = 100;
    }

    /// <summary>
    /// A filter in SQL: the <c>WHERE</c> text and its named arguments, built clause by clause so that every value travels
    /// as a parameter (never spliced into the text).
    /// </summary>
    public sealed class SqlFilter
    {
        private readonly List<string> _clauses = new List<string>();
        private readonly List<object> _args = new List<object>();

        public SqlFilter Where(string clause, params object[] args)
        {
            _clauses.Add(clause);
            _args.AddRange(args);
            return this;
        }

        /// <summary>The clause on an optional request value: added when the request gave it (not null or empty), else nothing.</summary>
        public SqlFilter WhereGiven(string clause, string name, string value) =>
            string.IsNullOrEmpty(value) ? this : Where(clause, name, value);

        /// <inheritdoc cref="WhereGiven(string, string, string)"/>
        public SqlFilter WhereGiven<T>(string clause, string name, T? value) where T : struct =>
            value == null ? this : Where(clause, name, value.Value);

        /// <summary><c>column IN ($prefix0, $prefix1, …)</c>; an empty list matches nothing.</summary>
        public SqlFilter In(string column, string prefix, IReadOnlyList<long> values)
        {
            if (values.Count == 0) return Where("0");
            var names = new string[values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
                _args.Add(names[i]);
                _args.Add(values[i]);
            }
            _clauses.Add(column + " IN (" + string.Join(", ", names) + ")");
            return this;
        }

        public string Text => _clauses.Count == 0 ? "1" : string.Join(" AND ", _clauses);

        public object[] Args => _args.ToArray();

        /// <summary>Text and values together: the identity of a listing (see <see cref="ListingCache"/>).</summary>
        public string Identity
        {
            get
            {
                var sb = new StringBuilder(Text);
                for (int i = 0; i < _args.Count; i += 2)
                    sb.Append('\u0001').Append(_args[i]).Append('=').Append(Convert.ToString(_args[i + 1], CultureInfo.InvariantCulture) ?? "\u0000");
                return sb.ToString();
            }
        }
    }

    /// <summary>
    /// The one pager of the store: <c>PageNumber</c>/<c>PageSize</c> over rows in the order of a unique integer key,
    /// counted and fetched in SQL, with exactly the rows <c>LIMIT size OFFSET n</c> gives. To get there cheaply it starts
    /// from the nearest page boundary already known for the same state of the database (<see cref="ListingCache"/>):
    /// the key just before a page served earlier, found by an index seek. Rows between that boundary and the page start
    /// are stepped over in a key-only subquery (the index alone, no row is read), so walking a listing page by page
    /// costs the same at page 1 and page 10,000, and a page asked for again is a seek.
    /// </summary>
    public static class PagedQuery
    {
        public static (long Total, List<T> Rows) Run<T>(Db db, ListingCache cache, string select, string from, SqlFilter filter,
            string keyColumn, bool descending, long offset, int size, Func<SqliteDataReader, T> map, Func<T, long> keyOf)
        {
            string where = filter.Text;
            object[] args = filter.Args;
            string listing = from + "\u0002" + keyColumn + (descending ? " DESC" : "") + "\u0002" + filter.Identity;
            long? generation = db.Generation;

            if (!cache.TryGetTotal(generation, listing, out long total))
            {
                total = db.ScalarLong("SELECT COUNT(*) FROM " + from + " WHERE " + where, args) ?? 0;
                cache.SetTotal(generation, listing, total);
            }
            if (offset >= total) return (total, new List<T>());

            string order = " ORDER BY " + keyColumn + (descending ? " DESC" : "");
            string after = "";
            long skip = offset;
            var extra = new List<object>();
            if (offset > 0 && cache.TryGetFloor(generation, listing, offset, out long floorOffset, out long floorKey))
            {
                after = " AND " + keyColumn + (descending ? " < " : " > ") + "$page_after";
                extra.Add("$page_after");
                extra.Add(floorKey);
                skip = offset - floorOffset;
            }
            string sql = "SELECT " + select + " FROM " + from + " WHERE (" + where + ")" + after;
            if (skip > 0)
            {
                // The first key of the page, stepped to on the key alone; then the page from there.
                sql += " AND " + keyColumn + (descending ? " <= " : " >= ") + "(SELECT " + keyColumn + " FROM " + from + " WHERE (" + where + ")" + after
                    + order + " LIMIT 1 OFFSET $page_skip)";
                extra.Add("$page_skip");
                extra.Add(skip);
            }
            sql += order + " LIMIT $page_size";
            extra.Add("$page_size");
            extra.Add(size);
            List<T> rows = db.Query(sql, map, args.Concat(extra).ToArray());
            if (rows.Count > 0)
            {
                // Keys are integers, so "after first - 1" (ascending) or "before first + 1" (descending) starts exactly at this page.
                cache.SetKeyBefore(generation, listing, offset, keyOf(rows[0]) + (descending ? 1 : -1));
                cache.SetKeyBefore(generation, listing, offset + rows.Count, keyOf(rows[rows.Count - 1]));
            }
            return (total, rows);
        }

        /// <summary>A page of a short list (versions of one file, child folders, workspaces): LIMIT/OFFSET and COUNT in SQL.</summary>
        public static (long Total, List<T> Rows) Simple<T>(Db db, string select, string from, SqlFilter filter, string orderBy, long offset, int size,
            Func<SqliteDataReader, T> map)
        {
            object[] args = filter.Args;
            long total = db.ScalarLong("SELECT COUNT(*) FROM " + from + " WHERE " + filter.Text, args) ?? 0;
            if (offset >= total) return (total, new List<T>());
            var rows = db.Query("SELECT " + select + " FROM " + from + " WHERE " + filter.Text + " ORDER BY " + orderBy + " LIMIT $page_size OFFSET $page_offset",
                map, args.Concat(new object[] { "$page_size", size, "$page_offset", offset }).ToArray());
            return (total, rows);
        }
    }
}
