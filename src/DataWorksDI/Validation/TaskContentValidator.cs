using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace DataWorksDI.Validation
{
    /// <summary>
    /// Checks a batch (DI_OFFLINE, "script mode") TaskContent before CreateDISyncTask / UpdateDISyncTask is called.
    /// The content is parsed only to be inspected — it is never re-modelled or re-serialised, so what the caller sends
    /// is exactly what it wrote. Every rule and its source is listed in docs/validation-rules.md. The plugin-specific
    /// rules come from <see cref="PluginCatalog"/> (TaskContentValidator.Plugins.cs); the hop graph checks are in
    /// TaskContentValidator.Graph.cs.
    /// </summary>
    public sealed partial class TaskContentValidator
    {
        private static readonly Regex VariableReference = new Regex(@"\$\{([^{}]*)\}", RegexOptions.CultureInvariant);
        private static readonly Regex ExpressionReference = new Regex(@"\$\[[^\[\]]*\]", RegexOptions.CultureInvariant);
        private static readonly Regex BareBuiltIn = new Regex(@"\$(" + string.Join("|", ScheduleParameters.BuiltInParameters) + @")(?![A-Za-z0-9_])",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly IWorkspaceCatalog _catalog;

        /// <summary>A validator without workspace look-ups.</summary>
        public TaskContentValidator()
            : this(null)
        {
        }

        /// <summary>A validator that also asks <paramref name="catalog"/> whether data sources and resource groups exist.</summary>
        public TaskContentValidator(IWorkspaceCatalog catalog)
        {
            _catalog = catalog;
        }

        /// <summary>Validates the content without checking parameter assignments or a resource group.</summary>
        public TaskContentValidationResult Validate(string content) => Validate(content, null, null);

        /// <summary>
        /// Validates the content and checks every <c>${name}</c> it references against <paramref name="assignedParameters"/>
        /// (the names assigned in ParaValue). Null skips the assignment check; an empty list means nothing is assigned.
        /// </summary>
        public TaskContentValidationResult Validate(string content, IEnumerable<string> assignedParameters) =>
            Validate(content, assignedParameters, null);

        /// <summary>
        /// As <see cref="Validate(string, IEnumerable{string})"/>, and when a catalog was given also checks that
        /// <paramref name="resourceGroupIdentifier"/> (TaskParam.ResourceGroup) exists.
        /// </summary>
        public TaskContentValidationResult Validate(string content, IEnumerable<string> assignedParameters, string resourceGroupIdentifier)
        {
            var run = new Run(_catalog);
            run.Execute(content, assignedParameters?.ToList(), resourceGroupIdentifier);
            return new TaskContentValidationResult(run.Findings, run.References);
        }

        /// <summary>
        /// The scheduling-parameter references in one piece of text, as described for
        /// <see cref="TaskContentValidationResult.ReferencedParameters"/>.
        /// </summary>
        public static IReadOnlyList<string> FindParameterReferences(string text)
        {
            var found = new List<string>();
            foreach (var r in ScanReferences(text ?? string.Empty))
            {
                if (!found.Contains(r.Key)) found.Add(r.Key);
            }
            return found.AsReadOnly();
        }

        private enum ReferenceKind
        {
            Variable,
            Expression,
            BuiltIn,
        }

        private sealed class Reference
        {
            public string Key;
            public ReferenceKind Kind;
            public string Written;
        }

        private static IEnumerable<Reference> ScanReferences(string text)
        {
            var hits = new List<KeyValuePair<int, Reference>>();
            foreach (Match m in VariableReference.Matches(text))
                hits.Add(new KeyValuePair<int, Reference>(m.Index, new Reference { Key = m.Groups[1].Value, Kind = ReferenceKind.Variable, Written = m.Value }));
            foreach (Match m in ExpressionReference.Matches(text))
                hits.Add(new KeyValuePair<int, Reference>(m.Index, new Reference { Key = m.Value, Kind = ReferenceKind.Expression, Written = m.Value }));
            foreach (Match m in BareBuiltIn.Matches(text))
                hits.Add(new KeyValuePair<int, Reference>(m.Index, new Reference { Key = m.Value, Kind = ReferenceKind.BuiltIn, Written = m.Value }));
            return hits.OrderBy(h => h.Key).Select(h => h.Value);
        }

        /// <summary>One validation pass: the findings and references it accumulates.</summary>
        private sealed partial class Run
        {
            private readonly IWorkspaceCatalog _catalog;
            private readonly List<StepInfo> _steps = new List<StepInfo>();
            private readonly List<KeyValuePair<string, JToken>> _dataSources = new List<KeyValuePair<string, JToken>>();

            public Run(IWorkspaceCatalog catalog)
            {
                _catalog = catalog;
            }

            public List<ValidationFinding> Findings { get; } = new List<ValidationFinding>();

            public List<string> References { get; } = new List<string>();

            public void Execute(string content, List<string> assigned, string resourceGroup)
            {
                CheckResourceGroup(resourceGroup);
                if (string.IsNullOrWhiteSpace(content))
                {
                    Add(ValidationCodes.ContentEmpty, ValidationSeverity.Error, "$", null,
                        content == null ? "The task content is missing." : "The task content is empty.",
                        "Give the script-mode job JSON: {\"type\":\"job\",\"version\":\"2.0\",\"steps\":[reader, writer],\"setting\":{…},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}.");
                    return;
                }

                JToken root = Parse(content);
                if (root == null) return;
                ScanSyntax(content);

                if (!(root is JObject job))
                {
                    Add(ValidationCodes.ContentNotObject, ValidationSeverity.Error, "$", root,
                        $"The task content is a JSON {Describe(root.Type)}, not an object.",
                        root.Type == JTokenType.Array
                            ? "Send one job object, not an array: {\"type\":\"job\",\"version\":\"2.0\",\"steps\":[…],…}; a task has exactly one job."
                            : "Send the job object: {\"type\":\"job\",\"version\":\"2.0\",\"steps\":[…],\"setting\":{…},\"order\":{…}}.");
                    return;
                }

                if (job["job"] is JObject dataxJob && job["steps"] == null)
                {
                    ReportDataX(dataxJob);
                    return;
                }

                CheckTypeAndVersion(job);
                CheckSteps(job);
                CheckSetting(job);
                var hops = CheckOrder(job);
                CheckGraph(hops);
                CheckColumns(hops);
                CheckParameters(job, assigned);
                CheckDataSourcesInWorkspace();
            }

            // ------------------------------------------------------------ parsing

            private JToken Parse(string content)
            {
                try
                {
                    using (var reader = new JsonTextReader(new StringReader(content)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal })
                    {
                        var token = JToken.ReadFrom(reader, new JsonLoadSettings
                        {
                            LineInfoHandling = LineInfoHandling.Load,
                            CommentHandling = CommentHandling.Ignore,
                            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
                        });
                        while (reader.Read())
                        {
                            // Only comments may follow the document; anything else makes the reader throw.
                        }
                        return token;
                    }
                }
                catch (JsonReaderException ex)
                {
                    string reason = StripLocation(ex.Message);
                    Findings.Add(new ValidationFinding(ValidationCodes.ContentMalformedJson, ValidationSeverity.Error, string.IsNullOrEmpty(ex.Path) ? "$" : JsonPath(ex.Path),
                        $"The task content is not valid JSON: {reason} (line {ex.LineNumber}, position {ex.LinePosition}).",
                        "Correct the JSON at that position (a missing comma, quote or bracket is the usual cause). When passing a hashtable or object, let the cmdlet convert it instead of building the string by hand.",
                        ex.LineNumber, ex.LinePosition));
                    return null;
                }
            }

            private static string StripLocation(string message)
            {
                // Newtonsoft appends " Path '…', line n, position m." — the finding reports those separately.
                int at = message.IndexOf(" Path '", StringComparison.Ordinal);
                if (at < 0) at = message.IndexOf(", line ", StringComparison.Ordinal);
                string reason = at >= 0 ? message.Substring(0, at) : message;
                return reason.TrimEnd(' ', '.', ',');
            }

            /// <summary>Duplicate keys and non-standard JSON that Newtonsoft tolerates (comments, single quotes, NaN…).</summary>
            private void ScanSyntax(string content)
            {
                var keys = new Stack<HashSet<string>>();
                bool reportedNonStandard = false;
                using (var reader = new JsonTextReader(new StringReader(content)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double })
                {
                    while (reader.Read())
                    {
                        string nonStandard = null;
                        switch (reader.TokenType)
                        {
                            case JsonToken.StartObject:
                                keys.Push(new HashSet<string>(StringComparer.Ordinal));
                                break;
                            case JsonToken.EndObject:
                                keys.Pop();
                                break;
                            case JsonToken.PropertyName:
                                string name = (string)reader.Value;
                                if (!keys.Peek().Add(name))
                                {
                                    Findings.Add(new ValidationFinding(ValidationCodes.ContentDuplicateKey, ValidationSeverity.Warning, JsonPath(reader.Path),
                                        $"Key '{name}' appears more than once in the same object; only one of the values will be used (this validator checks the last one, the service may take either).",
                                        $"Keep a single '{name}' key in that object.", reader.LineNumber, reader.LinePosition));
                                }
                                if (reader.QuoteChar != '"') nonStandard = reader.QuoteChar == '\'' ? "a single-quoted key" : "an unquoted key";
                                break;
                            case JsonToken.String:
                                if (reader.QuoteChar != '"') nonStandard = "a single-quoted string";
                                break;
                            case JsonToken.Comment:
                                nonStandard = "a comment";
                                break;
                            case JsonToken.Undefined:
                                nonStandard = "'undefined'";
                                break;
                            case JsonToken.StartConstructor:
                                nonStandard = "a constructor call";
                                break;
                            case JsonToken.Float:
                                if (reader.Value is double d && (double.IsNaN(d) || double.IsInfinity(d))) nonStandard = "NaN or Infinity";
                                break;
                        }

                        if (nonStandard != null && !reportedNonStandard)
                        {
                            reportedNonStandard = true;
                            Findings.Add(new ValidationFinding(ValidationCodes.ContentNonStandardJson, ValidationSeverity.Warning, JsonPath(reader.Path),
                                $"The task content contains {nonStandard}, which standard JSON does not allow; the service is not documented to accept it (templates shown in the console carry // comments for reading only).",
                                "Send standard JSON: remove comments, use double quotes for keys and strings, and write numbers as plain numbers.",
                                reader.LineNumber, reader.LinePosition));
                        }
                    }
                }
            }

            // ------------------------------------------------------------ DataX shape

            private void ReportDataX(JObject dataxJob)
            {
                var contents = dataxJob["content"] as JArray;
                var first = contents?.FirstOrDefault() as JObject;
                string readerPlugin = (first?["reader"] as JObject)?["name"]?.Type == JTokenType.String ? (string)first["reader"]["name"] : null;
                string writerPlugin = (first?["writer"] as JObject)?["name"]?.Type == JTokenType.String ? (string)first["writer"]["name"] : null;
                string readerType = StripSuffix(readerPlugin, "reader") ?? "<source type, e.g. mysql>";
                string writerType = StripSuffix(writerPlugin, "writer") ?? "<destination type, e.g. odps>";

                string found = readerPlugin != null || writerPlugin != null
                    ? $" (reader '{readerPlugin ?? "?"}', writer '{writerPlugin ?? "?"}'{(contents != null && contents.Count > 1 ? $", {contents.Count} content entries" : string.Empty)})"
                    : string.Empty;
                Add(ValidationCodes.ContentDataXShape, ValidationSeverity.Error, "$.job", dataxJob,
                    $"The task content is in the open-source DataX shape {{\"job\":{{\"content\":[{{\"reader\":…,\"writer\":…}}],\"setting\":…}}}}{found}; DataWorks rejects it and expects its script-mode shape with \"steps\".",
                    "Convert it: {\"type\":\"job\",\"version\":\"2.0\",\"steps\":["
                    + $"{{\"stepType\":\"{readerType}\",\"parameter\":{{…reader parameter…}},\"name\":\"Reader\",\"category\":\"reader\"}},"
                    + $"{{\"stepType\":\"{writerType}\",\"parameter\":{{…writer parameter…}},\"name\":\"Writer\",\"category\":\"writer\"}}],"
                    + "\"setting\":{…job.setting…},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}. "
                    + "stepType is the plugin name without its 'reader'/'writer' suffix; in each parameter replace jdbcUrl/username/password with \"datasource\":\"<registered data source name>\"; setting.speed.channel becomes setting.speed.concurrent.");
            }

            private static string StripSuffix(string plugin, string suffix)
            {
                if (string.IsNullOrEmpty(plugin)) return null;
                return plugin.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && plugin.Length > suffix.Length
                    ? plugin.Substring(0, plugin.Length - suffix.Length)
                    : plugin;
            }

            // ------------------------------------------------------------ type, version, steps

            private void CheckTypeAndVersion(JObject job)
            {
                CheckFixedText(job, "type", "job", ValidationCodes.ContentTypeMissing, "Add \"type\": \"job\" at the top level (a fixed value).",
                    ValidationCodes.ContentTypeInvalid, type => $"\"type\" is {Show(type)}; it is fixed to the string \"job\".", "Set \"type\": \"job\".");
                CheckFixedText(job, "version", "2.0", ValidationCodes.ContentVersionMissing, "Add \"version\": \"2.0\" at the top level (a fixed value, written as a string).",
                    ValidationCodes.ContentVersionInvalid,
                    version => version.Type == JTokenType.String
                        ? $"\"version\" is {Show(version)}; script-mode batch tasks use \"2.0\"."
                        : $"\"version\" is the {Describe(version.Type)} {Show(version)}; it must be the string \"2.0\".",
                    "Set \"version\": \"2.0\" (with the quotes).");
            }

            /// <summary>
            /// A top-level member fixed to the string <paramref name="expected"/>: a missing one is <paramref name="missingCode"/>,
            /// any other value <paramref name="invalidCode"/> (its message made from the value).
            /// </summary>
            private void CheckFixedText(JObject job, string key, string expected, string missingCode, string missingFix,
                string invalidCode, Func<JToken, string> invalidMessage, string invalidFix)
            {
                JToken value = job[key];
                if (value == null)
                {
                    Add(missingCode, ValidationSeverity.Error, "$." + key, job, $"The task content has no \"{key}\".", missingFix);
                }
                else if (value.Type != JTokenType.String || (string)value != expected)
                {
                    Add(invalidCode, ValidationSeverity.Error, "$." + key, value, invalidMessage(value), invalidFix);
                }
            }

            private void CheckSteps(JObject job)
            {
                JToken steps = job["steps"];
                if (steps == null)
                {
                    Add(ValidationCodes.StepsMissing, ValidationSeverity.Error, "$.steps", job,
                        "The task content has no \"steps\".",
                        "Add \"steps\": [ {\"stepType\":\"<source type>\",\"parameter\":{…},\"name\":\"Reader\",\"category\":\"reader\"}, {\"stepType\":\"<destination type>\",\"parameter\":{…},\"name\":\"Writer\",\"category\":\"writer\"} ].");
                    return;
                }

                if (!(steps is JArray array))
                {
                    Add(ValidationCodes.StepsNotArray, ValidationSeverity.Error, "$.steps", steps,
                        $"\"steps\" is a JSON {Describe(steps.Type)}; it must be an array of step objects.",
                        "Write \"steps\": [ reader step, writer step ].");
                    return;
                }

                if (array.Count == 0)
                {
                    Add(ValidationCodes.StepsEmpty, ValidationSeverity.Error, "$.steps", steps,
                        "\"steps\" is empty.", "Add one reader step and one writer step.");
                    return;
                }

                var names = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < array.Count; i++)
                {
                    var info = CheckStep(array[i], i);
                    if (info == null) continue;
                    _steps.Add(info);
                    if (info.Name != null)
                    {
                        if (names.TryGetValue(info.Name, out int firstIndex))
                        {
                            Add(ValidationCodes.StepNameDuplicate, ValidationSeverity.Error, PathOf(info.Token) + ".name", info.Token["name"],
                                $"Steps {firstIndex} and {i} are both named '{info.Name}'; hops refer to steps by name, so names must be unique.",
                                $"Rename step {i}, e.g. '{info.Name}{i}', and update order.hops to match.");
                        }
                        else
                        {
                            names[info.Name] = i;
                        }
                    }
                }

                if (!_steps.Any(s => s.Category == "reader"))
                {
                    Add(ValidationCodes.StepsNoReader, ValidationSeverity.Error, "$.steps", steps,
                        $"No step has \"category\": \"reader\" ({array.Count} step(s): {DescribeSteps()}); a batch task needs a source.",
                        "Add a reader step: {\"stepType\":\"<source type, e.g. mysql>\",\"parameter\":{\"datasource\":\"…\",\"column\":[…],…},\"name\":\"Reader\",\"category\":\"reader\"}.");
                }

                if (!_steps.Any(s => s.Category == "writer"))
                {
                    Add(ValidationCodes.StepsNoWriter, ValidationSeverity.Error, "$.steps", steps,
                        $"No step has \"category\": \"writer\" ({array.Count} step(s): {DescribeSteps()}); a batch task needs a destination.",
                        "Add a writer step: {\"stepType\":\"<destination type, e.g. odps>\",\"parameter\":{\"datasource\":\"…\",\"column\":[…],…},\"name\":\"Writer\",\"category\":\"writer\"}.");
                }
            }

            private string DescribeSteps() =>
                _steps.Count == 0 ? "none readable" : string.Join(", ", _steps.Select(s => $"'{s.Name ?? "#" + s.Index}' ({s.Category ?? "no category"})"));

            /// <summary>
            /// The step's <paramref name="key"/> when it is a non-blank string; otherwise adds <paramref name="code"/> (the
            /// member is missing, or is not <paramref name="mustBe"/>) and returns null.
            /// </summary>
            private string StepText(JObject step, string path, string label, string key, string code, string mustBe, string fix)
            {
                JToken value = step[key];
                if (value != null && value.Type == JTokenType.String && ((string)value).Trim().Length > 0) return (string)value;
                Add(code, ValidationSeverity.Error, path + "." + key, value ?? step,
                    value == null ? $"{label} has no \"{key}\"." : $"{label} \"{key}\" is {Show(value)}; it must be {mustBe}.", fix);
                return null;
            }

            private StepInfo CheckStep(JToken token, int index)
            {
                string path = $"$.steps[{index}]";
                if (!(token is JObject step))
                {
                    Add(ValidationCodes.StepNotObject, ValidationSeverity.Error, path, token,
                        $"Step {index} is a JSON {Describe(token.Type)}, not an object.",
                        "Write each step as {\"stepType\":…,\"parameter\":{…},\"name\":…,\"category\":\"reader\"|\"writer\"}.");
                    return null;
                }

                var info = new StepInfo { Index = index, Token = step };

                info.Name = StepText(step, path, $"Step {index}", "name", ValidationCodes.StepNameInvalid, "a non-empty string",
                    "Name the step, conventionally \"Reader\" or \"Writer\"; order.hops refers to steps by these names.");

                string label = info.Name != null ? $"Step '{info.Name}'" : $"Step {index}";

                info.StepType = StepText(step, path, label, "stepType", ValidationCodes.StepStepTypeInvalid, "the plugin (data source type) name",
                    "Set \"stepType\" to the data source type, e.g. \"mysql\", \"odps\", \"oss\", \"holo\".");
                if (info.StepType != null)
                {
                    JToken stepType = step["stepType"];
                    foreach (var suffix in new[] { "reader", "writer" })
                    {
                        if (info.StepType.Length > suffix.Length && info.StepType.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                        {
                            string bare = info.StepType.Substring(0, info.StepType.Length - suffix.Length);
                            Add(ValidationCodes.StepStepTypeSuffix, ValidationSeverity.Warning, path + ".stepType", stepType,
                                $"{label} has \"stepType\": \"{info.StepType}\", which looks like an open-source DataX plugin name; DataWorks stepType is the data source type.",
                                $"Use \"stepType\": \"{bare}\" and say reader/writer in \"category\".");
                        }
                    }
                }

                JToken category = step["category"];
                if (category == null || category.Type != JTokenType.String || ((string)category != "reader" && (string)category != "writer"))
                {
                    string lower = category?.Type == JTokenType.String ? ((string)category).Trim().ToLowerInvariant() : null;
                    Add(ValidationCodes.StepCategoryInvalid, ValidationSeverity.Error, path + ".category", category ?? step,
                        category == null ? $"{label} has no \"category\"." : $"{label} \"category\" is {Show(category)}; it must be \"reader\" or \"writer\".",
                        lower == "reader" || lower == "writer"
                            ? $"Write it in lower case: \"category\": \"{lower}\"."
                            : "Set \"category\": \"reader\" for the source step and \"category\": \"writer\" for the destination step.");
                }
                else
                {
                    info.Category = (string)category;
                }

                JToken parameter = step["parameter"];
                if (!(parameter is JObject parameters))
                {
                    Add(ValidationCodes.StepParameterInvalid, ValidationSeverity.Error, path + ".parameter", parameter ?? step,
                        parameter == null ? $"{label} has no \"parameter\" object." : $"{label} \"parameter\" is a JSON {Describe(parameter.Type)}; it must be an object.",
                        "Add \"parameter\": { \"datasource\": \"<registered data source name>\", \"column\": [ … ], … } with the plugin's settings.");
                }
                else
                {
                    info.Parameter = parameters;
                    CheckStepParameter(info, label);
                    CheckPlugin(info, label);
                }

                return info;
            }

            private void CheckStepParameter(StepInfo info, string label)
            {
                JObject p = info.Parameter;

                JToken column = ExpectType(p, "column", label, "\"column\": [\"id\", \"name\"] (a JSON array, one entry per column)", JTokenType.Array);
                if (column is JArray columns)
                {
                    info.Columns = columns;
                    if (columns.Count == 0)
                    {
                        Add(ValidationCodes.ColumnEmpty, ValidationSeverity.Error, PathOf(columns), columns,
                            $"{label} has an empty column list; nothing would be synchronized.",
                            "List the columns to read or write, in the same order on the reader and the writer, e.g. \"column\": [\"id\", \"name\"].");
                    }
                    else if (columns.Any(c => c.Type == JTokenType.String && (string)c == "*"))
                    {
                        info.Wildcard = true;
                    }
                }

                ExpectType(p, "datasource", label, "\"datasource\": \"<registered data source name>\"", JTokenType.String);
                ExpectType(p, "table", label, "\"table\": \"name\" or \"table\": [\"name\"]", JTokenType.String, JTokenType.Array);
                ExpectType(p, "where", label, "\"where\": \"id > 0\" (an SQL condition as a string, \"\" for none)", JTokenType.String);
                ExpectType(p, "splitPk", label, "\"splitPk\": \"id\" (a column name as a string)", JTokenType.String);
                ExpectType(p, "encoding", label, "\"encoding\": \"UTF-8\"", JTokenType.String);
                // Alibaba's own Hologres sample writes "truncate": "false": the strings "true"/"false" are accepted (docs/validation-rules.md).
                if (!(p["truncate"] is JValue t && t.Type == JTokenType.String && IsBooleanText((string)t)))
                    ExpectType(p, "truncate", label, "\"truncate\": true or false", JTokenType.Boolean);
                ExpectType(p, "envType", label, "\"envType\": 1 (a whole number, no quotes)", JTokenType.Integer);

                if (ExpectType(p, "connection", label, "\"connection\": [ {\"datasource\": \"…\", \"table\": [\"…\"]} ]", JTokenType.Array) is JArray connections)
                {
                    info.Connections = connections;
                    foreach (var entry in connections)
                    {
                        if (!(entry is JObject connection))
                        {
                            WrongType(entry, $"{label} connection entry", "an object: {\"datasource\": \"…\", \"table\": [\"…\"]}", "an object");
                            continue;
                        }
                        ExpectType(connection, "datasource", label, "\"datasource\": \"<registered data source name>\"", JTokenType.String);
                        ExpectType(connection, "table", label, "\"table\": [\"name\"] (an array even for one table)", JTokenType.Array);
                    }
                }

                CheckDataSource(info, label);
            }

            private void CheckDataSource(StepInfo info, string label)
            {
                PluginSpec plugin = PluginForDataSource(info);
                if (plugin != null && !plugin.RequiresDataSource) return;
                JObject p = info.Parameter;
                if (plugin != null && plugin.DataSourceAlternatives.Any(a => !IsBlank(p[a]))) return;
                JToken top = p["datasource"];
                if (top != null && top.Type == JTokenType.String)
                {
                    if (((string)top).Trim().Length > 0)
                    {
                        _dataSources.Add(new KeyValuePair<string, JToken>((string)top, top));
                        return;
                    }
                }

                var connections = info.Connections?.OfType<JObject>().ToList() ?? new List<JObject>();
                if (connections.Count > 0 && (top == null || top.Type != JTokenType.String))
                {
                    foreach (var connection in connections)
                    {
                        JToken ds = connection["datasource"];
                        if (ds != null && ds.Type == JTokenType.String && ((string)ds).Trim().Length > 0)
                        {
                            _dataSources.Add(new KeyValuePair<string, JToken>((string)ds, ds));
                        }
                        else if (ds == null || ds.Type == JTokenType.String)
                        {
                            Add(ValidationCodes.StepDataSourceMissing, ValidationSeverity.Error, PathOf(connection) + ".datasource", ds ?? connection,
                                ds == null
                                    ? $"{label} ({info.StepType ?? "no stepType"}) has a connection entry without \"datasource\"."
                                    : $"{label} ({info.StepType ?? "no stepType"}) has a connection entry with an empty \"datasource\".",
                                "Put the name of a data source registered in the workspace in the connection entry: \"datasource\": \"<name>\" (in standard mode the development and production data sources both need to exist).");
                        }
                    }
                    return;
                }

                if (top != null && top.Type != JTokenType.String) return; // already reported as a wrong type

                Add(ValidationCodes.StepDataSourceMissing, ValidationSeverity.Error, PathOf(p) + ".datasource", top ?? p,
                    top == null
                        ? $"{label} ({info.StepType ?? "no stepType"}) names no data source: neither parameter.datasource nor parameter.connection[].datasource is set."
                        : $"{label} ({info.StepType ?? "no stepType"}) has an empty \"datasource\" (a template placeholder left blank?).",
                    "Set \"datasource\": \"<name>\" in the step's parameter (or in each connection entry) to a data source registered in the workspace.");
            }

            // ------------------------------------------------------------ setting

            private void CheckSetting(JObject job)
            {
                JToken settingToken = job["setting"];
                if (settingToken == null) return;
                if (!(settingToken is JObject setting))
                {
                    WrongType(settingToken, "\"setting\"", "an object: {\"errorLimit\":{\"record\":\"0\"},\"speed\":{\"concurrent\":2,\"throttle\":false}}", "an object");
                    return;
                }

                if (ExpectType(setting, "errorLimit", "setting", "\"errorLimit\": {\"record\": \"0\"}", JTokenType.Object) is JObject errorLimit)
                {
                    JToken record = ExpectType(errorLimit, "record", "setting.errorLimit", "\"record\": \"0\" or 0 (the number of dirty records tolerated)", JTokenType.String, JTokenType.Integer, JTokenType.Float);
                    if (record != null) CheckErrorLimit(record);
                }

                if (ExpectType(setting, "speed", "setting", "\"speed\": {\"concurrent\": 2, \"throttle\": false}", JTokenType.Object) is JObject speed)
                {
                    JToken concurrent = ExpectType(speed, "concurrent", "setting.speed", "\"concurrent\": 2 (a whole number, no quotes)", JTokenType.Integer);
                    if (concurrent != null && (long)concurrent < 1)
                    {
                        Add(ValidationCodes.SettingConcurrentTooLow, ValidationSeverity.Error, PathOf(concurrent), concurrent,
                            $"setting.speed.concurrent is {(long)concurrent}; the job needs at least 1 concurrent channel.",
                            "Set \"concurrent\" to 1 or more, e.g. 2.");
                    }

                    JToken throttle = ExpectType(speed, "throttle", "setting.speed", "\"throttle\": true or false (no quotes)", JTokenType.Boolean);
                    JToken mbps = ExpectType(speed, "mbps", "setting.speed", "\"mbps\": \"12\" or 12 (MB/s)", JTokenType.String, JTokenType.Integer, JTokenType.Float);
                    if (throttle != null && (bool)throttle)
                    {
                        CheckMbps(speed, mbps);
                    }
                }
            }

            private void CheckErrorLimit(JToken record)
            {
                decimal value;
                if (record.Type == JTokenType.String)
                {
                    string text = ((string)record).Trim();
                    if (text.Length == 0) return; // the documentation's own example uses ""
                    if (!decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
                    {
                        Add(ValidationCodes.SettingErrorLimitInvalid, ValidationSeverity.Error, PathOf(record), record,
                            $"setting.errorLimit.record is \"{text}\", which is not a whole number of records.",
                            "Set it to the number of dirty records tolerated, e.g. \"0\" to fail on the first one.");
                        return;
                    }
                }
                else
                {
                    value = record.Value<decimal>();
                    if (value != decimal.Truncate(value))
                    {
                        Add(ValidationCodes.SettingErrorLimitInvalid, ValidationSeverity.Error, PathOf(record), record,
                            $"setting.errorLimit.record is {Show(record)}, which is not a whole number of records.",
                            "Set it to the number of dirty records tolerated, e.g. 0 to fail on the first one.");
                        return;
                    }
                }

                if (value < 0)
                {
                    Add(ValidationCodes.SettingErrorLimitNegative, ValidationSeverity.Error, PathOf(record), record,
                        $"setting.errorLimit.record is {value.ToString(CultureInfo.InvariantCulture)}; a number of tolerated dirty records cannot be negative.",
                        "Use 0 to fail on the first dirty record, or a positive count to tolerate that many.");
                }
            }

            private void CheckMbps(JObject speed, JToken mbps)
            {
                if (mbps == null && speed["mbps"] != null) return; // wrong type already reported
                string text = mbps == null ? null : mbps.Type == JTokenType.String ? ((string)mbps).Trim() : mbps.ToString(Formatting.None);
                if (string.IsNullOrEmpty(text))
                {
                    Add(ValidationCodes.SettingThrottleWithoutMbps, ValidationSeverity.Error, PathOf(speed) + ".mbps", mbps ?? speed,
                        "setting.speed.throttle is true (limit the bandwidth) but no \"mbps\" says to what.",
                        "Add the cap, e.g. \"mbps\": \"12\" (MB/s), or set \"throttle\": false for no limit.");
                    return;
                }

                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) || value <= 0)
                {
                    Add(ValidationCodes.SettingMbpsInvalid, ValidationSeverity.Error, PathOf(mbps), mbps,
                        $"setting.speed.mbps is {Show(mbps)}; with throttle true it must be a positive number of MB/s.",
                        "Set e.g. \"mbps\": \"12\", or set \"throttle\": false for no limit.");
                }
            }

            // ------------------------------------------------------------ order.hops

            private List<Hop> CheckOrder(JObject job)
            {
                var hops = new List<Hop>();
                var order = HopsPart<JObject>(job, "order", "The task content has no \"order\"", $"\"order\": {{\"hops\": {SuggestedHops()}}}",
                    "an object", "{\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]}");
                if (order == null) return hops;
                var hopArray = HopsPart<JArray>(order, "order.hops", "\"order\" has no \"hops\"", $"\"hops\": {SuggestedHops()}",
                    "an array", "[{\"from\": \"Reader\", \"to\": \"Writer\"}]");
                if (hopArray == null) return hops;

                if (hopArray.Count == 0)
                {
                    Add(ValidationCodes.OrderHopsEmpty, ValidationSeverity.Error, "$.order.hops", hopArray,
                        "\"order.hops\" is empty, so no hop says which step feeds which.",
                        $"Add a hop: {SuggestedHops()}.");
                    return hops;
                }

                var byName = _steps.Where(s => s.Name != null).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                string known = byName.Count == 0 ? "none" : string.Join(", ", byName.Keys.Select(k => $"'{k}'"));
                for (int i = 0; i < hopArray.Count; i++)
                {
                    if (!(hopArray[i] is JObject hopObject))
                    {
                        WrongType(hopArray[i], $"Hop {i}", "an object: {\"from\": \"Reader\", \"to\": \"Writer\"}", "an object");
                        continue;
                    }

                    var hop = new Hop { Index = i, Token = hopObject };
                    foreach (var end in new[] { "from", "to" })
                    {
                        JToken value = hopObject[end];
                        string path = $"$.order.hops[{i}].{end}";
                        if (value == null || value.Type != JTokenType.String)
                        {
                            Add(ValidationCodes.OrderHopUnknownStep, ValidationSeverity.Error, path, value ?? hopObject,
                                value == null ? $"Hop {i} has no \"{end}\"." : $"Hop {i} \"{end}\" is {Show(value)}; it must be a step name.",
                                $"Set \"{end}\" to the name of a step (steps: {known}).");
                            continue;
                        }

                        string name = (string)value;
                        if (!byName.TryGetValue(name, out StepInfo step))
                        {
                            Add(ValidationCodes.OrderHopUnknownStep, ValidationSeverity.Error, path, value,
                                $"Hop {i} \"{end}\": \"{name}\" names no step (steps: {known}).",
                                (ClosestMatches.Find(name, byName.Keys, 1) is IReadOnlyList<string> closest && closest.Count > 0 ? $"Write \"{closest[0]}\" — {ClosestMatches.DidYouMean(closest)} " : string.Empty)
                                + $"Use one of the step names ({known}) — names are case-sensitive — or rename the step to '{name}'.");
                            continue;
                        }

                        if (end == "from") hop.From = step;
                        else hop.To = step;
                    }

                    if (hop.From != null && hop.From.Category == "writer")
                    {
                        Add(ValidationCodes.OrderHopDirection, ValidationSeverity.Warning, $"$.order.hops[{i}].from", hopObject["from"],
                            $"Hop {i} starts at writer '{hop.From.Name}'; data flows from a reader to a writer.",
                            "Swap \"from\" and \"to\" so the hop goes from the reader step to the writer step.");
                    }
                    else if (hop.To != null && hop.To.Category == "reader")
                    {
                        Add(ValidationCodes.OrderHopDirection, ValidationSeverity.Warning, $"$.order.hops[{i}].to", hopObject["to"],
                            $"Hop {i} ends at reader '{hop.To.Name}'; data flows from a reader to a writer.",
                            "Swap \"from\" and \"to\" so the hop goes from the reader step to the writer step.");
                    }

                    hops.Add(hop);
                }

                foreach (var reader in _steps.Where(s => s.Category == "reader" && s.Name != null))
                {
                    if (!hops.Any(h => h.From == reader))
                    {
                        Add(ValidationCodes.OrderReaderNotConnected, ValidationSeverity.Warning, PathOf(reader.Token), reader.Token,
                            $"Reader '{reader.Name}' is not the \"from\" of any hop; nothing reads its data.",
                            $"Add a hop {{\"from\": \"{reader.Name}\", \"to\": \"{FirstName("writer", "Writer")}\"}} or remove the step.");
                    }
                }

                foreach (var writer in _steps.Where(s => s.Category == "writer" && s.Name != null))
                {
                    if (!hops.Any(h => h.To == writer))
                    {
                        Add(ValidationCodes.OrderWriterNotConnected, ValidationSeverity.Warning, PathOf(writer.Token), writer.Token,
                            $"Writer '{writer.Name}' is not the \"to\" of any hop; nothing writes to it.",
                            $"Add a hop {{\"from\": \"{FirstName("reader", "Reader")}\", \"to\": \"{writer.Name}\"}} or remove the step.");
                    }
                }

                return hops;
            }

            /// <summary>
            /// <paramref name="name"/> ("order" or "order.hops") of <paramref name="owner"/>, which the hops need: when it is
            /// missing (DI.Order.HopsMissing, fixed by adding <paramref name="toAdd"/>) or not <paramref name="expected"/>
            /// (DI.Content.WrongType), the finding is added and the result is null.
            /// </summary>
            private T HopsPart<T>(JObject owner, string name, string missing, string toAdd, string expected, string example) where T : JToken
            {
                JToken token = owner[name.Substring(name.LastIndexOf('.') + 1)];
                if (token == null)
                {
                    Add(ValidationCodes.OrderHopsMissing, ValidationSeverity.Error, "$." + name, owner,
                        missing + ", so no hop says which step feeds which.", $"Add {toAdd}.");
                    return null;
                }
                if (token is T part) return part;
                WrongType(token, $"\"{name}\"", $"{expected}: {example}", expected);
                return null;
            }

            /// <summary>The hop a fix suggests: from the first reader step to the first writer step, by their names.</summary>
            private string SuggestedHops() =>
                $"[{{\"from\": \"{FirstName("reader", "Reader")}\", \"to\": \"{FirstName("writer", "Writer")}\"}}]";

            private string FirstName(string category, string fallback) =>
                _steps.FirstOrDefault(s => s.Category == category && s.Name != null)?.Name ?? fallback;

            // ------------------------------------------------------------ columns

            private void CheckColumns(List<Hop> hops)
            {
                var pairs = hops.Where(h => h.From != null && h.To != null && h.From.Category == "reader" && h.To.Category == "writer")
                    .Select(h => new KeyValuePair<StepInfo, StepInfo>(h.From, h.To)).ToList();
                if (pairs.Count == 0)
                {
                    var readers = _steps.Where(s => s.Category == "reader").ToList();
                    var writers = _steps.Where(s => s.Category == "writer").ToList();
                    if (readers.Count == 1 && writers.Count == 1) pairs.Add(new KeyValuePair<StepInfo, StepInfo>(readers[0], writers[0]));
                }

                foreach (var step in _steps.Where(s => s.Wildcard))
                {
                    var partners = pairs.Where(p => p.Key == step).Select(p => p.Value)
                        .Concat(pairs.Where(p => p.Value == step).Select(p => p.Key)).Select(s => $"'{s.Name ?? "#" + s.Index}'").ToList();
                    string with = partners.Count > 0 ? $" against {string.Join(", ", partners)}" : string.Empty;
                    Add(ValidationCodes.ColumnWildcard, ValidationSeverity.Warning, PathOf(step.Columns), step.Columns,
                        $"{StepLabel(step)} uses \"column\": [\"*\"] (all columns in table order): its column count cannot be checked{with}, and adding, removing or reordering the table's columns silently changes what is synchronized.",
                        "List the columns explicitly, in the same order on the reader and the writer, e.g. \"column\": [\"id\", \"name\"].");
                }

                foreach (var pair in pairs.Distinct())
                {
                    StepInfo reader = pair.Key, writer = pair.Value;
                    if (reader.Columns == null || writer.Columns == null || reader.Wildcard || writer.Wildcard) continue;
                    if (reader.Columns.Count == 0 || writer.Columns.Count == 0) continue;
                    if (reader.Columns.Count == writer.Columns.Count) continue;
                    Add(ValidationCodes.ColumnCountMismatch, ValidationSeverity.Error, PathOf(writer.Columns), writer.Columns,
                        $"Reader '{reader.Name}' reads {reader.Columns.Count} column(s) ({ListColumns(reader.Columns)}) but writer '{writer.Name}' writes {writer.Columns.Count} ({ListColumns(writer.Columns)}); columns are mapped by position, so the counts must match.",
                        reader.Columns.Count < writer.Columns.Count
                            ? $"Make both lists the same length, in matching order: add the missing column(s) to reader '{reader.Name}' or remove the extra one(s) from writer '{writer.Name}'."
                            : $"Make both lists the same length, in matching order: add the missing column(s) to writer '{writer.Name}' or remove the extra one(s) from reader '{reader.Name}'.");
                }
            }

            private static string ListColumns(JArray columns)
            {
                var names = columns.Take(8).Select(c =>
                {
                    if (c.Type == JTokenType.String) return (string)c;
                    if (c is JObject o && o["name"]?.Type == JTokenType.String) return (string)o["name"];
                    return c.ToString(Formatting.None);
                }).ToList();
                return string.Join(", ", names) + (columns.Count > 8 ? ", …" : string.Empty);
            }

            // ------------------------------------------------------------ parameters and workspace

            private void CheckParameters(JObject job, List<string> assigned)
            {
                var firstUse = new Dictionary<string, JToken>(StringComparer.Ordinal);
                var variables = new List<string>();
                foreach (var value in job.DescendantsAndSelf().OfType<JValue>().Where(v => v.Type == JTokenType.String))
                {
                    foreach (var reference in ScanReferences((string)value.Value))
                    {
                        if (!References.Contains(reference.Key)) References.Add(reference.Key);
                        if (firstUse.ContainsKey(reference.Kind + ":" + reference.Key)) continue;
                        firstUse[reference.Kind + ":" + reference.Key] = value;

                        if (reference.Kind == ReferenceKind.Variable)
                        {
                            variables.Add(reference.Key);
                            if (assigned == null || ScheduleParameters.IsBuiltIn(reference.Key)) continue;
                            if (assigned.Contains(reference.Key, StringComparer.Ordinal)) continue;
                            string have = assigned.Count == 0 ? "ParaValue assigns nothing" : $"ParaValue assigns {string.Join(", ", assigned.Select(a => $"'{a}'"))}";
                            string suggestion = SuggestValue(reference.Key);
                            Add(ValidationCodes.ParamUnassigned, ValidationSeverity.Error, PathOf(value), value,
                                $"The content references {reference.Written} but {have}; it would be left unreplaced (e.g. a partition literally named '{reference.Written}').",
                                $"Assign it in ParaValue, e.g. -Parameter @{{ {reference.Key} = '{suggestion}' }} (ParaValue '{reference.Key}={suggestion}'); a constant, $bizdate, ${{yyyymmdd}} or $[yyyymmddhh24miss] style expression all work.");
                        }
                        else if (reference.Kind == ReferenceKind.Expression)
                        {
                            Add(ValidationCodes.ParamSchedulingExpressionInContent, ValidationSeverity.Warning, PathOf(value), value,
                                $"The content contains the scheduling expression {reference.Written} directly; DataWorks documents expressions as values assigned to a parameter in ParaValue, referenced in the content as ${{name}}.",
                                $"Reference a parameter instead, e.g. ${{run_time}} in the content with ParaValue 'run_time={reference.Written}' (-Parameter @{{ run_time = '{reference.Written}' }}).");
                        }
                    }
                }

                if (assigned == null) return;
                foreach (var name in assigned.Distinct(StringComparer.Ordinal))
                {
                    if (variables.Contains(name, StringComparer.Ordinal)) continue;
                    Add(ValidationCodes.ParamUnreferenced, ValidationSeverity.Information, name, null,
                        $"ParaValue assigns '{name}' but the content never references ${{{name}}}.",
                        $"Nothing to fix if another consumer uses it; otherwise remove '{name}' from ParaValue or reference ${{{name}}} in the content.");
                }
            }

            private static string SuggestValue(string name)
            {
                string lower = name.ToLowerInvariant();
                if (lower.Contains("hour") || lower.Contains("time")) return "$[yyyymmddhh24miss]";
                return "$bizdate";
            }

            private void CheckDataSourcesInWorkspace()
            {
                if (_catalog == null) return;
                var asked = new HashSet<string>(StringComparer.Ordinal);
                foreach (var ds in _dataSources)
                {
                    string name = ds.Key;
                    if (!asked.Add(name) || name.Contains("${")) continue;
                    if (_catalog.DataSourceExists(name) == false)
                    {
                        IReadOnlyList<string> closest = ClosestMatches.Find(name, (_catalog as IWorkspaceCatalogListing)?.DataSourceNames);
                        string didYouMean = ClosestMatches.DidYouMean(closest);
                        Add(ValidationCodes.WorkspaceDataSourceUnknown, ValidationSeverity.Error, PathOf(ds.Value), ds.Value,
                            $"Data source '{name}' is not registered in the workspace" + (didYouMean == null ? "." : $"; {didYouMean}"),
                            (closest.Count > 0 ? $"If you meant '{closest[0]}', write that name exactly. " : string.Empty)
                            + "Otherwise use the name of a data source registered in the workspace, or add the data source in DataWorks first (in standard mode it must exist for both development and production). "
                            + "Test-DISyncTaskContent checks the names against the workspace when you are connected (Connect-DIWorkspace); Invoke-DIApi -Action ListDataSources -Parameter @{ ProjectId = <workspace id> } lists them.");
                    }
                }
            }

            private void CheckResourceGroup(string resourceGroup)
            {
                if (_catalog == null || string.IsNullOrWhiteSpace(resourceGroup)) return;
                if (_catalog.ResourceGroupExists(resourceGroup) == false)
                {
                    IReadOnlyList<string> closest = ClosestMatches.Find(resourceGroup, (_catalog as IWorkspaceCatalogListing)?.ResourceGroupIdentifiers);
                    string didYouMean = ClosestMatches.DidYouMean(closest);
                    Add(ValidationCodes.WorkspaceResourceGroupUnknown, ValidationSeverity.Error, "TaskParam.ResourceGroup", null,
                        $"Resource group '{resourceGroup}' is not a Data Integration resource group of this account" + (didYouMean == null ? "." : $"; {didYouMean}"),
                        (closest.Count > 0 ? $"If you meant '{closest[0]}', give that identifier exactly. " : string.Empty)
                        + "Use the Identifier (not the display name) of a Data Integration resource group, e.g. S_res_group_…: press Tab after -ResourceGroup to list them, or run Invoke-DIApi -Action ListResourceGroups -Parameter @{ ResourceGroupType = 4 } (ResourceGroupType 4 is Data Integration).");
                }
            }

            // ------------------------------------------------------------ helpers

            /// <summary>Returns the value when absent or of an allowed type; otherwise reports it and returns null.</summary>
            private JToken ExpectType(JObject owner, string key, string ownerLabel, string example, params JTokenType[] allowed)
            {
                JToken value = owner[key];
                if (value == null) return null;
                if (allowed.Contains(value.Type)) return value;
                string expected = string.Join(" or ", allowed.Select(Describe).Distinct().Select(WithArticle));
                WrongType(value, $"{ownerLabel} \"{key}\"", $"{expected}, e.g. {example}", expected);
                return null;
            }

            private static bool IsBooleanText(string text) =>
                string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);

            private void WrongType(JToken value, string what, string expectation, string expectedShort)
            {
                Add(ValidationCodes.ContentWrongType, ValidationSeverity.Error, PathOf(value), value,
                    $"{what} is a JSON {Describe(value.Type)} ({Show(value)}); DataWorks expects {expectedShort}.",
                    $"Write it as {expectation}.");
            }

            private void Add(string code, ValidationSeverity severity, string path, JToken at, string message, string fix)
            {
                int line = 0, position = 0;
                if (at is IJsonLineInfo info && info.HasLineInfo())
                {
                    line = info.LineNumber;
                    position = info.LinePosition;
                }
                Findings.Add(new ValidationFinding(code, severity, path, message, fix, line, position));
            }

            private static string StepLabel(StepInfo step) => step.Name != null ? $"Step '{step.Name}'" : $"Step {step.Index}";

            private static string PathOf(JToken token) => JsonPath(token.Path);

            private static string JsonPath(string newtonsoftPath)
            {
                if (string.IsNullOrEmpty(newtonsoftPath)) return "$";
                return newtonsoftPath[0] == '[' ? "$" + newtonsoftPath : "$." + newtonsoftPath;
            }

            private static string WithArticle(string typeName) =>
                ("aeiou".IndexOf(typeName[0]) >= 0 ? "an " : "a ") + typeName;

            private static string Describe(JTokenType type)
            {
                switch (type)
                {
                    case JTokenType.Object: return "object";
                    case JTokenType.Array: return "array";
                    case JTokenType.Integer: return "integer";
                    case JTokenType.Float: return "number";
                    case JTokenType.String: return "string";
                    case JTokenType.Boolean: return "boolean";
                    case JTokenType.Null: return "null";
                    default: return type.ToString().ToLowerInvariant();
                }
            }

            private static string Show(JToken token)
            {
                string text = token.ToString(Formatting.None);
                return text.Length > 60 ? text.Substring(0, 57) + "…" : text;
            }
        }

        private sealed class StepInfo
        {
            public int Index;
            public JObject Token;
            public string Name;
            public string StepType;
            public string Category;
            public JObject Parameter;
            public JArray Columns;
            public JArray Connections;
            public bool Wildcard;
        }

        private sealed class Hop
        {
            public int Index;
            public JObject Token;
            public StepInfo From;
            public StepInfo To;
        }
    }
}
