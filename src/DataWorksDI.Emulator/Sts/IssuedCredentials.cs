using System.Collections.Concurrent;
using System.Security.Cryptography;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Emulator.Sts
{
    /// <summary>One temporary key pair the emulator handed out (STS, the metadata service or the credentials URI).</summary>
    public sealed class IssuedCredential
    {
        public long Sequence { get; init; }
        /// <summary>"AssumeRole", "AssumeRoleWithOIDC", "EcsMetadata" or "CredentialsUri".</summary>
        public string Issuer { get; init; }
        public string RoleArn { get; init; }
        public string RoleSessionName { get; init; }
        public string CallerAccessKeyId { get; init; }
        public AccessKeyDefinition Key { get; init; }
        public DateTimeOffset IssuedAt { get; init; }
    }

    /// <summary>
    /// Mints temporary (STS-style) key pairs through <see cref="AccessKeyRegistry"/>, so the DataWorks gateway accepts
    /// them until they expire, and remembers what it issued (in memory) for the test-only admin listing.
    /// </summary>
    public sealed class CredentialIssuer
    {
        private readonly AccessKeyRegistry _keys;
        private readonly ConcurrentQueue<IssuedCredential> _issued = new ConcurrentQueue<IssuedCredential>();
        private long _sequence;

        public CredentialIssuer(AccessKeyRegistry keys, EmulatorOptions options)
        {
            _keys = keys;
            Options = options;
        }

        public EmulatorOptions Options { get; }

        /// <summary>The lifetime to issue: the configured test lifetime when set, else <paramref name="requested"/>.</summary>
        public TimeSpan LifetimeFor(TimeSpan requested) => Options.StsCredentialLifetime ?? requested;

        public IssuedCredential Issue(string issuer, TimeSpan lifetime, DateTimeOffset now, string roleArn = null, string sessionName = null, string caller = null)
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(lifetime.TotalSeconds));
            AccessKeyDefinition key = _keys.Create(true, seconds, now);
            var issued = new IssuedCredential
            {
                Sequence = System.Threading.Interlocked.Increment(ref _sequence),
                Issuer = issuer,
                RoleArn = roleArn,
                RoleSessionName = sessionName,
                CallerAccessKeyId = caller,
                Key = key,
                IssuedAt = now,
            };
            _issued.Enqueue(issued);
            while (_issued.Count > 10_000 && _issued.TryDequeue(out _)) { }
            return issued;
        }

        public IReadOnlyList<IssuedCredential> Since(long sequence) => _issued.Where(i => i.Sequence > sequence).ToList();

        /// <summary>A random opaque token (metadata tokens, OIDC tokens).</summary>
        public static string RandomToken(string prefix, int length) =>
            prefix + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
    }
}
