using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    public static class DeploymentKind
    {
        /// <summary>SubmitFile: local → development (standard) or straight to production (basic).</summary>
        public const string Submit = "submit";
        /// <summary>DeployFile: development → production.</summary>
        public const string Deploy = "deploy";
        /// <summary>DeleteFile of a committed file: the deletion travels like a submit.</summary>
        public const string Delete = "delete";
    }

    /// <summary>What a package will do when its delay has passed (decided, and stored, when it is created).</summary>
    public static class PlannedOutcome
    {
        public const string Succeed = "succeed";
        public const string Fail = "fail";
        public const string Reject = "reject";
        public const string CheckFail = "checkFail";
    }

    public sealed class Deployment
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public int FileVersion { get; set; }
        public string Kind { get; set; }
        public string Name { get; set; }
        public string CreatorId { get; set; }
        public string HandlerId { get; set; }
        public long CreateTime { get; set; }
        public long DueTime { get; set; }
        public long? ExecuteTime { get; set; }
        public int Status { get; set; }
        public int? CheckingStatus { get; set; }
        public int FromEnvironment { get; set; }
        public int ToEnvironment { get; set; }
        public int ItemStatus { get; set; }
        public string Planned { get; set; }
        public string PlannedMessage { get; set; } = "";
        public string ErrorMessage { get; set; } = "";
        public bool Settled { get; set; }

        /// <summary>Finished from a waiter's point of view: succeeded, failed, rejected, or failed its check.</summary>
        public bool IsFinished => Status != 0 || CheckingStatus == 7;
    }

    /// <summary>
    /// Deployment packages. Their status is a function of time (created + delay): <see cref="SettleDue"/> applies every
    /// package whose time has come, and is called at the start of each API call, so the history a restarted
    /// emulator shows is the same one it would have shown without the restart.
    /// </summary>
    public static class Deployments
    {
        private const string Columns =
            "id, project_id, file_id, file_version, kind, name, creator_id, handler_id, create_time, due_time, execute_time, status, checking_status, " +
            "from_env, to_env, item_status, planned, planned_message, error_message, settled";

        /// <summary>The columns as read: the two whose names are not the property's are renamed for the row parser (<see cref="Rows"/>).</summary>
        private static readonly string SelectColumns =
            Columns.Replace("from_env, to_env", "from_env AS from_environment, to_env AS to_environment", StringComparison.Ordinal);

        private static readonly Func<SqliteDataReader, Deployment> Map = Rows.Of<Deployment>();

        public static long Create(Db db, Deployment d)
        {
            d.Id = db.NextId("deployment");
            bool checking = d.Planned == PlannedOutcome.Reject || d.Planned == PlannedOutcome.CheckFail;
            d.Status = 0;
            d.CheckingStatus = checking ? 8 : (int?)null;
            d.ItemStatus = 0;
            db.Execute("INSERT INTO deployments(" + Columns + ") VALUES ($id, $p, $f, $v, $k, $n, $c, $h, $ct, $due, NULL, 0, $cs, $fe, $te, 0, $pl, $pm, '', 0)",
                "$id", d.Id, "$p", d.ProjectId, "$f", d.FileId, "$v", d.FileVersion, "$k", d.Kind, "$n", d.Name, "$c", d.CreatorId, "$h", d.HandlerId,
                "$ct", d.CreateTime, "$due", d.DueTime, "$cs", d.CheckingStatus, "$fe", d.FromEnvironment, "$te", d.ToEnvironment,
                "$pl", d.Planned, "$pm", d.PlannedMessage ?? "");
            return d.Id;
        }

        public static Deployment Get(Db db, long projectId, long id) =>
            db.Single("SELECT " + SelectColumns + " FROM deployments WHERE project_id = $p AND id = $id", Map, "$p", projectId, "$id", id);

        /// <summary>One page of the packages matching <paramref name="filter"/>, newest first, and how many match (see <see cref="PagedQuery"/>).</summary>
        public static (long Total, List<Deployment> Rows) Page(Db db, ListingCache cache, SqlFilter filter, long offset, int size) =>
            PagedQuery.Run(db, cache, SelectColumns, "deployments", filter, "id", descending: true, offset, size, Map, d => d.Id);

        public static Deployment LastOfKinds(Db db, long fileId, params string[] kinds)
        {
            var filter = new SqlFilter().Where("file_id = $f", "$f", fileId);
            var names = new string[kinds.Length];
            var args = new List<object>();
            for (int i = 0; i < kinds.Length; i++)
            {
                names[i] = "$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                args.Add(names[i]);
                args.Add(kinds[i]);
            }
            filter.Where(kinds.Length == 0 ? "0" : "kind IN (" + string.Join(", ", names) + ")", args.ToArray());
            return db.Single("SELECT " + SelectColumns + " FROM deployments WHERE " + filter.Text + " ORDER BY id DESC LIMIT 1", Map, filter.Args);
        }

        /// <summary>Whether any package is due to settle at <paramref name="nowMs"/> (an index seek; a read can ask it).</summary>
        public static bool AnyDue(Db db, long nowMs) =>
            db.ScalarLong("SELECT 1 FROM deployments WHERE settled = 0 AND due_time <= $now LIMIT 1", "$now", nowMs) != null;

        public static void SettleDue(Db db, long nowMs)
        {
            var due = db.Query("SELECT " + SelectColumns + " FROM deployments WHERE settled = 0 AND due_time <= $now ORDER BY due_time, id", Map, "$now", nowMs);
            foreach (var d in due) Settle(db, d);
        }

        private static void Settle(Db db, Deployment d)
        {
            FileRecord file = Files.GetById(db, d.FileId);
            FileVersion version = file == null ? null : Files.Version(db, d.FileId, d.FileVersion);
            int status = d.Status;
            int? checking = null;
            int itemStatus = d.ItemStatus;
            string error = "";
            long? executed = d.DueTime;
            bool toProduction = d.ToEnvironment == 2;

            switch (d.Planned)
            {
                case PlannedOutcome.Succeed:
                    status = 1;
                    itemStatus = 1;
                    if (file != null && version != null) ApplySuccess(db, d, file, version, toProduction);
                    break;
                case PlannedOutcome.Fail:
                    status = 2;
                    itemStatus = toProduction ? 4 : 2; // DEPLOY_ERROR / ERROR
                    error = d.PlannedMessage;
                    if (d.Kind != DeploymentKind.Deploy && version != null) Files.SetVersionStatus(db, d.FileId, d.FileVersion, "CANCELLED");
                    break;
                case PlannedOutcome.Reject:
                    status = 6;
                    itemStatus = 6; // REJECT
                    error = d.PlannedMessage;
                    if (d.Kind != DeploymentKind.Deploy && version != null) Files.SetVersionStatus(db, d.FileId, d.FileVersion, "CANCELLED");
                    break;
                case PlannedOutcome.CheckFail:
                    status = 0;      // stays "not finished": only CheckingStatus tells
                    checking = 7;
                    error = d.PlannedMessage;
                    executed = null;
                    break;
            }
            db.Execute("UPDATE deployments SET status = $s, checking_status = $cs, item_status = $is, error_message = $e, execute_time = $x, settled = 1 WHERE id = $id",
                "$s", status, "$cs", checking, "$is", itemStatus, "$e", error, "$x", executed, "$id", d.Id);
        }

        private static void ApplySuccess(Db db, Deployment d, FileRecord file, FileVersion version, bool toProduction)
        {
            if (d.Kind != DeploymentKind.Deploy && file.NodeId == null)
            {
                file.NodeId = db.NextId("node");
                Files.SetVersionsNodeId(db, file.FileId, file.NodeId.Value);
            }
            if (d.Kind == DeploymentKind.Deploy)
            {
                file.ProdVersion = System.Math.Max(file.ProdVersion, version.Version);
            }
            else
            {
                file.DevVersion = System.Math.Max(file.DevVersion, version.Version);
                if (toProduction) file.ProdVersion = System.Math.Max(file.ProdVersion, version.Version);
            }
            Files.SetVersionStatus(db, file.FileId, version.Version, toProduction ? "DEPLOYED" : "COMMITTED");
            if (toProduction && version.ChangeType == "DELETE" && file.ProdVersion == version.Version) file.DeletedStatus = "DELETED";
            Files.Update(db, file);
        }
    }
}
