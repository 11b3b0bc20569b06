using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>ListResourceGroups' ResourceGroupType codes: 1 scheduling (the API's default), 4 Data Integration.</summary>
    internal enum ResourceGroupType
    {
        Scheduling = 1,
        DataIntegration = 4,
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
        /// The identifier of the scheduling resource group with this numeric id (GetFile returns the id, UpdateFile takes the
        /// identifier); null when there is no id or no such group.
        /// </summary>
        public async Task<string> IdentifierOfAsync(long? resourceGroupId, CancellationToken ct)
        {
            if (!resourceGroupId.HasValue || resourceGroupId.Value <= 0) return null;
            foreach (JToken g in await ListAsync(ResourceGroupType.Scheduling, null, ct).ConfigureAwait(false))
                if (Json.Long(g, "Id") == resourceGroupId) return Json.Str(g, "Identifier");
            return null;
        }
    }
}
