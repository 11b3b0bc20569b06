using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace DataWorksDI.Session
{
    /// <summary>
    /// The current context of each runspace, held in memory only. Keyed by runspace so that parallel runbooks (thread
    /// jobs, ForEach-Object -Parallel, separate runspaces in one process) never see each other's context, and nothing is
    /// written to disk.
    /// </summary>
    internal static class SessionContextStore
    {
        private sealed class Holder
        {
            public DIContext Context;

            /// <summary>Credential providers of profiles used with -ProfileName in this runspace, so their temporary credentials are reused.</summary>
            public readonly System.Collections.Concurrent.ConcurrentDictionary<string, Client.Credentials.CredentialResolution> Profiles =
                new System.Collections.Concurrent.ConcurrentDictionary<string, Client.Credentials.CredentialResolution>(System.StringComparer.Ordinal);
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> Contexts = new ConditionalWeakTable<Runspace, Holder>();

        public static DIContext Get()
        {
            Runspace runspace = Runspace.DefaultRunspace;
            if (runspace == null) return null;
            return Contexts.TryGetValue(runspace, out Holder h) ? h.Context : null;
        }

        public static void Set(DIContext context)
        {
            Runspace runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            Holder holder = Contexts.GetValue(runspace, _ => new Holder());
            holder.Context = context;
            if (context == null) holder.Profiles.Clear();
        }

        /// <summary>The cached resolution of a profile named with -ProfileName in this runspace, if any.</summary>
        public static Client.Credentials.CredentialResolution GetProfile(string name)
        {
            Runspace runspace = Runspace.DefaultRunspace;
            if (runspace == null || !Contexts.TryGetValue(runspace, out Holder h)) return null;
            return h.Profiles.TryGetValue(name, out var r) ? r : null;
        }

        public static void SetProfile(string name, Client.Credentials.CredentialResolution resolution)
        {
            Runspace runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            Contexts.GetValue(runspace, _ => new Holder()).Profiles[name] = resolution;
        }
    }
}
