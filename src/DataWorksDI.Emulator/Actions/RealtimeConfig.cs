using System.Text.Encodings.Web;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// What the config-generation processes check and produce (docs/emulator.md, "Real-time tasks"): the real-time
    /// TaskParam of dataworks-api.md §6.3 becomes a DataWorks job config; an updating TaskParam replaces the reader's
    /// table set. Also reads a stored config (data sources, writer, tables) and checks StartParam.
    /// </summary>
    internal static class RealtimeConfig
    {
        public const string ReaderType = "mysql";

        /// <summary>Writer stepTypes and the data source types each accepts.</summary>
        private static readonly Dictionary<string, string[]> WriterSourceTypes = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["odps"] = new[] { "odps" },
            ["kafka"] = new[] { "kafka" },
            ["holo"] = new[] { "holo", "hologres" },
        };

        private static readonly Dictionary<string, string> WriterDisplayNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["odps"] = "MaxCompute",
            ["kafka"] = "Kafka",
            ["holo"] = "Hologres",
        };

        public static readonly string[] DdlEvents =
            { "RENAMECOLUMN", "DROPTABLE", "CREATETABLE", "MODIFYCOLUMN", "TRUNCATETABLE", "DROPCOLUMN", "ADDCOLUMN", "RENAMETABLE" };

        public static readonly string[] DdlActions = { "NORMAL", "IGNORE", "WARNING", "CRITICAL" };

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>A JSON object, or the problem (for "TaskParam is invalid: …").</summary>
        public static JsonObject ParseObject(string text, out string problem)
        {
            problem = null;
            JsonNode node;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                problem = DiFailures.RealtimeParamNotJson;
                return null;
            }
            if (node is JsonObject o) return o;
            problem = DiFailures.RealtimeParamNotObject;
            return null;
        }

        /// <summary>
        /// GenerateDISyncTaskConfigForCreating: checks the TaskParam against the workspace and builds the job config.
        /// Returns the config text, or null with <paramref name="failure"/> set.
        /// </summary>
        public static string GenerateForCreating(Db db, Workspace ws, JsonObject param, out string failure)
        {
            failure = null;
            string type = Str(param["type"]);
            if (type != "realtime") return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.RealtimeTypeRequired(type ?? (param["type"] == null ? null : param["type"].ToJsonString()))));
            if (!(param["steps"] is JsonArray steps) || steps.Any(s => !(s is JsonObject so) || (Str(so["category"]) != "reader" && Str(so["category"]) != "writer")))
                return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.StepsRequired));
            var readers = steps.Cast<JsonObject>().Where(s => Str(s["category"]) == "reader").ToList();
            var writers = steps.Cast<JsonObject>().Where(s => Str(s["category"]) == "writer").ToList();
            if (readers.Count != 1) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.StepCount("reader", readers.Count)));
            if (writers.Count != 1) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.StepCount("writer", writers.Count)));
            JsonObject reader = readers[0], writer = writers[0];
            string readerType = Str(reader["stepType"]);
            if (readerType != ReaderType) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.ReaderStepType(readerType ?? "")));
            string writerType = Str(writer["stepType"]);
            if (writerType == null || !WriterSourceTypes.ContainsKey(writerType)) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.WriterStepType(writerType ?? "")));

            JsonObject setting = param["setting"] as JsonObject;
            string settingTaskType = Str(setting?["taskType"]);
            if (settingTaskType != null && settingTaskType != "oneclick_to_" + writerType)
                return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.TaskTypeSettingMismatch(settingTaskType, writerType)));
            string resourceGroup = Str(setting?["resourceGroup"]);
            if (string.IsNullOrEmpty(resourceGroup)) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.ResourceGroupRequired));
            if (!DISyncActions.IsUsableDiGroup(db, resourceGroup)) return Fail(out failure, DiFailures.InvalidResourceGroup(resourceGroup));

            if (!((reader["parameter"] as JsonObject)?["connection"] is JsonArray connections) || connections.Count == 0 || connections.Any(c => !(c is JsonObject)))
                return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.ConnectionRequired));
            string readerSource = null;
            for (int i = 0; i < connections.Count; i++)
            {
                string ds = Str(connections[i]["datasource"]);
                if (string.IsNullOrEmpty(ds)) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.ConnectionDatasourceRequired(i)));
                if (readerSource != null && ds != readerSource) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.OneReaderDatasource(readerSource, ds)));
                readerSource = ds;
            }
            failure = CheckDatasource(db, ws, readerSource, "reader (" + ReaderType + ")", new[] { ReaderType });
            if (failure != null) return null;
            string writerSource = Str((writer["parameter"] as JsonObject)?["datasource"]);
            if (string.IsNullOrEmpty(writerSource)) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.WriterDatasourceRequired));
            failure = CheckDatasource(db, ws, writerSource, "writer (" + writerType + ")", WriterSourceTypes[writerType]);
            if (failure != null) return null;

            List<string> tables = Tables(connections, out string tableProblem);
            if (tableProblem != null) return Fail(out failure, DiFailures.InvalidTaskParam(tableProblem));

            var extend = new JsonObject { ["mode"] = "wizard", ["resourceGroup"] = resourceGroup };
            string name = Str(setting?["name"]);
            if (name != null) extend["name"] = name;
            var config = new JsonObject
            {
                ["type"] = "job",
                ["version"] = "2.0",
                ["extend"] = extend,
                ["steps"] = new JsonArray(
                    new JsonObject
                    {
                        ["stepType"] = ReaderType,
                        ["category"] = "reader",
                        ["name"] = "Reader",
                        ["parameter"] = new JsonObject { ["connection"] = Connection(readerSource, tables) },
                    },
                    new JsonObject
                    {
                        ["stepType"] = writerType,
                        ["category"] = "writer",
                        ["name"] = "Writer",
                        ["parameter"] = new JsonObject { ["datasource"] = writerSource },
                    }),
                ["setting"] = new JsonObject
                {
                    ["errorLimit"] = new JsonObject { ["record"] = "0" },
                    ["jvmOption"] = "-Xms1024m -Xmx1024m",
                },
                ["order"] = new JsonObject { ["hops"] = new JsonArray(new JsonObject { ["from"] = "Reader", ["to"] = "Writer" }) },
            };
            return config.ToJsonString(Json);
        }

        /// <summary>
        /// GenerateDISyncTaskConfigForUpdating: the task's current config with the reader's table set replaced by the
        /// tables the TaskParam lists. Returns the config text, or null with <paramref name="failure"/> set.
        /// </summary>
        public static string GenerateForUpdating(string currentContent, JsonObject param, out string failure)
        {
            failure = null;
            if (!(param["steps"] is JsonArray steps) || steps.Count == 0 || steps.Any(s => !(s is JsonObject)))
                return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.UpdateReaderRequired));
            if (steps.Any(s => Str(s["category"]) != "reader")) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.UpdateOnlyReader));
            if (steps.Count > 1) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.StepCount("reader", steps.Count)));
            if (!((steps[0]["parameter"] as JsonObject)?["connection"] is JsonArray connections) || connections.Count == 0 || connections.Any(c => !(c is JsonObject)))
                return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.UpdateReaderRequired));

            JsonObject config = (currentContent == null ? null : ParseObject(currentContent, out _));
            JsonObject currentReader = config == null ? null : Reader(config);
            string currentSource = currentReader == null ? null : ReaderDatasources(currentReader).FirstOrDefault();
            if (currentSource == null) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.CurrentConfigUnreadable));
            foreach (JsonNode c in connections)
            {
                string ds = Str(c["datasource"]);
                if (ds != null && ds != currentSource) return Fail(out failure, DiFailures.InvalidTaskParam(DiFailures.UpdateDatasourceFixed(currentSource)));
            }
            List<string> tables = Tables(connections, out string tableProblem);
            if (tableProblem != null) return Fail(out failure, DiFailures.InvalidTaskParam(tableProblem));

            if (!(currentReader["parameter"] is JsonObject parameter))
            {
                parameter = new JsonObject();
                currentReader["parameter"] = parameter;
            }
            parameter["connection"] = Connection(currentSource, tables);
            return config.ToJsonString(Json);
        }

        /// <summary>Every data source a stored config names: the reader's connections and the writer's datasource.</summary>
        public static List<string> Datasources(string content)
        {
            var list = new List<string>();
            JsonObject config = ParseObject(content ?? "", out _);
            if (config?["steps"] is JsonArray steps)
                foreach (JsonObject step in steps.OfType<JsonObject>())
                {
                    if (!(step["parameter"] is JsonObject p)) continue;
                    string ds = Str(p["datasource"]);
                    if (!string.IsNullOrEmpty(ds)) list.Add(ds);
                    if (p["connection"] is JsonArray connections)
                        foreach (JsonNode c in connections.OfType<JsonObject>())
                        {
                            string cds = Str(c["datasource"]);
                            if (!string.IsNullOrEmpty(cds)) list.Add(cds);
                        }
                }
            return list.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>The reader's tables in a stored config (empty when unreadable).</summary>
        public static List<string> ReaderTables(string content)
        {
            JsonObject config = ParseObject(content ?? "", out _);
            JsonObject reader = config == null ? null : Reader(config);
            if (!((reader?["parameter"] as JsonObject)?["connection"] is JsonArray connections)) return new List<string>();
            List<string> tables = Tables(connections, out _);
            return tables ?? new List<string>();
        }

        /// <summary>The writer's stepType in a stored config (null when unreadable).</summary>
        public static string WriterType(string content)
        {
            JsonObject config = ParseObject(content ?? "", out _);
            if (!(config?["steps"] is JsonArray steps)) return null;
            return steps.OfType<JsonObject>().Where(s => Str(s["category"]) == "writer").Select(s => Str(s["stepType"])).FirstOrDefault();
        }

        /// <summary>How GetDISyncTask's SolutionDetail.Type names a writer (MaxCompute, Kafka, Hologres).</summary>
        public static string WriterDisplayName(string writerType) =>
            writerType != null && WriterDisplayNames.TryGetValue(writerType, out string name) ? name : writerType;

        /// <summary>
        /// StartParam of StartDISyncInstance (real-time): a JSON object with optional failoverLimit{count,interval},
        /// errorLimit{record} and ddlMarkMap{EVENT: NORMAL|IGNORE|WARNING|CRITICAL}. Returns the problem, or null.
        /// </summary>
        public static string CheckStartParam(string text)
        {
            JsonNode root;
            try
            {
                root = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return DiFailures.RealtimeParamNotJson;
            }
            if (!(root is JsonObject o)) return DiFailures.StartParamNotObject;
            foreach (var p in o)
            {
                switch (p.Key)
                {
                    case "failoverLimit":
                        if (!(p.Value is JsonObject failover)) return DiFailures.StartParamFailoverShape;
                        foreach (var f in failover)
                        {
                            if (f.Key != "count" && f.Key != "interval") return DiFailures.StartParamUnknownKey("failoverLimit", f.Key, "count and interval");
                            if (!IsCount(f.Value, allowText: false)) return DiFailures.StartParamCount("failoverLimit." + f.Key);
                        }
                        break;
                    case "errorLimit":
                        if (!(p.Value is JsonObject errorLimit)) return DiFailures.StartParamErrorLimitShape;
                        foreach (var e in errorLimit)
                        {
                            if (e.Key != "record") return DiFailures.StartParamUnknownKey("errorLimit", e.Key, "record");
                            if (!IsCount(e.Value, allowText: true)) return DiFailures.StartParamCount("errorLimit.record");
                        }
                        break;
                    case "ddlMarkMap":
                        if (!(p.Value is JsonObject marks)) return DiFailures.StartParamDdlShape;
                        foreach (var m in marks)
                        {
                            if (Array.IndexOf(DdlEvents, m.Key) < 0) return DiFailures.StartParamDdlEvent(m.Key, DdlEvents);
                            string action = Str(m.Value);
                            if (action == null || Array.IndexOf(DdlActions, action) < 0)
                                return DiFailures.StartParamDdlAction(m.Key, m.Value?.ToJsonString() ?? "null");
                        }
                        break;
                    default:
                        return DiFailures.StartParamUnknownKey(null, p.Key, "failoverLimit, errorLimit and ddlMarkMap");
                }
            }
            return null;
        }

        private static bool IsCount(JsonNode n, bool allowText)
        {
            if (!(n is JsonValue v)) return false;
            if (v.GetValueKind() == JsonValueKind.Number) return v.TryGetValue(out long l) && l >= 0;
            if (allowText && v.TryGetValue(out string s)) return s.Length > 0 && s.All(char.IsAsciiDigit);
            return false;
        }

        private static string CheckDatasource(Db db, Workspace ws, string name, string step, string[] types)
        {
            var found = Tenant.DataSourcesNamed(db, ws.ProjectId, name);
            if (found.Count == 0) return DiFailures.InvalidDatasource(name, ws.ProjectId);
            string actual = found[0].Type;
            if (!types.Contains(actual, StringComparer.OrdinalIgnoreCase)) return DiFailures.DatasourceWrongType(name, actual, step, types[0]);
            return null;
        }

        /// <summary>
        /// The tables of a reader's connections: connection[].table[] (one database) and/or
        /// connection[].selectedTables[].schema[].tableInfos[].table (several), de-duplicated in order.
        /// </summary>
        private static List<string> Tables(JsonArray connections, out string problem)
        {
            problem = null;
            var tables = new List<string>();
            bool Add(JsonNode n)
            {
                string t = Str(n);
                if (string.IsNullOrWhiteSpace(t)) return false;
                if (!tables.Contains(t, StringComparer.Ordinal)) tables.Add(t);
                return true;
            }
            foreach (JsonNode c in connections.OfType<JsonObject>())
            {
                JsonNode table = c["table"];
                if (table is JsonArray list)
                {
                    foreach (JsonNode t in list)
                        if (!Add(t)) { problem = DiFailures.TableNotString; return null; }
                }
                else if (table != null)
                {
                    problem = DiFailures.TablesRequired;
                    return null;
                }
                if (c["selectedTables"] is JsonArray selected)
                    foreach (JsonNode database in selected.OfType<JsonObject>())
                        if (database["schema"] is JsonArray schemas)
                            foreach (JsonNode schema in schemas.OfType<JsonObject>())
                                if (schema["tableInfos"] is JsonArray infos)
                                    foreach (JsonNode info in infos.OfType<JsonObject>())
                                        if (!Add(info["table"])) { problem = DiFailures.TableNotString; return null; }
            }
            if (tables.Count == 0) problem = DiFailures.TablesRequired;
            return problem == null ? tables : null;
        }

        private static JsonArray Connection(string datasource, List<string> tables)
        {
            var array = new JsonArray();
            foreach (string t in tables) array.Add(t);
            return new JsonArray(new JsonObject { ["datasource"] = datasource, ["table"] = array });
        }

        private static JsonObject Reader(JsonObject config) =>
            (config["steps"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => Str(s["category"]) == "reader");

        private static IEnumerable<string> ReaderDatasources(JsonObject reader)
        {
            if ((reader["parameter"] as JsonObject)?["connection"] is JsonArray connections)
                foreach (JsonNode c in connections.OfType<JsonObject>())
                {
                    string ds = Str(c["datasource"]);
                    if (!string.IsNullOrEmpty(ds)) yield return ds;
                }
        }

        private static string Str(JsonNode n) => n is JsonValue v && v.TryGetValue(out string s) ? s : null;

        private static string Fail(out string failure, string message)
        {
            failure = message;
            return null;
        }
    }
}
