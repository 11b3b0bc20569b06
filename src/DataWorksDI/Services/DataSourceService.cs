using DataWorksDI.Client;
using DataWorksDI.Session;

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
}
