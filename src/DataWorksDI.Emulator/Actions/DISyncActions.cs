using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// CreateDISyncTask and UpdateDISyncTask. Business failures are HTTP 200 with Data.Status "fail" (§3.3).
    /// Task types are dispatched through <see cref="TaskTypes"/>; DI_REALTIME / DI_SOLUTION go to <see cref="RealtimeActions"/>.
    /// </summary>
    public sealed class DISyncActions
    {
        public const int BatchFileType = 23;

        private delegate JsonObject CreateHandler(ActionContext ctx, Workspace ws, string taskName, string taskContent, string taskParam);

        private readonly Dictionary<string, CreateHandler> _creators;

        public DISyncActions()
        {
            _creators = new Dictionary<string, CreateHandler>(StringComparer.Ordinal)
            {
                [TaskTypes.Offline] = CreateOffline,
                [TaskTypes.Realtime] = (ctx, ws, n, c, p) => RealtimeActions.CreateTask(ctx, ws, TaskTypes.Realtime, n, c, p),
                [TaskTypes.Solution] = (ctx, ws, n, c, p) => RealtimeActions.CreateTask(ctx, ws, TaskTypes.Solution, n, c, p),
            };
        }

        public JsonObject CreateDISyncTask(ActionContext ctx)
        {
            Workspace ws = ctx.WorkspaceById();
            string taskType = ctx.RequiredStr("TaskType");
            string taskContent = ctx.RequiredStr("TaskContent");
            // TaskParam and TaskName are optional (the SDK model and the current API page): defaults in CheckNewTask/InsertTask.
            string taskParam = ctx.Str("TaskParam");
            string taskName = ctx.Str("TaskName");
            if (!_creators.TryGetValue(taskType, out CreateHandler create)) throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskType(taskType));
            return create(ctx, ws, string.IsNullOrEmpty(taskName) ? null : taskName, taskContent, string.IsNullOrEmpty(taskParam) ? null : taskParam);
        }

        private static JsonObject CreateOffline(ActionContext ctx, Workspace ws, string taskName, string taskContent, string taskParam)
        {
            string failure = CheckNewTask(ctx, ws, taskName, taskParam, out NewTaskPlace place);
            if (failure != null) return Responses.DiFail(failure);
            string contentFailure = CheckContent(ctx, ws, taskContent);
            if (contentFailure != null) return Responses.DiFail(contentFailure);

            FileRecord file = InsertTask(ctx, ws, place, taskName, BatchFileType, TaskTypes.Offline, taskContent);
            return Responses.DiSuccess(new JsonObject { ["FileId"] = file.FileId });
        }

        /// <summary>Where a new task goes and what it runs on, read from CreateDISyncTask's TaskParam.</summary>
        internal sealed class NewTaskPlace
        {
            public Folder Folder { get; set; }
            public string ResourceGroup { get; set; }
            public double? Cu { get; set; }
        }

        /// <summary>
        /// CreateDISyncTask's checks shared by every task type: TaskParam {FileFolderPath?, ResourceGroup?, Cu?} and the task
        /// name. Without TaskParam or its keys: the workspace's first Data Integration folder (by path) and the workspace's
        /// default DI resource group (GetProject DefaultDiResourceGroupIdentifier). A TaskParam that is not a JSON object is
        /// 400 Invalid.DI.Parameter; the rest are DI failures: returns the message, or null.
        /// </summary>
        internal static string CheckNewTask(ActionContext ctx, Workspace ws, string taskName, string taskParam, out NewTaskPlace place)
        {
            place = null;
            JsonElement param = default;
            if (taskParam != null && !TryReadTaskParam(taskParam, out param, out string paramProblem))
                throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskParam(paramProblem));
            string folderPath = taskParam == null ? null : StringProp(param, "FileFolderPath");
            string resourceGroup = taskParam == null ? null : StringProp(param, "ResourceGroup");

            Folder folder;
            if (string.IsNullOrEmpty(folderPath))
            {
                folder = Tenant.Folders(ctx.Db, ws.ProjectId).Where(f => FolderPaths.IsDataIntegration(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
                if (folder == null) return DiFailures.InvalidPath("(none given, and workspace " + ws.ProjectId + " has no Data Integration folder; set TaskParam.FileFolderPath)");
            }
            else
            {
                folder = Tenant.FolderByPath(ctx.Db, ws.ProjectId, folderPath);
                if (folder == null || !FolderPaths.IsDataIntegration(folder.Path)) return DiFailures.InvalidPath(folderPath);
            }
            if (string.IsNullOrEmpty(resourceGroup)) resourceGroup = ws.DefaultDiResourceGroup;
            if (string.IsNullOrEmpty(resourceGroup) || !IsUsableDiGroup(ctx.Db, resourceGroup)) return DiFailures.InvalidResourceGroup(resourceGroup ?? "");
            double? cu = null;
            if (taskParam != null && !TryReadCu(param, out cu, out string cuText)) return DiFailures.InvalidCu(cuText);
            if (taskName != null && (taskName.Trim().Length == 0 || taskName.Contains('/') || taskName.Length > 128))
                return DiFailures.InvalidTaskName("a task name is 1 to 128 characters without '/'.");
            place = new NewTaskPlace { Folder = folder, ResourceGroup = resourceGroup, Cu = cu };
            return null;
        }

        /// <summary>The name of a task created without TaskName: the task type in lower case and the new FileId, e.g. di_offline_500000123.</summary>
        internal static string DefaultTaskName(string taskType, long fileId) =>
            taskType.ToLowerInvariant() + "_" + fileId.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Inserts the task file (content verbatim; named <see cref="DefaultTaskName"/> when <paramref name="taskName"/> is
        /// null); a live file with the same name in the folder is Invalid.DI.Parameter.File.Existed.
        /// </summary>
        internal static FileRecord InsertTask(ActionContext ctx, Workspace ws, NewTaskPlace place, string taskName, int fileType, string taskType, string taskContent)
        {
            if (taskName != null && Files.SameNameInFolder(ctx.Db, ws.ProjectId, place.Folder.FolderId, taskName, 0) != null)
                throw ErrorCatalogue.FileExisted(taskName, place.Folder.Path);

            long fileId = ctx.Db.NextId("file");
            taskName ??= DefaultTaskName(taskType, fileId);
            var file = new FileRecord
            {
                FileId = fileId,
                ProjectId = ws.ProjectId,
                FolderId = place.Folder.FolderId,
                Name = taskName,
                FileType = fileType,
                Content = taskContent, // verbatim
                Owner = ctx.UserId,
                CreateTime = ctx.Now,
                CreateUser = ctx.UserId,
                LastEditTime = ctx.Now,
                LastEditUser = ctx.UserId,
                TaskType = taskType,
                DiResourceGroup = place.ResourceGroup,
                DiCu = place.Cu,
                Config = FileViews.DefaultConfig(ctx.Db, ws, fileId, taskName, Tenant.DefaultSchedulingGroup(ctx.Db)),
            };
            Files.Insert(ctx.Db, file);
            return file;
        }

        public JsonObject UpdateDISyncTask(ActionContext ctx)
        {
            Workspace ws = ctx.WorkspaceById();
            long fileId = ctx.RequiredLong("FileId");
            string taskType = ctx.RequiredStr("TaskType");
            if (taskType == TaskTypes.Realtime) return RealtimeActions.UpdateTask(ctx, ws, fileId);
            if (taskType == TaskTypes.Solution)
                return Responses.DiFail(DiFailures.TaskTypeNotSupportedBy(taskType, ctx.Action, TaskTypes.Offline, TaskTypes.Realtime));
            if (taskType != TaskTypes.Offline) throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskType(taskType));

            FileRecord file = Files.Get(ctx.Db, ws.ProjectId, fileId);
            if (file == null || file.FileType != BatchFileType || !file.IsNormal)
                return Responses.DiFail(DiFailures.InvalidFileId(fileId.ToString(CultureInfo.InvariantCulture)));

            string paramFailure = ApplyUpdateParam(ctx, file, out bool changed);
            if (paramFailure != null) return Responses.DiFail(paramFailure);
            string taskContent = ctx.Str("TaskContent");
            if (!string.IsNullOrEmpty(taskContent))
            {
                string contentFailure = CheckContent(ctx, ws, taskContent);
                if (contentFailure != null) return Responses.DiFail(contentFailure);
                file.Content = taskContent; // verbatim
                changed = true;
            }
            if (changed)
                Files.UpdateEdited(ctx.Db, file, ctx.Now, ctx.UserId);
            return Responses.DiSuccess();
        }

        /// <summary>
        /// UpdateDISyncTask's optional TaskParam {ResourceGroup?, Cu?} (FileFolderPath refused: move with UpdateFile), applied to
        /// <paramref name="file"/> in memory. Returns the DI failure message, or null.
        /// </summary>
        internal static string ApplyUpdateParam(ActionContext ctx, FileRecord file, out bool changed)
        {
            changed = false;
            string taskParam = ctx.Str("TaskParam");
            if (string.IsNullOrEmpty(taskParam)) return null;
            if (!TryReadTaskParam(taskParam, out JsonElement param, out string problem)) throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskParam(problem));
            if (param.TryGetProperty("FileFolderPath", out _))
                throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskParam("FileFolderPath cannot be changed here; move the task with UpdateFile."));
            string group = StringProp(param, "ResourceGroup");
            if (group != null)
            {
                if (!IsUsableDiGroup(ctx.Db, group)) return DiFailures.InvalidResourceGroup(group);
                file.DiResourceGroup = group;
                changed = true;
            }
            if (!TryReadCu(param, out double? cu, out string cuText)) return DiFailures.InvalidCu(cuText);
            if (cu != null)
            {
                file.DiCu = cu;
                changed = true;
            }
            return null;
        }

        /// <summary>A DI resource group is usable when it exists, is of type 4 (Data Integration) and is NORMAL.</summary>
        internal static bool IsUsableDiGroup(Db db, string identifier)
        {
            ResourceGroup rg = Tenant.GroupByIdentifier(db, identifier);
            return rg != null && rg.IsDataIntegration && rg.Status == 0;
        }

        private static string CheckContent(ActionContext ctx, Workspace ws, string taskContent)
        {
            var sources = new List<string>();
            string problem = TaskContentValidator.Validate(taskContent, sources);
            if (problem != null) return DiFailures.InvalidTaskContent(problem);
            foreach (string ds in sources)
                if (Tenant.DataSourcesNamed(ctx.Db, ws.ProjectId, ds).Count == 0) return DiFailures.InvalidDatasource(ds, ws.ProjectId);
            return null;
        }

        private static bool TryReadTaskParam(string text, out JsonElement param, out string problem)
        {
            param = default;
            problem = null;
            try
            {
                using (var doc = JsonDocument.Parse(text))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        problem = "it must be a JSON object such as {\"FileFolderPath\":\"…\",\"ResourceGroup\":\"…\"}.";
                        return false;
                    }
                    param = doc.RootElement.Clone();
                    return true;
                }
            }
            catch (JsonException)
            {
                problem = "it is not valid JSON.";
                return false;
            }
        }

        private static string StringProp(JsonElement o, string name) =>
            o.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

        /// <summary>Cu: absent, or a positive multiple of 0.5 (number or numeric string).</summary>
        private static bool TryReadCu(JsonElement param, out double? cu, out string text)
        {
            cu = null;
            text = null;
            if (!param.TryGetProperty("Cu", out JsonElement e) || e.ValueKind == JsonValueKind.Null) return true;
            text = e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return false;
            if (v <= 0 || Math.Abs(v * 2 - Math.Round(v * 2)) > 1e-9) return false;
            cu = v;
            return true;
        }
    }

    public static class TaskTypes
    {
        public const string Offline = "DI_OFFLINE";
        public const string Realtime = "DI_REALTIME";
        public const string Solution = "DI_SOLUTION";

        /// <summary>The documented values of TaskType.</summary>
        public static readonly string[] All = { Offline, Realtime, Solution };
    }
}
