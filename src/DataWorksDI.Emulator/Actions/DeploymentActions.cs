using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// SubmitFile, DeployFile, DeleteFile, GetDeployment, ListDeployments: packages that move from pending to a
    /// terminal state after the configured delay (docs/emulator.md, "Deployments").
    /// </summary>
    public sealed class DeploymentActions
    {
        private readonly EmulatorOptions _options;

        public DeploymentActions(EmulatorOptions options)
        {
            _options = options;
        }

        public JsonObject SubmitFile(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            long fileId = ctx.RequiredLong("FileId");
            string comment = ctx.Str("Comment") ?? "";
            bool skipChecks = ctx.Bool("SkipAllDeployFileExtensions") ?? false;
            FileRecord file = FileActions.LiveFileById(ctx, ws, fileId);

            int version = NewVersion(ctx, file, file.CurrentVersion == 0 ? "CREATE" : "UPDATE", comment);
            file.CommitStatus = 1;
            Files.Update(ctx.Db, file);

            int toEnv = ws.IsStandard ? 1 : 2; // basic mode: committing is publishing
            var (planned, message) = Plan(file, skipChecks ? (DeploymentCheckStage?)null : DeploymentCheckStage.Submit);
            long id = CreatePackage(ctx, ws, file, version, DeploymentKind.Submit, 0, toEnv, planned, message);
            return Responses.DataStudio(JsonValue.Create(id));
        }

        public JsonObject DeployFile(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            FileRecord file = FileActions.FindFile(ctx, ws);
            if (!ws.IsStandard) throw ErrorCatalogue.DeployInBasicMode(ws.ProjectId);

            Deployment lastDev = Deployments.LastOfKinds(ctx.Db, file.FileId, DeploymentKind.Submit, DeploymentKind.Delete);
            if (lastDev != null && lastDev.Status == 0) throw ErrorCatalogue.CanNotPack(file.FileId, lastDev.Id);
            Deployment lastDeploy = Deployments.LastOfKinds(ctx.Db, file.FileId, DeploymentKind.Deploy);
            if (lastDeploy != null && lastDeploy.Status == 0) throw ErrorCatalogue.CanNotPack(file.FileId, lastDeploy.Id);
            if (file.DevVersion == 0 || file.DevVersion <= file.ProdVersion) throw ErrorCatalogue.NothingToDeploy(file.FileId);

            FileVersion version = Files.Version(ctx.Db, file.FileId, file.DevVersion);
            bool deletion = version.ChangeType == "DELETE";
            var (planned, message) = deletion
                ? (PlannedOutcome.Succeed, "")
                : Plan(file, DeploymentCheckStage.Deploy);
            long id = CreatePackage(ctx, ws, file, version.Version, DeploymentKind.Deploy, 1, 2, planned, message);
            return Responses.DataStudio(JsonValue.Create(id));
        }

        /// <summary>
        /// DeleteFile: a never-committed file disappears at once (no DeploymentId); a committed one goes to the recycle
        /// bin and a deletion package travels like a submit (standard mode: DeployFile then pushes it to production).
        /// </summary>
        public JsonObject DeleteFile(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            long fileId = ctx.RequiredLong("FileId");
            FileRecord file = FileActions.LiveFileById(ctx, ws, fileId);
            if (!file.WasCommitted)
            {
                Files.Remove(ctx.Db, file.FileId);
                return Responses.DataStudio();
            }
            int version = NewVersion(ctx, file, "DELETE", "");
            file.DeletedStatus = "RECYCLE_BIN";
            Files.Update(ctx.Db, file);
            int toEnv = ws.IsStandard ? 1 : 2;
            long id = CreatePackage(ctx, ws, file, version, DeploymentKind.Delete, 0, toEnv, PlannedOutcome.Succeed, "");
            var body = Responses.DataStudio();
            body["DeploymentId"] = id;
            return body;
        }

        public JsonObject GetDeployment(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            long id = ctx.RequiredLong("DeploymentId");
            Deployment d = Deployments.Get(ctx.Db, ws.ProjectId, id) ?? throw ErrorCatalogue.DeploymentNotExists(id);
            return Responses.DataStudio(new JsonObject
            {
                ["Deployment"] = new JsonObject
                {
                    ["Name"] = d.Name,
                    ["CreatorId"] = d.CreatorId,
                    ["HandlerId"] = d.HandlerId,
                    ["CreateTime"] = d.CreateTime,
                    ["ExecuteTime"] = d.ExecuteTime,
                    ["Status"] = d.Status,
                    ["CheckingStatus"] = d.CheckingStatus,
                    ["FromEnvironment"] = d.FromEnvironment,
                    ["ToEnvironment"] = d.ToEnvironment,
                    ["ErrorMessage"] = d.ErrorMessage,
                },
                ["DeployedItems"] = new JsonArray(new JsonObject
                {
                    ["FileId"] = d.FileId,
                    ["FileVersion"] = (long)d.FileVersion,
                    ["Status"] = d.ItemStatus,
                }),
            });
        }

        public JsonObject ListDeployments(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            Paging paging = ctx.Paging();
            var filter = new SqlFilter().Where("project_id = $p", "$p", ws.ProjectId);
            filter.WhereGiven("creator_id = $creator", "$creator", ctx.Str("Creator"));
            filter.WhereGiven("handler_id = $executor", "$executor", ctx.Str("Executor"));
            filter.WhereGiven("contains_ci(name, $keyword)", "$keyword", ctx.Str("Keyword"));
            filter.WhereGiven("status = $status", "$status", ctx.Int("Status"));
            filter.WhereGiven("create_time <= $end_create", "$end_create", ctx.Long("EndCreateTime"));
            filter.WhereGiven("execute_time IS NOT NULL AND execute_time <= $end_execute", "$end_execute", ctx.Long("EndExecuteTime"));
            var (total, page) = Deployments.Page(ctx.Db, ctx.Listings, filter, paging.Offset, paging.Size);
            var items = new JsonArray();
            foreach (var d in page)
            {
                items.Add(new JsonObject
                {
                    ["Id"] = d.Id,
                    ["Name"] = d.Name,
                    ["Creator"] = d.CreatorId,
                    ["Executor"] = d.HandlerId,
                    ["CreateTime"] = d.CreateTime,
                    ["ExecuteTime"] = d.ExecuteTime,
                    ["Status"] = d.Status,
                    ["ErrorMessage"] = d.ErrorMessage,
                });
            }
            // ListDeployments has only RequestId + Data (no Success/HttpStatusCode in the SDK model); page fields are long.
            return new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    ["PageNumber"] = (long)paging.Number,
                    ["PageSize"] = (long)paging.Size,
                    ["TotalCount"] = total,
                    ["Deployments"] = items,
                },
            };
        }

        /// <summary>A committed version (SubmitFile, DeleteFile): a new version in status COMMITTING, by the caller, now.</summary>
        private static int NewVersion(ActionContext ctx, FileRecord file, string changeType, string comment)
        {
            int version = AddVersion(ctx, file, changeType, "COMMITTING", comment);
            file.LastEditTime = ctx.Now;
            file.LastEditUser = ctx.UserId;
            return version;
        }

        /// <summary>Stores the file as it is now as its next version (a snapshot of content, properties and node) and makes it current.</summary>
        internal static int AddVersion(ActionContext ctx, FileRecord file, string changeType, string status, string comment)
        {
            int version = file.CurrentVersion + 1;
            Files.InsertVersion(ctx.Db, new FileVersion
            {
                FileId = file.FileId,
                Version = version,
                FileName = file.Name,
                Content = file.Content,
                PropertyContent = FileViews.PropertyContent(ctx.Db, file),
                NodeContent = FileViews.NodeContent(file),
                NodeId = file.NodeId,
                ChangeType = changeType,
                Status = status,
                Comment = comment,
                CommitTime = ctx.Now,
                CommitUser = ctx.UserId,
                UseType = file.UseType,
            });
            file.CurrentVersion = version;
            return version;
        }

        private long CreatePackage(ActionContext ctx, Workspace ws, FileRecord file, int version, string kind, int fromEnv, int toEnv, string planned, string message)
        {
            string day = DateTimeOffset.FromUnixTimeMilliseconds(ctx.Now).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Deployments.Create(ctx.Db, new Deployment
            {
                ProjectId = ws.ProjectId,
                FileId = file.FileId,
                FileVersion = version,
                Kind = kind,
                Name = file.Name + "-" + day + "_" + ctx.UserId,
                CreatorId = ctx.UserId,
                HandlerId = ctx.UserId,
                CreateTime = ctx.Now,
                DueTime = ctx.Now + (long)_options.DeploymentDelay.TotalMilliseconds,
                FromEnvironment = fromEnv,
                ToEnvironment = toEnv,
                Planned = planned,
                PlannedMessage = message,
            });
        }

        /// <summary>
        /// Decides a package's fate when it is created: a matching deployment check (unless skipped) rejects it, fails
        /// its pre-deployment check or fails it; every other package succeeds. No rule of its own fails a deployment:
        /// failures are injected explicitly with <c>deploymentChecks</c> (docs/emulator.md, "Deployments").
        /// </summary>
        private (string Planned, string Message) Plan(FileRecord file, DeploymentCheckStage? checkStage)
        {
            DeploymentCheckRule rule = checkStage == null ? null : _options.DeploymentChecks.FirstOrDefault(r => r.Matches(file.Name, checkStage.Value));
            if (rule == null) return (PlannedOutcome.Succeed, "");
            switch (rule.Outcome)
            {
                case DeploymentCheckOutcome.Reject:
                    return (PlannedOutcome.Reject, "Rejected by the pre-deployment check: file name \"" + file.Name + "\" matches \"" + rule.FileNamePattern + "\".");
                case DeploymentCheckOutcome.CheckFail:
                    return (PlannedOutcome.CheckFail, "The pre-deployment check failed: file name \"" + file.Name + "\" matches \"" + rule.FileNamePattern + "\".");
                default:
                    return (PlannedOutcome.Fail, DeploymentFailureMessage(file, rule));
            }
        }

        /// <summary>The ErrorMessage of a package failed by a <c>fail</c> deployment check (also DeployDISyncTask's reason).</summary>
        internal static string DeploymentFailureMessage(FileRecord file, DeploymentCheckRule rule) =>
            "The deployment failed: file name \"" + file.Name + "\" matches the emulator's deployment check \"" + rule.FileNamePattern + "\" (outcome fail).";
    }
}
