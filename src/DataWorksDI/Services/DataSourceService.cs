using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Internal;
using DataWorksDI.Session;
using DataWorksDI.Validation;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Services
{
    /// <summary>Data sources (ListDataSources, GET, paged).</summary>
    internal sealed class DataSourceService : DataWorksService
    {
        public DataSourceService(DIContext context, IClientLog log) : base(context, log)
        {
        }

        /// <summary>Every data source name of the workspace (both environments, de-duplicated).</summary>
        public async Task<HashSet<string>> ListNamesAsync(long projectId, CancellationToken ct)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            const int pageSize = 100;
            for (int page = 1; ; page++)
            {
                var request = new ApiRequest(ApiAction.ListDataSources).With("ProjectId", projectId).With("PageNumber", page).With("PageSize", pageSize);
                JObject body = await Call(request, ct).ConfigureAwait(false);
                JToken data = body["Data"];
                JArray items = data?["DataSources"] as JArray;
                if (items == null || items.Count == 0) return names;
                foreach (JToken d in items)
                {
                    string name = Json.Str(d, "Name");
                    if (!string.IsNullOrEmpty(name)) names.Add(name);
                }
                if ((long)page * pageSize >= (Json.Long(data, "TotalCount") ?? 0)) return names;
            }
        }
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
            HashSet<string> sources = await new DataSourceService(context, log).ListNamesAsync(projectId, ct).ConfigureAwait(false);
            IReadOnlyList<JToken> groups = await new ResourceGroupService(context, log).ListAsync(ResourceGroupService.DataIntegration, null, ct).ConfigureAwait(false);
            return new WorkspaceCatalog(sources, new HashSet<string>(groups.Select(g => Json.Str(g, "Identifier")).Where(i => i != null), StringComparer.Ordinal));
        }

        public bool? DataSourceExists(string name) => _dataSources.Contains(name);

        public bool? ResourceGroupExists(string identifier) => _resourceGroups.Contains(identifier);
    }
}
