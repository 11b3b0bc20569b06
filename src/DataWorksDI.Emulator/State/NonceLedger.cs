using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// The signature nonces seen, per AccessKeyId, in their own SQLite file (<see cref="FileName"/>, WAL) beside the main
    /// database. Every API call records its nonce before it runs; keeping that write out of the main database means a read
    /// never queues behind a write of the state (and the replay record survives a restart as before).
    /// </summary>
    public sealed class NonceLedger : IDisposable
    {
        public const string FileName = "dataworks-emulator-nonces.db";

        private readonly ConnectionHandle _connection;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private long _nextPurgeMs;
        private bool _disposed;

        private NonceLedger(ConnectionHandle connection)
        {
            _connection = connection;
        }

        /// <summary>
        /// Opens (creating) the ledger; nonces an older emulator kept in the main database's <c>nonces</c> table are moved
        /// over, so a data directory written before the split keeps refusing replays.
        /// </summary>
        internal static NonceLedger Open(string dataDirectory, SqliteConnection mainDatabase)
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, FileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                using (var cmd = connection.CreateCommand())
                {
                    cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; " +
                        "CREATE TABLE IF NOT EXISTS nonces (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL, " +
                        "PRIMARY KEY(access_key_id, nonce)); CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces(expires_at);";
                    cmd.ExecuteNonQuery();
                }
                MoveOldNonces(mainDatabase, connection);
                return new NonceLedger(new ConnectionHandle(connection));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static void MoveOldNonces(SqliteConnection main, SqliteConnection ledger)
        {
            using (var tx = ledger.BeginTransaction())
            using (var read = main.CreateCommand())
            using (var insert = ledger.CreateCommand())
            {
                read.CommandText = "SELECT access_key_id, nonce, expires_at FROM nonces";
                insert.Transaction = tx;
                insert.CommandText = "INSERT OR IGNORE INTO nonces(access_key_id, nonce, expires_at) VALUES ($k, $n, $e)";
                var k = insert.Parameters.Add("$k", SqliteType.Text);
                var n = insert.Parameters.Add("$n", SqliteType.Text);
                var e = insert.Parameters.Add("$e", SqliteType.Integer);
                int moved = 0;
                using (var reader = read.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        k.Value = reader.GetString(0);
                        n.Value = reader.GetString(1);
                        e.Value = reader.GetInt64(2);
                        insert.ExecuteNonQuery();
                        moved++;
                    }
                }
                tx.Commit();
                if (moved > 0)
                {
                    using (var clear = main.CreateCommand())
                    {
                        clear.CommandText = "DELETE FROM nonces";
                        clear.ExecuteNonQuery();
                    }
                }
            }
        }

        /// <summary>
        /// Records the nonce; false when the same key used it within the retention window (a replay). Expired nonces are
        /// forgotten at most once a second.
        /// </summary>
        public async Task<bool> TryUseAsync(string accessKeyId, string nonce, long nowMs, long retentionMs, CancellationToken ct = default)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_disposed) throw new ObjectDisposedException(nameof(NonceLedger));
                using (var tx = _connection.Connection.BeginTransaction())
                {
                    var db = new Db(_connection, tx, generation: null);
                    bool fresh = Use(db, accessKeyId, nonce, nowMs, retentionMs);
                    if (nowMs >= _nextPurgeMs)
                    {
                        db.Execute("DELETE FROM nonces WHERE expires_at < $now", "$now", nowMs);
                        _nextPurgeMs = nowMs + 1000;
                    }
                    tx.Commit();
                    return fresh;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        private static bool Use(Db db, string accessKeyId, string nonce, long nowMs, long retentionMs)
        {
            int inserted = db.Execute("INSERT OR IGNORE INTO nonces(access_key_id, nonce, expires_at) VALUES ($k, $n, $e)",
                "$k", accessKeyId, "$n", nonce, "$e", nowMs + retentionMs);
            if (inserted > 0) return true;
            long? expiresAt = db.ScalarLong("SELECT expires_at FROM nonces WHERE access_key_id = $k AND nonce = $n", "$k", accessKeyId, "$n", nonce);
            if (expiresAt > nowMs) return false;
            db.Execute("UPDATE nonces SET expires_at = $e WHERE access_key_id = $k AND nonce = $n", "$k", accessKeyId, "$n", nonce, "$e", nowMs + retentionMs);
            return true;
        }

        public void Dispose()
        {
            _gate.Wait();
            try
            {
                if (_disposed) return;
                _disposed = true;
                _connection.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
