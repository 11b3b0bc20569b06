using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Completes OpenAPI action names for Invoke-DIApi.</summary>
    public sealed class ApiActionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ApiAction.All
                .Where(a => a.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a.Name, a.Name, CompletionResultType.ParameterValue, a.Name + " (" + a.Idempotency + ")"));
        }
    }

    /// <summary>
    /// Tab completion for every parameter that names something on the server or in the user's configuration, chosen by
    /// the parameter's name: -ProjectId (workspaces), -ResourceGroup (Data Integration resource groups),
    /// -ResourceGroupIdentifier (scheduling resource groups), -FolderPath (folders, one level per Tab; Data Integration
    /// folders for New-DISyncTask), -FileId and Get-DIFile's -Name (sync task files; real-time ones for the real-time
    /// cmdlets), -InputList (upstream outputs), -Region (DataWorks regions), -ProfileName (profiles of ~/.aliyun/config.json
    /// and ~/.alibabacloud/credentials.ini) and -TimeZone (the system's time zones).
    /// <para>
    /// Server names come from the workspace catalogue of the context the command would use (-Context, else the session's,
    /// with -ProfileName/-Region applied; narrowed by -ProjectId and -FolderPath), each list read once per context and
    /// shared with the checks before a write. A completion waits at most <see cref="TimeBox"/> for a list: a slow service
    /// never freezes the prompt — the completer answers nothing and the read goes on filling the catalogue for the next
    /// Tab. Any failure answers nothing (docs/ARCHITECTURE.md, "Workspace catalogue and completion").
    /// </para>
    /// </summary>
    public sealed class DataWorksCompleter : IArgumentCompleter
    {
        /// <summary>How long a completion waits for the catalogue before it answers nothing.</summary>
        internal static readonly TimeSpan TimeBox = TimeSpan.FromSeconds(2);

        private static readonly CompletionResult[] Nothing = new CompletionResult[0];

        /// <summary>Contexts a completion derived for -ProfileName/-Region, kept per base context so their catalogue is kept too.</summary>
        private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Task<DIContext>>> Derived =
            new ConditionalWeakTable<object, ConcurrentDictionary<string, Task<DIContext>>>();

        private static readonly object NoBaseContext = new object();

        private static readonly HashSet<string> RealtimeCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get-DISyncTask", "Get-DISyncInstance", "Start-DISyncInstance", "Stop-DISyncInstance", "Unpublish-DISyncTask",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string word = Unquote(wordToComplete);
                IDictionary bound = fakeBoundParameters ?? new Hashtable();
                switch (parameterName)
                {
                    case "Region": return Regions(word);
                    case "ProfileName": return Profiles(word);
                    case "TimeZone": return TimeZones(word);
                }
                Task<DIContext> context = ContextFor(commandName, bound);
                if (context == null) return Nothing;
                Task<List<CompletionResult>> work = Task.Run(async () =>
                {
                    DIContext ctx = await context.ConfigureAwait(false);
                    return ctx == null ? new List<CompletionResult>() : await OnlineAsync(ctx, commandName, parameterName, word, bound).ConfigureAwait(false);
                });
                // The time box: the read goes on in the background and fills the catalogue; this Tab answers nothing.
                return work.Wait(TimeBox) ? (IEnumerable<CompletionResult>)work.Result : Nothing;
            }
            catch (Exception)
            {
                return Nothing;
            }
        }

        private static async Task<List<CompletionResult>> OnlineAsync(DIContext context, string command, string parameter, string word, IDictionary bound)
        {
            var catalog = new CatalogService(context, NullClientLog.Instance);
            long? projectId = Long(bound["ProjectId"]) ?? context.ProjectId;
            var results = new List<CompletionResult>();
            switch (parameter)
            {
                case "ProjectId":
                    foreach (DIWorkspace ws in await catalog.WorkspacesAsync(CancellationToken.None).ConfigureAwait(false))
                    {
                        string id = ws.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (Matches(id, word) || Matches(ws.Identifier, word) || Matches(ws.Name, word))
                            results.Add(new CompletionResult(id, $"{id} {ws.Identifier}", CompletionResultType.ParameterValue, $"{ws.Identifier} ({ws.Name})"));
                    }
                    break;
                case "ResourceGroup":
                case "ResourceGroupIdentifier":
                    var types = parameter == "ResourceGroup"
                        ? new[] { ResourceGroupType.DataIntegration }
                        : new[] { ResourceGroupType.Scheduling, ResourceGroupType.ExclusiveScheduling };
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (ResourceGroupType type in types)
                        foreach (ResourceGroupInfo g in await catalog.ResourceGroupsAsync(type, CancellationToken.None).ConfigureAwait(false))
                            if (g.IsNormal && seen.Add(g.Identifier) && (Matches(g.Identifier, word) || Matches(g.Name, word)))
                                results.Add(Value(g.Identifier, g.Identifier, $"{g.Name} ({CatalogService.Describe(type)}{(g.IsDefault ? ", default" : string.Empty)})"));
                    break;
                case "FolderPath":
                    if (!projectId.HasValue) break;
                    string typed = FolderPaths.Normalize(word);
                    string parent = word.TrimEnd().EndsWith("/", StringComparison.Ordinal) ? typed : FolderPaths.Parent(typed);
                    FolderChildren children = await catalog.ChildFoldersAsync(projectId.Value, parent, CancellationToken.None).ConfigureAwait(false);
                    bool dataIntegration = string.Equals(command, "New-DISyncTask", StringComparison.OrdinalIgnoreCase);
                    foreach (string path in children.Paths)
                    {
                        if (!path.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
                        if (dataIntegration && FolderPaths.Segments(path).Length >= 3 && !FolderPaths.IsDataIntegration(path)) continue;
                        results.Add(Value(path, FolderPaths.Leaf(path), path));
                    }
                    break;
                case "FileId":
                case "Name":
                    if (!projectId.HasValue) break;
                    bool realtimeOnly = RealtimeCommands.Contains(command) || (string.Equals(command, "Set-DISyncTask", StringComparison.OrdinalIgnoreCase) && bound.Contains("Table"));
                    string folder = bound["FolderPath"] is object f ? FolderPaths.Normalize(Convert.ToString(Base(f), System.Globalization.CultureInfo.InvariantCulture)) : null;
                    foreach (DIFile file in await catalog.SyncFilesAsync(projectId.Value, CancellationToken.None).ConfigureAwait(false))
                    {
                        if (realtimeOnly && !file.IsRealtimeSync) continue;
                        if (!string.IsNullOrEmpty(folder) && !string.Equals(FolderPaths.Normalize(file.FolderPath), folder, StringComparison.Ordinal)) continue;
                        string id = file.FileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        string tip = $"{file.FileName} ({file.TypeName}) in {file.FolderPath}";
                        if (parameter == "FileId" && (Matches(id, word) || Contains(file.FileName, word))) results.Add(new CompletionResult(id, $"{id} {file.FileName}", CompletionResultType.ParameterValue, tip));
                        if (parameter == "Name" && Matches(file.FileName, word)) results.Add(Value(file.FileName, file.FileName, tip));
                    }
                    break;
                case "InputList":
                    if (!projectId.HasValue) break;
                    DIWorkspace workspace = (await catalog.WorkspacesAsync(CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(w => w.ProjectId == projectId.Value);
                    if (workspace == null || string.IsNullOrEmpty(workspace.Identifier)) break;
                    // The workspace's root output and each sync task's default output <workspace>.<node name> (dataworks-rules.md, "Schedules").
                    string root = workspace.Identifier + "_root";
                    if (Matches(root, word)) results.Add(Value(root, root, $"the root output of workspace {workspace.Identifier}"));
                    foreach (DIFile file in await catalog.SyncFilesAsync(projectId.Value, CancellationToken.None).ConfigureAwait(false))
                    {
                        string output = workspace.Identifier + "." + file.FileName;
                        if (Matches(output, word) || Contains(file.FileName, word)) results.Add(Value(output, output, $"the default output of {file.FileName} (file {file.FileId})"));
                    }
                    break;
            }
            return results.GroupBy(r => r.CompletionText).Select(g => g.First()).OrderBy(r => r.ListItemText, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// The context the command would call with: -Context, else the session's; with -ProfileName or -Region a per-call
        /// context derived once and kept (so its catalogue is kept too). Null when there is none.
        /// </summary>
        private static Task<DIContext> ContextFor(string command, IDictionary bound)
        {
            DIContext baseContext = Base(bound["Context"]) as DIContext ?? SessionContextStore.GetForCompletion();
            string profile = string.Equals(command, "Connect-DIWorkspace", StringComparison.OrdinalIgnoreCase) ? null : Base(bound["ProfileName"]) as string;
            string region = Base(bound["Region"]) as string;
            if (string.IsNullOrEmpty(profile) && string.IsNullOrEmpty(region)) return baseContext == null ? null : Task.FromResult(baseContext);
            if (baseContext == null && string.IsNullOrEmpty(profile)) return null;
            CredentialResolution known = string.IsNullOrEmpty(profile) ? null : SessionContextStore.GetProfileForCompletion(profile);
            var table = Derived.GetValue((object)baseContext ?? NoBaseContext, _ => new ConcurrentDictionary<string, Task<DIContext>>(StringComparer.Ordinal));
            return table.GetOrAdd(profile + "|" + region, _ => Task.Run(async () =>
            {
                CredentialResolution resolved = known ?? (string.IsNullOrEmpty(profile) ? null : await ContextFactory.ResolveProfileAsync(profile, CancellationToken.None).ConfigureAwait(false));
                return ContextFactory.ForCall(baseContext, profile, resolved, region, null);
            }));
        }

        private static IEnumerable<CompletionResult> Regions(string word) =>
            DataWorksEndpoints.KnownRegions.Where(r => Matches(r, word))
                .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, DataWorksEndpoints.HostFor(r)));

        private static IEnumerable<CompletionResult> Profiles(string word)
        {
            var env = ProcessCredentialEnvironment.Instance;
            var results = new List<CompletionResult>();
            try
            {
                CliConfigFile config = CliConfigFile.Load(env);
                if (config != null)
                    foreach (string name in config.ProfileNames.Where(n => Matches(n, word)))
                        results.Add(Value(name, name, $"{config.DisplayPath}{(name == config.Current ? " (current)" : string.Empty)}"));
            }
            catch (CredentialException)
            {
            }
            try
            {
                CredentialsIniFile ini = CredentialsIniFile.Load(env);
                if (ini != null)
                    foreach (string name in ini.SectionNames.Where(n => ini.Contains(n) && Matches(n, word)))
                        results.Add(Value(name, name, ini.DisplayPath));
            }
            catch (CredentialException)
            {
            }
            return results.GroupBy(r => r.CompletionText).Select(g => g.First()).ToList();
        }

        private static IEnumerable<CompletionResult> TimeZones(string word)
        {
            var ids = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).ToList();
            // DataWorks schedules in the workspace's region time; China Standard Time under its IANA name is the common case.
            if (!ids.Contains("Asia/Shanghai", StringComparer.Ordinal) && ids.All(i => i != "China Standard Time")) ids.Add("Asia/Shanghai");
            return ids.Where(i => Matches(i, word) || Contains(i, word)).OrderBy(i => i, StringComparer.OrdinalIgnoreCase)
                .Select(i => Value(i, i, i)).ToList();
        }

        private static CompletionResult Value(string text, string listItem, string toolTip) =>
            new CompletionResult(Quote(text), string.IsNullOrEmpty(listItem) ? text : listItem, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? text : toolTip);

        /// <summary>A value as PowerShell must see it: quoted when it has a space or a character the parser would read.</summary>
        internal static string Quote(string value)
        {
            bool bare = value.Length > 0 && value[0] != '-' && value.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':');
            return bare ? value : "'" + value.Replace("'", "''") + "'";
        }

        private static string Unquote(string word)
        {
            string w = (word ?? string.Empty).Trim();
            if (w.Length > 0 && (w[0] == '\'' || w[0] == '"')) w = w.Substring(1);
            if (w.Length > 0 && (w[w.Length - 1] == '\'' || w[w.Length - 1] == '"')) w = w.Substring(0, w.Length - 1);
            return w.Replace("''", "'");
        }

        private static bool Matches(string candidate, string word) =>
            !string.IsNullOrEmpty(candidate) && candidate.StartsWith(word ?? string.Empty, StringComparison.OrdinalIgnoreCase);

        private static bool Contains(string candidate, string word) =>
            !string.IsNullOrEmpty(candidate) && !string.IsNullOrEmpty(word) && candidate.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

        private static object Base(object value) => value is PSObject p ? p.BaseObject : value;

        private static long? Long(object value)
        {
            object v = Base(value);
            if (v == null) return null;
            return long.TryParse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long n) && n > 0 ? n : (long?)null;
        }
    }
}
