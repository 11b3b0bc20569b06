using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    /// <summary>The scheduling properties of a node (what UpdateFile sets and GetFile's NodeConfiguration shows).</summary>
    public sealed class NodeConfig
    {
        public string CronExpress { get; set; }
        public string CycleType { get; set; } = "DAY";
        public string DependentType { get; set; } = "NONE";
        public string DependentNodeIdList { get; set; } = "";
        public List<string> InputList { get; set; } = new List<string>();
        public List<string> OutputList { get; set; } = new List<string>();
        public List<InputParameter> InputParameters { get; set; } = new List<InputParameter>();
        public List<OutputParameter> OutputParameters { get; set; } = new List<OutputParameter>();
        public string ParaValue { get; set; } = "";
        public string RerunMode { get; set; } = "ALL_ALLOWED";
        public int AutoRerunTimes { get; set; } = 3;
        public int AutoRerunIntervalMillis { get; set; } = 120000;
        public string ResourceGroupIdentifier { get; set; }
        public string SchedulerType { get; set; } = "NORMAL";
        public bool Stop { get; set; }
        public long StartEffectDate { get; set; }
        public long EndEffectDate { get; set; } = 4102416000000; // 2100-01-01T00:00:00Z
        public bool StartImmediately { get; set; }
        public bool ApplyScheduleImmediately { get; set; }
        public bool IgnoreParentSkipRunningProperty { get; set; }
        public string ImageId { get; set; } = "";
        public int Timeout { get; set; }

        public string ToJson() => JsonSerializer.Serialize(this);

        public static NodeConfig FromJson(string json) => JsonSerializer.Deserialize<NodeConfig>(json);
    }

    public sealed class InputParameter
    {
        public string ParameterName { get; set; }
        public string ValueSource { get; set; }
    }

    public sealed class OutputParameter
    {
        public string ParameterName { get; set; }
        public string Type { get; set; }
        public string Value { get; set; }
        public string Description { get; set; }
    }

    public sealed class FileRecord
    {
        public long FileId { get; set; }
        public long ProjectId { get; set; }
        public string FolderId { get; set; }
        public string Name { get; set; }
        public int FileType { get; set; }
        public string Description { get; set; } = "";
        public string Content { get; set; }
        public string Owner { get; set; }
        public string ConnectionName { get; set; } = "";
        public long CreateTime { get; set; }
        public string CreateUser { get; set; }
        public long LastEditTime { get; set; }
        public string LastEditUser { get; set; }
        public int CommitStatus { get; set; }
        public int CurrentVersion { get; set; }
        public long? NodeId { get; set; }
        public string UseType { get; set; } = "NORMAL";
        public string DeletedStatus { get; set; } = "NORMAL";
        public bool AutoParsing { get; set; }
        public string AdvancedSettings { get; set; } = "";
        public string TaskType { get; set; }
        public string DiResourceGroup { get; set; }
        public double? DiCu { get; set; }
        /// <summary>The scheduling properties, parsed from their stored JSON on first use (a listing never needs them).</summary>
        public NodeConfig Config
        {
            get => _config ??= NodeConfig.FromJson(_configJson);
            set
            {
                _config = value;
                _configJson = null;
            }
        }

        private NodeConfig _config = new NodeConfig();
        private string _configJson;

        /// <summary>The stored JSON of <see cref="Config"/>, re-serialised only when the config was read (and so may have changed).</summary>
        internal string ConfigJson => _config != null ? _config.ToJson() : _configJson;

        /// <summary>True when <see cref="Config"/> has been materialised (the outputs may have changed).</summary>
        internal bool ConfigTouched => _config != null;

        internal void SetConfigJson(string json)
        {
            _config = null;
            _configJson = json;
        }

        public int DevVersion { get; set; }
        public int ProdVersion { get; set; }

        public bool IsNormal => DeletedStatus == "NORMAL";

        internal FileRecord WithConfigJson(string json)
        {
            SetConfigJson(json);
            return this;
        }
        public bool WasCommitted => CurrentVersion > 0;
    }

    public sealed class FileVersion
    {
        public long FileId { get; set; }
        public int Version { get; set; }
        public string FileName { get; set; }
        public string Content { get; set; }
        public string PropertyContent { get; set; }
        public string NodeContent { get; set; }
        public long? NodeId { get; set; }
        public string ChangeType { get; set; }
        public string Status { get; set; }
        public string Comment { get; set; }
        public long CommitTime { get; set; }
        public string CommitUser { get; set; }
        public string UseType { get; set; }
    }

    /// <summary>Reads and writes files (DataStudio nodes) and their versions.</summary>
    public static class Files
    {
        private const string Columns =
            "file_id, project_id, folder_id, name, file_type, description, content, owner, connection_name, create_time, create_user, " +
            "last_edit_time, last_edit_user, commit_status, current_version, node_id, use_type, deleted_status, auto_parsing, advanced_settings, " +
            "task_type, di_resource_group, di_cu, node_config, dev_version, prod_version";

        /// <summary>A file of <see cref="Columns"/>: Dapper's row parser (<see cref="Rows"/>), then the step it cannot do.</summary>
        private static readonly Func<SqliteDataReader, FileRecord> Map = WithConfig(Rows.Of<FileRecord>());

        /// <summary>A file of a listing row (<see cref="ListColumns"/>: one column more, the folder path).</summary>
        private static readonly Func<SqliteDataReader, FileRecord> MapListed = WithConfig(Rows.Of<FileRecord>());

        /// <summary>The scheduling config is kept as its stored JSON, parsed on first use (a listing never needs it).</summary>
        private static Func<SqliteDataReader, FileRecord> WithConfig(Func<SqliteDataReader, FileRecord> parse) =>
            r => parse(r).WithConfigJson(r.Str("node_config"));

        public static FileRecord Get(Db db, long projectId, long fileId) =>
            db.Single("SELECT " + Columns + " FROM files WHERE project_id = $p AND file_id = $f", Map, "$p", projectId, "$f", fileId);

        public static FileRecord GetById(Db db, long fileId) =>
            db.Single("SELECT " + Columns + " FROM files WHERE file_id = $f", Map, "$f", fileId);

        public static FileRecord GetByNode(Db db, long projectId, long nodeId) =>
            db.Single("SELECT " + Columns + " FROM files WHERE project_id = $p AND node_id = $n", Map, "$p", projectId, "$n", nodeId);

        /// <summary>The columns of a listing row: the file (content only when asked for) and its folder's path.</summary>
        private static string ListColumns(bool withContent) =>
            string.Join(", ", Columns.Split(", ").Select(c => c == "content" && !withContent ? "'' AS content" : "f." + c)) + ", d.path AS folder_path";

        /// <summary>Files (alias <c>f</c>) with their folder (alias <c>d</c>): what a listing filter may name.</summary>
        public const string ListingSource = "files f LEFT JOIN folders d ON d.folder_id = f.folder_id";

        /// <summary>
        /// One page of the files matching <paramref name="filter"/> (over <see cref="ListingSource"/>), in FileId order, and
        /// how many match; each with its folder path. Counted and fetched in SQL (see <see cref="PagedQuery"/>).
        /// </summary>
        public static (long Total, List<(FileRecord File, string FolderPath)> Rows) Page(Db db, ListingCache cache, SqlFilter filter, long offset, int size, bool withContent) =>
            PagedQuery.Run(db, cache, ListColumns(withContent), ListingSource, filter, "f.file_id", descending: false, offset, size,
                r => (File: MapListed(r), FolderPath: r.Str("folder_path") ?? ""), row => row.File.FileId);

        /// <summary>The live file (other than <paramref name="exceptFileId"/>, lowest FileId first) whose OutputList holds <paramref name="output"/>.</summary>
        public static FileRecord OutputOwner(Db db, string output, long exceptFileId) =>
            db.Single("SELECT " + string.Join(", ", Columns.Split(", ").Select(c => "f." + c)) + " FROM file_outputs o JOIN files f ON f.file_id = o.file_id " +
                "WHERE o.output = $o AND o.file_id <> $x AND f.deleted_status = 'NORMAL' ORDER BY o.file_id LIMIT 1", Map, "$o", output, "$x", exceptFileId);

        /// <summary>Keeps the output index (table file_outputs) equal to the file's OutputList.</summary>
        private static void WriteOutputs(Db db, FileRecord f)
        {
            db.Execute("DELETE FROM file_outputs WHERE file_id = $f", "$f", f.FileId);
            InsertOutputs(db, f.FileId, f.Config);
        }

        /// <summary>Fills the output index from every stored file (schema migration to version 2).</summary>
        internal static void RebuildOutputs(Db db)
        {
            db.Execute("DELETE FROM file_outputs");
            foreach (var (fileId, json) in db.Query("SELECT file_id, node_config FROM files", r => (r.Long("file_id"), r.Str("node_config"))))
                InsertOutputs(db, fileId, NodeConfig.FromJson(json));
        }

        /// <summary>Indexes each distinct output of the file's OutputList (table file_outputs).</summary>
        private static void InsertOutputs(Db db, long fileId, NodeConfig config)
        {
            foreach (string output in config.OutputList.Distinct(StringComparer.Ordinal))
                db.Execute("INSERT OR IGNORE INTO file_outputs(output, file_id) VALUES ($o, $f)", "$o", output, "$f", fileId);
        }

        /// <summary>A live (not deleted) file with this name in this folder, other than <paramref name="exceptFileId"/>.</summary>
        public static long? SameNameInFolder(Db db, long projectId, string folderId, string name, long exceptFileId) =>
            db.ScalarLong("SELECT file_id FROM files WHERE project_id = $p AND folder_id = $f AND name = $n AND deleted_status = 'NORMAL' AND file_id <> $x LIMIT 1",
                "$p", projectId, "$f", folderId, "$n", name, "$x", exceptFileId);

        public static void Insert(Db db, FileRecord f)
        {
            db.Execute("INSERT INTO files(" + Columns + ") VALUES ($file_id, $project_id, $folder_id, $name, $file_type, $description, $content, $owner, " +
                "$connection_name, $create_time, $create_user, $last_edit_time, $last_edit_user, $commit_status, $current_version, $node_id, $use_type, " +
                "$deleted_status, $auto_parsing, $advanced_settings, $task_type, $di_resource_group, $di_cu, $node_config, $dev_version, $prod_version)", Args(f));
            WriteOutputs(db, f);
        }

        public static void Update(Db db, FileRecord f)
        {
            db.Execute("UPDATE files SET folder_id = $folder_id, name = $name, file_type = $file_type, description = $description, content = $content, " +
                "owner = $owner, connection_name = $connection_name, create_time = $create_time, create_user = $create_user, last_edit_time = $last_edit_time, " +
                "last_edit_user = $last_edit_user, commit_status = $commit_status, current_version = $current_version, node_id = $node_id, use_type = $use_type, " +
                "deleted_status = $deleted_status, auto_parsing = $auto_parsing, advanced_settings = $advanced_settings, task_type = $task_type, " +
                "di_resource_group = $di_resource_group, di_cu = $di_cu, node_config = $node_config, dev_version = $dev_version, prod_version = $prod_version " +
                "WHERE file_id = $file_id AND project_id = $project_id", Args(f));
            if (f.ConfigTouched) WriteOutputs(db, f);
        }

        /// <summary>Saves an edit: the file is uncommitted again, last edited by <paramref name="user"/> at <paramref name="now"/>.</summary>
        public static void UpdateEdited(Db db, FileRecord f, long now, string user)
        {
            f.CommitStatus = 0;
            f.LastEditTime = now;
            f.LastEditUser = user;
            Update(db, f);
        }

        public static void Remove(Db db, long fileId)
        {
            db.Execute("DELETE FROM file_outputs WHERE file_id = $f", "$f", fileId);
            db.Execute("DELETE FROM file_versions WHERE file_id = $f", "$f", fileId);
            db.Execute("DELETE FROM files WHERE file_id = $f", "$f", fileId);
        }

        private static object[] Args(FileRecord f) => new object[]
        {
            "$file_id", f.FileId, "$project_id", f.ProjectId, "$folder_id", f.FolderId, "$name", f.Name, "$file_type", f.FileType,
            "$description", f.Description ?? "", "$content", f.Content ?? "", "$owner", f.Owner, "$connection_name", f.ConnectionName ?? "",
            "$create_time", f.CreateTime, "$create_user", f.CreateUser, "$last_edit_time", f.LastEditTime, "$last_edit_user", f.LastEditUser,
            "$commit_status", f.CommitStatus, "$current_version", f.CurrentVersion, "$node_id", f.NodeId, "$use_type", f.UseType,
            "$deleted_status", f.DeletedStatus, "$auto_parsing", f.AutoParsing ? 1 : 0, "$advanced_settings", f.AdvancedSettings ?? "",
            "$task_type", f.TaskType, "$di_resource_group", f.DiResourceGroup, "$di_cu", f.DiCu, "$node_config", f.ConfigJson,
            "$dev_version", f.DevVersion, "$prod_version", f.ProdVersion,
        };

        private const string VersionColumns =
            "file_id, version, file_name, content, property_content, node_content, node_id, change_type, status, comment, commit_time, commit_user, use_type";
        private static readonly Func<SqliteDataReader, FileVersion> MapVersion = Rows.Of<FileVersion>();

        public static void InsertVersion(Db db, FileVersion v)
        {
            db.Execute("INSERT INTO file_versions(" + VersionColumns + ") VALUES ($f, $v, $name, $content, $prop, $node, $nid, $ct, $st, $cm, $t, $u, $use)",
                "$f", v.FileId, "$v", v.Version, "$name", v.FileName, "$content", v.Content, "$prop", v.PropertyContent, "$node", v.NodeContent,
                "$nid", v.NodeId, "$ct", v.ChangeType, "$st", v.Status, "$cm", v.Comment ?? "", "$t", v.CommitTime, "$u", v.CommitUser, "$use", v.UseType);
        }

        public static FileVersion Version(Db db, long fileId, int version) =>
            db.Single("SELECT " + VersionColumns + " FROM file_versions WHERE file_id = $f AND version = $v", MapVersion, "$f", fileId, "$v", version);

        /// <summary>Newest first.</summary>
        public static List<FileVersion> Versions(Db db, long fileId) =>
            db.Query("SELECT " + VersionColumns + " FROM file_versions WHERE file_id = $f ORDER BY version DESC", MapVersion, "$f", fileId);

        /// <summary>One page of a file's versions, newest first, and how many there are.</summary>
        public static (long Total, List<FileVersion> Rows) VersionsPage(Db db, long fileId, long offset, int size) =>
            PagedQuery.Simple(db, VersionColumns, "file_versions", new SqlFilter().Where("file_id = $f", "$f", fileId), "version DESC", offset, size, MapVersion);

        public static void SetVersionStatus(Db db, long fileId, int version, string status) =>
            db.Execute("UPDATE file_versions SET status = $s WHERE file_id = $f AND version = $v", "$s", status, "$f", fileId, "$v", version);

        public static void SetVersionsNodeId(Db db, long fileId, long nodeId) =>
            db.Execute("UPDATE file_versions SET node_id = $n WHERE file_id = $f AND node_id IS NULL", "$n", nodeId, "$f", fileId);
    }
}
