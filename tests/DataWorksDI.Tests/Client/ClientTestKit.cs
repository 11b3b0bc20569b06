using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Tests.Infrastructure;

namespace DataWorksDI.Tests.Client
{
    internal static class ClientTestKit
    {
        public const string KeyId = "LTAI5tClientTestKey";
        public const string Secret = "client-test-secret-Zq81";
        public const string Token = "client-test-sts-token-Kp2";

        /// <summary>
        /// A client of <paramref name="server"/> with short backoffs. <paramref name="keyId"/> defaults to <see cref="KeyId"/>;
        /// tests that depend on the shared pacer or budget pass a key of their own, since a later server may get the same port.
        /// </summary>
        public static DataWorksClient Create(ScriptedHttpServer server, bool sts = false, SignatureVersion version = SignatureVersion.V3,
            int maxAttempts = 4, TimeSpan? attemptTimeout = null, string keyId = null, Action<DataWorksClientOptions> configure = null)
        {
            var options = new DataWorksClientOptions(server.BaseAddress)
            {
                SignatureVersion = version,
                AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
                Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
            };
            configure?.Invoke(options);
            string id = keyId ?? KeyId;
            var credential = new AcsCredential(sts ? "STS." + id : id, AcsCredential.ToSecureString(Secret),
                sts ? AcsCredential.ToSecureString(Token) : null, null, "test");
            return new DataWorksClient(options, new StaticCredentialProvider(credential));
        }

        /// <summary>A key id no other test uses, so the pacer and budget this client shares are its own.</summary>
        public static string UniqueKeyId() => "LTAI5t" + Guid.NewGuid().ToString("N").Substring(0, 16);
    }

    internal sealed class RecordingLog : IClientLog
    {
        public ConcurrentQueue<string> VerboseLines { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> DebugLines { get; } = new ConcurrentQueue<string>();

        public bool VerboseEnabled => true;

        public bool DebugEnabled => true;

        public void Verbose(string message) => VerboseLines.Enqueue(message);

        public void Debug(string message) => DebugLines.Enqueue(message);

        public IEnumerable<string> All
        {
            get
            {
                foreach (string v in VerboseLines) yield return v;
                foreach (string d in DebugLines) yield return d;
            }
        }
    }
}
