using System.Globalization;
using DataWorksDI.Validation;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// One batch sync task as code: identity (folder relative to the stage's folder root, and name), description, the DI
    /// resource group and CU, the task JSON and the schedule in canonical form (ScheduleKeys). Logical (as written in the
    /// files) or physical (after the stage), depending on where it is in the pipeline.
    /// </summary>
    internal sealed class TaskDefinition
    {
        /// <summary>The wrapper's keys, in file order ("matrix" only in templates, which export never writes).</summary>
        public static readonly string[] Keys = { "name", "folder", "description", "resourceGroup", "cu", "content", "schedule", "matrix" };

        public string Name { get; set; }

        /// <summary>Folder below the stage's folder root (logical) or the full folder path (physical); '/'-separated, no outer '/'.</summary>
        public string Folder { get; set; }

        public string Description { get; set; }

        /// <summary>TaskParam.ResourceGroup; null: the workspace's default on create, not compared afterwards.</summary>
        public string ResourceGroup { get; set; }

        public double? Cu { get; set; }

        public JObject Content { get; set; }

        /// <summary>Canonical schedule (ScheduleKeys); a key that is absent is not managed.</summary>
        public JObject Schedule { get; set; } = new JObject();

        /// <summary>Where it came from: the file, and the template row (1-based) when expanded from a matrix.</summary>
        public string SourceFile { get; set; }
        public int? TemplateRow { get; set; }

        public string Identity => Join(Folder, Name);

        /// <summary>Where export writes it: &lt;root&gt;/&lt;folder&gt;/&lt;name&gt;.json.</summary>
        public string FilePath(string root) =>
            System.IO.Path.Combine(new[] { root }.Concat((Folder ?? string.Empty).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries)).Concat(new[] { Name + ".json" }).ToArray());

        /// <summary>The file text export writes (CanonicalJson).</summary>
        public string FileText() => CanonicalJson.ToFileText(ToJson());

        public static string Join(string folder, string name) => string.IsNullOrEmpty(folder) ? name : folder + "/" + name;

        public static string NormalizeFolder(string folder) => (folder ?? string.Empty).Trim().Trim('/').Trim();

        public TaskDefinition Clone() => new TaskDefinition
        {
            Name = Name,
            Folder = Folder,
            Description = Description,
            ResourceGroup = ResourceGroup,
            Cu = Cu,
            Content = (JObject)Content?.DeepClone(),
            Schedule = (JObject)Schedule?.DeepClone() ?? new JObject(),
            SourceFile = SourceFile,
            TemplateRow = TemplateRow,
        };

        /// <summary>The file form: wrapper keys in fixed order, content keys sorted, schedule keys in ScheduleKeys order.</summary>
        public JObject ToJson()
        {
            var o = new JObject
            {
                ["name"] = Name,
                ["folder"] = Folder ?? string.Empty,
                ["description"] = Description ?? string.Empty,
                ["resourceGroup"] = ResourceGroup,
            };
            if (Cu.HasValue) o["cu"] = new JValue((decimal)Cu.Value);
            o["content"] = CanonicalJson.Sorted(Content ?? new JObject());
            var schedule = new JObject();
            foreach (ScheduleKey key in ScheduleKeys.All)
                if (Schedule != null && Schedule.TryGetValue(key.Name, out JToken v) && v.Type != JTokenType.Null) schedule[key.Name] = v.DeepClone();
            o["schedule"] = schedule;
            return o;
        }

        /// <summary>The desired-state hash: SHA-256 of the canonical one-line JSON of everything apply makes true.</summary>
        public string Hash() => CanonicalJson.Sha256Hex(CanonicalJson.Compact(ToJson()));

        /// <summary>
        /// Reads a definition object (templates already expanded). Problems are added to <paramref name="findings"/> (with
        /// the file and JSON path); returns null when the object cannot be used.
        /// </summary>
        public static TaskDefinition Read(JObject o, string file, List<DefinitionFinding> findings, string pathPrefix = "$")
        {
            int before = findings.Count;
            string task = null;
            void Add(string path, string code, string message, string fix, ValidationSeverity severity = ValidationSeverity.Error) =>
                findings.Add(new DefinitionFinding(file, task, pathPrefix + path, code, severity, message, fix));

            foreach (JProperty p in o.Properties())
            {
                if (Array.IndexOf(Keys, p.Name) >= 0) continue;
                Add("." + p.Name, DefinitionCodes.UnknownKey, $"'{p.Name}' is not a definition key.",
                    DefinitionCodes.UseKnownNames("Use only ", Keys.Take(7).ToArray(), p.Name));
            }
            string name = Str(o, "name", Add, required: true);
            string folder = Str(o, "folder", Add, required: false);
            var d = new TaskDefinition { Name = name?.Trim(), Folder = NormalizeFolder(folder), SourceFile = file };
            task = d.Name == null ? null : d.Identity;
            if (d.Name != null && (d.Name.Length == 0 || d.Name.Length > 128 || d.Name.Contains("/")))
                Add(".name", DefinitionCodes.InvalidValue, $"The task name '{d.Name}' is not allowed.", "A task name is 1 to 128 characters without '/'.");
            d.Description = Str(o, "description", Add, required: false) ?? string.Empty;
            d.ResourceGroup = Str(o, "resourceGroup", Add, required: false);
            if (string.IsNullOrWhiteSpace(d.ResourceGroup)) d.ResourceGroup = null;

            JToken cu = o["cu"];
            if (cu != null && cu.Type != JTokenType.Null)
            {
                if (cu.Type != JTokenType.Integer && cu.Type != JTokenType.Float)
                    Add(".cu", DefinitionCodes.WrongType, "cu must be a number.", "Write the CU as a number, such as 1.0 or 2.5.");
                else
                {
                    d.Cu = cu.Value<double>();
                    string problem = Services.SyncTaskService.CuProblem(d.Cu);
                    if (problem != null) Add(".cu", DefinitionCodes.InvalidValue, problem.Replace("-Cu", "cu"), "Use a positive multiple of 0.5.");
                }
            }

            JToken content = o["content"];
            if (content == null || content.Type == JTokenType.Null)
                Add(".content", DefinitionCodes.MissingKey, "The definition has no content.", "Add \"content\": the batch task JSON ({\"type\":\"job\",\"version\":\"2.0\",\"steps\":[…]}).");
            else if (!(content is JObject co))
                Add(".content", DefinitionCodes.WrongType, "content must be a JSON object (the task JSON itself, not a string).", "Write the task JSON as an object under \"content\".");
            else
                d.Content = co;

            JToken schedule = o["schedule"];
            if (schedule != null && schedule.Type != JTokenType.Null)
            {
                if (!(schedule is JObject so))
                {
                    Add(".schedule", DefinitionCodes.WrongType, "schedule must be an object.", "Write the schedule as an object such as {\"cron\":\"00 30 05 * * ?\",\"cycleType\":\"Day\"}.");
                }
                else
                {
                    foreach (JProperty p in so.Properties())
                    {
                        ScheduleKey key = ScheduleKeys.Find(p.Name);
                        if (key == null)
                        {
                            string[] names = ScheduleKeys.All.Select(k => k.Name).ToArray();
                            bool known = p.Name == "outputList" || p.Name == "dependentNodeId";
                            Add(".schedule." + p.Name, known ? DefinitionCodes.UnsupportedSchedule : DefinitionCodes.UnknownKey,
                                known ? $"'{p.Name}' is not managed by definitions: it holds names or ids that exist in one workspace only."
                                      : $"'{p.Name}' is not a schedule key.",
                                known ? "Remove it; set it with Set-DIFileSchedule in each workspace if needed."
                                      : DefinitionCodes.UseKnownNames("Use the Set-DIFileSchedule parameter names: ", names, p.Name));
                            continue;
                        }
                        JToken value = ScheduleKeys.Normalize(key, p.Value, out string problem);
                        if (problem != null) Add(".schedule." + p.Name, DefinitionCodes.InvalidValue, $"schedule.{p.Name} {problem}.", $"Fix schedule.{p.Name} ({problem}).");
                        else if (value != null) d.Schedule[key.Name] = value;
                    }
                    if (d.Schedule.TryGetValue("dependentType", out JToken dependent) && (string)dependent == nameof(DIDependentType.UserDefine))
                        Add(".schedule.dependentType", DefinitionCodes.UnsupportedSchedule, "dependentType UserDefine needs node ids, which definitions do not carry (they exist in one workspace only).",
                            "Use None, Self or Child, or set UserDefine with Set-DIFileSchedule -DependentNodeId in each workspace.");
                }
            }
            return findings.Skip(before).Any(f => f.Severity == ValidationSeverity.Error) ? null : d;
        }

        private static string Str(JObject o, string key, Action<string, string, string, string, ValidationSeverity> add, bool required)
        {
            JToken t = o[key];
            if (t == null || t.Type == JTokenType.Null)
            {
                if (required) add("." + key, DefinitionCodes.MissingKey, $"The definition has no {key}.", $"Add \"{key}\".", ValidationSeverity.Error);
                return null;
            }
            if (t.Type != JTokenType.String)
            {
                add("." + key, DefinitionCodes.WrongType, $"{key} must be a string.", $"Write {key} as a JSON string.", ValidationSeverity.Error);
                return null;
            }
            return (string)t;
        }

        public override string ToString() => Identity;

        internal static string Format(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
    }
}
