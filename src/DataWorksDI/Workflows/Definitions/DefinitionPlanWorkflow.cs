using System.Globalization;
using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Workflows
{
    /// <summary>One task of a plan: the definition (as written and after the stage), the live task, and what differs.</summary>
    internal sealed class PlanItem
    {
        public TaskDefinition Logical { get; set; }
        public TaskDefinition Desired { get; set; }
        public LiveTask Live { get; set; }

        /// <summary>The listed file of a Delete item (no definition).</summary>
        public DIFile Orphan { get; set; }

        public DITaskPlan Plan { get; set; }

        /// <summary>UpdateDISyncTask parts: new content, resource group, CU (null: unchanged).</summary>
        public string NewContent { get; set; }
        public string NewResourceGroup { get; set; }
        public double? NewCu { get; set; }
        public bool UpdateTask => NewContent != null || NewResourceGroup != null || NewCu.HasValue;

        /// <summary>UpdateFile: the schedule and description fields of the definition (ScheduleWorkflow sends those that differ).</summary>
        public bool UpdateSchedule { get; set; }

        /// <summary>The index of the level (dependency order) it is written in.</summary>
        public int Level { get; set; }

        public long? FileId => Live?.File.FileId ?? Orphan?.FileId;
    }

    /// <summary>What the plan reads and decides, for the cmdlets and for apply.</summary>
    internal sealed class DefinitionPlan
    {
        public long ProjectId { get; set; }
        public DIWorkspace Workspace { get; set; }
        public DefinitionSet Set { get; set; }
        public List<PlanItem> Items { get; } = new List<PlanItem>();
        public bool StandardMode => Workspace?.Mode == DIWorkspaceMode.Standard;

        /// <summary>The API calls the plan itself made.</summary>
        public long CallsSpent { get; set; }
    }

    /// <summary>
    /// Compare-DITaskDefinition (and the first half of Sync-): load the definition folder offline (refused with every
    /// finding when it has errors — nothing is called), read the workspace, find each task by folder + name, read the ones
    /// that exist, and decide per task: Create, Change (field-level differences), Submit, Deploy, Unchanged, or with
    /// -Delete, Delete. Reads only.
    /// </summary>
    internal sealed class DefinitionPlanWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        private const int Parallel = 8;

        /// <summary>Loads and checks the folder offline (no call). Throws DataWorksValidationException listing every error.</summary>
        public static DefinitionSet LoadOffline(string root, string stageFile, string workspaceIdentifier)
        {
            DefinitionSet set = DefinitionSet.Load(root, stageFile, workspaceIdentifier);
            ThrowIfErrors(set.Findings);
            return set;
        }

        internal static void ThrowIfErrors(IEnumerable<DefinitionFinding> findings)
        {
            DataWorksValidationException refused = DataWorksValidationException.FromFindings(findings.Select(ToValidationFinding), ErrorIds.InvalidDefinition,
                "The definitions have {0} problem(s); nothing was planned or applied (Test-DITaskDefinition lists them as objects)");
            if (refused != null) throw refused;
        }

        internal static ValidationFinding ToValidationFinding(DefinitionFinding f) =>
            new ValidationFinding(f.Code, f.Severity, f.File + (string.IsNullOrEmpty(f.Path) ? string.Empty : " " + f.Path), (f.Task.Length > 0 ? "[" + f.Task + "] " : string.Empty) + f.Message, f.Fix);

        /// <param name="set">Loaded offline already (LoadOffline); reloaded here with the workspace's identifier for ${workspace}.</param>
        /// <param name="limit">
        /// Sync-DITaskDefinition -MaxCalls: every read reserves its calls first, and before the tasks are read the plan checks
        /// that their reads fit; a plan that would pass the limit stops (throws the limit's CallLimitReached) before it does,
        /// having written nothing. Null: no limit.
        /// </param>
        /// <param name="projectId">The workspace (-ProjectId, or the piped plan's); null: the one the stage names, else the context's.</param>
        public async Task<DefinitionPlan> PlanAsync(DefinitionSet offline, string stageFile, long? projectId, bool delete, CancellationToken ct, CallLimit limit = null)
        {
            long before = Context.Client.Statistics.CallsMade;
            limit = limit ?? new CallLimit(Context.Client, null);
            var reader = new LiveTaskReader(Context, Log, null);
            long project = await reader.ProjectIdAsync(projectId, offline.Stage, ct).ConfigureAwait(false);
            DIWorkspace workspace = await limit.ReadAsync(1, "GetProject", () => reader.WorkspaceAsync(project, ct), PlanStopped(limit, "reading the workspace (GetProject)", 1)).ConfigureAwait(false);
            DefinitionSet set = DefinitionSet.Load(offline.Root, stageFile, workspace.Identifier);
            ThrowIfErrors(set.Findings);
            var plan = new DefinitionPlan { ProjectId = project, Workspace = workspace, Set = set };

            List<List<int>> levels = DependencyOrder.Levels(set.Physical, workspace.Identifier, out List<int> cycle);
            if (cycle.Count > 0)
            {
                ThrowIfErrors(cycle.Select(i => new DefinitionFinding(set.Physical[i].SourceFile, set.Physical[i].Identity, "$.schedule.inputList", DefinitionCodes.DependencyCycle, ValidationSeverity.Error,
                    "The task is part of a dependency cycle: its inputList names (through other tasks) its own output.", "Remove one of the inputList entries of the cycle.")));
            }
            var levelOf = new Dictionary<int, int>();
            for (int l = 0; l < levels.Count; l++) foreach (int i in levels[l]) levelOf[i] = l;

            var folders = set.Physical.Select(d => d.Folder).ToList();
            if (delete && set.Stage.FolderRoot.Length > 0) folders.Add(set.Stage.FolderRoot);
            List<DIFile> listed = await reader.ListAsync(project, folders, null, null, ct, limit).ConfigureAwait(false);
            var byIdentity = listed.GroupBy(f => TaskDefinition.Join(TaskDefinition.NormalizeFolder(f.FolderPath), f.FileName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

            // Under a call limit: the existing tasks' reads (GetFile and ListFileVersions each, ListResourceGroups once) must
            // fit before the first is made — a plan cut half-way is of no use, and its reads would be spent for nothing.
            int existing = set.Physical.Count(d => byIdentity.ContainsKey(d.Identity));
            if (limit.Max.HasValue && existing > 0)
            {
                int needed = 2 * existing + 1;
                if (limit.WouldPass(needed))
                {
                    limit.TryReserve(needed, "reading the tasks", PlanStopped(limit, $"reading the {existing} existing task(s) (GetFile and ListFileVersions each, ListResourceGroups once)", needed));
                    throw limit.StoppedBy;
                }
                await limit.ReadAsync(1, "ListResourceGroups", () => reader.SchedulingGroupsAsync(ct), PlanStopped(limit, "ListResourceGroups", needed)).ConfigureAwait(false);
            }

            for (int i = 0; i < set.Physical.Count; i++)
                plan.Items.Add(new PlanItem { Logical = set.Logical[i], Desired = set.Physical[i], Level = levelOf[i] });

            using (ProgressActivity bar = StartActivity($"Planning {plan.Items.Count} task definition(s) for workspace {workspace.Identifier} ({project})"))
            {
                int done = 0;
                await LiveTaskReader.ForEachAsync(plan.Items, Parallel, async item =>
                {
                    // GetFile and ListFileVersions (a second ListFileVersions page, read only when DataWorks lists a file's
                    // versions oldest first and it has more than ten, is not reserved: docs/definitions.md, Apply).
                    if (byIdentity.TryGetValue(item.Desired.Identity, out DIFile file))
                        item.Live = await limit.ReadAsync(2, "GetFile of " + item.Desired.Identity, () => reader.ReadAsync(project, file, ct), PlanStopped(limit, "reading " + item.Desired.Identity, 2)).ConfigureAwait(false);
                    Decide(item, plan);
                    int n = Interlocked.Increment(ref done);
                    bar.Report($"{n} of {plan.Items.Count}: {item.Desired.Identity}", 100 * n / Math.Max(1, plan.Items.Count));
                }).ConfigureAwait(false);
                bar.Complete();
            }

            if (delete)
            {
                var wanted = new HashSet<string>(set.Physical.Select(d => d.Identity), StringComparer.Ordinal);
                var scope = set.Stage.FolderRoot.Length > 0 ? new[] { set.Stage.FolderRoot } : set.Physical.Select(d => d.Folder).Distinct(StringComparer.Ordinal).ToArray();
                foreach (var pair in byIdentity.Where(p => !wanted.Contains(p.Key)))
                {
                    string folder = TaskDefinition.NormalizeFolder(pair.Value.FolderPath);
                    if (!scope.Any(s => folder == s || folder.StartsWith(s + "/", StringComparison.Ordinal))) continue;
                    var item = new PlanItem { Orphan = pair.Value, Level = levels.Count };
                    item.Plan = NewPlan(DITaskAction.Delete, set.Stage.LogicalFolder(folder) ?? folder, pair.Value.FileName, folder, project);
                    item.Plan.FileId = pair.Value.FileId;
                    item.Plan.Steps = plan.StandardMode ? "DeleteFile, DeployFile" : "DeleteFile";
                    item.Plan.Calls = plan.StandardMode ? 4 : 2;
                    plan.Items.Add(item);
                }
            }
            plan.CallsSpent = Context.Client.Statistics.CallsMade - before;
            Log.Verbose($"Plan for workspace {project}: " + string.Join(", ", plan.Items.GroupBy(i => i.Plan.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))
                + $"; {plan.CallsSpent} call(s) spent reading.");
            return plan;
        }

        /// <summary>The CallLimitReached message of a plan stopped by -MaxCalls: what it was about to read, what was spent, how to go on.</summary>
        private static Func<long, string> PlanStopped(CallLimit limit, string what, long calls) => spent =>
            $"Stopped while planning, before {what}: {calls} more call(s) would take the run past -MaxCalls {limit.Max} ({spent} call(s) spent so far, all of them reads). "
            + $"Nothing was written. The plan alone needs more than -MaxCalls allows: run Sync-DITaskDefinition again with -MaxCalls above {spent + calls} plus the calls of the writes (Compare-DITaskDefinition shows each task's Calls).";

        private static DITaskPlan NewPlan(DITaskAction action, string folder, string name, string folderPath, long projectId) =>
            new DITaskPlan { Kind = action, Folder = folder, Name = name, FolderPath = folderPath, ProjectId = projectId };

        /// <summary>Compares the desired task with the live one and fills the plan.</summary>
        internal static void Decide(PlanItem item, DefinitionPlan plan)
        {
            TaskDefinition desired = item.Desired;
            LiveTask live = item.Live;
            string hash = desired.Hash();
            DITaskPlan p = NewPlan(DITaskAction.Unchanged, item.Logical.Folder, desired.Name, desired.Folder, plan.ProjectId);
            p.DesiredHash = hash;
            p.SourceFile = desired.TemplateRow.HasValue ? $"{desired.SourceFile} (row {desired.TemplateRow})" : desired.SourceFile;
            item.Plan = p;
            var steps = new List<string>();
            int calls = 0;
            int scheduleCalls = 3 + (desired.Schedule["resourceGroupIdentifier"] != null ? 1 : 0);
            if (live == null)
            {
                p.Kind = DITaskAction.Create;
                steps.Add("CreateDISyncTask");
                steps.Add("UpdateFile");
                calls += 1 + scheduleCalls;
                item.UpdateSchedule = true;
            }
            else
            {
                p.FileId = live.File.FileId;
                p.RecordedHash = live.RecordedHash ?? string.Empty;
                var changes = new List<DITaskChange>();
                TaskDefinition current = live.Definition;
                if (!string.Equals(desired.Description ?? string.Empty, current.Description ?? string.Empty, StringComparison.Ordinal))
                {
                    changes.Add(new DITaskChange { Path = "description", Live = current.Description, Desired = desired.Description });
                    item.UpdateSchedule = true;
                }
                bool filesChanged = live.RecordedHash != hash;
                if (desired.ResourceGroup != null && (live.ResourceGroupKnown ? !string.Equals(desired.ResourceGroup, current.ResourceGroup, StringComparison.Ordinal) : filesChanged))
                {
                    changes.Add(new DITaskChange { Path = "resourceGroup", Live = live.ResourceGroupKnown ? current.ResourceGroup : "(not readable)", Desired = desired.ResourceGroup });
                    item.NewResourceGroup = desired.ResourceGroup;
                }
                if (desired.Cu.HasValue && (live.CuKnown ? current.Cu != desired.Cu : filesChanged))
                {
                    changes.Add(new DITaskChange { Path = "cu", Live = live.CuKnown ? (current.Cu.HasValue ? TaskDefinition.Format(current.Cu.Value) : string.Empty) : "(not readable)", Desired = TaskDefinition.Format(desired.Cu.Value) });
                    item.NewCu = desired.Cu;
                }
                if (current.Content == null)
                {
                    changes.Add(new DITaskChange { Path = "$.content", Live = live.UnreadableContent, Desired = CanonicalJson.Compact(desired.Content) });
                    item.NewContent = CanonicalJson.Compact(desired.Content);
                }
                else
                {
                    var diffs = JsonDiff.Differences(current.Content, desired.Content, "$.content");
                    if (diffs.Count > 0)
                    {
                        changes.AddRange(diffs.Select(d => new DITaskChange { Path = d.Path, Live = d.Left, Desired = d.Right }));
                        item.NewContent = CanonicalJson.Compact(desired.Content);
                    }
                }
                // The schedule is compared the way apply's UpdateFile step (ScheduleWorkflow, as Set-DIFileSchedule) compares
                // it: the same fields, against GetFile's values as DataWorks returns them (a numeric Type comes back "1").
                var keyOf = new Dictionary<string, ScheduleKey>(StringComparer.Ordinal);
                var fields = new List<ScheduleField>();
                foreach (ScheduleKey key in ScheduleKeys.All)
                {
                    JToken want = desired.Schedule[key.Name];
                    if (want == null || want.Type == JTokenType.Null) continue;
                    ScheduleField field = ScheduleKeys.Field(key, want);
                    keyOf[field.WireName] = key;
                    fields.Add(field);
                }
                foreach (ScheduleField field in ScheduleFields.Changed(fields, live.Wire, null, (string)current.Schedule["resourceGroupIdentifier"], out _))
                {
                    string name = keyOf[field.WireName].Name;
                    changes.Add(new DITaskChange { Path = "schedule." + name, Live = JsonDiff.Show(current.Schedule[name]), Desired = JsonDiff.Show(desired.Schedule[name]) });
                    item.UpdateSchedule = true;
                }
                p.Changes = changes.ToArray();
                if (item.UpdateTask) { steps.Add("UpdateDISyncTask"); calls += 1; }
                if (item.UpdateSchedule) { steps.Add("UpdateFile"); calls += scheduleCalls; }
                if (changes.Count > 0)
                {
                    p.Kind = DITaskAction.Change;
                    p.Drift = !filesChanged;
                }
                else if (!live.File.Committed || live.Latest == null || string.Equals(live.Latest.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
                    p.Kind = DITaskAction.Submit;
                else if (plan.StandardMode && !live.Latest.IsCurrentProd)
                    p.Kind = DITaskAction.Deploy;
            }
            if (p.Kind == DITaskAction.Create || p.Kind == DITaskAction.Change || p.Kind == DITaskAction.Submit)
            {
                steps.Add("SubmitFile");
                calls += 2;
            }
            if (plan.StandardMode && p.Kind != DITaskAction.Unchanged)
            {
                steps.Add("DeployFile");
                calls += 2;
            }
            p.Steps = string.Join(", ", steps);
            p.Calls = calls;
        }

        /// <summary>The UpdateFile fields of a definition (schedule and description), in wire form, for ScheduleWorkflow.</summary>
        internal static List<ScheduleField> ScheduleFieldsOf(TaskDefinition d)
        {
            var fields = new ScheduleFieldSet();
            foreach (ScheduleKey key in ScheduleKeys.All)
            {
                JToken value = d.Schedule[key.Name];
                if (value != null && value.Type != JTokenType.Null) key.AddTo(fields, value);
            }
            return fields.Description(d.Description).ToList();
        }

        internal static string Calls(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
