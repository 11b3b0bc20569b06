using System.Collections.Concurrent;

namespace DataWorksDI.Session
{
    /// <summary>Per-context cache of workspace facts that do not change during a session (its mode).</summary>
    internal sealed class WorkspaceInfoCache
    {
        private readonly ConcurrentDictionary<long, Models.DIWorkspace> _byId = new ConcurrentDictionary<long, Models.DIWorkspace>();

        public bool TryGet(long projectId, out Models.DIWorkspace workspace) => _byId.TryGetValue(projectId, out workspace);

        public void Forget(long projectId) => _byId.TryRemove(projectId, out _);

        public void Clear() => _byId.Clear();

        public void Remember(Models.DIWorkspace workspace)
        {
            if (workspace != null) _byId[workspace.ProjectId] = workspace;
        }
    }
}
