using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>ListResourceGroups' ResourceGroupType codes: 1 scheduling (the API's default), 4 Data Integration, 7 exclusive scheduling (dataworks-api.md §3.8).</summary>
    internal enum ResourceGroupType
    {
        Scheduling = 1,
        DataIntegration = 4,
        ExclusiveScheduling = 7,
    }

    /// <summary>Resource groups (ListResourceGroups): identifiers for TaskParam.ResourceGroup and UpdateFile.ResourceGroupIdentifier.</summary>
    internal sealed class ResourceGroupService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        public async Task<IReadOnlyList<JToken>> ListAsync(ResourceGroupType type, string keyword, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.ListResourceGroups).With("ResourceGroupType", WireEnum.ToCode(type)).With("Keyword", keyword);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            var list = new List<JToken>();
            if (body["Data"] is JArray arr) list.AddRange(arr);
            return list;
        }

        /// <summary>
        /// The identifier of the scheduling resource group (shared or exclusive) with this numeric id (GetFile returns the
        /// id, UpdateFile takes the identifier), from the workspace catalogue; null when there is no id or no such group.
        /// </summary>
        public async Task<string> IdentifierOfAsync(long? resourceGroupId, CancellationToken ct)
        {
            if (!resourceGroupId.HasValue || resourceGroupId.Value <= 0) return null;
            var catalog = new CatalogService(Context, Log);
            foreach (ResourceGroupType type in new[] { ResourceGroupType.Scheduling, ResourceGroupType.ExclusiveScheduling })
            {
                ResourceGroupInfo group = (await catalog.ResourceGroupsAsync(type, ct).ConfigureAwait(false)).FirstOrDefault(g => g.Id == resourceGroupId.Value);
                if (group != null) return group.Identifier;
            }
            return null;
        }
    }
}
