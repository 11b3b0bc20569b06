using System.Collections.Concurrent;
using System.Data.Common;
using System.IO;
using System.Threading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// The emulator's state: one SQLite database (WAL mode) in the data directory.
    /// <list type="bullet">
    /// <item>Writes run one unit at a time on the one writer connection, each in its own transaction, so a killed process
    /// leaves either the whole change or none of it.</item>
    /// <item>Reads run on a small pool of read-only connections, each in its own read transaction (a consistent
    /// snapshot); in WAL mode they never wait for the writer, and the writer never waits for them.</item>
    /// <item>Every connection keeps its prepared statements (<see cref="Db"/>), so a statement is compiled once per
    /// connection, not once per call.</item>
    /// <item>Signature nonces live in a second database file (<see cref="NonceLedger"/>), so the replay check that every
    /// call makes never waits behind a write of the main database.</item>
    /// </list>
    /// A lock file keeps a second emulator off the same directory.
    /// </summary>
    public sealed class Store : IDisposable
    {
        public const string DatabaseFileName = "dataworks-emulator.db";
        private const string LockFileName = "emulator.lock";

        /// <summary>Read connections kept open (reads beyond this many at once wait for one to come free).</summary>
        public static readonly int ReaderCount = Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

        private readonly string _readConnectionString;
        private readonly ConnectionHandle _writer;
        private readonly FileStream _lockFile;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly SemaphoreSlim _readerSlots = new SemaphoreSlim(ReaderCount, ReaderCount);
        private readonly ConcurrentBag<ConnectionHandle> _idleReaders = new ConcurrentBag<ConnectionHandle>();
        private readonly List<ConnectionHandle> _allReaders = new List<ConnectionHandle>();
        private long _writesBegun;
        private long _writesEnded;
        private bool _disposed;

        private Store(ConnectionHandle writer, string readConnectionString, FileStream lockFile, NonceLedger nonces)
        {
            _writer = writer;
            _readConnectionString = readConnectionString;
            _lockFile = lockFile;
            Nonces = nonces;
        }

        /// <summary>How many write units have finished since the store was opened (committed or rolled back).</summary>
        public long WriteCount => Interlocked.Read(ref _writesEnded);

        /// <summary>The replay record of signature nonces.</summary>
        public NonceLedger Nonces { get; }

        /// <summary>Listing counts and page boundaries, valid for one state of the database (see <see cref="ListingCache"/>).</summary>
        public ListingCache Listings { get; } = new ListingCache();

        public static Store Open(string dataDirectory)
        {
            Directory.CreateDirectory(dataDirectory);
            FileStream lockFile;
            try
            {
                lockFile = new FileStream(Path.Combine(dataDirectory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException("Another emulator is using the data directory " + dataDirectory + " (" + e.Message + ").", e);
            }
            string path = Path.Combine(dataDirectory, DatabaseFileName);
            var writeBuilder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            var readBuilder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            SqliteConnection connection = null;
            NonceLedger nonces = null;
            try
            {
                connection = new SqliteConnection(writeBuilder.ToString());
                connection.Open();
                using (var cmd = connection.CreateCommand())
                {
                    // WAL + synchronous=NORMAL: a committed transaction survives the process being killed.
                    cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
                    cmd.ExecuteNonQuery();
                }
                ConnectionHandle.AddFunctions(connection);
                var writer = new ConnectionHandle(connection);
                Schema.Apply(writer);
                nonces = NonceLedger.Open(dataDirectory, connection);
                return new Store(writer, readBuilder.ToString(), lockFile, nonces);
            }
            catch
            {
                nonces?.Dispose();
                connection?.Dispose();
                lockFile.Dispose();
                throw;
            }
        }

        /// <summary>Runs <paramref name="work"/> alone, in one write transaction; an exception rolls everything back.</summary>
        public Task<T> RunAsync<T>(Func<Db, T> work, CancellationToken ct = default) => HoldingAsync(_gate, () => RunLocked(work), ct);

        public T Run<T>(Func<Db, T> work) => Holding(_gate, () => RunLocked(work));

        private T RunLocked<T>(Func<Db, T> work)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(Store));
            // Begun/ended bracket every write so a reader can tell whether its snapshot is the state after exactly
            // _writesEnded writes (see ReadLocked); a rolled-back write counts too, which only costs a cache miss.
            Interlocked.Increment(ref _writesBegun);
            try
            {
                using (var tx = _writer.Connection.BeginTransaction())
                {
                    T result = work(new Db(_writer, tx, generation: null));
                    tx.Commit();
                    return result;
                }
            }
            finally
            {
                Interlocked.Increment(ref _writesEnded);
            }
        }

        /// <summary>Copies the write-ahead log into the database file and empties it (after a bulk load).</summary>
        public void Checkpoint() => Holding(_gate, () =>
        {
            using (var cmd = _writer.Connection.CreateCommand())
            {
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                return cmd.ExecuteNonQuery();
            }
        });

        /// <summary>
        /// Runs <paramref name="work"/> on a read-only connection in one read transaction: it sees one consistent state,
        /// never waits for a write, and cannot write (SQLite refuses any write on the connection).
        /// </summary>
        public Task<T> ReadAsync<T>(Func<Db, T> work, CancellationToken ct = default) => HoldingAsync(_readerSlots, () => ReadLocked(work), ct);

        public T Read<T>(Func<Db, T> work) => Holding(_readerSlots, () => ReadLocked(work));

        /// <summary>Runs <paramref name="work"/> while holding one of <paramref name="slots"/> (the writer's gate, or a reader slot).</summary>
        private static async Task<T> HoldingAsync<T>(SemaphoreSlim slots, Func<T> work, CancellationToken ct)
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return work();
            }
            finally
            {
                slots.Release();
            }
        }

        private static T Holding<T>(SemaphoreSlim slots, Func<T> work)
        {
            slots.Wait();
            try
            {
                return work();
            }
            finally
            {
                slots.Release();
            }
        }

        private T ReadLocked<T>(Func<Db, T> work)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(Store));
            ConnectionHandle reader = TakeReader();
            bool healthy = false;
            try
            {
                long ended = Interlocked.Read(ref _writesEnded);
                using (var tx = reader.Connection.BeginTransaction(deferred: true))
                {
                    var db = new Db(reader, tx, generation: null);
                    // The first read of the transaction fixes its snapshot. If no write began before that point beyond the
                    // ones that had ended when we looked, the snapshot is exactly the state after `ended` writes.
                    db.Scalar("SELECT 1 FROM sqlite_master LIMIT 1");
                    long begun = Interlocked.Read(ref _writesBegun);
                    db.Generation = begun == ended ? ended : (long?)null;
                    T result = work(db);
                    tx.Commit();
                    healthy = true;
                    return result;
                }
            }
            finally
            {
                ReturnReader(reader, healthy);
            }
        }

        private ConnectionHandle TakeReader()
        {
            if (_idleReaders.TryTake(out ConnectionHandle reader)) return reader;
            var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "PRAGMA busy_timeout=5000;";
                cmd.ExecuteNonQuery();
            }
            ConnectionHandle.AddFunctions(connection);
            reader = new ConnectionHandle(connection);
            lock (_allReaders) _allReaders.Add(reader);
            return reader;
        }

        private void ReturnReader(ConnectionHandle reader, bool healthy)
        {
            // A read that failed half-way may have left a statement busy: keep only connections known to be clean.
            if (healthy && !_disposed)
            {
                _idleReaders.Add(reader);
                return;
            }
            lock (_allReaders) _allReaders.Remove(reader);
            reader.Dispose();
        }

        public void Dispose()
        {
            _gate.Wait();
            try
            {
                if (_disposed) return;
                _disposed = true;
                for (int i = 0; i < ReaderCount; i++) _readerSlots.Wait();
                lock (_allReaders)
                {
                    foreach (var r in _allReaders) r.Dispose();
                    _allReaders.Clear();
                }
                Nonces.Dispose();
                _writer.Dispose();
                _lockFile.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>One open connection and the statements prepared on it (reused by every later unit of work on it).</summary>
    internal sealed class ConnectionHandle : IDisposable
    {
        /// <summary>Statement texts kept per connection; a connection that sees more distinct texts stops caching new ones.</summary>
        private const int MaxStatements = 256;

        private readonly Dictionary<string, SqliteCommand> _statements = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        private readonly HashSet<SqliteCommand> _inUse = new HashSet<SqliteCommand>();

        public ConnectionHandle(SqliteConnection connection)
        {
            Connection = connection;
        }

        public SqliteConnection Connection { get; }

        /// <summary>
        /// Functions the queries use: <c>contains_ci(text, part)</c> is .NET's ordinal case-insensitive substring test, so a
        /// filter pushed into SQL (ListFiles Keyword) matches exactly what the same filter matched in memory before.
        /// </summary>
        public static void AddFunctions(SqliteConnection connection)
        {
            connection.CreateFunction("contains_ci", (string text, string part) =>
                text != null && part != null && text.Contains(part, StringComparison.OrdinalIgnoreCase), isDeterministic: true);
        }

        /// <summary>A prepared command for <paramref name="sql"/>: the cached one when it is free, else a new one.</summary>
        public SqliteCommand Rent(string sql, SqliteTransaction tx, out bool cached)
        {
            if (_statements.TryGetValue(sql, out SqliteCommand cmd) && !_inUse.Contains(cmd))
            {
                cached = true;
            }
            else if (cmd == null && _statements.Count < MaxStatements)
            {
                cmd = Connection.CreateCommand();
                cmd.CommandText = sql;
                _statements[sql] = cmd;
                cached = true;
            }
            else
            {
                cmd = Connection.CreateCommand();
                cmd.CommandText = sql;
                cached = false;
            }
            if (cached) _inUse.Add(cmd);
            cmd.Transaction = tx;
            cmd.Parameters.Clear();
            return cmd;
        }

        public void Return(SqliteCommand cmd, bool cached)
        {
            if (!cached)
            {
                cmd.Dispose();
                return;
            }
            cmd.Transaction = null;
            _inUse.Remove(cmd);
        }

        public void Dispose()
        {
            foreach (var cmd in _statements.Values) cmd.Dispose();
            _statements.Clear();
            Connection.Dispose();
        }
    }

    /// <summary>Thin helpers over one connection and its open transaction.</summary>
    public sealed class Db
    {
        private readonly ConnectionHandle _handle;
        private readonly SqliteTransaction _transaction;

        internal Db(ConnectionHandle handle, SqliteTransaction transaction, long? generation)
        {
            _handle = handle;
            _transaction = transaction;
            Generation = generation;
        }

        /// <summary>
        /// For a read: the number of writes whose result this snapshot is (a key under which derived facts such as a
        /// listing's count may be cached); null for a write, or when a write was under way as the snapshot was taken.
        /// </summary>
        public long? Generation { get; internal set; }

        private readonly struct Rented : IDisposable
        {
            private readonly ConnectionHandle _handle;
            private readonly bool _cached;

            public Rented(ConnectionHandle handle, SqliteCommand command, bool cached)
            {
                _handle = handle;
                Command = command;
                _cached = cached;
            }

            public SqliteCommand Command { get; }

            public void Dispose() => _handle.Return(Command, _cached);
        }

        private Rented Command(string sql, object[] args)
        {
            if (args != null && args.Length % 2 != 0) throw new ArgumentException("Arguments come in name/value pairs.");
            var cmd = _handle.Rent(sql, _transaction, out bool cached);
            if (args != null)
                for (int i = 0; i < args.Length; i += 2)
                    cmd.Parameters.AddWithValue((string)args[i], args[i + 1] ?? DBNull.Value);
            return new Rented(_handle, cmd, cached);
        }

        /// <summary>Executes a statement; <paramref name="args"/> are "$name", value pairs.</summary>
        public int Execute(string sql, params object[] args)
        {
            using (var r = Command(sql, args)) return r.Command.ExecuteNonQuery();
        }

        public object Scalar(string sql, params object[] args)
        {
            using (var r = Command(sql, args))
            {
                object v = r.Command.ExecuteScalar();
                return v is DBNull ? null : v;
            }
        }

        public long? ScalarLong(string sql, params object[] args)
        {
            object v = Scalar(sql, args);
            return v == null ? (long?)null : Convert.ToInt64(v);
        }

        public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object[] args)
        {
            var list = new List<T>();
            using (var r = Command(sql, args))
            using (var reader = r.Command.ExecuteReader())
            {
                while (reader.Read()) list.Add(map(reader));
            }
            return list;
        }

        public T Single<T>(string sql, Func<SqliteDataReader, T> map, params object[] args) where T : class
        {
            var list = Query(sql, map, args);
            return list.Count == 0 ? null : list[0];
        }

        /// <summary>Next value of a named id sequence (see Schema for the starting points).</summary>
        public long NextId(string sequence)
        {
            object v = Scalar("UPDATE sequences SET value = value + 1 WHERE name = $n RETURNING value", "$n", sequence);
            if (v == null) throw new InvalidOperationException("Unknown id sequence " + sequence);
            return Convert.ToInt64(v);
        }
    }

    /// <summary>
    /// Rows onto objects: Dapper's row parser sets each property from the column of the same name (snake_case columns
    /// match PascalCase properties; a NULL leaves the property's default; integers become int, bool, enums and nullables).
    /// Only the mapping is Dapper's: statements still run through <see cref="Db"/> on its prepared, reused commands.
    /// </summary>
    internal static class Rows
    {
        static Rows()
        {
            DefaultTypeMap.MatchNamesWithUnderscores = true;
        }

        /// <summary>
        /// A map for the rows of one column list: every query it reads selects the same columns in the same order (keep it
        /// in a static field beside that list). Dapper's parser is built from the first row it sees and kept, so a query pays
        /// no look-up of its column layout (a layout of another width is refused, not misread).
        /// </summary>
        public static Func<SqliteDataReader, T> Of<T>() => new Map<T>().Read;

        private sealed class Map<T>
        {
            private Func<DbDataReader, T> _parse;
            private int _fieldCount;

            public T Read(SqliteDataReader reader)
            {
                Func<DbDataReader, T> parse = Volatile.Read(ref _parse);
                if (parse == null)
                {
                    _fieldCount = reader.FieldCount;
                    parse = reader.GetRowParser<T>();
                    Volatile.Write(ref _parse, parse);
                }
                else if (reader.FieldCount != _fieldCount)
                {
                    throw new InvalidOperationException("A row map of " + typeof(T).Name + " was built for " + _fieldCount + " columns and given " + reader.FieldCount + ".");
                }
                return parse(reader);
            }
        }
    }

    /// <summary>Null-tolerant column readers.</summary>
    internal static class ReaderExtensions
    {
        public static string Str(this SqliteDataReader r, string column)
        {
            int i = r.GetOrdinal(column);
            return r.IsDBNull(i) ? null : r.GetString(i);
        }

        public static long Long(this SqliteDataReader r, string column)
        {
            int i = r.GetOrdinal(column);
            return r.IsDBNull(i) ? 0 : r.GetInt64(i);
        }

        public static long? LongOrNull(this SqliteDataReader r, string column)
        {
            int i = r.GetOrdinal(column);
            return r.IsDBNull(i) ? (long?)null : r.GetInt64(i);
        }

        public static int Int(this SqliteDataReader r, string column) => (int)r.Long(column);

        public static int? IntOrNull(this SqliteDataReader r, string column)
        {
            long? v = r.LongOrNull(column);
            return v == null ? (int?)null : (int)v.Value;
        }

        public static bool Bool(this SqliteDataReader r, string column) => r.Long(column) != 0;

        public static double? DoubleOrNull(this SqliteDataReader r, string column)
        {
            int i = r.GetOrdinal(column);
            return r.IsDBNull(i) ? (double?)null : r.GetDouble(i);
        }
    }
}
