using System.Text.RegularExpressions;
using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>A batch sync task as the workspace has it, and as a (physical) definition.</summary>
    internal sealed class LiveTask
    {
        public DIFile File { get; set; }

        /// <summary>GetFile's Data (File and NodeConfiguration) as the wire wrote it.</summary>
        public JToken Wire { get; set; }

        /// <summary>The latest version (ListFileVersions), or null when never submitted.</summary>
        public FileVersionInfo Latest { get; set; }

        /// <summary>The live task in definition form (physical names). Content is null when the live content is not a JSON object.</summary>
        public TaskDefinition Definition { get; set; }

        /// <summary>The content as stored, when it is not a JSON object.</summary>
        public string UnreadableContent { get; set; }

        /// <summary>Whether the latest version reported the DI resource group and CU (FilePropertyContent); GetFile does not.</summary>
        public bool ResourceGroupKnown { get; set; }
        public bool CuKnown { get; set; }

        /// <summary>The desired-state hash the last apply recorded in the latest version's comment, or null.</summary>
        public string RecordedHash { get; set; }
    }

    /// <summary>
    /// The reads behind export and plan: the workspace (GetProject, once per context), the batch sync tasks of a set of
    /// folders (one paged ListFiles per folder that is not inside another one of the set), each task's GetFile and latest
    /// ListFileVersions, and the scheduling resource groups (ListResourceGroups, once) to turn GetFile's numeric group id
    /// into the identifier UpdateFile takes.
    /// </summary>
    internal sealed class LiveTaskReader(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <summary>What apply writes in the SubmitFile and DeployFile comment, and what the plan reads back.</summary>
        public const string CommentPrefix = "DataWorksDI apply sha256:";

        private static readonly Regex RecordedHashPattern = new Regex(Regex.Escape(CommentPrefix) + "([0-9a-f]{64})", RegexOptions.CultureInvariant);

        private readonly FileService _files = new FileService(context, log);
        private Task<Dictionary<long, string>> _schedulingGroups;

        public static string Comment(string hash) => CommentPrefix + hash;

        public Task<DIWorkspace> WorkspaceAsync(long projectId, CancellationToken ct) => new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct);

        /// <summary>
        /// The workspace a definitions run acts on: <paramref name="given"/> (-ProjectId, or the piped plan's), else the one
        /// the stage names (its projectId, or its identifier resolved through ListProjects), else the context's default.
        /// </summary>
        public async Task<long> ProjectIdAsync(long? given, StageSettings stage, CancellationToken ct)
        {
            if (given.HasValue) return given.Value;
            if (stage?.ProjectId is long id) return id;
            if (!string.IsNullOrEmpty(stage?.ProjectIdentifier))
            {
                Pager<DIWorkspace> pager = new WorkspaceService(Context, Log).List(100);
                while (pager.HasMore)
                    foreach (DIWorkspace w in await pager.NextAsync(ct).ConfigureAwait(false))
                        if (string.Equals(w.Identifier, stage.ProjectIdentifier, StringComparison.Ordinal)) return w.ProjectId;
                throw new DataWorksOperationException(ErrorIds.InvalidDefinition,
                    $"The stage {stage.File} names workspace '{stage.ProjectIdentifier}', which these credentials cannot see in the context's region (ListProjects). Give its projectId, or check the region.",
                    ErrorCategory.ObjectNotFound);
            }
            if (Context.ProjectId.HasValue) return Context.ProjectId.Value;
            throw new DataWorksOperationException(ErrorIds.NoWorkspace,
                "No workspace was given: the stage has no \"workspace\", there is no -ProjectId and the context has no default workspace.", ErrorCategory.InvalidArgument);
        }

        /// <summary>
        /// The batch sync tasks (FileType 23) in these folders and their sub-folders; every task of the workspace when
        /// <paramref name="folders"/> is empty. Folders inside another listed folder are not listed again (ListFiles includes
        /// sub-folders).
        /// </summary>
        /// <param name="limit">Under Sync-DITaskDefinition -MaxCalls, each ListFiles page reserves its call first.</param>
        public async Task<List<DIFile>> ListAsync(long projectId, IEnumerable<string> folders, string keyword, string exactName, CancellationToken ct, CallLimit limit = null)
        {
            var roots = new List<string>();
            foreach (string f in (folders ?? Enumerable.Empty<string>()).Select(TaskDefinition.NormalizeFolder).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal))
                if (!roots.Any(r => f == r || f.StartsWith(r + "/", StringComparison.Ordinal))) roots.Add(f);
            if (roots.Count == 0) roots.Add(null);
            var found = new Dictionary<long, DIFile>();
            foreach (string folder in roots)
            {
                var query = new FileQuery { FolderPath = folder, FileTypes = new[] { (int)DIFileType.BatchSync }, Keyword = keyword, ExactName = exactName, PageSize = 100 };
                Pager<DIFile> pager = _files.List(projectId, query);
                while (pager.HasMore)
                {
                    IReadOnlyList<DIFile> page = limit == null ? await pager.NextAsync(ct).ConfigureAwait(false)
                        : await limit.ReadAsync(1, "ListFiles", () => pager.NextAsync(ct), spent =>
                            $"Stopped while planning, before page {pager.PagesRead + 1} of the task listing (ListFiles{(folder == null ? string.Empty : " of '" + folder + "'")}): it would take the run past -MaxCalls {limit.Max} ({spent} call(s) spent so far, all of them reads). "
                            + "Nothing was written. The plan alone needs more than -MaxCalls allows: run Sync-DITaskDefinition again with a higher -MaxCalls (Compare-DITaskDefinition shows each task's Calls).").ConfigureAwait(false);
                    foreach (DIFile f in page)
                        if (f.IsBatchSync) found[f.FileId] = f;
                }
            }
            Log.Verbose($"Found {found.Count} batch sync task(s) in {(roots[0] == null ? "the workspace" : string.Join(", ", roots.Select(r => "'" + r + "'")))} ({roots.Count} ListFiles listing(s)).");
            return found.Values.OrderBy(f => f.FolderPath, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal).ToList();
        }

        /// <summary>GetFile and the latest version of a listed task, in definition form.</summary>
        public async Task<LiveTask> ReadAsync(long projectId, DIFile listed, CancellationToken ct)
        {
            (DIFile file, JToken wire) = await _files.GetWithWireAsync(projectId, listed.FileId, ct).ConfigureAwait(false);
            file.FolderPath = listed.FolderPath;
            FileVersionInfo latest = await _files.GetLatestVersionAsync(projectId, listed.FileId, ct).ConfigureAwait(false);
            string group = null;
            if (file.Schedule?.ResourceGroupId is long id && id > 0)
            {
                Dictionary<long, string> groups = await SchedulingGroupsAsync(ct).ConfigureAwait(false);
                groups.TryGetValue(id, out group);
            }
            var live = new LiveTask { File = file, Wire = wire, Latest = latest };
            JObject content = null;
            try
            {
                content = string.IsNullOrEmpty(file.Content) ? null : CanonicalJson.Parse(file.Content) as JObject;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                content = null;
            }
            if (content == null) live.UnreadableContent = file.Content ?? string.Empty;
            JToken rg = latest?.Properties?["resourceGroup"];
            JToken cu = latest?.Properties?["cu"];
            live.ResourceGroupKnown = rg != null && rg.Type == JTokenType.String;
            live.CuKnown = latest?.Properties != null;
            live.Definition = new TaskDefinition
            {
                Name = file.FileName,
                Folder = TaskDefinition.NormalizeFolder(listed.FolderPath),
                Description = file.Description ?? string.Empty,
                ResourceGroup = live.ResourceGroupKnown ? (string)rg : null,
                Cu = cu != null && (cu.Type == JTokenType.Float || cu.Type == JTokenType.Integer) ? cu.Value<double>() : (double?)null,
                Content = content,
                Schedule = ScheduleKeys.FromLive(file.Schedule, group),
            };
            Match m = RecordedHashPattern.Match(latest?.Comment ?? string.Empty);
            live.RecordedHash = m.Success ? m.Groups[1].Value : null;
            return live;
        }

        /// <summary>The scheduling resource groups' identifiers by numeric id (ListResourceGroups, once per reader).</summary>
        public Task<Dictionary<long, string>> SchedulingGroupsAsync(CancellationToken ct)
        {
            lock (this)
            {
                return _schedulingGroups ?? (_schedulingGroups = LoadGroupsAsync(ct));
            }
        }

        private async Task<Dictionary<long, string>> LoadGroupsAsync(CancellationToken ct)
        {
            var map = new Dictionary<long, string>();
            foreach (JToken g in await new ResourceGroupService(Context, Log).ListAsync(ResourceGroupType.Scheduling, null, ct).ConfigureAwait(false))
                if (Json.Long(g, "Id") is long id && !map.ContainsKey(id)) map[id] = Json.Str(g, "Identifier");
            return map;
        }

        /// <summary>Runs <paramref name="work"/> for every item, at most <paramref name="parallel"/> at once (the client's pacer sets the rate).</summary>
        public static async Task ForEachAsync<T>(IEnumerable<T> items, int parallel, Func<T, Task> work)
        {
            using (var gate = new SemaphoreSlim(parallel))
            {
                var tasks = items.Select(async item =>
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                    try { await work(item).ConfigureAwait(false); }
                    finally { gate.Release(); }
                }).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
        }
    }
}
