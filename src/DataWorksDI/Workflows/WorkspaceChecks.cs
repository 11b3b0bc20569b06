using System.Text.RegularExpressions;
using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// The checks a write runs against the workspace catalogue (Services.CatalogService, each list read once per context)
    /// before anything is sent: an unknown data source, resource group or folder, a stopped resource group, a folder that
    /// is not a Data Integration folder, or a batch task given to a real-time cmdlet is refused with the closest names
    /// ("did you mean 'mysql_pub'?", Validation.ClosestMatches). When a list cannot be read the check is skipped (said in
    /// -Verbose), never guessed. <see cref="Explain"/> turns the service's own refusals of the same mistakes into the same
    /// ErrorIds with a fix, and drops the list that proved out of date.
    /// </summary>
    internal sealed class WorkspaceChecks(DIContext context, IClientLog log)
    {
        private readonly CatalogService _catalog = new CatalogService(context, log);
        private readonly IClientLog _log = log ?? NullClientLog.Instance;

        /// <summary>
        /// The folder exists (and, with <paramref name="dataIntegration"/>, is a Data Integration folder). One ListFolders of
        /// its parent; one more per level when the parent does not exist either.
        /// </summary>
        public async Task CheckFolderAsync(long projectId, string folderPath, bool dataIntegration, CancellationToken ct)
        {
            string path = FolderPaths.Normalize(folderPath);
            if (path.Length == 0) return;
            // Find the deepest ancestor that exists; the segment below it is the first one that does not.
            string known = FolderPaths.Parent(path);
            FolderChildren children;
            while (true)
            {
                children = await TryReadAsync(() => _catalog.ChildFoldersAsync(projectId, known, ct), $"the folders under '{(known.Length == 0 ? "/" : known)}'", ct).ConfigureAwait(false);
                if (children == null) return;
                if (children.ParentExists || known.Length == 0) break;
                known = FolderPaths.Parent(known);
            }
            if (children.ParentExists && children.Paths.Contains(path, StringComparer.Ordinal))
            {
                if (dataIntegration && !FolderPaths.IsDataIntegration(path)) await RefuseNotDataIntegrationAsync(projectId, path, ct).ConfigureAwait(false);
                return;
            }

            // The missing level: the input's path down to one segment below the deepest existing folder.
            int depth = FolderPaths.Segments(known).Length + 1;
            string[] segments = FolderPaths.Segments(path);
            string missing = string.Join("/", segments.Take(depth));
            string rest = string.Join("/", segments.Skip(depth));
            IEnumerable<string> candidates = children.Paths;
            if (dataIntegration && depth >= 3) candidates = candidates.Where(FolderPaths.IsDataIntegration);
            IReadOnlyList<string> closest = ClosestMatches.Find(missing, candidates).Select(c => rest.Length == 0 ? c : c + "/" + rest).ToList();
            string where = missing == path ? string.Empty : $" ('{missing}' is not a folder)";
            string didYouMean = ClosestMatches.DidYouMean(closest);
            throw new DataWorksOperationException(ErrorIds.UnknownFolder,
                $"Folder '{path}' does not exist in workspace {projectId}{where}" + (didYouMean == null ? "; nothing was sent." : $"; {didYouMean} Nothing was sent."),
                ErrorCategory.ObjectNotFound)
            {
                RecommendedAction = (closest.Count > 0 ? $"Use -FolderPath '{closest[0]}'. " : string.Empty)
                    + "Press Tab after -FolderPath to complete the workspace's folders. " + ReadAtNote(projectId, CatalogService.FoldersList),
            };
        }

        private async Task RefuseNotDataIntegrationAsync(long projectId, string path, CancellationToken ct)
        {
            // Suggest the Data Integration folders of the same workflow (one more ListFolders of the workflow folder).
            var suggestions = new List<string>();
            string workflow = FolderPaths.Workflow(path);
            if (workflow != null)
            {
                FolderChildren categories = await TryReadAsync(() => _catalog.ChildFoldersAsync(projectId, workflow, ct), $"the folders under '{workflow}'", ct).ConfigureAwait(false);
                if (categories != null) suggestions.AddRange(categories.Paths.Where(FolderPaths.IsDataIntegration));
            }
            string didYouMean = ClosestMatches.DidYouMean(suggestions.Take(ClosestMatches.DefaultMaximum).ToList());
            throw new DataWorksOperationException(ErrorIds.NotADataIntegrationFolder,
                $"Folder '{path}' is not a Data Integration folder: a sync task lives in a folder whose third level is 'Data Integration' (<workflow root>/<workflow>/Data Integration[/…])"
                + (didYouMean == null ? "; nothing was sent." : $"; {didYouMean} Nothing was sent."),
                ErrorCategory.InvalidArgument)
            {
                RecommendedAction = suggestions.Count > 0
                    ? $"Use -FolderPath '{suggestions[0]}' (press Tab after -FolderPath to see the others)."
                    : $"Create a Data Integration folder under the workflow in DataWorks (or with Invoke-DIApi CreateFolder -Parameter @{{ ProjectId = {projectId}; FolderPath = '{workflow ?? "<workflow root>/<workflow>"}/Data Integration' }}) and use it.",
            };
        }

        /// <summary>A Data Integration resource group (TaskParam.ResourceGroup) that exists and is NORMAL.</summary>
        public Task CheckDataIntegrationGroupAsync(string identifier, CancellationToken ct) =>
            CheckGroupAsync(identifier, new[] { ResourceGroupType.DataIntegration }, "-ResourceGroup", ct);

        /// <summary>A scheduling resource group (UpdateFile ResourceGroupIdentifier: shared type 1 or exclusive type 7) that exists and is NORMAL.</summary>
        public Task CheckSchedulingGroupAsync(string identifier, CancellationToken ct) =>
            CheckGroupAsync(identifier, new[] { ResourceGroupType.Scheduling, ResourceGroupType.ExclusiveScheduling }, "-ResourceGroupIdentifier", ct);

        private async Task CheckGroupAsync(string identifier, ResourceGroupType[] types, string parameter, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(identifier)) return;
            var groups = new List<ResourceGroupInfo>();
            foreach (ResourceGroupType type in types)
            {
                IReadOnlyList<ResourceGroupInfo> list = await TryReadAsync(() => _catalog.ResourceGroupsAsync(type, ct), $"the {CatalogService.Describe(type)} resource groups", ct).ConfigureAwait(false);
                if (list == null) return;
                groups.AddRange(list);
            }
            string kind = CatalogService.Describe(types[0]);
            ResourceGroupInfo group = groups.FirstOrDefault(g => string.Equals(g.Identifier, identifier, StringComparison.Ordinal));
            List<ResourceGroupInfo> usable = groups.Where(g => g.IsNormal).GroupBy(g => g.Identifier).Select(g => g.First()).ToList();
            if (group == null)
            {
                // The closest identifiers, and a group whose display name was given instead of its identifier.
                var closest = ClosestMatches.Find(identifier, groups.Select(g => g.Identifier)).ToList();
                foreach (ResourceGroupInfo byName in groups.Where(g => string.Equals(g.Name, identifier, StringComparison.OrdinalIgnoreCase)))
                    if (!closest.Contains(byName.Identifier)) closest.Insert(0, byName.Identifier);
                string didYouMean = ClosestMatches.DidYouMean(closest.Take(ClosestMatches.DefaultMaximum).ToList());
                throw new DataWorksOperationException(ErrorIds.UnknownResourceGroup,
                    $"'{identifier}' is not a {kind} resource group of this account" + (didYouMean == null ? "; nothing was sent." : $"; {didYouMean} Nothing was sent."),
                    ErrorCategory.ObjectNotFound)
                {
                    RecommendedAction = (closest.Count > 0 ? $"Use {parameter} {closest[0]}. " : string.Empty) + UseOneOf(usable, parameter) + " " + ReadAtNote(types[0]),
                };
            }
            if (!group.IsNormal)
            {
                throw new DataWorksOperationException(ErrorIds.StoppedResourceGroup,
                    $"{kind} resource group '{identifier}'{(string.IsNullOrEmpty(group.Name) ? string.Empty : $" ({group.Name})")} is {group.StatusName}, not NORMAL: a task on it would not run. Nothing was sent.",
                    ErrorCategory.InvalidOperation)
                {
                    RecommendedAction = UseOneOf(usable.Where(g => g.Identifier != identifier).ToList(), parameter) + " Or renew or restart the group in the DataWorks console.",
                };
            }
        }

        /// <summary>Every data source the content names is registered in the workspace (the validator's DI.Workspace.DataSourceUnknown, with suggestions).</summary>
        public async Task CheckContentDataSourcesAsync(long projectId, string content, CancellationToken ct)
        {
            WorkspaceCatalog catalog = await WorkspaceCatalog.LoadAsync(context, _log, projectId, ct, dataSources: true, resourceGroups: false).ConfigureAwait(false);
            if (catalog.DataSourceNames == null) return;
            var findings = new TaskContentValidator(catalog).Validate(content).Findings.Where(f => f.Code == ValidationCodes.WorkspaceDataSourceUnknown);
            DataWorksValidationException refused = DataWorksValidationException.FromFindings(findings, ErrorIds.InvalidContent,
                "The task content names {0} data source(s) the workspace does not have; nothing was sent (-SkipValidation sends it anyway)");
            if (refused != null) throw refused;
        }

        /// <summary>Every "datasource" a real-time generation request names is registered in the workspace.</summary>
        public async Task CheckRequestDataSourcesAsync(long projectId, string request, CancellationToken ct)
        {
            JToken json;
            try
            {
                json = JToken.Parse(request);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return; // the service explains a malformed request
            }
            var named = json.SelectTokens("$..datasource").OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v)
                .Where(n => !string.IsNullOrWhiteSpace(n) && !n.Contains("${")).Distinct(StringComparer.Ordinal).ToList();
            if (named.Count == 0) return;
            IReadOnlyList<string> known = await TryReadAsync(() => _catalog.DataSourceNamesAsync(projectId, ct), $"the data sources of workspace {projectId}", ct).ConfigureAwait(false);
            if (known == null) return;
            string unknown = named.FirstOrDefault(n => !known.Contains(n, StringComparer.Ordinal));
            if (unknown == null) return;
            IReadOnlyList<string> closest = ClosestMatches.Find(unknown, known);
            string didYouMean = ClosestMatches.DidYouMean(closest);
            throw new DataWorksOperationException(ErrorIds.WithCode(ErrorIds.InvalidContent, ValidationCodes.WorkspaceDataSourceUnknown),
                $"Data source '{unknown}' is not registered in workspace {projectId}" + (didYouMean == null ? "; nothing was sent." : $"; {didYouMean} Nothing was sent."),
                ErrorCategory.ObjectNotFound)
            {
                RecommendedAction = (closest.Count > 0 ? $"Write '{closest[0]}' in the request. " : string.Empty) + ReadAtNote(projectId, CatalogService.DataSourcesList),
            };
        }

        /// <summary>
        /// A real-time cmdlet given a file the catalogue lists as a batch sync task is refused with the closest real-time
        /// tasks' names. A file the list does not have (or a list that cannot be read) is left to the service.
        /// </summary>
        public async Task CheckRealtimeFileAsync(long projectId, long fileId, string cmdlet, CancellationToken ct)
        {
            IReadOnlyList<DIFile> files = await TryReadAsync(() => _catalog.SyncFilesAsync(projectId, ct), $"the sync task files of workspace {projectId}", ct).ConfigureAwait(false);
            DIFile file = files?.FirstOrDefault(f => f.FileId == fileId);
            if (file == null || !file.IsBatchSync) return;
            var realtime = files.Where(f => f.IsRealtimeSync).ToList();
            IReadOnlyList<string> closest = ClosestMatches.Find(file.FileName, realtime.Select(f => f.FileName));
            List<string> named = closest.Select(n => $"'{n}' (file {realtime.First(f => f.FileName == n).FileId})").ToList();
            string didYouMean = named.Count == 0 ? null
                : "did you mean " + (named.Count == 1 ? named[0] : string.Join(", ", named.Take(named.Count - 1)) + " or " + named[named.Count - 1]) + "?";
            throw new DataWorksOperationException(ErrorIds.NotARealtimeTask,
                $"File {fileId} ('{file.FileName}') is a batch sync task; {cmdlet} works on real-time tasks" + (didYouMean == null ? ". Nothing was sent." : $"; {didYouMean} Nothing was sent."),
                ErrorCategory.InvalidArgument)
            {
                RecommendedAction = (closest.Count > 0 ? $"Give -FileId {realtime.First(f => f.FileName == closest[0]).FileId}. " : string.Empty)
                    + "Batch tasks run on their schedule once deployed (Submit-DIFile, Publish-DIFile). List the real-time tasks with Get-DIFile -FileType RealtimeSync.",
            };
        }

        private static readonly Regex ResourceGroupRefused = new Regex(@"ResourceGroup:\[(?<name>[^\]]*)\] is invalid", RegexOptions.CultureInvariant);
        private static readonly Regex PathRefused = new Regex(@"^Invalid path: (?<name>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex DataSourceRefused = new Regex(@"Datasource:\[(?<name>[^\]]*)\] is invalid", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// A Data Integration refusal of a resource group, folder or data source (DI.Status.Fail with DataWorks' message) as
        /// the module's ErrorId for the same mistake, with the names the catalogue already holds (no call) and the
        /// service's message and RequestId; the list that proved out of date is dropped. Null for any other failure.
        /// </summary>
        public DataWorksOperationException Explain(DataWorksServiceException ex, long projectId)
        {
            if (ex == null || ex.Code != DataWorksServiceException.DIFailCode || string.IsNullOrEmpty(ex.ServiceMessage)) return null;
            string said = $"DataWorks answered \"{ex.ServiceMessage.Trim()}\" [RequestId: {ex.RequestId}]";
            Match m;
            if ((m = ResourceGroupRefused.Match(ex.ServiceMessage)).Success)
            {
                _catalog.TryPeekResourceGroups(ResourceGroupType.DataIntegration, out IReadOnlyList<ResourceGroupInfo> groups);
                _catalog.Invalidate(ResourceGroupType.DataIntegration);
                string name = m.Groups["name"].Value;
                List<ResourceGroupInfo> usable = groups?.Where(g => g.IsNormal).ToList() ?? new List<ResourceGroupInfo>();
                string didYouMean = ClosestMatches.DidYouMean(ClosestMatches.Find(name, usable.Select(g => g.Identifier)));
                return new DataWorksOperationException(ErrorIds.InvalidResourceGroup,
                    $"{said}: resource group '{name}' does not exist, is stopped, or is not a Data Integration group" + (didYouMean == null ? "." : $"; {didYouMean}"),
                    ErrorCategory.InvalidArgument, ex)
                { RecommendedAction = UseOneOf(usable, "-ResourceGroup") };
            }
            if ((m = PathRefused.Match(ex.ServiceMessage.Trim())).Success)
            {
                _catalog.Invalidate(projectId, CatalogService.FoldersList);
                return new DataWorksOperationException(ErrorIds.InvalidFolder,
                    $"{said}: the folder does not exist or is not a Data Integration folder (<workflow root>/<workflow>/Data Integration).",
                    ErrorCategory.InvalidArgument, ex)
                { RecommendedAction = "Press Tab after -FolderPath to complete the workspace's folders (the list is read again)." };
            }
            if ((m = DataSourceRefused.Match(ex.ServiceMessage)).Success)
            {
                _catalog.TryPeekDataSources(projectId, out IReadOnlyList<string> names);
                _catalog.Invalidate(projectId, CatalogService.DataSourcesList);
                string didYouMean = ClosestMatches.DidYouMean(ClosestMatches.Find(m.Groups["name"].Value, names));
                return new DataWorksOperationException(ErrorIds.WithCode(ErrorIds.InvalidContent, ValidationCodes.WorkspaceDataSourceUnknown),
                    $"{said}" + (didYouMean == null ? "." : $"; {didYouMean}"), ErrorCategory.InvalidData, ex)
                { RecommendedAction = "Use the name of a data source registered in the workspace (for both environments in standard mode); Test-DISyncTaskContent checks them when connected." };
            }
            return null;
        }

        /// <summary>A list, or null (said in -Verbose) when it cannot be read: the check is skipped, never guessed.</summary>
        private async Task<T> TryReadAsync<T>(Func<Task<T>> read, string what, CancellationToken ct) where T : class
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception ex) when (WorkspaceCatalog.Unreadable(ex, ct))
            {
                _log.Verbose($"The workspace catalogue could not read {what} ({WorkspaceCatalog.Reason(ex)}); that check was skipped.");
                return null;
            }
        }

        private static string UseOneOf(IReadOnlyCollection<ResourceGroupInfo> usable, string parameter)
        {
            if (usable.Count == 0) return $"No usable group is known; press Tab after {parameter} to list the account's groups.";
            var shown = usable.Take(5).Select(g => g.Identifier + (string.IsNullOrEmpty(g.Name) ? string.Empty : " (" + g.Name + ")")).ToList();
            return $"Use one of: {string.Join(", ", shown)}{(usable.Count > shown.Count ? $" and {usable.Count - shown.Count} more (press Tab after {parameter})" : string.Empty)}.";
        }

        private string ReadAtNote(long projectId, string list) => Note(_catalog.ReadAt(projectId, list));

        private string ReadAtNote(ResourceGroupType type) => Note(_catalog.ReadAt(type));

        private static string Note(DateTimeOffset? readAt) => readAt.HasValue
            ? $"The names were read at {readAt.Value.ToLocalTime():HH:mm}; if it was created since, run Get-DIWorkspace -Refresh and try again."
            : string.Empty;
    }
}
