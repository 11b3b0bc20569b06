using System.Collections.Concurrent;
using DataWorksDI.Client.Credentials;

namespace DataWorksDI.Session
{
    /// <summary>
    /// The session context of a runspace, held in memory only, in a global variable of the runspace's session state
    /// (<see cref="VariableName"/>). Session state is what PowerShell resets when it hands a pooled runspace to the next
    /// item (ForEach-Object -Parallel, a RunspacePool: Runspace.ResetRunspaceState clears the global variables), so an
    /// item that has not connected in its own session never finds a context another item left — which a table keyed by
    /// the runspace object did. Separate runspaces (thread jobs, parallel runbooks) never see each other's context, and
    /// nothing is written to disk. Read and written only on the pipeline thread, through the cmdlet's own SessionState.
    /// </summary>
    internal static class SessionContextStore
    {
        /// <summary>The global variable that holds the session context ($global:DataWorksDISession).</summary>
        public const string VariableName = "DataWorksDISession";

        private const string Qualified = "global:" + VariableName;

        /// <summary>What the variable holds: the context and the profiles resolved with -ProfileName in this session.</summary>
        internal sealed class Holder
        {
            public DIContext Context;

            /// <summary>Credential providers of profiles used with -ProfileName in this session, so their temporary credentials are reused.</summary>
            public readonly ConcurrentDictionary<string, CredentialResolution> Profiles =
                new ConcurrentDictionary<string, CredentialResolution>(StringComparer.Ordinal);

            public override string ToString() =>
                Context == null ? "DataWorksDI: no session context" : "DataWorksDI session context: " + Context + " (Get-DIContext shows it)";
        }

        /// <summary>The holder in the variable's value (which PowerShell may have wrapped in a PSObject), or null.</summary>
        private static Holder AsHolder(object value) => (value is PSObject p ? p.BaseObject : value) as Holder;

        private static Holder Find(SessionState state)
        {
            return AsHolder(state?.PSVariable.GetValue(Qualified));
        }

        /// <summary>
        /// The holder of the session whose command line is being completed. An argument completer is not given the
        /// cmdlet's SessionState, and the runspace's SessionStateProxy refuses calls while a pipeline (TabExpansion2) runs;
        /// completion runs on that runspace's pipeline thread, where a script block reads the global variable as any
        /// script would. Null when there is no context or no runspace.
        /// </summary>
        private static Holder FindForCompletion()
        {
            try
            {
                if (System.Management.Automation.Runspaces.Runspace.DefaultRunspace == null) return null;
                var values = ScriptBlock.Create("$" + Qualified).Invoke();
                return AsHolder(values.Count == 0 ? null : values[0]);
            }
            catch (RuntimeException)
            {
                return null;
            }
        }

        /// <summary>The context of the session whose command line is being completed (see <see cref="FindForCompletion"/>).</summary>
        public static DIContext GetForCompletion() => FindForCompletion()?.Context;

        /// <summary>The cached resolution of a profile in the session whose command line is being completed.</summary>
        public static CredentialResolution GetProfileForCompletion(string name)
        {
            Holder holder = FindForCompletion();
            return holder != null && holder.Profiles.TryGetValue(name, out CredentialResolution r) ? r : null;
        }

        private static Holder FindOrCreate(SessionState state)
        {
            Holder holder = Find(state);
            if (holder != null) return holder;
            holder = new Holder();
            state.PSVariable.Set(Qualified, holder);
            return holder;
        }

        public static DIContext Get(SessionState state) => Find(state)?.Context;

        /// <summary>Sets the session's context; null clears it and forgets the profiles cached by -ProfileName.</summary>
        public static void Set(SessionState state, DIContext context)
        {
            if (context == null)
            {
                if (Find(state) != null) state.PSVariable.Remove(Qualified);
                return;
            }
            FindOrCreate(state).Context = context;
        }

        /// <summary>The cached resolution of a profile named with -ProfileName in this session, if any.</summary>
        public static CredentialResolution GetProfile(SessionState state, string name)
        {
            Holder holder = Find(state);
            return holder != null && holder.Profiles.TryGetValue(name, out CredentialResolution r) ? r : null;
        }

        public static void SetProfile(SessionState state, string name, CredentialResolution resolution) =>
            FindOrCreate(state).Profiles[name] = resolution;
    }
}
