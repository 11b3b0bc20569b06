using System.Collections.Concurrent;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Client.Pacing
{
    /// <summary>
    /// What DataWorks limits together — one endpoint, one caller — and the pacer and daily budget that every client in the
    /// process shares for it, so runspaces of <c>ForEach-Object -Parallel</c> and thread jobs cooperate instead of
    /// fighting. The caller is the AccessKeyId; for credentials that rotate (a RAM role through STS, the ECS instance role,
    /// OIDC, a credentials URI — each refresh brings a new STS key id) it is the credential source, so a refresh does
    /// not start a fresh budget.
    /// </summary>
    internal sealed class QuotaPartition
    {
        internal QuotaPartition(string key)
        {
            Key = key;
        }

        public string Key { get; }

        public AdaptivePacer Pacer { get; } = new AdaptivePacer();

        public DailyCallBudget Budget { get; } = new DailyCallBudget();
    }

    internal static class QuotaPartitions
    {
        private static readonly ConcurrentDictionary<string, QuotaPartition> All = new ConcurrentDictionary<string, QuotaPartition>(StringComparer.Ordinal);

        public static QuotaPartition For(Uri endpoint, ICredentialProvider provider, AcsCredential credential) =>
            All.GetOrAdd(KeyFor(endpoint, provider, credential), k => new QuotaPartition(k));

        /// <summary>The partition of <paramref name="key"/> if some client has used it, else null (nothing is created).</summary>
        public static QuotaPartition TryFind(string key) => key != null && All.TryGetValue(key, out QuotaPartition p) ? p : null;

        /// <summary>"scheme://host:port|key:&lt;AccessKeyId&gt;" or "…|source:&lt;credential source&gt;" for rotating credentials.</summary>
        public static string KeyFor(Uri endpoint, ICredentialProvider provider, AcsCredential credential)
        {
            string where = endpoint.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            string who = provider is RefreshingCredentialProvider ? "source:" + provider.Name : "key:" + credential.AccessKeyId;
            return where + "|" + who;
        }
    }
}
