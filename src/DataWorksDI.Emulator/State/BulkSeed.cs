using System.Diagnostics;
using DataWorksDI.Emulator.Actions;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// <c>--seed-files N</c> (config <c>seedFiles</c>): the demo standard-mode workspace 10000 (<c>emulator_standard</c>)
    /// holds N batch sync files, for performance tests of large workspaces without SQL tricks. File k (1-based) is named
    /// <c>seed_sync_0000k</c> (7 digits) and lives in <c>Workflow/seed_files/Data Integration/part_NNN</c> with NNN = (k−1)
    /// div 1000 (3 digits); its task reads table <c>seed_table_0000k</c> of <c>mysql_pub</c> into <c>odps_first</c>, and
    /// it has every default a CreateDISyncTask node gets. Seeding runs at every start in one transaction and only tops up:
    /// a file k that is live in its folder is left alone, a missing one is created (so a deleted seed file comes back at
    /// the next start), and nothing is created twice.
    /// </summary>
    public static class BulkSeed
    {
        public const long ProjectId = 10000;
        public const string RootFolder = "Workflow/seed_files/Data Integration";
        public const int FilesPerFolder = 1000;

        public static string FileName(int k) => "seed_sync_" + k.ToString("D7", CultureInfo.InvariantCulture);

        public static string FolderPath(int k) => RootFolder + "/part_" + ((k - 1) / FilesPerFolder).ToString("D3", CultureInfo.InvariantCulture);

        public static string Content(int k) =>
            "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"]," +
            "\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"seed_table_" + k.ToString("D7", CultureInfo.InvariantCulture) + "\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"}," +
            "\"name\":\"Reader\",\"category\":\"reader\"},{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\"," +
            "\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"table\":\"seed_table_" + k.ToString("D7", CultureInfo.InvariantCulture) + "\"},\"name\":\"Writer\"," +
            "\"category\":\"writer\"}],\"setting\":{\"errorLimit\":{\"record\":\"\"},\"speed\":{\"concurrent\":2,\"throttle\":false}}," +
            "\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        /// <summary>Creates the missing seed files 1..<paramref name="count"/>; returns how many it created.</summary>
        public static int TopUp(Db db, int count)
        {
            if (count <= 0) return 0;
            Workspace ws = Tenant.WorkspaceById(db, ProjectId) ?? throw new InvalidOperationException("The demo workspace " + ProjectId + " is missing; cannot seed files.");
            var live = new HashSet<string>(StringComparer.Ordinal);
            // Folder by folder through files_by_folder: left to itself the planner may take files_live (it covers folder_id)
            // and scan the whole workspace once per seed folder.
            foreach (string name in db.Query("SELECT f.name AS name, d.path AS path FROM folders d JOIN files f INDEXED BY files_by_folder " +
                         "ON f.project_id = d.project_id AND f.folder_id = d.folder_id " +
                         "WHERE +f.deleted_status = 'NORMAL' AND d.project_id = $p AND d.path > $lo AND d.path < $hi",
                         r => r.Str("name") + "\u0001" + r.Str("path"), "$p", ProjectId, "$lo", RootFolder + "/", "$hi", RootFolder + "0"))
                live.Add(name);
            // Every seed file is its own folder's part; "name\u0001path" keys keep a same-named file elsewhere from counting.
            ResourceGroup scheduling = Tenant.DefaultSchedulingGroup(db);
            var folders = new Dictionary<string, Folder>(StringComparer.Ordinal);
            int created = 0;
            for (int k = 1; k <= count; k++)
            {
                string name = FileName(k);
                string path = FolderPath(k);
                if (live.Contains(name + "\u0001" + path)) continue;
                if (!folders.TryGetValue(path, out Folder folder))
                {
                    folder = Tenant.EnsureFolder(db, ProjectId, path, DemoTenant.SeedTime);
                    folders[path] = folder;
                }
                long fileId = db.NextId("file");
                Files.Insert(db, new FileRecord
                {
                    FileId = fileId,
                    ProjectId = ProjectId,
                    FolderId = folder.FolderId,
                    Name = name,
                    FileType = DISyncActions.BatchFileType,
                    Content = Content(k),
                    Owner = DemoTenant.UserId,
                    CreateTime = DemoTenant.SeedTime,
                    CreateUser = DemoTenant.UserId,
                    LastEditTime = DemoTenant.SeedTime,
                    LastEditUser = DemoTenant.UserId,
                    TaskType = TaskTypes.Offline,
                    DiResourceGroup = ws.DefaultDiResourceGroup,
                    Config = FileViews.DefaultConfig(db, ws, fileId, name, scheduling),
                });
                created++;
            }
            return created;
        }
    }
}
