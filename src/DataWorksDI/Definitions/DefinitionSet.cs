using System.IO;
using DataWorksDI.Validation;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// A definition folder read offline: every *.json file under it (sub-folders included, in ordinal path order),
    /// templates expanded, the stage applied, and every offline check run — JSON shape, the content validator, cron and
    /// CycleType, ParaValue and the parameters the content uses, identity clashes, template and stage errors. Each problem
    /// is a <see cref="DefinitionFinding"/> with the file, the task and the JSON path.
    /// </summary>
    internal sealed class DefinitionSet
    {
        public string Root { get; private set; }
        public StageSettings Stage { get; private set; } = StageSettings.Empty;

        /// <summary>The definitions as written (templates expanded), in load order.</summary>
        public List<TaskDefinition> Logical { get; } = new List<TaskDefinition>();

        /// <summary>The same definitions with the stage applied (same order): what plan and apply compare and write.</summary>
        public List<TaskDefinition> Physical { get; } = new List<TaskDefinition>();

        public List<DefinitionFinding> Findings { get; } = new List<DefinitionFinding>();

        public bool HasErrors => Findings.Any(f => f.Severity == ValidationSeverity.Error);

        public IEnumerable<DefinitionFinding> Errors => Findings.Where(f => f.Severity == ValidationSeverity.Error);

        /// <summary>
        /// The definitions a folder already holds, by logical identity (folder + name), each with its source file (relative
        /// to <paramref name="root"/>) and template row: where export writes a task that is already defined (the file it
        /// came from, wherever it sits), and which tasks a template makes (export never writes those). Empty for a
        /// folder that does not exist; files that do not load are left out.
        /// </summary>
        public static Dictionary<string, TaskDefinition> Existing(string root)
        {
            if (!Directory.Exists(root)) return new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
            return Load(root, null, null).Logical.GroupBy(d => d.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }

        /// <param name="root">The definition folder.</param>
        /// <param name="stageFile">The stage file, or null for none.</param>
        /// <param name="workspaceIdentifier">The target workspace's identifier for ${workspace}, when known (online).</param>
        public static DefinitionSet Load(string root, string stageFile, string workspaceIdentifier)
        {
            var set = new DefinitionSet { Root = Path.GetFullPath(root) };
            set.LoadStage(stageFile);
            if (!Directory.Exists(set.Root))
            {
                set.Findings.Add(new DefinitionFinding(root, null, null, DefinitionCodes.NoDefinitions, ValidationSeverity.Error,
                    $"The definition folder '{root}' does not exist.", "Give -Path the folder that holds the definition files (Export-DITaskDefinition writes one)."));
                return set;
            }
            var files = Directory.GetFiles(set.Root, "*.json", SearchOption.AllDirectories)
                .Select(f => (Full: f, Relative: set.RelativePath(f)))
                .OrderBy(f => f.Relative, StringComparer.Ordinal).ToList();
            foreach (var file in files) set.LoadFile(file.Full, file.Relative);
            if (files.Count == 0)
            {
                set.Findings.Add(new DefinitionFinding(root, null, null, DefinitionCodes.NoDefinitions, ValidationSeverity.Warning,
                    $"The definition folder '{root}' holds no .json files.", "Export a workspace into it (Export-DITaskDefinition) or write definition files."));
            }
            if (set.Stage != null)
            {
                var mapper = new StageMapper(set.Stage, workspaceIdentifier);
                foreach (TaskDefinition logical in set.Logical)
                {
                    TaskDefinition physical = mapper.Forward(logical);
                    set.Physical.Add(physical);
                    set.Check(logical, physical, workspaceIdentifier);
                }
                set.CheckIdentities();
                set.CheckCycles(workspaceIdentifier);
            }
            return set;
        }

        private string RelativePath(string full) =>
            full.Substring(Root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/');

        private void LoadStage(string stageFile)
        {
            if (string.IsNullOrEmpty(stageFile)) return;
            Stage = StageSettings.Load(stageFile, stageFile, Findings);
        }

        private void LoadFile(string full, string relative)
        {
            JToken root;
            try
            {
                root = CanonicalJson.Parse(File.ReadAllText(full, CanonicalJson.Utf8NoBom));
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                Findings.Add(new DefinitionFinding(relative, null, "$", DefinitionCodes.MalformedJson, ValidationSeverity.Error,
                    "The file is not valid JSON: " + ex.Message, "Fix the JSON syntax at the line and position given."));
                return;
            }
            if (!(root is JObject o))
            {
                Findings.Add(new DefinitionFinding(relative, null, "$", DefinitionCodes.NotAnObject, ValidationSeverity.Error,
                    "A definition file holds one JSON object.", "Write {\"name\":…,\"folder\":…,\"content\":{…},\"schedule\":{…}}."));
                return;
            }
            JToken matrix = o["matrix"];
            if (matrix == null || matrix.Type == JTokenType.Null)
            {
                TaskDefinition d = TaskDefinition.Read(o, relative, Findings);
                if (d == null) return;
                string expected = TaskDefinition.Join(d.Folder, d.Name) + ".json";
                if (!string.Equals(expected, relative, StringComparison.Ordinal) && d.Name.IndexOf("${", StringComparison.Ordinal) < 0 && d.Folder.IndexOf("${", StringComparison.Ordinal) < 0)
                {
                    Findings.Add(new DefinitionFinding(relative, d.Identity, "$", DefinitionCodes.PathMismatch, ValidationSeverity.Warning,
                        $"The file's place ('{relative}') does not match its folder and name ('{expected}'); the folder and name inside the file decide.",
                        $"Move the file to '{expected}' so the folder layout shows the workspace's (Export-DITaskDefinition writes it there)."));
                }
                Logical.Add(d);
                return;
            }
            List<Dictionary<string, string>> rows = TemplateMatrix.Rows(matrix, full, relative, Findings);
            if (rows == null) return;
            for (int i = 0; i < rows.Count; i++)
            {
                int before = Findings.Count;
                JObject expanded = TemplateMatrix.Expand(o, rows[i], i + 1, relative, Findings);
                if (Findings.Count > before) continue;
                TaskDefinition d = TaskDefinition.Read(expanded, relative, Findings);
                if (d == null) continue;
                d.TemplateRow = i + 1;
                Logical.Add(d);
            }
        }

        private string Where(TaskDefinition d) => d.TemplateRow.HasValue ? $"{d.SourceFile} (row {d.TemplateRow})" : d.SourceFile;

        /// <summary>The offline checks of one definition after the stage: the same checks New-/Set-DISyncTask and Set-DIFileSchedule make.</summary>
        private void Check(TaskDefinition logical, TaskDefinition d, string workspaceIdentifier)
        {
            string task = d.Identity;
            void Add(string path, string code, ValidationSeverity severity, string message, string fix) =>
                Findings.Add(new DefinitionFinding(d.SourceFile, task, path, code, severity, (d.TemplateRow.HasValue ? $"Row {d.TemplateRow}: " : string.Empty) + message, fix));

            var paraValue = d.Schedule["paraValue"]?.Type == JTokenType.String ? (string)d.Schedule["paraValue"] : null;
            IEnumerable<string> assigned = ScheduleParameters.Parse(paraValue ?? string.Empty).Keys;
            if (paraValue != null)
            {
                foreach (ValidationFinding f in ScheduleParameters.CheckParaValue(paraValue))
                    Add("$.schedule.paraValue", f.Code, f.Severity, f.Message, f.Fix);
                foreach (string clash in assigned.Where(a => Stage.Parameters.ContainsKey(a) || a == StageSettings.WorkspaceParameter))
                    Add("$.schedule.paraValue", DefinitionCodes.StageParameterClash, ValidationSeverity.Error,
                        $"'{clash}' is both a stage parameter and a scheduling parameter of this task, so ${{{clash}}} in the content would be replaced by the stage's value instead of reaching DataWorks.",
                        "Rename the stage parameter (or the scheduling parameter).");
            }
            if (d.Content != null)
            {
                TaskContentValidationResult content = new TaskContentValidator().Validate(CanonicalJson.Compact(d.Content), assigned);
                foreach (ValidationFinding f in content.Findings)
                    Add("$.content" + (f.Path.StartsWith("$", StringComparison.Ordinal) ? f.Path.Substring(1) : (f.Path.Length > 0 ? "." + f.Path : string.Empty)), f.Code, f.Severity, f.Message, f.Fix);
            }
            string cron = d.Schedule["cron"]?.Type == JTokenType.String ? (string)d.Schedule["cron"] : null;
            string cycle = d.Schedule["cycleType"] != null ? ScheduleKeys.ToWire(ScheduleKeys.Find("cycleType"), d.Schedule["cycleType"]) : null;
            if (cron != null)
            {
                foreach (ValidationFinding f in DataWorksCron.Validate(cron, cycle).Findings)
                    Add("$.schedule." + (f.Path == "CycleType" ? "cycleType" : "cron"), f.Code, f.Severity, f.Message, f.Fix);
            }
            else if (cycle != null)
            {
                Add("$.schedule.cycleType", DefinitionCodes.InvalidValue, ValidationSeverity.Error, "cycleType is given without cron, so the two cannot be checked to agree.",
                    "Give schedule.cron too (CycleType must agree with it: NotDay for minute/hour schedules, Day for day/week/month).");
            }
            // ${…} left where no DataWorks parameter can be: the stage (or ${workspace} offline) did not fill it.
            var places = new List<(string Path, string Text)> { ("$.name", d.Name), ("$.folder", d.Folder), ("$.resourceGroup", d.ResourceGroup),
                ("$.schedule.resourceGroupIdentifier", (string)d.Schedule["resourceGroupIdentifier"]) };
            if (d.Schedule["inputList"] is JArray inputs) places.AddRange(inputs.Select((x, i) => ($"$.schedule.inputList[{i}]", (string)x)));
            foreach (var (path, text) in places)
            {
                foreach (string token in StageMapper.TokensIn(text))
                {
                    bool offlineWorkspace = token == StageSettings.WorkspaceParameter && string.IsNullOrEmpty(workspaceIdentifier) && string.IsNullOrEmpty(Stage.ProjectIdentifier);
                    Add(path, DefinitionCodes.StageUnsetParameter, offlineWorkspace ? ValidationSeverity.Information : ValidationSeverity.Error,
                        offlineWorkspace ? "${workspace} is filled with the target workspace's identifier when the definitions are planned or applied."
                                         : $"${{{token}}} has no value: the stage{(Stage.File == null ? " (none given)" : " " + Stage.File)} does not define the parameter '{token}'.",
                        offlineWorkspace ? "Nothing to do (give the stage a workspace identifier to see the value offline)."
                                         : $"Add \"{token}\" to the stage's \"parameters\", or give -Stage.");
                }
            }
            if (d.Name.Length == 0 || d.Name.Length > 128 || d.Name.Contains("/"))
                Add("$.name", DefinitionCodes.InvalidValue, ValidationSeverity.Error, $"The task name '{d.Name}' is not allowed.", "A task name is 1 to 128 characters without '/'.");
            if (d.Folder.Length == 0)
                Add("$.folder", DefinitionCodes.MissingKey, ValidationSeverity.Error, "The task has no folder (folderRoot and folder are both empty).",
                    "Give the definition a folder such as \"Data Integration\" and the stage a folderRoot such as \"Business Flow/sales\".");
        }

        /// <summary>
        /// A task whose inputList names (through other tasks) its own output cannot be ordered. Offline the outputs are
        /// still written ${workspace}.&lt;name&gt; unless the stage names the workspace, so the token stands for it.
        /// </summary>
        private void CheckCycles(string workspaceIdentifier)
        {
            string identifier = !string.IsNullOrEmpty(workspaceIdentifier) ? workspaceIdentifier
                : !string.IsNullOrEmpty(Stage.ProjectIdentifier) ? Stage.ProjectIdentifier : "${" + StageSettings.WorkspaceParameter + "}";
            DependencyOrder.Levels(Physical, identifier, out List<int> cycle);
            foreach (int i in cycle.Where(i => DependencyOrder.InCycle(Physical, identifier, i)))
            {
                Findings.Add(new DefinitionFinding(Physical[i].SourceFile, Physical[i].Identity, "$.schedule.inputList", DefinitionCodes.DependencyCycle, ValidationSeverity.Error,
                    "The task is part of a dependency cycle: its inputList names (through other tasks) its own output.", "Remove one of the inputList entries of the cycle."));
            }
        }

        private void CheckIdentities()
        {
            foreach (var clash in Physical.Select((d, i) => (d, i)).GroupBy(x => x.d.Identity, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var all = clash.ToList();
                bool template = all.Any(x => x.d.TemplateRow.HasValue);
                foreach (var (d, _) in all.Skip(1))
                {
                    Findings.Add(new DefinitionFinding(d.SourceFile, d.Identity, "$.name", template ? DefinitionCodes.TemplateDuplicate : DefinitionCodes.DuplicateTask, ValidationSeverity.Error,
                        $"{Where(d)} gives the same folder and name as {Where(all[0].d)}: '{d.Identity}'.",
                        "Give every task its own folder + name (in a template, use a {{column}} in the name)."));
                }
            }
        }
    }
}
