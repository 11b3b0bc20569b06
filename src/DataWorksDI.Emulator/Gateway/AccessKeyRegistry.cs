using System.Collections.Concurrent;
using System.Security.Cryptography;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>
    /// The key pairs the gateway accepts: those from the options (memory only) and those created at runtime through
    /// POST /_emulator/access-keys (kept in the data directory so they survive a restart).
    /// </summary>
    public sealed class AccessKeyRegistry
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private readonly Dictionary<string, AccessKeyDefinition> _configured = new Dictionary<string, AccessKeyDefinition>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, AccessKeyDefinition> _runtime = new ConcurrentDictionary<string, AccessKeyDefinition>(StringComparer.Ordinal);
        private readonly Store _store;

        public AccessKeyRegistry(IEnumerable<AccessKeyDefinition> configured, Store store)
        {
            foreach (var key in configured) _configured[key.AccessKeyId] = key;
            _store = store;
            var stored = store.Run(db => db.Query("SELECT access_key_id, secret, security_token, expiration FROM runtime_access_keys", r => new AccessKeyDefinition
            {
                AccessKeyId = r.Str("access_key_id"),
                AccessKeySecret = r.Str("secret"),
                SecurityToken = r.Str("security_token"),
                Expiration = r.LongOrNull("expiration") is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null,
            }));
            var limits = store.Run(db => db.Query("SELECT access_key_id, project_id FROM runtime_access_key_projects", r => (Id: r.Str("access_key_id"), Project: r.Long("project_id"))));
            foreach (var key in stored)
            {
                var projects = limits.Where(l => l.Id == key.AccessKeyId).Select(l => l.Project).ToList();
                if (projects.Count > 0) key.ProjectIds = projects;
                _runtime[key.AccessKeyId] = key;
            }
        }

        public AccessKeyDefinition Find(string accessKeyId)
        {
            if (string.IsNullOrEmpty(accessKeyId)) return null;
            if (_configured.TryGetValue(accessKeyId, out var key)) return key;
            return _runtime.TryGetValue(accessKeyId, out key) ? key : null;
        }

        /// <summary>
        /// Creates and persists a fresh key pair (optionally STS-style with a token and an expiry, optionally limited to
        /// <paramref name="projectIds"/>).
        /// </summary>
        public AccessKeyDefinition Create(bool withSecurityToken, int? expiresInSeconds, DateTimeOffset now, IReadOnlyList<long> projectIds = null)
        {
            var key = new AccessKeyDefinition
            {
                AccessKeyId = (withSecurityToken ? "STS." : "LTAI5t") + RandomNumberGenerator.GetString(Alphabet, 20),
                AccessKeySecret = RandomNumberGenerator.GetString(Alphabet, 30),
                SecurityToken = withSecurityToken ? "CAIS" + RandomNumberGenerator.GetString(Alphabet, 120) : null,
                Expiration = expiresInSeconds.HasValue ? now.AddSeconds(expiresInSeconds.Value) : (DateTimeOffset?)null,
            };
            _store.Run(db => db.Execute(
                "INSERT INTO runtime_access_keys(access_key_id, secret, security_token, expiration, created_at) VALUES ($id, $s, $t, $e, $c)",
                "$id", key.AccessKeyId, "$s", key.AccessKeySecret, "$t", key.SecurityToken,
                "$e", key.Expiration?.ToUnixTimeMilliseconds(), "$c", now.ToUnixTimeMilliseconds()));
            if (projectIds != null && projectIds.Count > 0)
            {
                key.ProjectIds = projectIds.Distinct().ToList();
                _store.Run(db =>
                {
                    foreach (long p in key.ProjectIds)
                        db.Execute("INSERT OR IGNORE INTO runtime_access_key_projects(access_key_id, project_id) VALUES ($k, $p)", "$k", key.AccessKeyId, "$p", p);
                    return 0;
                });
            }
            _runtime[key.AccessKeyId] = key;
            return key;
        }
    }
}
