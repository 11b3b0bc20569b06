using DataWorksDI.Client;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Services
{
    /// <summary>A resource group as ListResourceGroups describes it.</summary>
    internal sealed class ResourceGroupInfo
    {
        public long Id { get; set; }
        public string Identifier { get; set; }
        public string Name { get; set; }

        /// <summary>0 NORMAL, 1 STOP (expired or frozen), 2 DELETED, 3 CREATING … (dataworks-api.md §3.8).</summary>
        public int Status { get; set; }

        public bool IsDefault { get; set; }
        public string Mode { get; set; }

        public bool IsNormal => Status == 0;

        /// <summary>The documented name of <see cref="Status"/>.</summary>
        public string StatusName => Status >= 0 && Status < StatusNames.Length ? StatusNames[Status] : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static readonly string[] StatusNames =
            { "NORMAL", "STOP", "DELETED", "CREATING", "CREATE_FAILED", "UPDATING", "UPDATE_FAILED", "DELETING", "DELETE_FAILED", "TIMEOUT" };
    }

    /// <summary>The direct subfolders of a folder, or the fact that the folder does not exist.</summary>
    internal sealed class FolderChildren
    {
        public FolderChildren(bool parentExists, IReadOnlyDictionary<string, string> idsByPath)
        {
            ParentExists = parentExists;
            IdsByPath = idsByPath;
            Paths = idsByPath.Keys.OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        public bool ParentExists { get; }

        /// <summary>Full paths of the subfolders, as the service wrote them (trimmed of slashes).</summary>
        public IReadOnlyList<string> Paths { get; }

        /// <summary>Each subfolder's id by its path (so a file's folder id resolves to a path without GetFolder).</summary>
        public IReadOnlyDictionary<string, string> IdsByPath { get; }
    }

    /// <summary>
    /// The workspace catalogue: what the module reads about a workspace to check names before a write, to complete them at
    /// the prompt and to fill output objects — data sources, Data Integration and scheduling resource groups, folders, the
    /// sync task files, the workspaces, folder paths by id. Each list is read once per context (Session.CatalogCache) and
    /// refreshed on demand (<see cref="Refresh"/>: Get-DIWorkspace -Refresh). A list that cannot be read makes the read
    /// fail; callers that check before a write skip the check then, never guess (docs/ARCHITECTURE.md, "Workspace
    /// catalogue"). Lists are read without the caller's cancellation so that a read a caller stopped waiting for still
    /// fills the cache.
    /// </summary>
    internal sealed class CatalogService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        internal const string DataSourcesList = "datasources";
        internal const string FilesList = "files";
        internal const string FoldersList = "folders";
        internal const string FolderByIdList = "folder-id";
        internal const string ResourceGroupsList = "resourcegroups";
        internal const string WorkspacesList = "workspaces";

        private CatalogCache Cache => Context.Catalog;

        /// <summary>The names of the workspace's data sources (ListDataSources, every page; both environments' copies once).</summary>
        public async Task<IReadOnlyList<string>> DataSourceNamesAsync(long projectId, CancellationToken ct) =>
            await Cache.GetAsync(CatalogCache.Key(projectId, DataSourcesList), async () =>
            {
                List<string> names = await new DataSourceService(Context, Log).ListNames(projectId).AllAsync(CancellationToken.None).ConfigureAwait(false);
                IReadOnlyList<string> distinct = names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
                Log.Verbose($"Workspace catalogue: {distinct.Count} data source(s) of workspace {projectId} (ListDataSources; kept for this session).");
                return distinct;
            }, ct).ConfigureAwait(false);

        /// <summary>The account's resource groups of one type (ListResourceGroups; not paged).</summary>
        public async Task<IReadOnlyList<ResourceGroupInfo>> ResourceGroupsAsync(ResourceGroupType type, CancellationToken ct) =>
            await Cache.GetAsync(CatalogCache.AccountKey(ResourceGroupsList + "/" + WireEnum.ToCode(type)), async () =>
            {
                IReadOnlyList<JToken> groups = await new ResourceGroupService(Context, Log).ListAsync(type, null, CancellationToken.None).ConfigureAwait(false);
                IReadOnlyList<ResourceGroupInfo> list = groups.Select(g => new ResourceGroupInfo
                {
                    Id = Json.Long(g, "Id") ?? 0,
                    Identifier = Json.Str(g, "Identifier"),
                    Name = Json.Str(g, "Name"),
                    Status = Json.Int(g, "Status") ?? 0,
                    IsDefault = Json.Bool(g, "IsDefault") ?? false,
                    Mode = Json.Str(g, "Mode"),
                }).Where(g => !string.IsNullOrEmpty(g.Identifier)).ToList();
                Log.Verbose($"Workspace catalogue: {list.Count} {Describe(type)} resource group(s) (ListResourceGroups; kept for this session).");
                return list;
            }, ct).ConfigureAwait(false);

        /// <summary>
        /// The direct subfolders of <paramref name="parent"/> (ListFolders, every page); "" lists the roots. A parent that
        /// does not exist is an answer too (<see cref="FolderChildren.ParentExists"/> false), not a failure.
        /// </summary>
        public async Task<FolderChildren> ChildFoldersAsync(long projectId, string parent, CancellationToken ct)
        {
            string normalized = FolderPaths.Normalize(parent);
            return await Cache.GetAsync(CatalogCache.Key(projectId, FoldersList, normalized), async () =>
            {
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                var pager = new Pager<KeyValuePair<string, string>>(100, async (page, size, t) =>
                {
                    var request = new ApiRequest(ApiAction.ListFolders).With("ProjectId", projectId)
                        .With("ParentFolderPath", normalized.Length == 0 ? "/" : normalized).With("PageNumber", page).With("PageSize", size);
                    JObject body = await Call(request, t).ConfigureAwait(false);
                    JToken data = body["Data"];
                    var items = new List<KeyValuePair<string, string>>();
                    if (data?["Folders"] is JArray folders)
                        foreach (JToken f in folders)
                        {
                            string path = Json.Str(f, "FolderPath");
                            if (!string.IsNullOrEmpty(path)) items.Add(new KeyValuePair<string, string>(FolderPaths.Normalize(path), Json.Str(f, "FolderId")));
                        }
                    return new Page<KeyValuePair<string, string>>(items, Json.Long(data, "TotalCount") ?? 0);
                });
                try
                {
                    foreach (var folder in await pager.AllAsync(CancellationToken.None).ConfigureAwait(false)) paths[folder.Key] = folder.Value;
                }
                catch (DataWorksServiceException ex) when (IsFolderNotFound(ex))
                {
                    return new FolderChildren(false, paths);
                }
                return new FolderChildren(true, paths);
            }, ct).ConfigureAwait(false);
        }

        /// <summary>The workspace's batch and real-time sync task files (ListFiles, every page, with absolute folder paths, no content).</summary>
        public async Task<IReadOnlyList<DIFile>> SyncFilesAsync(long projectId, CancellationToken ct) =>
            await Cache.GetAsync(CatalogCache.Key(projectId, FilesList), async () =>
            {
                var query = new FileQuery { FileTypes = new[] { WireEnum.ToCode(DIFileType.BatchSync), WireEnum.ToCode(DIFileType.RealtimeSync) }, PageSize = 100 };
                IReadOnlyList<DIFile> files = await new FileService(Context, Log).List(projectId, query).AllAsync(CancellationToken.None).ConfigureAwait(false);
                Log.Verbose($"Workspace catalogue: {files.Count} sync task file(s) of workspace {projectId} (ListFiles; kept for this session).");
                return files;
            }, ct).ConfigureAwait(false);

        /// <summary>The workspaces this account can see (ListProjects, every page).</summary>
        public async Task<IReadOnlyList<DIWorkspace>> WorkspacesAsync(CancellationToken ct) =>
            await Cache.GetAsync(CatalogCache.AccountKey(WorkspacesList), async () =>
            {
                IReadOnlyList<DIWorkspace> list = await new WorkspaceService(Context, Log).List(100).AllAsync(CancellationToken.None).ConfigureAwait(false);
                return list;
            }, ct).ConfigureAwait(false);

        /// <summary>
        /// The path of the folder with this id: from the files or folders already listed (no call), else GetFolder once per
        /// folder id and context. Null for no id.
        /// </summary>
        public async Task<string> FolderPathAsync(long projectId, string folderId, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(folderId)) return null;
            if (Cache.TryPeek(CatalogCache.Key(projectId, FilesList), out IReadOnlyList<DIFile> files))
            {
                string known = files.FirstOrDefault(f => f.FolderId == folderId && !string.IsNullOrEmpty(f.FolderPath))?.FolderPath;
                if (known != null) return known;
            }
            foreach (FolderChildren listed in Cache.PeekAll<FolderChildren>(CatalogCache.Key(projectId, FoldersList)))
            {
                string known = listed.IdsByPath.FirstOrDefault(p => p.Value == folderId).Key;
                if (known != null) return known;
            }
            return await Cache.GetAsync(CatalogCache.Key(projectId, FolderByIdList, folderId),
                () => new FileService(Context, Log).GetFolderPathAsync(projectId, folderId, CancellationToken.None), ct).ConfigureAwait(false);
        }

        /// <summary>What the module knows about a deployment package without reading it again: its file and, when the module created it, its kind.</summary>
        internal sealed class KnownDeployment
        {
            public long FileId { get; set; }
            public DIDeploymentKind Kind { get; set; }
        }

        private static string DeploymentKey(long projectId, long deploymentId) =>
            "deployment/" + projectId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + deploymentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Remembers a package's file and kind for this context (a package's file never changes; its kind is known only
        /// when the module created it: GetDeployment and ListDeployments do not say whether a package submits, deploys or
        /// deletes). Kept by <see cref="Refresh"/>: these are facts, not a list that may go out of date.
        /// </summary>
        public void RememberDeployment(DIDeployment deployment)
        {
            if (deployment == null || deployment.DeploymentId <= 0) return;
            KnownDeployment known = TryKnownDeployment(deployment.ProjectId, deployment.DeploymentId);
            Cache.Set(DeploymentKey(deployment.ProjectId, deployment.DeploymentId), new KnownDeployment
            {
                FileId = deployment.FileId != 0 ? deployment.FileId : known?.FileId ?? 0,
                Kind = deployment.Kind != DIDeploymentKind.Unknown ? deployment.Kind : known?.Kind ?? DIDeploymentKind.Unknown,
            });
        }

        /// <summary>What this context knows about a package, or null.</summary>
        public KnownDeployment TryKnownDeployment(long projectId, long deploymentId) =>
            Cache.TryPeek(DeploymentKey(projectId, deploymentId), out KnownDeployment known) ? known : null;

        /// <summary>A file this session created or read joins the file list, when the list has been read (no call).</summary>
        public void Remember(DIFile file)
        {
            if (file == null || file.FileId <= 0) return;
            Cache.Update<IReadOnlyList<DIFile>>(CatalogCache.Key(file.ProjectId, FilesList),
                files => files.Where(f => f.FileId != file.FileId).Concat(new[] { file }).ToList());
        }

        /// <summary>A file this session deleted leaves the file list (no call).</summary>
        public void Forget(long projectId, long fileId) =>
            Cache.Update<IReadOnlyList<DIFile>>(CatalogCache.Key(projectId, FilesList), files => files.Where(f => f.FileId != fileId).ToList());

        /// <summary>
        /// Get-DIWorkspace -Refresh: drops what the catalogue read about <paramref name="projectId"/> (and the account's
        /// resource groups and workspaces), or everything when null, and what the context knows of that workspace (or of
        /// every workspace): its mode and identifier. The next use reads again. Returns how many catalogue lists were dropped.
        /// </summary>
        public int Refresh(long? projectId)
        {
            if (projectId.HasValue) Context.Workspaces.Forget(projectId.Value);
            else Context.Workspaces.Clear();
            string prefix = projectId.HasValue ? CatalogCache.Key(projectId.Value, string.Empty) : null;
            return Cache.Forget(k => prefix == null || k.StartsWith(prefix, StringComparison.Ordinal) || k.StartsWith("*/", StringComparison.Ordinal));
        }

        /// <summary>Drops one list of a workspace (its contents proved out of date); the next use reads it again.</summary>
        public void Invalidate(long projectId, string list) =>
            Cache.Forget(k => k.StartsWith(CatalogCache.Key(projectId, list), StringComparison.Ordinal));

        /// <summary>Drops the account's resource groups of one type.</summary>
        public void Invalidate(ResourceGroupType type) =>
            Cache.Forget(k => k == CatalogCache.AccountKey(ResourceGroupsList + "/" + WireEnum.ToCode(type)));

        /// <summary>Lists already read, without a call (for messages that suggest names after the service refused one).</summary>
        public bool TryPeekDataSources(long projectId, out IReadOnlyList<string> names) => Cache.TryPeek(CatalogCache.Key(projectId, DataSourcesList), out names);

        public bool TryPeekResourceGroups(ResourceGroupType type, out IReadOnlyList<ResourceGroupInfo> groups) =>
            Cache.TryPeek(CatalogCache.AccountKey(ResourceGroupsList + "/" + WireEnum.ToCode(type)), out groups);

        public bool TryPeekFiles(long projectId, out IReadOnlyList<DIFile> files) => Cache.TryPeek(CatalogCache.Key(projectId, FilesList), out files);

        /// <summary>When the catalogue read this workspace's list (for messages: "read at 10:42").</summary>
        public DateTimeOffset? ReadAt(long projectId, string list) => Cache.ReadAt(CatalogCache.Key(projectId, list));

        public DateTimeOffset? ReadAt(ResourceGroupType type) => Cache.ReadAt(CatalogCache.AccountKey(ResourceGroupsList + "/" + WireEnum.ToCode(type)));

        /// <summary>ListFolders/GetFolder said the folder does not exist (as opposed to a failure to read).</summary>
        internal static bool IsFolderNotFound(DataWorksServiceException ex) =>
            (ex.Code ?? string.Empty).IndexOf("FolderNotExist", StringComparison.OrdinalIgnoreCase) >= 0;

        internal static string Describe(ResourceGroupType type) => type == ResourceGroupType.DataIntegration ? "Data Integration" : "scheduling";
    }
}
