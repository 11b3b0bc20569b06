using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>Deployment packages: GetDeployment, ListDeployments. Waiting for one is Workflows.DeploymentWaitWorkflow.</summary>
    internal sealed class DeploymentService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        /// <param name="knownFileId">The file the caller knows the package is for (kept when the package does not say).</param>
        public async Task<DIDeployment> GetAsync(long projectId, long deploymentId, long knownFileId, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.GetDeployment).With("ProjectId", projectId).With("DeploymentId", deploymentId);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            DIDeployment read = Parse(projectId, deploymentId, body);
            if (read.FileId == 0) read.FileId = knownFileId;
            var catalog = new CatalogService(Context, Log);
            CatalogService.KnownDeployment known = catalog.TryKnownDeployment(projectId, deploymentId);
            if (known != null)
            {
                if (read.FileId == 0) read.FileId = known.FileId;
                read.Kind = known.Kind;
            }
            catalog.RememberDeployment(read);
            return read;
        }

        /// <summary>
        /// A listed package with its file (ListDeployments does not say which file a package is for): from what this
        /// context already knows, else one GetDeployment (its DeployedItems), remembered. A package that cannot be read is
        /// returned as listed (said in -Verbose).
        /// </summary>
        public async Task<DIDeployment> CompleteAsync(DIDeployment listed, CancellationToken ct)
        {
            if (listed.FileId != 0) return listed;
            try
            {
                DIDeployment read = await GetAsync(listed.ProjectId, listed.DeploymentId, 0, ct).ConfigureAwait(false);
                read.Name = read.Name ?? listed.Name;
                return read;
            }
            catch (DataWorksServiceException ex) when (!ex.IsThrottling)
            {
                Log.Verbose($"Deployment {listed.DeploymentId} could not be read ({ex.Code}); it is shown as listed, without its file.");
                return listed;
            }
        }

        /// <summary>ListDeployments, one page per <see cref="Pager{T}.NextAsync"/>.</summary>
        public Pager<DIDeployment> List(long projectId, DIDeploymentStatus? status, string keyword, int pageSize) =>
            new Pager<DIDeployment>(pageSize, (page, size, ct) => ListPageAsync(projectId, status, keyword, page, size, ct));

        /// <summary>One page of ListDeployments (any page number: the workflows' package search reads from either end).</summary>
        public async Task<Page<DIDeployment>> ListPageAsync(long projectId, DIDeploymentStatus? status, string keyword, int page, int size, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.ListDeployments).With("ProjectId", projectId).With("Keyword", keyword)
                .With("Status", status.HasValue ? WireEnum.ToCode(status.Value) : (int?)null).With("PageNumber", page).With("PageSize", size);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            JToken data = body["Data"];
            var list = new List<DIDeployment>();
            if (data?["Deployments"] is JArray arr)
            {
                var catalog = new CatalogService(Context, Log);
                foreach (JToken d in arr)
                {
                    var listed = new DIDeployment
                    {
                        ProjectId = projectId,
                        DeploymentId = Json.Long(d, "Id") ?? 0,
                        Name = Json.Str(d, "Name"),
                        Status = WireEnum.FromCode<DIDeploymentStatus>(Json.Int(d, "Status")) ?? DIDeploymentStatus.Pending,
                        CreatorId = Json.Str(d, "Creator"),
                        HandlerId = Json.Str(d, "Executor"),
                        CreateTime = Json.EpochMs(d, "CreateTime"),
                        ExecuteTime = Json.EpochMs(d, "ExecuteTime"),
                        ErrorMessage = Redactor.Redact(Json.Str(d, "ErrorMessage")),
                        RequestId = Json.Str(body, "RequestId"),
                    };
                    CatalogService.KnownDeployment known = catalog.TryKnownDeployment(projectId, listed.DeploymentId);
                    if (known != null)
                    {
                        listed.FileId = known.FileId;
                        listed.Kind = known.Kind;
                    }
                    list.Add(listed);
                }
            }
            return new Page<DIDeployment>(list, Json.Long(data, "TotalCount") ?? 0);
        }

        internal static DIDeployment Parse(long projectId, long deploymentId, JObject body)
        {
            JToken data = body["Data"];
            JToken d = data?["Deployment"];
            var result = new DIDeployment
            {
                ProjectId = projectId,
                DeploymentId = deploymentId,
                Name = Json.Str(d, "Name"),
                Status = WireEnum.FromCode<DIDeploymentStatus>(Json.Int(d, "Status")) ?? DIDeploymentStatus.Pending,
                Check = WireEnum.FromCode<DIDeploymentCheck>(Json.Int(d, "CheckingStatus")) ?? DIDeploymentCheck.None,
                FromEnvironment = WireEnum.FromCode<DIEnvironment>(Json.Int(d, "FromEnvironment")),
                ToEnvironment = WireEnum.FromCode<DIEnvironment>(Json.Int(d, "ToEnvironment")),
                ErrorMessage = Redactor.Redact(Json.Str(d, "ErrorMessage")),
                CreatorId = Json.Str(d, "CreatorId"),
                HandlerId = Json.Str(d, "HandlerId"),
                CreateTime = Json.EpochMs(d, "CreateTime"),
                ExecuteTime = Json.EpochMs(d, "ExecuteTime"),
                RequestId = Json.Str(body, "RequestId"),
            };
            var items = new List<DIDeployedItem>();
            if (data?["DeployedItems"] is JArray arr)
                foreach (JToken i in arr)
                    items.Add(new DIDeployedItem { FileId = Json.Long(i, "FileId") ?? 0, FileVersion = Json.Long(i, "FileVersion"), Status = Json.Int(i, "Status") });
            result.Items = items.ToArray();
            if (items.Count == 1) result.FileId = items[0].FileId;
            return result;
        }
    }
}
