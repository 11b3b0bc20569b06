using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// The emulator's state: one SQLite database (WAL mode) in the data directory. All work runs one unit at a time,
    /// each in its own transaction, so a killed process leaves either the whole change or none of it.
    /// A lock file keeps a second emulator off the same directory.
    /// </summary>
    public sealed class Store : IDisposable
    {
        public const string DatabaseFileName = "dataworks-emulator.db";
        private const string LockFileName = "emulator.lock";

        private readonly SqliteConnection _connection;
        private readonly FileStream _lockFile;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        private Store(SqliteConnection connection, FileStream lockFile)
        {
            _connection = connection;
            _lockFile = lockFile;
        }

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
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, DatabaseFileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                using (var cmd = connection.CreateCommand())
                {
                    // WAL + synchronous=NORMAL: a committed transaction survives the process being killed.
                    cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
                    cmd.ExecuteNonQuery();
                }
                Schema.Apply(connection);
            }
            catch
            {
                connection.Dispose();
                lockFile.Dispose();
                throw;
            }
            return new Store(connection, lockFile);
        }

        /// <summary>Runs <paramref name="work"/> alone, in one transaction; an exception rolls everything back.</summary>
        public async Task<T> RunAsync<T>(Func<Db, T> work, CancellationToken ct = default)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return RunLocked(work);
            }
            finally
            {
                _gate.Release();
            }
        }

        public T Run<T>(Func<Db, T> work)
        {
            _gate.Wait();
            try
            {
                return RunLocked(work);
            }
            finally
            {
                _gate.Release();
            }
        }

        private T RunLocked<T>(Func<Db, T> work)
        {
            using (var tx = _connection.BeginTransaction())
            {
                T result = work(new Db(_connection, tx));
                tx.Commit();
                return result;
            }
        }

        public void Dispose()
        {
            _gate.Wait();
            try
            {
                _connection.Dispose();
                _lockFile.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Thin helpers over one connection and its open transaction.</summary>
    public sealed class Db
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;

        internal Db(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        private SqliteCommand Command(string sql, object[] args)
        {
            var cmd = _connection.CreateCommand();
            cmd.Transaction = _transaction;
            cmd.CommandText = sql;
            if (args != null)
            {
                if (args.Length % 2 != 0) throw new ArgumentException("Arguments come in name/value pairs.");
                for (int i = 0; i < args.Length; i += 2)
                    cmd.Parameters.AddWithValue((string)args[i], args[i + 1] ?? DBNull.Value);
            }
            return cmd;
        }

        /// <summary>Executes a statement; <paramref name="args"/> are "$name", value pairs.</summary>
        public int Execute(string sql, params object[] args)
        {
            using (var cmd = Command(sql, args)) return cmd.ExecuteNonQuery();
        }

        public object Scalar(string sql, params object[] args)
        {
            using (var cmd = Command(sql, args))
            {
                object v = cmd.ExecuteScalar();
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
            using (var cmd = Command(sql, args))
            using (var reader = cmd.ExecuteReader())
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
