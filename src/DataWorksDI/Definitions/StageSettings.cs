using System.IO;
using System.Text.RegularExpressions;
using DataWorksDI.Validation;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// A stage file (stages/&lt;name&gt;.json): the workspace and everything that differs between workspaces. Maps are
    /// logical → physical and are applied at known places only (StageMapper); ${name} tokens are the free-form escape
    /// hatch. An empty stage (no file) maps nothing, so a definition folder works in one workspace without one.
    /// </summary>
    internal sealed class StageSettings
    {
        public static readonly string[] Keys = { "workspace", "folderRoot", "dataSources", "resourceGroups", "schedulingResourceGroups", "outputs", "parameters" };

        /// <summary>The built-in parameter: the target workspace's identifier (${workspace}).</summary>
        public const string WorkspaceParameter = "workspace";

        public string File { get; set; }
        public long? ProjectId { get; set; }
        public string ProjectIdentifier { get; set; }
        public string FolderRoot { get; set; } = string.Empty;
        public Dictionary<string, string> DataSources { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public Dictionary<string, string> ResourceGroups { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public Dictionary<string, string> SchedulingResourceGroups { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public Dictionary<string, string> Outputs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public Dictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public static StageSettings Empty => new StageSettings();

        /// <summary>Reads and checks a stage file; problems go to <paramref name="findings"/>. Null when it cannot be used.</summary>
        public static StageSettings Load(string path, string displayName, List<DefinitionFinding> findings)
        {
            int before = findings.Count;
            void Add(string jsonPath, string code, string message, string fix) =>
                findings.Add(new DefinitionFinding(displayName, null, jsonPath, code, ValidationSeverity.Error, message, fix));
            if (!System.IO.File.Exists(path))
            {
                Add("$", DefinitionCodes.StageMalformed, $"The stage file '{path}' does not exist.", "Give -Stage the path of a stage file, such as ./stages/dev.json.");
                return null;
            }
            JToken root;
            try
            {
                root = CanonicalJson.Parse(System.IO.File.ReadAllText(path, CanonicalJson.Utf8NoBom));
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                Add("$", DefinitionCodes.StageMalformed, "The stage file is not valid JSON: " + ex.Message, "Fix the JSON syntax at the line and position given.");
                return null;
            }
            if (!(root is JObject o))
            {
                Add("$", DefinitionCodes.StageMalformed, "A stage file holds a JSON object.", "Write {\"workspace\":{\"projectId\":…},\"folderRoot\":…,\"dataSources\":{…}}.");
                return null;
            }
            var stage = new StageSettings { File = displayName };
            foreach (JProperty p in o.Properties())
            {
                if (Array.IndexOf(Keys, p.Name) >= 0) continue;
                Add("$." + p.Name, DefinitionCodes.StageUnknownKey, $"'{p.Name}' is not a stage key.",
                    DefinitionCodes.UseKnownNames("Use ", Keys, p.Name));
            }
            if (o["workspace"] is JObject ws)
            {
                foreach (JProperty p in ws.Properties())
                {
                    if (p.Name == "projectId" && p.Value.Type == JTokenType.Integer && p.Value.Value<long>() > 0) stage.ProjectId = p.Value.Value<long>();
                    else if (p.Name == "identifier" && p.Value.Type == JTokenType.String && ((string)p.Value).Trim().Length > 0) stage.ProjectIdentifier = ((string)p.Value).Trim();
                    else Add("$.workspace." + p.Name, DefinitionCodes.StageMalformed, $"workspace.{p.Name} is not a workspace id (a positive number 'projectId') or an 'identifier' string.",
                        "Write \"workspace\": {\"projectId\": 10000} or {\"identifier\": \"my_workspace\"}; the region and endpoint come from the context (Connect-DIWorkspace).");
                }
            }
            else if (o["workspace"] != null && o["workspace"].Type != JTokenType.Null)
            {
                Add("$.workspace", DefinitionCodes.StageMalformed, "workspace must be an object.", "Write \"workspace\": {\"projectId\": 10000}.");
            }
            JToken rootFolder = o["folderRoot"];
            if (rootFolder != null && rootFolder.Type != JTokenType.Null)
            {
                if (rootFolder.Type != JTokenType.String) Add("$.folderRoot", DefinitionCodes.StageMalformed, "folderRoot must be a string.", "Write the folder path the definitions' folders are relative to, e.g. \"Business Flow/sales_dev\".");
                else stage.FolderRoot = TaskDefinition.NormalizeFolder((string)rootFolder);
            }
            ReadMap(o, "dataSources", stage.DataSources, Add);
            ReadMap(o, "resourceGroups", stage.ResourceGroups, Add);
            ReadMap(o, "schedulingResourceGroups", stage.SchedulingResourceGroups, Add);
            ReadMap(o, "outputs", stage.Outputs, Add);
            ReadMap(o, "parameters", stage.Parameters, Add);
            if (stage.Parameters.ContainsKey(WorkspaceParameter))
                Add("$.parameters." + WorkspaceParameter, DefinitionCodes.StageMalformed, "'workspace' is a built-in parameter: ${workspace} is the target workspace's identifier.", "Give the parameter another name.");
            foreach (string bad in stage.Parameters.Keys.Where(k => !ParameterName.IsMatch(k)))
                Add("$.parameters." + bad, DefinitionCodes.StageMalformed, $"'{bad}' is not a parameter name.", "Use letters, digits and underscores.");
            return findings.Count > before ? null : stage;
        }

        internal static readonly Regex ParameterName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private static void ReadMap(JObject o, string key, Dictionary<string, string> map, Action<string, string, string, string> add)
        {
            JToken t = o[key];
            if (t == null || t.Type == JTokenType.Null) return;
            if (!(t is JObject m))
            {
                add("$." + key, DefinitionCodes.StageMalformed, $"{key} must be an object of names.", $"Write \"{key}\": {{\"logical_name\": \"physical_name\"}}.");
                return;
            }
            foreach (JProperty p in m.Properties())
            {
                if (p.Value.Type != JTokenType.String || ((string)p.Value).Trim().Length == 0)
                    add("$." + key + "." + p.Name, DefinitionCodes.StageMalformed, $"{key}.{p.Name} must be a non-empty string.", "Map each logical name to the workspace's name for it.");
                else
                    map[p.Name] = ((string)p.Value).Trim();
            }
        }

        /// <summary>
        /// Export's reverse maps (physical → logical) must be unambiguous: two logical names for one physical name cannot be
        /// told apart. One finding per ambiguous map entry.
        /// </summary>
        public IEnumerable<DefinitionFinding> ReverseMapProblems()
        {
            foreach (var (key, map) in new[] { ("dataSources", DataSources), ("resourceGroups", ResourceGroups), ("schedulingResourceGroups", SchedulingResourceGroups), ("outputs", Outputs) })
            {
                foreach (var group in map.GroupBy(kv => kv.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    yield return new DefinitionFinding(File, null, "$." + key, DefinitionCodes.StageAmbiguousReverse, ValidationSeverity.Error,
                        $"{key} maps {string.Join(" and ", group.Select(g => "'" + g.Key + "'"))} to the same name '{group.Key}', so an export cannot tell which logical name to write.",
                        "Give each logical name its own physical name in this stage, or export without -Stage.");
                }
            }
        }

        public static Dictionary<string, string> Reverse(Dictionary<string, string> map) =>
            map.GroupBy(kv => kv.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

        /// <summary>The physical folder of a definition folder: folderRoot/folder.</summary>
        public string PhysicalFolder(string folder) =>
            FolderRoot.Length == 0 ? TaskDefinition.NormalizeFolder(folder) : TaskDefinition.NormalizeFolder(FolderRoot + "/" + TaskDefinition.NormalizeFolder(folder));

        /// <summary>The definition folder of a physical folder, or null when it is outside folderRoot.</summary>
        public string LogicalFolder(string physical)
        {
            physical = TaskDefinition.NormalizeFolder(physical);
            if (FolderRoot.Length == 0) return physical;
            if (physical == FolderRoot) return string.Empty;
            return physical.StartsWith(FolderRoot + "/", StringComparison.Ordinal) ? physical.Substring(FolderRoot.Length + 1) : null;
        }
    }
}
