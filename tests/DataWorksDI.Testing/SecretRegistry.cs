using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace DataWorksDI.Testing
{
    /// <summary>
    /// Every secret and token the test run creates or learns (emulator keys, STS credentials the emulators issued, the
    /// client tests' constants). The module tests' PowerShellSession.Run checks every script's visible output against it,
    /// so a leak fails whichever test caused it.
    /// </summary>
    public static class SecretRegistry
    {
        private static readonly ConcurrentDictionary<string, byte> Secrets = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private static readonly ConcurrentBag<Func<IEnumerable<string>>> Sources = new ConcurrentBag<Func<IEnumerable<string>>>();

        static SecretRegistry()
        {
            Register(DemoSecret);
        }

        /// <summary>The emulator's public demo secret: public, but still never to be echoed by the module.</summary>
        public const string DemoSecret = "DataWorksEmulatorDemoSecretForLocalUseOnly";

        public static void Register(string secret)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 8) Secrets.TryAdd(secret, 0);
        }

        /// <summary>A source asked at every check (e.g. an emulator's list of issued credentials).</summary>
        public static void AddSource(Func<IEnumerable<string>> source) => Sources.Add(source);

        public static IReadOnlyCollection<string> All()
        {
            foreach (var source in Sources)
            {
                IEnumerable<string> found;
                try { found = source().ToList(); }
                catch (Exception) { continue; }
                foreach (string s in found) Register(s);
            }
            return Secrets.Keys.ToList();
        }

        /// <summary>Which registered secrets occur in <paramref name="text"/>, masked for the failure message.</summary>
        public static List<string> FindIn(string text)
        {
            if (string.IsNullOrEmpty(text)) return new List<string>();
            return All().Where(s => text.IndexOf(s, StringComparison.Ordinal) >= 0).Select(s => s.Substring(0, 3) + "…(" + s.Length + " chars)").ToList();
        }
    }

    public sealed class SecretLeakException : Exception
    {
        public SecretLeakException(string message) : base(message) { }
    }
}
