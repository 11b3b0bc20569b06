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
            Contexts.GetValue(runspace, _ => new Holder()).Context = context;
        }
    }
}
