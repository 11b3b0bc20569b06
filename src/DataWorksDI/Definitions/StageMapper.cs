using System.Text.RegularExpressions;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// Applies a stage to a definition (logical → physical, for plan and apply) or takes it back off (physical → logical,
    /// for export), at the known places only: the folder, the data source of each content step
    /// (steps[].parameter.datasource and steps[].parameter.connection[].datasource), the DI resource group, the schedule's
    /// resource group and its inputList. ${name} tokens in any string are replaced by the stage's parameters (forward only);
    /// any other ${…} is left alone, because DataWorks' own scheduling parameters are written the same way.
    /// </summary>
    internal sealed class StageMapper
    {
        private static readonly Regex Token = new Regex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant);

        private readonly StageSettings _stage;
        private readonly string _workspaceIdentifier;

        /// <param name="workspaceIdentifier">The target workspace's identifier (the value of ${workspace}); null when not known (offline), then ${workspace} stays as written.</param>
        public StageMapper(StageSettings stage, string workspaceIdentifier)
        {
            _stage = stage ?? StageSettings.Empty;
            _workspaceIdentifier = string.IsNullOrEmpty(workspaceIdentifier) ? stage?.ProjectIdentifier : workspaceIdentifier;
        }

        public StageSettings Stage => _stage;

        /// <summary>The ${name} tokens of a text that the stage cannot fill (only names that look like stage parameters are reported by the caller).</summary>
        public static IEnumerable<string> TokensIn(string text) => Token.Matches(text ?? string.Empty).Cast<Match>().Select(m => m.Groups[1].Value);

        public string ReplaceTokens(string text)
        {
            if (string.IsNullOrEmpty(text) || text.IndexOf("${", StringComparison.Ordinal) < 0) return text;
            return Token.Replace(text, m =>
            {
                string name = m.Groups[1].Value;
                if (name == StageSettings.WorkspaceParameter) return _workspaceIdentifier ?? m.Value;
                return _stage.Parameters.TryGetValue(name, out string value) ? value : m.Value;
            });
        }

        private JToken ReplaceTokens(JToken token)
        {
            switch (token)
            {
                case JObject o:
                    foreach (JProperty p in o.Properties().ToList()) p.Value = ReplaceTokens(p.Value);
                    return o;
                case JArray a:
                    for (int i = 0; i < a.Count; i++) a[i] = ReplaceTokens(a[i]);
                    return a;
                case JValue v when v.Type == JTokenType.String:
                    return new JValue(ReplaceTokens((string)v));
                default:
                    return token;
            }
        }

        /// <summary>The physical definition: tokens filled, then the maps applied.</summary>
        public TaskDefinition Forward(TaskDefinition logical)
        {
            TaskDefinition d = logical.Clone();
            d.Name = ReplaceTokens(d.Name);
            d.Folder = _stage.PhysicalFolder(ReplaceTokens(d.Folder));
            d.Description = ReplaceTokens(d.Description);
            d.ResourceGroup = Map(_stage.ResourceGroups, ReplaceTokens(d.ResourceGroup));
            d.Content = (JObject)ReplaceTokens(d.Content);
            d.Schedule = (JObject)ReplaceTokens(d.Schedule);
            MapDataSources(d.Content, _stage.DataSources);
            MapSchedule(d.Schedule, _stage.SchedulingResourceGroups, _stage.Outputs);
            return d;
        }

        /// <summary>
        /// The logical definition of a live (physical) task, for export: the reverse maps, the folder made relative to
        /// folderRoot, and inputList entries of the workspace's own outputs written with ${workspace}
        /// (&lt;identifier&gt;_root → ${workspace}_root, &lt;identifier&gt;.x → ${workspace}.x), so they work in another workspace.
        /// </summary>
        public TaskDefinition Reverse(TaskDefinition physical)
        {
            TaskDefinition d = physical.Clone();
            d.Folder = _stage.LogicalFolder(d.Folder);
            d.ResourceGroup = Map(StageSettings.Reverse(_stage.ResourceGroups), d.ResourceGroup);
            MapDataSources(d.Content, StageSettings.Reverse(_stage.DataSources));
            MapSchedule(d.Schedule, StageSettings.Reverse(_stage.SchedulingResourceGroups), StageSettings.Reverse(_stage.Outputs));
            if (!string.IsNullOrEmpty(_workspaceIdentifier) && d.Schedule["inputList"] is JArray inputs)
            {
                string root = _workspaceIdentifier + "_root", prefix = _workspaceIdentifier + ".";
                var rewritten = inputs.Select(i => (string)i).Select(n =>
                    n == root ? "${" + StageSettings.WorkspaceParameter + "}_root"
                    : n.StartsWith(prefix, StringComparison.Ordinal) ? "${" + StageSettings.WorkspaceParameter + "}." + n.Substring(prefix.Length)
                    : n);
                d.Schedule["inputList"] = new JArray(rewritten.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal));
            }
            return d;
        }

        private static string Map(Dictionary<string, string> map, string name) =>
            name != null && map.TryGetValue(name, out string mapped) ? mapped : name;

        /// <summary>Every place a content step names a data source: parameter.datasource and parameter.connection[].datasource.</summary>
        public static IEnumerable<(JObject Holder, string Path)> DataSourcePlaces(JObject content)
        {
            if (!(content?["steps"] is JArray steps)) yield break;
            for (int i = 0; i < steps.Count; i++)
            {
                if (!(steps[i]?["parameter"] is JObject parameter)) continue;
                if (parameter["datasource"]?.Type == JTokenType.String) yield return (parameter, $"$.content.steps[{i}].parameter.datasource");
                if (parameter["connection"] is JArray connections)
                    for (int c = 0; c < connections.Count; c++)
                        if (connections[c] is JObject conn && conn["datasource"]?.Type == JTokenType.String)
                            yield return (conn, $"$.content.steps[{i}].parameter.connection[{c}].datasource");
            }
        }

        private static void MapDataSources(JObject content, Dictionary<string, string> map)
        {
            if (map.Count == 0) return;
            foreach (var (holder, _) in DataSourcePlaces(content).ToList())
                holder["datasource"] = Map(map, (string)holder["datasource"]);
        }

        private static void MapSchedule(JObject schedule, Dictionary<string, string> groups, Dictionary<string, string> outputs)
        {
            if (schedule["resourceGroupIdentifier"]?.Type == JTokenType.String)
                schedule["resourceGroupIdentifier"] = Map(groups, (string)schedule["resourceGroupIdentifier"]);
            if (schedule["inputList"] is JArray inputs && outputs.Count > 0)
                schedule["inputList"] = new JArray(inputs.Select(i => Map(outputs, (string)i)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal));
        }
    }
}
