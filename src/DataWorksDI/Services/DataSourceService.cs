using DataWorksDI.Client;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Services
{
    /// <summary>Data sources (ListDataSources, GET, paged).</summary>
    internal sealed class DataSourceService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        /// <summary>ListDataSources, one page per <see cref="Pager{T}.NextAsync"/>: the names (both environments' copies).</summary>
        public Pager<string> ListNames(long projectId) => new Pager<string>(100, async (page, size, ct) =>
        {
            var request = new ApiRequest(ApiAction.ListDataSources).With("ProjectId", projectId).With("PageNumber", page).With("PageSize", size);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            JToken data = body["Data"];
            var names = new List<string>();
            if (data?["DataSources"] is JArray items)
                foreach (JToken d in items)
                {
                    string name = Json.Str(d, "Name");
                    if (!string.IsNullOrEmpty(name)) names.Add(name);
                }
            return new Page<string>(names, Json.Long(data, "TotalCount") ?? 0);
        });
    }

    /// <summary>What the workspace has, read once, for the validator's optional online checks.</summary>
    internal sealed class WorkspaceCatalog : IWorkspaceCatalog
    {
        private readonly HashSet<string> _dataSources;
        private readonly HashSet<string> _resourceGroups;

        private WorkspaceCatalog(HashSet<string> dataSources, HashSet<string> resourceGroups)
        {
            _dataSources = dataSources;
            _resourceGroups = resourceGroups;
        }

        public static async Task<WorkspaceCatalog> LoadAsync(DIContext context, IClientLog log, long projectId, CancellationToken ct)
        {
            var sources = new HashSet<string>(await new DataSourceService(context, log).ListNames(projectId).AllAsync(ct).ConfigureAwait(false), StringComparer.Ordinal);
            IReadOnlyList<JToken> groups = await new ResourceGroupService(context, log).ListAsync(ResourceGroupType.DataIntegration, null, ct).ConfigureAwait(false);
            return new WorkspaceCatalog(sources, new HashSet<string>(groups.Select(g => Json.Str(g, "Identifier")).Where(i => i != null), StringComparer.Ordinal));
        }

        public bool? DataSourceExists(string name) => _dataSources.Contains(name);

        public bool? ResourceGroupExists(string identifier) => _resourceGroups.Contains(identifier);
    }
}
