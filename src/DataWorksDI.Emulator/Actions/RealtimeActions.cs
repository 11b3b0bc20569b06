using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// Real-time sync tasks (DI_REALTIME, FileType 900) and synchronization solutions (DI_SOLUTION, FileType 1200):
    /// asynchronous config generation, creation/update through CreateDISyncTask/UpdateDISyncTask, deployment and the
    /// instance life cycle (docs/emulator.md, "Real-time tasks"). Business failures are HTTP 200, Data.Status "fail".
    /// </summary>
    public sealed class RealtimeActions
    {
        public const int RealtimeFileType = 900;

        /// <summary>Chosen: the FileType of a synchronization solution is undocumented (dataworks-api.md §3.1).</summary>
        public const int SolutionFileType = 1200;

        private static readonly string[] BothTypes = { TaskTypes.Realtime, TaskTypes.Solution };
        private static readonly string[] RealtimeOnly = { TaskTypes.Realtime };

        private readonly EmulatorOptions _options;

        public RealtimeActions(EmulatorOptions options)
        {
            _options = options;
        }

        public static int FileTypeOf(string taskType) => taskType == TaskTypes.Solution ? SolutionFileType : RealtimeFileType;

        // ---- Config generation ------------------------------------------------------------------------------------------

        public JsonObject GenerateDISyncTaskConfigForCreating(ActionContext ctx)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            Workspace ws = ctx.WorkspaceById();
            string taskType = ctx.RequiredStr("TaskType");
            string taskParam = ctx.RequiredStr("TaskParam");
            if (!BothTypes.Contains(taskType)) return Unsupported(ctx, taskType, BothTypes);
            JsonObject param = RealtimeConfig.ParseObject(taskParam, out string problem);
            if (param == null) return Responses.DiFail(DiFailures.InvalidTaskParam(problem));

            string content = RealtimeConfig.GenerateForCreating(ctx.Db, ws, param, out string failure);
            long id = StartProcess(ctx, ws, taskType, ProcessKind.Create, null, taskParam, content, failure);
            return Responses.DiSuccess(new JsonObject { ["ProcessId"] = id });
        }

        public JsonObject GenerateDISyncTaskConfigForUpdating(ActionContext ctx)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            Workspace ws = ctx.WorkspaceById();
            string taskType = ctx.RequiredStr("TaskType");
            long taskId = ctx.RequiredLong("TaskId");
            string taskParam = ctx.RequiredStr("TaskParam");
            if (!BothTypes.Contains(taskType)) return Unsupported(ctx, taskType, BothTypes);
            FileRecord file = TaskFile(ctx, ws, taskId, taskType);
            if (file == null) return InvalidFileId(taskId);
            JsonObject param = RealtimeConfig.ParseObject(taskParam, out string problem);
            if (param == null) return Responses.DiFail(DiFailures.InvalidTaskParam(problem));

            string content = RealtimeConfig.GenerateForUpdating(file.Content, param, out string failure);
            long id = StartProcess(ctx, ws, taskType, ProcessKind.Update, file.FileId, taskParam, content, failure);
            return Responses.DiSuccess(new JsonObject { ["ProcessId"] = id });
        }

        /// <summary>The outcome is decided now and revealed when the generation delay has passed (persisted like everything else).</summary>
        private long StartProcess(ActionContext ctx, Workspace ws, string taskType, string kind, long? fileId, string taskParam, string content, string failure) =>
            Realtime.InsertProcess(ctx.Db, new RealtimeProcess
            {
                ProjectId = ws.ProjectId,
                TaskType = taskType,
                Kind = kind,
                FileId = fileId,
                TaskParam = taskParam,
                CreateTime = ctx.Now,
                DueTime = ctx.Now + (long)_options.RealtimeGenerationDelay.TotalMilliseconds,
                Outcome = failure == null ? "success" : "fail",
                Message = failure ?? "",
                TaskContent = content,
            });

        public JsonObject QueryDISyncTaskConfigProcessResult(ActionContext ctx)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            Workspace ws = ctx.WorkspaceById();
            string taskType = ctx.RequiredStr("TaskType");
            long processId = ctx.RequiredLong("AsyncProcessId");
            if (!BothTypes.Contains(taskType)) return Unsupported(ctx, taskType, BothTypes);
            RealtimeProcess process = Realtime.Process(ctx.Db, ws.ProjectId, processId);
            if (process == null || process.TaskType != taskType)
                return Responses.DiFail(DiFailures.InvalidAsyncProcessId(processId.ToString(CultureInfo.InvariantCulture)));
            if (!process.IsFinished(ctx.Now))
                return new JsonObject
                {
                    ["Success"] = true,
                    ["Data"] = new JsonObject { ["Status"] = DiFailures.ProcessingStatus, ["Message"] = DiFailures.ProcessingMessage },
                };
            if (process.Outcome != "success") return Responses.DiFail(process.Message);
            return Responses.DiSuccess(new JsonObject { ["TaskContent"] = process.TaskContent });
        }

        // ---- CreateDISyncTask / UpdateDISyncTask (dispatched from DISyncActions) --------------------------------------------

        /// <summary>CreateDISyncTask for DI_REALTIME / DI_SOLUTION: TaskContent must come from a finished creating process of this workspace.</summary>
        internal static JsonObject CreateTask(ActionContext ctx, Workspace ws, string taskType, string taskName, string taskContent, string taskParam)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            string failure = DISyncActions.CheckNewTask(ctx, ws, taskName, taskParam, out DISyncActions.NewTaskPlace place);
            if (failure != null) return Responses.DiFail(failure);
            if (Realtime.SucceededWithContent(ctx.Db, ws.ProjectId, taskType, ProcessKind.Create, null, taskContent, ctx.Now) == null)
                return Responses.DiFail(DiFailures.ContentNotGenerated);

            FileRecord file = DISyncActions.InsertTask(ctx, ws, place, taskName, FileTypeOf(taskType), taskType, taskContent);
            Realtime.SaveInstance(ctx.Db, new RealtimeInstance
            {
                FileId = file.FileId,
                ProjectId = ws.ProjectId,
                TaskType = taskType,
                Status = InstanceStatus.NoRun,
                CreateTime = ctx.Now,
            });
            return Responses.DiSuccess(new JsonObject { ["FileId"] = file.FileId });
        }

        /// <summary>
        /// UpdateDISyncTask for DI_REALTIME (chosen although its page says DI_OFFLINE only, dataworks-api.md §10.3):
        /// TaskContent, when given, must come from a finished updating process of this task; TaskParam as for batch.
        /// </summary>
        internal static JsonObject UpdateTask(ActionContext ctx, Workspace ws, long fileId)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            FileRecord file = TaskFile(ctx, ws, fileId, TaskTypes.Realtime);
            if (file == null) return InvalidFileId(fileId);
            string paramFailure = DISyncActions.ApplyUpdateParam(ctx, file, out bool changed);
            if (paramFailure != null) return Responses.DiFail(paramFailure);
            string taskContent = ctx.Str("TaskContent");
            if (!string.IsNullOrEmpty(taskContent))
            {
                if (Realtime.SucceededWithContent(ctx.Db, ws.ProjectId, TaskTypes.Realtime, ProcessKind.Update, file.FileId, taskContent, ctx.Now) == null)
                    return Responses.DiFail(DiFailures.UpdateContentNotGenerated(file.FileId));
                file.Content = taskContent;
                changed = true;
            }
            if (changed)
                Files.UpdateEdited(ctx.Db, file, ctx.Now, ctx.UserId);
            return Responses.DiSuccess();
        }

        // ---- Reading --------------------------------------------------------------------------------------------------

        public JsonObject GetDISyncTask(ActionContext ctx)
        {
            if (!Begin(ctx, BothTypes, out Workspace ws, out string taskType, out FileRecord file, out JsonObject failure)) return failure;
            RealtimeInstance instance = InstanceOf(ctx, file);
            if (taskType == TaskTypes.Realtime)
                return Responses.DiSuccess(new JsonObject { ["Code"] = file.Content, ["AlarmList"] = new JsonArray() });

            string status = instance.Status == InstanceStatus.Run ? "2" : instance.Status == InstanceStatus.Wait ? "8" : "4";
            var extra = new JsonObject
            {
                ["resourceGroup"] = file.DiResourceGroup,
                ["deployed"] = instance.Deployed,
                ["startParam"] = instance.StartParam,
            };
            return Responses.DiSuccess(new JsonObject
            {
                ["Code"] = null,
                ["SolutionDetail"] = new JsonObject
                {
                    ["Id"] = file.FileId,
                    ["Name"] = file.Name,
                    ["CreatorName"] = file.CreateUser,
                    ["ProjectId"] = ws.ProjectId,
                    ["SourceType"] = "MySQL",
                    ["Type"] = RealtimeConfig.WriterDisplayName(RealtimeConfig.WriterType(file.Content)),
                    ["Status"] = status,
                    ["StartTime"] = Time(instance.StartTime),
                    ["SubmitTime"] = Time(instance.DeployTime ?? file.CreateTime),
                    ["ProcessContent"] = file.Content,
                    ["ProcessExtra"] = extra.ToJsonString(),
                },
                ["AlarmList"] = new JsonArray(),
            });
        }

        public JsonObject GetDISyncInstanceInfo(ActionContext ctx)
        {
            if (!Begin(ctx, BothTypes, out Workspace ws, out string taskType, out FileRecord file, out JsonObject failure)) return failure;
            RealtimeInstance instance = InstanceOf(ctx, file);
            if (taskType == TaskTypes.Realtime)
            {
                string message = instance.Status switch
                {
                    InstanceStatus.Run => DiFailures.InstanceRunning,
                    InstanceStatus.Wait => DiFailures.InstanceWaiting,
                    InstanceStatus.Pause => DiFailures.InstancePaused,
                    _ => instance.Deployed ? DiFailures.InstanceDeployed : DiFailures.InstanceNotDeployed,
                };
                return new JsonObject
                {
                    ["Success"] = true,
                    ["Data"] = new JsonObject
                    {
                        ["Status"] = instance.Status,
                        ["Message"] = message,
                        ["Name"] = file.Name,
                        ["StartParam"] = instance.StartParam,
                    },
                };
            }

            string state = instance.Status.ToLowerInvariant(); // norun, wait, run
            var tables = new JsonArray();
            foreach (string t in RealtimeConfig.ReaderTables(file.Content)) tables.Add(t);
            string tablesInfo = new JsonObject { ["tables"] = tables }.ToJsonString();
            string[] stepStatus = instance.Status == InstanceStatus.Run ? new[] { "success", "success", "run" }
                : instance.Status == InstanceStatus.Wait ? new[] { "run", "wait", "wait" }
                : new[] { "wait", "wait", "wait" };
            string[] stepNames = { "Create target tables", "Full data synchronization", "Real-time synchronization" };
            var steps = new JsonArray();
            for (int i = 0; i < stepNames.Length; i++)
                steps.Add(new JsonObject { ["StepId"] = (long)(i + 1), ["StepName"] = stepNames[i], ["Status"] = stepStatus[i], ["Info"] = tablesInfo });
            return Responses.DiSuccess(new JsonObject
            {
                ["SolutionInfo"] = new JsonObject
                {
                    ["Id"] = file.FileId,
                    ["CreatorName"] = file.CreateUser,
                    ["Status"] = state,
                    ["StepDetail"] = steps,
                },
            });
        }

        // ---- Life cycle -------------------------------------------------------------------------------------------------

        /// <summary>
        /// Submits and deploys at once (a new DEPLOYED file version, a node id); the instance becomes NORUN unless it runs.
        /// Fails like a batch deployment when a data source has no production copy.
        /// </summary>
        public JsonObject DeployDISyncTask(ActionContext ctx) => ChangeInstance(ctx, BothTypes, (_, file, instance) =>
        {
            // Failure injection, as for batch deployments: a matching deployment check (stage deploy or any) fails the call.
            DeploymentCheckRule rule = _options.DeploymentChecks.FirstOrDefault(r => r.Matches(file.Name, DeploymentCheckStage.Deploy));
            if (rule != null) return DiFailures.SubmitAndDeployFail(DeploymentActions.DeploymentFailureMessage(file, rule));

            if (file.NodeId == null)
            {
                file.NodeId = ctx.Db.NextId("node");
                Files.SetVersionsNodeId(ctx.Db, file.FileId, file.NodeId.Value);
            }
            int version = DeploymentActions.AddVersion(ctx, file, file.CurrentVersion == 0 ? "CREATE" : "UPDATE", "DEPLOYED", "DeployDISyncTask");
            file.DevVersion = version;
            file.ProdVersion = version;
            file.CommitStatus = 1;
            Files.Update(ctx.Db, file);

            instance.Deployed = true;
            instance.DeployTime = ctx.Now;
            if (!instance.IsRunning)
            {
                instance.Status = InstanceStatus.NoRun;
                instance.RunAt = null;
            }
            return null;
        });

        public JsonObject StartDISyncInstance(ActionContext ctx) => ChangeInstance(ctx, BothTypes, (taskType, _, instance) =>
        {
            string startParam = ctx.Str("StartParam");
            if (string.IsNullOrEmpty(startParam)) startParam = null;
            if (startParam != null)
            {
                if (taskType == TaskTypes.Solution) return DiFailures.InvalidStartParam(DiFailures.StartParamSolution);
                string problem = RealtimeConfig.CheckStartParam(startParam);
                if (problem != null) return DiFailures.InvalidStartParam(problem);
            }
            if (!instance.Deployed) return DiFailures.NotDeployed;
            if (instance.IsRunning) return DiFailures.AlreadyRunning;
            instance.Status = InstanceStatus.Wait;
            instance.RunAt = ctx.Now + (long)_options.RealtimeStartDelay.TotalMilliseconds;
            instance.StartTime = ctx.Now;
            instance.StartParam = startParam;
            return null;
        });

        public JsonObject StopDISyncInstance(ActionContext ctx) => ChangeInstance(ctx, RealtimeOnly, (_, _, instance) =>
        {
            if (!instance.IsRunning) return DiFailures.NotRunning;
            instance.Status = InstanceStatus.Pause;
            instance.RunAt = null;
            return null;
        });

        public JsonObject TerminateDISyncInstance(ActionContext ctx) => ChangeInstance(ctx, RealtimeOnly, (_, _, instance) =>
        {
            if (!instance.Deployed) return DiFailures.NothingToTerminate;
            instance.Deployed = false;
            instance.Status = InstanceStatus.NoRun;
            instance.RunAt = null;
            return null;
        });

        public JsonObject DeleteDISyncTask(ActionContext ctx)
        {
            if (!Begin(ctx, RealtimeOnly, out _, out _, out FileRecord file, out JsonObject failure)) return failure;
            if (InstanceOf(ctx, file).IsRunning) return Responses.DiFail(DiFailures.StopBeforeDelete);
            Files.Remove(ctx.Db, file.FileId);
            Realtime.RemoveInstance(ctx.Db, file.FileId);
            return Responses.DiSuccess();
        }

        // ---- Helpers ----------------------------------------------------------------------------------------------------

        /// <summary>
        /// The common start of the actions on one task (ProjectId, TaskType, FileId): settles due transitions, checks the
        /// task type against <paramref name="allowed"/> and finds the live task of that type.
        /// </summary>
        private static bool Begin(ActionContext ctx, string[] allowed, out Workspace ws, out string taskType, out FileRecord file, out JsonObject failure)
        {
            Realtime.Settle(ctx.Db, ctx.Now);
            ws = ctx.WorkspaceById();
            taskType = ctx.RequiredStr("TaskType");
            long fileId = ctx.RequiredLong("FileId");
            file = null;
            failure = null;
            if (!allowed.Contains(taskType))
            {
                failure = Unsupported(ctx, taskType, allowed);
                return false;
            }
            file = TaskFile(ctx, ws, fileId, taskType);
            if (file == null)
            {
                failure = InvalidFileId(fileId);
                return false;
            }
            return true;
        }

        /// <summary>What a life-cycle action does to the task's instance (and file): null, or the DI failure that refuses it.</summary>
        private delegate string InstanceChange(string taskType, FileRecord file, RealtimeInstance instance);

        /// <summary>
        /// The life-cycle actions (deploy, start, stop, terminate): <see cref="Begin"/>, then <paramref name="change"/> on the
        /// task's instance; the instance is saved unless the change refuses (a DI failure, nothing saved).
        /// </summary>
        private static JsonObject ChangeInstance(ActionContext ctx, string[] allowed, InstanceChange change)
        {
            if (!Begin(ctx, allowed, out _, out string taskType, out FileRecord file, out JsonObject failure)) return failure;
            RealtimeInstance instance = InstanceOf(ctx, file);
            string refusal = change(taskType, file, instance);
            if (refusal != null) return Responses.DiFail(refusal);
            Realtime.SaveInstance(ctx.Db, instance);
            return Responses.DiSuccess();
        }

        /// <summary>A live (not deleted) file of the task type's FileType in this workspace, or null.</summary>
        private static FileRecord TaskFile(ActionContext ctx, Workspace ws, long fileId, string taskType)
        {
            FileRecord file = Files.Get(ctx.Db, ws.ProjectId, fileId);
            return file != null && file.IsNormal && file.FileType == FileTypeOf(taskType) ? file : null;
        }

        private static RealtimeInstance InstanceOf(ActionContext ctx, FileRecord file) =>
            Realtime.Instance(ctx.Db, file.FileId) ?? new RealtimeInstance
            {
                FileId = file.FileId,
                ProjectId = file.ProjectId,
                TaskType = file.TaskType,
                Status = InstanceStatus.NoRun,
                CreateTime = file.CreateTime,
            };

        /// <summary>
        /// A TaskType the action does not take. Stop/TerminateDISyncInstance and DeleteDISyncTask (DI_REALTIME only, their
        /// pages document 400 Param.Invalid): Param.Invalid. A value that is no documented TaskType at all: 400
        /// Invalid.DI.Parameter. A documented one this action does not take: a DI failure naming the ones it does.
        /// </summary>
        private static JsonObject Unsupported(ActionContext ctx, string taskType, string[] allowed)
        {
            if (allowed == RealtimeOnly) throw ErrorCatalogue.ParamInvalid(DiFailures.TaskTypeNotSupportedBy(taskType, ctx.Action, allowed));
            if (!TaskTypes.All.Contains(taskType)) throw ErrorCatalogue.InvalidDiParameter(DiFailures.InvalidTaskType(taskType));
            return Responses.DiFail(DiFailures.TaskTypeNotSupportedBy(taskType, ctx.Action, allowed));
        }

        private static JsonObject InvalidFileId(long fileId) =>
            Responses.DiFail(DiFailures.InvalidFileId(fileId.ToString(CultureInfo.InvariantCulture)));

        /// <summary>SolutionDetail times: "yyyy-MM-dd HH:mm:ss" (UTC, like every time the emulator shows).</summary>
        private static string Time(long? epochMs) =>
            epochMs == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(epochMs.Value).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
