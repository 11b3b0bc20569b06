using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>Workspaces: GetProject / ListProjects, and the per-context cache of each workspace's mode.</summary>
    internal sealed class WorkspaceService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        public async Task<DIWorkspace> GetAsync(long projectId, CancellationToken ct)
        {
            JObject body = await Call(new ApiRequest(ApiAction.GetProject).With("ProjectId", projectId), ct).ConfigureAwait(false);
            DIWorkspace ws = Parse(body["Data"]);
            Context.Workspaces.Remember(ws);
            return ws;
        }

        /// <summary>The workspace, from the context's cache when it was read before (its mode does not change).</summary>
        public async Task<DIWorkspace> GetCachedAsync(long projectId, CancellationToken ct)
        {
            if (Context.Workspaces.TryGet(projectId, out DIWorkspace known)) return known;
            DIWorkspace ws = await GetAsync(projectId, ct).ConfigureAwait(false);
            Log.Debug($"Workspace {projectId} is in {ws.Mode} mode (GetProject; remembered for this context).");
            return ws;
        }

        /// <summary>
        /// A listed workspace with its mode: ListProjects does not give one (ProjectMode is GetProject's), and the mode is
        /// never guessed, so it comes from this context's cache or one GetProject per workspace (remembered: the mode does
        /// not change). A workspace that cannot be read keeps Mode Unknown (said in -Verbose).
        /// </summary>
        public async Task<DIWorkspace> CompleteAsync(DIWorkspace listed, CancellationToken ct)
        {
            if (listed.Mode != DIWorkspaceMode.Unknown || listed.ProjectId <= 0) return listed;
            try
            {
                DIWorkspace read = await GetCachedAsync(listed.ProjectId, ct).ConfigureAwait(false);
                listed.Mode = read.Mode;
                listed.EnvTypes = listed.EnvTypes == null || listed.EnvTypes.Length == 0 ? read.EnvTypes : listed.EnvTypes;
                listed.DefaultDIResourceGroup = listed.DefaultDIResourceGroup ?? read.DefaultDIResourceGroup;
                return listed;
            }
            catch (DataWorksServiceException ex)
            {
                Log.Verbose($"Workspace {listed.ProjectId} could not be read ({ex.Code}); its mode is shown as Unknown.");
                return listed;
            }
        }

        /// <summary>ListProjects, one page per <see cref="Pager{T}.NextAsync"/>.</summary>
        public Pager<DIWorkspace> List(int pageSize) => new Pager<DIWorkspace>(pageSize, async (page, size, ct) =>
        {
            JObject body = await Call(new ApiRequest(ApiAction.ListProjects).With("PageNumber", page).With("PageSize", size), ct).ConfigureAwait(false);
            JToken result = body["PageResult"];
            var items = new List<DIWorkspace>();
            if (result?["ProjectList"] is JArray list) foreach (JToken t in list) items.Add(Parse(t));
            return new Page<DIWorkspace>(items, Json.Long(result, "TotalCount") ?? 0);
        });

        internal static DIWorkspace Parse(JToken data)
        {
            string[] envs = Json.Strings(data, "EnvTypes");
            // ListProjects gives no ProjectMode: then the environments tell (standard mode has DEV and PROD, basic only PROD).
            DIWorkspaceMode m = WireEnum.FromCode<DIWorkspaceMode>(Json.Int(data, "ProjectMode"))
                ?? (envs.Length == 0 ? DIWorkspaceMode.Unknown : envs.Length >= 2 ? DIWorkspaceMode.Standard : DIWorkspaceMode.Basic);
            return new DIWorkspace
            {
                ProjectId = Json.Long(data, "ProjectId") ?? 0,
                Identifier = Json.Str(data, "ProjectIdentifier"),
                Name = Json.Str(data, "ProjectName"),
                Description = Json.Str(data, "ProjectDescription"),
                Mode = m,
                EnvTypes = envs,
                Status = Json.Int(data, "Status") ?? Json.Int(data, "ProjectStatus"),
                DefaultDIResourceGroup = Json.Str(data, "DefaultDiResourceGroupIdentifier"),
            };
        }
    }
}
