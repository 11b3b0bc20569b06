using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    public static class ProcessKind
    {
        /// <summary>GenerateDISyncTaskConfigForCreating.</summary>
        public const string Create = "create";
        /// <summary>GenerateDISyncTaskConfigForUpdating (of the task in <see cref="RealtimeProcess.FileId"/>).</summary>
        public const string Update = "update";
    }

    /// <summary>
    /// An asynchronous config-generation process. Its outcome (success + content, or fail + message) is decided and
    /// stored when it is created; it is revealed once <see cref="DueTime"/> has passed.
    /// </summary>
    public sealed class RealtimeProcess
    {
        public long ProcessId { get; set; }
        public long ProjectId { get; set; }
        public string TaskType { get; set; }
        public string Kind { get; set; }
        public long? FileId { get; set; }
        public string TaskParam { get; set; }
        public long CreateTime { get; set; }
        public long DueTime { get; set; }
        /// <summary>"success" or "fail".</summary>
        public string Outcome { get; set; }
        public string Message { get; set; }
        public string TaskContent { get; set; }
        /// <summary>Set (and persisted) the first time the process is looked at after its due time.</summary>
        public long? FinishTime { get; set; }

        public bool IsFinished(long nowMs) => DueTime <= nowMs;
    }

    public static class InstanceStatus
    {
        public const string NoRun = "NORUN";
        public const string Wait = "WAIT";
        public const string Run = "RUN";
        public const string Pause = "PAUSE";
    }

    /// <summary>The runtime side of a real-time task or solution: deployment and instance state.</summary>
    public sealed class RealtimeInstance
    {
        public long FileId { get; set; }
        public long ProjectId { get; set; }
        public string TaskType { get; set; }
        public bool Deployed { get; set; }
        public long? DeployTime { get; set; }
        public string Status { get; set; } = InstanceStatus.NoRun;
        /// <summary>While <see cref="InstanceStatus.Wait"/>: when the instance becomes RUN.</summary>
        public long? RunAt { get; set; }
        public long? StartTime { get; set; }
        /// <summary>The StartParam of the last StartDISyncInstance, verbatim (null when that start had none).</summary>
        public string StartParam { get; set; }
        public long CreateTime { get; set; }

        public bool IsRunning => Status == InstanceStatus.Run || Status == InstanceStatus.Wait;
    }

    /// <summary>
    /// Real-time processes and instances in SQLite. Like deployments, their state is a function of time: <see cref="Settle"/>
    /// applies (and persists) every transition whose time has come, and runs at the start of every real-time action.
    /// </summary>
    public static class Realtime
    {
        /// <summary>Tables added to the schema (created when missing, so existing data directories gain them).</summary>
        internal const string Ddl = @"
INSERT OR IGNORE INTO sequences(name, value) VALUES ('realtime_process', 60000000);

CREATE TABLE IF NOT EXISTS realtime_processes (
  process_id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  task_type TEXT NOT NULL,            -- DI_REALTIME, DI_SOLUTION
  kind TEXT NOT NULL,                 -- create, update
  file_id INTEGER,                    -- update: the task being updated
  task_param TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  due_time INTEGER NOT NULL,          -- processing until then
  outcome TEXT NOT NULL,              -- success, fail (decided when the process is created)
  message TEXT NOT NULL DEFAULT '',
  task_content TEXT,                  -- the generated config (success)
  finish_time INTEGER                 -- set on the first access after due_time
);
CREATE INDEX IF NOT EXISTS realtime_processes_due ON realtime_processes(finish_time, due_time);

CREATE TABLE IF NOT EXISTS realtime_instances (
  file_id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  task_type TEXT NOT NULL,
  deployed INTEGER NOT NULL DEFAULT 0,
  deploy_time INTEGER,
  status TEXT NOT NULL,               -- NORUN, WAIT, RUN, PAUSE
  run_at INTEGER,                     -- WAIT → RUN at this time
  start_time INTEGER,
  start_param TEXT,
  create_time INTEGER NOT NULL
);
";

        private const string ProcessColumns =
            "process_id, project_id, task_type, kind, file_id, task_param, create_time, due_time, outcome, message, task_content, finish_time";
        private static readonly Func<SqliteDataReader, RealtimeProcess> MapProcess = Rows.Of<RealtimeProcess>();

        public static long InsertProcess(Db db, RealtimeProcess p)
        {
            p.ProcessId = db.NextId("realtime_process");
            db.Execute("INSERT INTO realtime_processes(" + ProcessColumns + ") VALUES ($id, $p, $t, $k, $f, $tp, $ct, $due, $o, $m, $c, NULL)",
                "$id", p.ProcessId, "$p", p.ProjectId, "$t", p.TaskType, "$k", p.Kind, "$f", p.FileId, "$tp", p.TaskParam, "$ct", p.CreateTime,
                "$due", p.DueTime, "$o", p.Outcome, "$m", p.Message ?? "", "$c", p.TaskContent);
            return p.ProcessId;
        }

        public static RealtimeProcess Process(Db db, long projectId, long processId) =>
            db.Single("SELECT " + ProcessColumns + " FROM realtime_processes WHERE project_id = $p AND process_id = $id", MapProcess,
                "$p", projectId, "$id", processId);

        /// <summary>A finished, successful process of this workspace whose generated content is exactly <paramref name="content"/>.</summary>
        public static RealtimeProcess SucceededWithContent(Db db, long projectId, string taskType, string kind, long? fileId, string content, long nowMs) =>
            db.Single("SELECT " + ProcessColumns + " FROM realtime_processes WHERE project_id = $p AND task_type = $t AND kind = $k " +
                      "AND (($f IS NULL AND file_id IS NULL) OR file_id = $f) AND outcome = 'success' AND due_time <= $now AND task_content = $c " +
                      "ORDER BY process_id DESC LIMIT 1", MapProcess,
                "$p", projectId, "$t", taskType, "$k", kind, "$f", fileId, "$now", nowMs, "$c", content);

        private const string InstanceColumns = "file_id, project_id, task_type, deployed, deploy_time, status, run_at, start_time, start_param, create_time";
        private static readonly Func<SqliteDataReader, RealtimeInstance> MapInstance = Rows.Of<RealtimeInstance>();

        public static RealtimeInstance Instance(Db db, long fileId) =>
            db.Single("SELECT " + InstanceColumns + " FROM realtime_instances WHERE file_id = $f", MapInstance, "$f", fileId);

        public static void SaveInstance(Db db, RealtimeInstance i)
        {
            db.Execute("INSERT INTO realtime_instances(" + InstanceColumns + ") VALUES ($f, $p, $t, $d, $dt, $s, $ra, $st, $sp, $ct) " +
                       "ON CONFLICT(file_id) DO UPDATE SET deployed = $d, deploy_time = $dt, status = $s, run_at = $ra, start_time = $st, start_param = $sp",
                "$f", i.FileId, "$p", i.ProjectId, "$t", i.TaskType, "$d", i.Deployed ? 1 : 0, "$dt", i.DeployTime, "$s", i.Status, "$ra", i.RunAt,
                "$st", i.StartTime, "$sp", i.StartParam, "$ct", i.CreateTime);
        }

        public static void RemoveInstance(Db db, long fileId) =>
            db.Execute("DELETE FROM realtime_instances WHERE file_id = $f", "$f", fileId);

        /// <summary>Applies and persists every transition whose time has come: processes finish, WAIT instances run.</summary>
        public static void Settle(Db db, long nowMs)
        {
            db.Execute("UPDATE realtime_processes SET finish_time = due_time WHERE finish_time IS NULL AND due_time <= $now", "$now", nowMs);
            db.Execute("UPDATE realtime_instances SET status = 'RUN', run_at = NULL WHERE status = 'WAIT' AND run_at <= $now", "$now", nowMs);
        }
    }
}
