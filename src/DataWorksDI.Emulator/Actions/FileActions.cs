using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>GetFile, ListFiles, UpdateFile, ListFileVersions.</summary>
    public sealed class FileActions
    {
        public JsonObject GetFile(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            FileRecord file = FindFile(ctx, ws);
            return Responses.DataStudio(new JsonObject
            {
                ["File"] = FileViews.File(ctx.Db, file, includeContent: true, includeDeletedStatus: true),
                ["NodeConfiguration"] = FileViews.NodeConfiguration(ctx.Db, file.Config),
            });
        }

        /// <summary>By FileId, or by NodeId (GetFile, DeployFile).</summary>
        internal static FileRecord FindFile(ActionContext ctx, Workspace ws)
        {
            long? fileId = ctx.Long("FileId");
            long? nodeId = ctx.Long("NodeId");
            if (fileId != null)
                return FileById(ctx, ws, fileId.Value);
            if (nodeId != null)
                return Files.GetByNode(ctx.Db, ws.ProjectId, nodeId.Value) ?? throw ErrorCatalogue.FileNotExists("NodeId " + nodeId.Value.ToString(CultureInfo.InvariantCulture));
            throw ErrorCatalogue.MissingParameter("FileId");
        }

        /// <summary>The workspace's file with this id, whatever its deleted status; FileNotExists when there is none.</summary>
        internal static FileRecord FileById(ActionContext ctx, Workspace ws, long fileId) =>
            Files.Get(ctx.Db, ws.ProjectId, fileId) ?? throw ErrorCatalogue.FileNotExists("FileId " + fileId.ToString(CultureInfo.InvariantCulture));

        /// <summary>The workspace's live file with this id: FileNotExists when there is none, FileDeleted when it is in the recycle bin.</summary>
        internal static FileRecord LiveFileById(ActionContext ctx, Workspace ws, long fileId)
        {
            FileRecord file = FileById(ctx, ws, fileId);
            if (!file.IsNormal) throw ErrorCatalogue.FileDeleted(fileId);
            return file;
        }

        /// <summary>
        /// ListFiles: every filter is a clause of one SQL query over the live files of the workspace (indexed: workspace and
        /// status, name, owner, node, folder path as a range of the folders' path index), counted and paged in SQL by
        /// FileId (see <see cref="PagedQuery"/>); only the page's rows are read, and their content only with NeedContent.
        /// </summary>
        public JsonObject ListFiles(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            Paging paging = ctx.Paging();
            var filter = new SqlFilter().Where("f.project_id = $p AND f.deleted_status = 'NORMAL'", "$p", ws.ProjectId);

            string folderPath = ctx.Str("FileFolderPath");
            if (!string.IsNullOrEmpty(folderPath))
            {
                // The folder itself and everything below it: path = root, or root + "/" <= path < root + "0" ('0' follows '/').
                string root = FolderPaths.Normalize(folderPath);
                filter.Where("f.folder_id IN (SELECT folder_id FROM folders WHERE project_id = $p AND (path = $root OR (path > $root_slash AND path < $root_end)))",
                    "$root", root, "$root_slash", root + "/", "$root_end", root + "0");
            }
            filter.WhereGiven("contains_ci(f.name, $keyword)", "$keyword", ctx.Str("Keyword"));
            filter.WhereGiven("f.name = $exact", "$exact", ctx.Str("ExactFileName"));
            string types = ctx.Str("FileTypes");
            if (!string.IsNullOrEmpty(types)) filter.In("f.file_type", "$type", ParseLongList("FileTypes", types));
            string ids = ctx.Str("FileIdIn");
            if (!string.IsNullOrEmpty(ids))
            {
                var wanted = ParseLongList("FileIdIn", ids);
                if (wanted.Count > 50) throw ErrorCatalogue.InvalidParameter("FileIdIn", "It holds at most 50 ids.");
                filter.In("f.file_id", "$id", wanted);
            }
            filter.WhereGiven("f.node_id = $node", "$node", ctx.Long("NodeId"));
            filter.WhereGiven("f.owner = $owner", "$owner", ctx.Str("Owner"));
            filter.WhereGiven("f.last_edit_user = $editor", "$editor", ctx.Str("LastEditUser"));
            filter.WhereGiven("f.use_type = $use", "$use", ctx.Str("UseType"));
            bool needContent = ctx.Bool("NeedContent") ?? false;
            bool needAbsolute = ctx.Bool("NeedAbsoluteFolderPath") ?? false;

            var (total, rows) = Files.Page(ctx.Db, ctx.Listings, filter, paging.Offset, paging.Size, needContent);
            var businessIds = new Dictionary<string, long>(StringComparer.Ordinal);
            var list = new JsonArray();
            foreach (var (f, path) in rows)
            {
                if (!businessIds.TryGetValue(path, out long businessId))
                {
                    businessId = path.Length == 0 ? 0 : Tenant.BusinessIdOf(ctx.Db, ws.ProjectId, path);
                    businessIds[path] = businessId;
                }
                list.Add(FileViews.File(f, businessId, needContent, includeDeletedStatus: false, needAbsolute ? path : null));
            }
            return Responses.DataStudio(paging.Result(total, "Files", list));
        }

        public JsonObject ListFileVersions(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            long fileId = ctx.RequiredLong("FileId");
            Paging paging = ctx.Paging();
            FileRecord file = FileById(ctx, ws, fileId);
            var (total, versions) = Files.VersionsPage(ctx.Db, fileId, paging.Offset, paging.Size);
            var list = new JsonArray();
            foreach (var v in versions) list.Add(FileViews.Version(v, file.ProdVersion));
            return Responses.DataStudio(paging.Result(total, "FileVersions", list));
        }

        /// <summary>
        /// UpdateFile: every documented property (dataworks-api.md §5.5). The operation description says an update must
        /// change something ("if the value is A and you still set A, the 'invalid' error is reported"); read as: the call
        /// is refused ("invalid data") only when no supplied value differs from the current one, so that Alibaba's own
        /// sample, which sends its whole schedule (several values equal to a new node's defaults) right after creating
        /// the task, works (docs/emulator.md, "UpdateFile").
        /// </summary>
        public JsonObject UpdateFile(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            long fileId = ctx.RequiredLong("FileId");
            FileRecord file = LiveFileById(ctx, ws, fileId);
            var c = file.Config;
            var u = new Updater(ctx);

            u.Text("FileFolderPath", sent => FolderPaths.Normalize(sent) == Tenant.FolderById(ctx.Db, ws.ProjectId, file.FolderId)?.Path, folderText =>
            {
                Folder target = Tenant.FolderByPath(ctx.Db, ws.ProjectId, folderText) ?? throw ErrorCatalogue.FolderNotExists(folderText);
                if (file.FileType == 23 && !FolderPaths.IsDataIntegration(target.Path))
                    throw ErrorCatalogue.FolderInvalid(folderText, "a Data Integration node must stay in a Data Integration folder");
                file.FolderId = target.FolderId;
            });
            u.Text("FileName", file.Name, name =>
            {
                if (name.Trim().Length == 0 || name.Contains('/') || name.Length > 128)
                    throw ErrorCatalogue.InvalidParameter("FileName", "A file name is 1 to 128 characters without '/'.");
                file.Name = name;
            });
            if (ctx.Has("FileName") || ctx.Has("FileFolderPath"))
            {
                if (Files.SameNameInFolder(ctx.Db, ws.ProjectId, file.FolderId, file.Name, file.FileId) != null)
                    throw ErrorCatalogue.FileExisted(file.Name, Tenant.FolderById(ctx.Db, ws.ProjectId, file.FolderId)?.Path);
            }
            u.Text("FileDescription", file.Description, v => file.Description = v);
            u.Text("Content", file.Content, content =>
            {
                if (file.FileType == 23)
                {
                    var sources = new List<string>();
                    string problem = TaskContentValidator.Validate(content, sources);
                    if (problem != null) throw ErrorCatalogue.InvalidNodeValue("Content", "is not a valid batch synchronization script: " + problem);
                    foreach (string ds in sources)
                        if (Tenant.DataSourcesNamed(ctx.Db, ws.ProjectId, ds).Count == 0)
                            throw ErrorCatalogue.InvalidNodeValue("Content", "names data source \"" + ds + "\", which workspace " + ws.ProjectId + " does not have.");
                }
                file.Content = content;
            });
            u.Text("Owner", file.Owner, owner =>
            {
                if (owner.Trim().Length == 0) throw ErrorCatalogue.InvalidParameter("Owner", "It must not be empty.");
                file.Owner = owner;
            });
            u.Text("ConnectionName", file.ConnectionName, v => file.ConnectionName = v);
            u.Int("AutoRerunTimes", c.AutoRerunTimes, rerunTimes =>
            {
                if (rerunTimes < 0) throw ErrorCatalogue.InvalidNodeValue("AutoRerunTimes", "must not be negative.");
                c.AutoRerunTimes = rerunTimes;
            });
            u.Int("AutoRerunIntervalMillis", c.AutoRerunIntervalMillis, interval =>
            {
                if (interval < 0 || interval > 1800000) throw ErrorCatalogue.InvalidNodeValue("AutoRerunIntervalMillis", "is milliseconds between 0 and 1800000 (30 minutes).");
                c.AutoRerunIntervalMillis = interval;
            });
            u.Enum("RerunMode", new[] { "ALL_ALLOWED", "FAILURE_ALLOWED", "ALL_DENIED" }, c.RerunMode, v => c.RerunMode = v);
            u.Bool("Stop", c.Stop, v => c.Stop = v);
            u.Text("ParaValue", c.ParaValue, paraValue =>
            {
                foreach (string pair in paraValue.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (pair.IndexOf('=') <= 0) throw ErrorCatalogue.InvalidNodeValue("ParaValue", "is space-separated name=value pairs; \"" + pair + "\" is not one (an expression cannot contain spaces).");
                c.ParaValue = paraValue;
            });
            u.Long("StartEffectDate", c.StartEffectDate, v => c.StartEffectDate = v);
            u.Long("EndEffectDate", c.EndEffectDate, v => c.EndEffectDate = v);
            if (c.StartEffectDate < 0 || c.EndEffectDate < c.StartEffectDate)
                throw ErrorCatalogue.InvalidNodeValue("StartEffectDate", "and EndEffectDate are epoch milliseconds with start <= end.");
            u.Text("CronExpress", c.CronExpress, cron =>
            {
                string problem = ScheduleRules.ValidateCron(cron);
                if (problem != null) throw ErrorCatalogue.InvalidNodeValue("CronExpress", problem);
                c.CronExpress = cron;
            });
            u.Enum("CycleType", new[] { "DAY", "NOT_DAY" }, c.CycleType, v => c.CycleType = v);
            if ((ctx.Has("CronExpress") || ctx.Has("CycleType")) && ScheduleRules.CycleTypeOf(c.CronExpress) != c.CycleType)
                throw ErrorCatalogue.InvalidNodeValue("CycleType", "must be " + ScheduleRules.CycleTypeOf(c.CronExpress) + " for the schedule \"" + c.CronExpress
                    + "\" (NOT_DAY for minute/hour schedules, DAY for day/week/month schedules).");
            u.Enum("DependentType", new[] { "SELF", "CHILD", "USER_DEFINE", "NONE" }, c.DependentType, v => c.DependentType = v);
            u.Text("DependentNodeIdList", c.DependentNodeIdList, dependentNodes =>
            {
                ParseLongList("DependentNodeIdList", dependentNodes);
                c.DependentNodeIdList = dependentNodes;
            });
            // The node ids matter only for USER_DEFINE (the documented meaning of the list): then they are required and must
            // exist; with SELF, CHILD or NONE they are kept as sent and not checked (Alibaba's sample sends ids with SELF).
            if (c.DependentType == "USER_DEFINE" && (ctx.Has("DependentType") || ctx.Has("DependentNodeIdList")))
            {
                var nodes = ParseLongList("DependentNodeIdList", c.DependentNodeIdList ?? "");
                if (nodes.Count == 0) throw ErrorCatalogue.InvalidNodeValue("DependentNodeIdList", "is required when DependentType is USER_DEFINE.");
                foreach (long node in nodes)
                    if (Files.GetByNode(ctx.Db, ws.ProjectId, node) == null)
                        throw ErrorCatalogue.InvalidNodeValue("DependentNodeIdList", "names node " + node + ", which does not exist in workspace " + ws.ProjectId + ".");
            }
            u.List("OutputList", c.OutputList, outputs =>
            {
                foreach (string output in outputs)
                {
                    var owner2 = OutputOwner(ctx.Db, output, file.FileId);
                    if (owner2 != null) throw ErrorCatalogue.OutputExisted(output, owner2.FileId);
                }
                c.OutputList = outputs;
            });
            u.List("InputList", c.InputList, inputs =>
            {
                foreach (string input in inputs)
                {
                    if (c.OutputList.Contains(input)) throw ErrorCatalogue.InvalidNodeValue("InputList", "names \"" + input + "\", an output of this node itself.");
                    if (!IsKnownOutput(ctx.Db, input, file.FileId)) throw ErrorCatalogue.UnknownInput(input);
                }
                c.InputList = inputs;
            });
            u.Json("InputParameters", ParseInputParameters, c.InputParameters, v => c.InputParameters = v);
            u.Json("OutputParameters", ParseOutputParameters, c.OutputParameters, v => c.OutputParameters = v);
            u.Bool("AutoParsing", file.AutoParsing, v => file.AutoParsing = v);
            u.Enum("SchedulerType", new[] { "NORMAL", "MANUAL", "PAUSE", "SKIP" }, c.SchedulerType, v => c.SchedulerType = v);
            u.Text("ResourceGroupIdentifier", c.ResourceGroupIdentifier, group =>
            {
                ResourceGroup rg = Tenant.GroupByIdentifier(ctx.Db, group);
                if (rg == null || !rg.IsScheduling || rg.Status != 0) throw ErrorCatalogue.ResourceGroupNotExists(group);
                c.ResourceGroupIdentifier = group;
            });
            u.Bool("StartImmediately", c.StartImmediately, v => c.StartImmediately = v);
            u.Bool("ApplyScheduleImmediately", c.ApplyScheduleImmediately, v => c.ApplyScheduleImmediately = v);
            u.Bool("IgnoreParentSkipRunningProperty", c.IgnoreParentSkipRunningProperty, v => c.IgnoreParentSkipRunningProperty = v);
            u.Text("ImageId", c.ImageId, v => c.ImageId = v);
            u.Text("AdvancedSettings", file.AdvancedSettings, v => file.AdvancedSettings = v);
            u.Int("Timeout", c.Timeout, timeout =>
            {
                if (timeout < 0) throw ErrorCatalogue.InvalidNodeValue("Timeout", "must not be negative.");
                c.Timeout = timeout;
            });

            if (u.SuppliedCount > 0 && u.Changed == 0) throw ErrorCatalogue.DataUnchanged(u.SuppliedNames);
            if (u.Changed > 0)
                Files.UpdateEdited(ctx.Db, file, ctx.Now, ctx.UserId);
            return Responses.DataStudio();
        }

        /// <summary>The live file (other than <paramref name="exceptFileId"/>) whose OutputList holds <paramref name="output"/>, or null (an index seek).</summary>
        internal static FileRecord OutputOwner(Db db, string output, long exceptFileId) => Files.OutputOwner(db, output, exceptFileId);

        internal static bool OutputInUse(Db db, string output, long exceptFileId) => OutputOwner(db, output, exceptFileId) != null;

        /// <summary>
        /// Whether an InputList may name <paramref name="input"/>: any workspace's root output (&lt;identifier&gt;_root), the
        /// demo tenant's extra root outputs, or an output of a live file (except the one being updated).
        /// </summary>
        internal static bool IsKnownOutput(Db db, string input, long exceptFileId)
        {
            if (Array.IndexOf(DemoTenant.ExtraRootOutputs, input) >= 0) return true;
            if (input.EndsWith("_root", StringComparison.Ordinal) && Tenant.WorkspaceByIdentifier(db, input.Substring(0, input.Length - "_root".Length)) != null) return true;
            return OutputInUse(db, input, exceptFileId);
        }

        private static List<long> ParseLongList(string name, string text)
        {
            var list = new List<long>();
            foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                    throw ErrorCatalogue.InvalidParameter(name, "It is a comma-separated list of integers.");
                list.Add(v);
            }
            return list;
        }

        private static List<InputParameter> ParseInputParameters(string text)
        {
            var list = new List<InputParameter>();
            foreach (JsonElement e in JsonArrayOf("InputParameters", text))
            {
                if (e.ValueKind != JsonValueKind.Object || !Prop(e, "ParameterName", out string name) || !Prop(e, "ValueSource", out string source))
                    throw ErrorCatalogue.InvalidNodeValue("InputParameters", "is a JSON array of {\"ParameterName\":…,\"ValueSource\":…}.");
                list.Add(new InputParameter { ParameterName = name, ValueSource = source });
            }
            return list;
        }

        private static List<OutputParameter> ParseOutputParameters(string text)
        {
            var list = new List<OutputParameter>();
            foreach (JsonElement e in JsonArrayOf("OutputParameters", text))
            {
                if (e.ValueKind != JsonValueKind.Object || !Prop(e, "ParameterName", out string name) || !Prop(e, "Value", out string value)
                    || !e.TryGetProperty("Type", out JsonElement typeElement))
                    throw ErrorCatalogue.InvalidNodeValue("OutputParameters", "is a JSON array of {\"Type\":1|2|3,\"Value\":…,\"ParameterName\":…}.");
                string type = typeElement.ValueKind == JsonValueKind.Number ? typeElement.GetRawText() : typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
                if (type != "1" && type != "2" && type != "3")
                    throw ErrorCatalogue.InvalidNodeValue("OutputParameters", "Type is 1 (constant), 2 (variable) or 3 (pass-through variable).");
                Prop(e, "Description", out string description);
                list.Add(new OutputParameter { ParameterName = name, Type = type, Value = value, Description = description ?? "" });
            }
            return list;
        }

        private static List<JsonElement> JsonArrayOf(string name, string text)
        {
            try
            {
                using (var doc = JsonDocument.Parse(text))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Array) throw ErrorCatalogue.InvalidNodeValue(name, "must be a JSON array.");
                    return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
                }
            }
            catch (JsonException)
            {
                throw ErrorCatalogue.InvalidNodeValue(name, "must be a JSON array.");
            }
        }

        private static bool Prop(JsonElement o, string name, out string value)
        {
            value = null;
            if (!o.TryGetProperty(name, out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
            value = e.GetString();
            return true;
        }

        /// <summary>
        /// Reads UpdateFile's parameters, one at a time: a supplied one is recorded as changing something or not, then
        /// handed to its apply step (which checks it, throwing on a bad value, and sets it); one not supplied is skipped.
        /// </summary>
        private sealed class Updater
        {
            private readonly ActionContext _ctx;
            private readonly List<string> _names = new List<string>();

            public Updater(ActionContext ctx)
            {
                _ctx = ctx;
            }

            /// <summary>How many properties the call supplied, and how many of them differ from the current value.</summary>
            public int SuppliedCount => _names.Count;
            public int Changed { get; private set; }
            public IReadOnlyList<string> SuppliedNames => _names;

            public void Text(string name, string current, Action<string> apply) => Text(name, sent => sent == current, apply);

            public void Text(string name, Func<string, bool> unchanged, Action<string> apply)
            {
                string value = _ctx.Str(name);
                Take(name, value != null, value, unchanged, apply);
            }

            public void Int(string name, int current, Action<int> apply)
            {
                int? value = _ctx.Int(name);
                Take(name, value != null, value ?? 0, sent => sent == current, apply);
            }

            public void Long(string name, long current, Action<long> apply)
            {
                long? value = _ctx.Long(name);
                Take(name, value != null, value ?? 0, sent => sent == current, apply);
            }

            public void Bool(string name, bool current, Action<bool> apply)
            {
                bool? value = _ctx.Bool(name);
                Take(name, value != null, value ?? false, sent => sent == current, apply);
            }

            /// <summary>One of <paramref name="allowed"/>; an empty value counts as not supplied.</summary>
            public void Enum(string name, string[] allowed, string current, Action<string> apply)
            {
                string value = _ctx.Str(name);
                if (string.IsNullOrEmpty(value)) return;
                if (Array.IndexOf(allowed, value) < 0) throw ErrorCatalogue.InvalidParameter(name, "It is one of " + string.Join(", ", allowed) + ".");
                Take(name, true, value, sent => sent == current, apply);
            }

            /// <summary>A comma-separated list, trimmed, without empty or repeated items.</summary>
            public void List(string name, List<string> current, Action<List<string>> apply)
            {
                string text = _ctx.Str(name);
                List<string> value = text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
                Take(name, text != null, value, sent => sent.SequenceEqual(current), apply);
            }

            /// <summary>A JSON text read by <paramref name="parse"/>; unchanged when it serializes as the current value does.</summary>
            public void Json<T>(string name, Func<string, T> parse, T current, Action<T> apply)
            {
                string text = _ctx.Str(name);
                if (text == null) return;
                Take(name, true, parse(text), sent => JsonSerializer.Serialize(sent) == JsonSerializer.Serialize(current), apply);
            }

            /// <summary>Records a supplied property (the call is refused at the end only if none of them changes anything), then applies it.</summary>
            private void Take<T>(string name, bool supplied, T value, Func<T, bool> unchanged, Action<T> apply)
            {
                if (!supplied) return;
                _names.Add(name);
                if (!unchanged(value)) Changed++;
                apply(value);
            }
        }
    }
}
