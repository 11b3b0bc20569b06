using System.Security.Cryptography;
using System.Text;
using DataWorksDI.Emulator.Options;
using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    public sealed class Workspace
    {
        public long ProjectId { get; set; }
        public string Identifier { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public WorkspaceMode Mode { get; set; }
        public int Status { get; set; }
        public string DefaultDiResourceGroup { get; set; }
        public long GmtCreate { get; set; }

        public bool IsStandard => Mode == WorkspaceMode.Standard;

        /// <summary>The output every workspace offers as the root of its dependency tree.</summary>
        public string RootOutput => Identifier + "_root";
    }

    public sealed class ResourceGroup
    {
        public long Id { get; set; }
        public string Identifier { get; set; }
        public string Name { get; set; }
        public int Type { get; set; }
        public string Mode { get; set; }
        public int Status { get; set; }
        public string BizExtKey { get; set; }
        public bool IsDefault { get; set; }
        public string Cluster { get; set; }
        public long CreateTime { get; set; }
        public int Sequence { get; set; }

        /// <summary>Every ResourceGroupType the group serves: its own and any further ones (table resource_group_types).</summary>
        public HashSet<int> Types { get; set; } = new HashSet<int>();

        public bool Serves(int type) => Type == type || Types.Contains(type);

        /// <summary>A scheduling group: type 1 (shared) or 7 (exclusive scheduling).</summary>
        public bool IsScheduling => Serves(1) || Serves(7);

        /// <summary>A Data Integration group: type 4.</summary>
        public bool IsDataIntegration => Serves(4);
    }

    public sealed class DataSource
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
        public string SubType { get; set; }
        public int EnvType { get; set; }
        public int Status { get; set; }
        public int ConnectStatus { get; set; }
        public string Description { get; set; }
        public string Content { get; set; }
        public long GmtCreate { get; set; }
    }

    public sealed class Folder
    {
        public string FolderId { get; set; }
        public long ProjectId { get; set; }
        public string Path { get; set; }
        public string ParentPath { get; set; }
        public long? BusinessId { get; set; }
    }

    /// <summary>Folder path rules: <c>&lt;root&gt;/&lt;workflow&gt;/&lt;category&gt;/&lt;sub folders…&gt;</c>.</summary>
    public static class FolderPaths
    {
        /// <summary>Workflow roots seen in Alibaba's documentation (English translations and the Chinese original).</summary>
        public static readonly string[] Roots = { "Workflow", "Business Flow", "Business_process", "业务流程" };

        /// <summary>Trims spaces and leading/trailing slashes; "" is the top of the tree.</summary>
        public static string Normalize(string path) => (path ?? string.Empty).Trim().Trim('/').Trim();

        public static string[] Segments(string path) => Normalize(path).Split('/');

        public static string Parent(string path)
        {
            string p = Normalize(path);
            int slash = p.LastIndexOf('/');
            return slash < 0 ? string.Empty : p.Substring(0, slash);
        }

        /// <summary>A Data Integration folder: the category (third segment) is "Data Integration" in any spelling.</summary>
        public static bool IsDataIntegration(string path)
        {
            string[] s = Segments(path);
            if (s.Length < 3) return false;
            string category = s[2].Replace(" ", string.Empty).Replace("_", string.Empty).ToLowerInvariant();
            return category == "dataintegration" || category == "数据集成";
        }

        public static bool HasKnownRoot(string path) => Roots.Contains(Segments(path)[0], StringComparer.Ordinal);

        public static bool IsWellFormed(string path)
        {
            string p = Normalize(path);
            return p.Length > 0 && p.Split('/').All(s => s.Trim().Length > 0 && s == s.Trim());
        }

        /// <summary>Folder ids are stable: derived from workspace and path, so a fresh data directory gets the same ids.</summary>
        public static string StableId(long projectId, string path)
        {
            byte[] hash = MD5.HashData(Encoding.UTF8.GetBytes(projectId + "/" + Normalize(path)));
            return new Guid(hash).ToString("D");
        }
    }

    /// <summary>Reads and writes workspaces, resource groups, data sources and folders.</summary>
    public static class Tenant
    {
        private const string WorkspaceColumns = "project_id, identifier, name, description, mode, status, default_di_resource_group, gmt_create";
        private static readonly Func<SqliteDataReader, Workspace> MapWorkspace = Rows.Of<Workspace>();

        public static Workspace WorkspaceById(Db db, long projectId) =>
            db.Single("SELECT " + WorkspaceColumns + " FROM workspaces WHERE project_id = $id", MapWorkspace, "$id", projectId);

        public static Workspace WorkspaceByIdentifier(Db db, string identifier) =>
            db.Single("SELECT " + WorkspaceColumns + " FROM workspaces WHERE identifier = $id", MapWorkspace, "$id", identifier);

        public static List<Workspace> Workspaces(Db db) =>
            db.Query("SELECT " + WorkspaceColumns + " FROM workspaces ORDER BY project_id", MapWorkspace);

        private const string GroupColumns = "id, identifier, name, type, mode, status, biz_ext_key, is_default, cluster, create_time, sequence";
        private static readonly Func<SqliteDataReader, ResourceGroup> MapGroup = Rows.Of<ResourceGroup>();

        public static ResourceGroup GroupByIdentifier(Db db, string identifier) =>
            WithTypes(db, db.Single("SELECT " + GroupColumns + " FROM resource_groups WHERE identifier = $id", MapGroup, "$id", identifier));

        public static ResourceGroup GroupById(Db db, long id) =>
            WithTypes(db, db.Single("SELECT " + GroupColumns + " FROM resource_groups WHERE id = $id", MapGroup, "$id", id));

        public static List<ResourceGroup> Groups(Db db)
        {
            var groups = db.Query("SELECT " + GroupColumns + " FROM resource_groups ORDER BY sequence, id", MapGroup);
            foreach (var g in groups) WithTypes(db, g);
            return groups;
        }

        private static ResourceGroup WithTypes(Db db, ResourceGroup g)
        {
            if (g == null) return null;
            g.Types.Add(g.Type);
            foreach (long t in db.Query("SELECT type FROM resource_group_types WHERE group_id = $id", r => r.Long("type"), "$id", g.Id)) g.Types.Add((int)t);
            return g;
        }

        /// <summary>The default scheduling resource group (type 1) new nodes run on.</summary>
        public static ResourceGroup DefaultSchedulingGroup(Db db) =>
            db.Single("SELECT " + GroupColumns + " FROM resource_groups WHERE type = 1 ORDER BY is_default DESC, id LIMIT 1", MapGroup);

        private const string DataSourceColumns = "id, project_id, name, type, sub_type, env_type, status, connect_status, description, content, gmt_create";
        private static readonly Func<SqliteDataReader, DataSource> MapDataSource = Rows.Of<DataSource>();

        public static List<DataSource> DataSources(Db db, long projectId) =>
            db.Query("SELECT " + DataSourceColumns + " FROM data_sources WHERE project_id = $p ORDER BY id", MapDataSource, "$p", projectId);

        public static List<DataSource> DataSourcesNamed(Db db, long projectId, string name) =>
            db.Query("SELECT " + DataSourceColumns + " FROM data_sources WHERE project_id = $p AND name = $n ORDER BY env_type", MapDataSource, "$p", projectId, "$n", name);

        private const string FolderColumns = "folder_id, project_id, path, parent_path, business_id";
        private static readonly Func<SqliteDataReader, Folder> MapFolder = Rows.Of<Folder>();

        public static Folder FolderByPath(Db db, long projectId, string path) =>
            db.Single("SELECT " + FolderColumns + " FROM folders WHERE project_id = $p AND path = $path", MapFolder, "$p", projectId, "$path", FolderPaths.Normalize(path));

        public static Folder FolderById(Db db, long projectId, string folderId) =>
            db.Single("SELECT " + FolderColumns + " FROM folders WHERE project_id = $p AND folder_id = $id", MapFolder, "$p", projectId, "$id", folderId);

        public static List<Folder> Folders(Db db, long projectId) =>
            db.Query("SELECT " + FolderColumns + " FROM folders WHERE project_id = $p ORDER BY path", MapFolder, "$p", projectId);

        /// <summary>One page of a folder's direct children, by path, and how many there are.</summary>
        public static (long Total, List<Folder> Rows) ChildFoldersPage(Db db, long projectId, string parentPath, long offset, int size) =>
            PagedQuery.Simple(db, FolderColumns, "folders", new SqlFilter().Where("project_id = $p AND parent_path = $pp", "$p", projectId, "$pp", FolderPaths.Normalize(parentPath)),
                "path", offset, size, MapFolder);

        /// <summary>One page of the workspaces (all, or those in <paramref name="only"/>), by id, and how many there are.</summary>
        public static (long Total, List<Workspace> Rows) WorkspacesPage(Db db, IReadOnlyList<long> only, long offset, int size)
        {
            var filter = new SqlFilter();
            if (only != null) filter.In("project_id", "$id", only);
            return PagedQuery.Simple(db, WorkspaceColumns, "workspaces", filter, "project_id", offset, size, MapWorkspace);
        }

        /// <summary>Creates the folder and any missing ancestors; returns the folder. Workflow folders get a business id.</summary>
        public static Folder EnsureFolder(Db db, long projectId, string path, long now)
        {
            string normalized = FolderPaths.Normalize(path);
            Folder existing = FolderByPath(db, projectId, normalized);
            if (existing != null) return existing;
            string parent = FolderPaths.Parent(normalized);
            if (parent.Length > 0) EnsureFolder(db, projectId, parent, now);
            int depth = normalized.Split('/').Length;
            long? businessId = depth == 2 ? db.NextId("business") : (long?)null;
            var folder = new Folder
            {
                FolderId = FolderPaths.StableId(projectId, normalized),
                ProjectId = projectId,
                Path = normalized,
                ParentPath = parent,
                BusinessId = businessId,
            };
            db.Execute("INSERT INTO folders(folder_id, project_id, path, parent_path, business_id, create_time) VALUES ($id, $p, $path, $pp, $b, $t)",
                "$id", folder.FolderId, "$p", projectId, "$path", normalized, "$pp", parent, "$b", businessId, "$t", now);
            return folder;
        }

        /// <summary>The business (workflow) id of the workflow a folder belongs to; 0 outside a workflow.</summary>
        public static long BusinessIdOf(Db db, long projectId, string folderPath)
        {
            string[] s = FolderPaths.Segments(folderPath);
            if (s.Length < 2) return 0;
            return FolderByPath(db, projectId, s[0] + "/" + s[1])?.BusinessId ?? 0;
        }
    }
}
