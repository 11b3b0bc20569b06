using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// The built-in demo tenant, in which the examples of Alibaba's documentation run unchanged: the workspaces,
    /// data sources, DI resource groups, folders and root outputs those examples name. Seeding is idempotent and
    /// runs at every start (it only adds what is missing), so it never overwrites user state.
    /// </summary>
    public static class DemoTenant
    {
        /// <summary>The Alibaba Cloud account id the emulator acts as (file owner, package creator).</summary>
        public const string UserId = "200301234567890";
        public const long TenantId = 1234567890123456;

        /// <summary>An extra upstream output of the documentation's automated-testing workspace, accepted in every InputList.</summary>
        public static readonly string[] ExtraRootOutputs = { "dataworks_di_autotest_root" };

        public static readonly WorkspaceDefinition[] Workspaces =
        {
            Ws(10000, "emulator_standard", "Emulator standard-mode workspace", WorkspaceMode.Standard),
            Ws(10001, "emulator_basic", "Emulator basic-mode workspace", WorkspaceMode.Basic),
            // Workspace ids used by the examples in Alibaba's documentation.
            Ws(181565, "dataworks_di_autotest", "Automated_Testing_Workspace_Do_Not_Modify", WorkspaceMode.Standard),
            Ws(2043, "dw_project_2043", "Documentation example workspace 2043", WorkspaceMode.Standard),
            // Alibaba's "Manage Data Integration tasks with Open API" sample sends ProjectId 78837 with ProjectIdentifier zxy_8221431.
            Ws(78837, SampleIdentifier78837, "Documentation example workspace 78837", WorkspaceMode.Standard),
            Ws(63845, "dw_project_63845", "Documentation example workspace 63845", WorkspaceMode.Standard),
        };

        public static readonly string[] Folders =
        {
            "Workflow/new_biz/Data Integration",
            "Workflow/new_biz/MaxCompute",
            "Business Flow/XXX/Data Integration",
            "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration",
            "业务流程/XXX/数据集成",
            "Business_process/First_Business_Process/data_integration/Folder_1/Folder_2",
        };

        public const string SampleIdentifier78837 = "zxy_8221431";

        /// <summary>The identifier 78837 had before it was corrected to the sample's (data directories made then are fixed at start).</summary>
        private const string OldIdentifier78837 = "dw_project_78837";

        /// <summary>(name, type, development copy, production copy): every demo data source exists in both environments.</summary>
        private static readonly (string Name, string Type, bool Dev, bool Prod)[] DataSources =
        {
            ("mysql_pub", "mysql", true, true),
            ("dh_mysql", "mysql", true, true),
            // Named "dev" by Alibaba's autotest workspace, but its samples deploy tasks reading it to production.
            ("mysql_autotest_dev", "mysql", true, true),
            ("odps_source", "odps", true, true),
            ("odps_first", "odps", true, true),
            // Writers of real-time tasks (MySQL → Kafka, MySQL → Hologres).
            ("kafka_pub", "kafka", true, true),
            ("holo_pub", "holo", true, true),
        };

        private static readonly (long Id, string Identifier, string Name, int Type, string Mode, int Status, string BizExtKey, bool IsDefault)[] ResourceGroups =
        {
            (1000001, "default_group", "Public scheduling resource group", 1, "SHARE", 0, "default", true),
            (1000002, "S_res_group_280749521950784_1623033752022", "scheduling_exclusive_group", 7, "ISOLATE", 0, "single", false),
            (1000003, "S_res_group_280749521950784_1602767279794", "di_exclusive_group", 4, "ISOLATE", 0, "single", true),
            (1000004, "S_res_group_XXX", "di_group_xxx", 4, "ISOLATE", 0, "single", false),
            (1000005, "S_res_group_XXX_XXXX", "abc", 4, "ISOLATE", 0, "single", false),
            (1000006, "S_res_group_expired_di", "di_group_expired", 4, "ISOLATE", 1, "single", false),
        };

        /// <summary>
        /// Further types of demo groups that Alibaba's samples use in two roles: S_res_group_XXX is the DI group of the
        /// CreateDISyncTask examples and the scheduling group (UpdateFile ResourceGroupIdentifier) of the "Manage Data
        /// Integration tasks with Open API" sample; S_res_group_280749521950784_1623033752022 is the DI group
        /// (setting.resourceGroup) of the real-time GenerateDISyncTaskConfigForCreating example.
        /// </summary>
        private static readonly (long GroupId, int Type)[] ExtraGroupTypes =
        {
            (1000004, 1),
            (1000002, 4),
        };

        public const string DefaultDiResourceGroup = "S_res_group_280749521950784_1602767279794";

        private static WorkspaceDefinition Ws(long id, string identifier, string name, WorkspaceMode mode) =>
            new WorkspaceDefinition { ProjectId = id, Identifier = identifier, Name = name, Mode = mode };

        // 2020-07-04T15:49:25Z: a fixed creation time so a fresh data directory always shows the same tenant.
        internal const long SeedTime = 1593877765000;

        public static void Seed(Db db, IEnumerable<WorkspaceDefinition> configuredWorkspaces)
        {
            foreach (var g in ResourceGroups)
            {
                db.Execute("INSERT OR IGNORE INTO resource_groups(id, identifier, name, type, mode, status, biz_ext_key, is_default, cluster, create_time, sequence) " +
                           "VALUES ($id, $ident, $name, $type, $mode, $status, $biz, $def, '', $t, 300)",
                    "$id", g.Id, "$ident", g.Identifier, "$name", g.Name, "$type", g.Type, "$mode", g.Mode, "$status", g.Status,
                    "$biz", g.BizExtKey, "$def", g.IsDefault ? 1 : 0, "$t", SeedTime);
            }
            foreach (var (groupId, type) in ExtraGroupTypes)
                db.Execute("INSERT OR IGNORE INTO resource_group_types(group_id, type) VALUES ($g, $t)", "$g", groupId, "$t", type);
            foreach (var ws in Workspaces.Concat(configuredWorkspaces))
            {
                SeedWorkspace(db, ws);
            }
            foreach (var ws in Workspaces) AddMissingDemoDataSources(db, ws.ProjectId);
            // Data directories created before workspace 78837 got the sample's identifier.
            db.Execute("UPDATE workspaces SET identifier = $new WHERE project_id = 78837 AND identifier = $old", "$new", SampleIdentifier78837, "$old", OldIdentifier78837);
        }

        /// <summary>
        /// Demo data sources added by a later emulator version (kafka_pub, holo_pub, the production copy of
        /// mysql_autotest_dev) also reach built-in workspaces of an existing data directory: an environment copy the
        /// workspace does not have is added (data sources cannot be deleted through the API, so this only fills gaps).
        /// </summary>
        private static void AddMissingDemoDataSources(Db db, long projectId)
        {
            foreach (var (name, type, dev, prod) in DataSources)
            {
                var existing = Tenant.DataSourcesNamed(db, projectId, name);
                if (dev && !existing.Any(d => d.EnvType == 0)) InsertDataSource(db, projectId, name, type, 0);
                if (prod && !existing.Any(d => d.EnvType == 1)) InsertDataSource(db, projectId, name, type, 1);
            }
        }

        private static void SeedWorkspace(Db db, WorkspaceDefinition ws)
        {
            if (Tenant.WorkspaceById(db, ws.ProjectId) != null) return; // never touch an existing workspace
            db.Execute("INSERT INTO workspaces(project_id, identifier, name, description, mode, status, default_di_resource_group, gmt_create) " +
                       "VALUES ($id, $ident, $name, $desc, $mode, 0, $rg, $t)",
                "$id", ws.ProjectId, "$ident", ws.Identifier, "$name", ws.Name ?? ws.Identifier, "$desc", ws.Name ?? "", "$mode", (int)ws.Mode,
                "$rg", DefaultDiResourceGroup, "$t", SeedTime);

            var folders = ws.Folders.Count > 0 ? (IEnumerable<string>)ws.Folders : Folders;
            foreach (string path in folders) Tenant.EnsureFolder(db, ws.ProjectId, path, SeedTime);

            var sources = ws.DataSources.Count > 0
                ? ws.DataSources.Select(d => (d.Name, d.Type, d.EnvTypes.Contains(0), d.EnvTypes.Contains(1)))
                : DataSources.Select(d => (d.Name, d.Type, d.Dev, d.Prod));
            foreach (var (name, type, dev, prod) in sources)
            {
                if (dev) InsertDataSource(db, ws.ProjectId, name, type, 0);
                if (prod) InsertDataSource(db, ws.ProjectId, name, type, 1);
            }
        }

        private static void InsertDataSource(Db db, long projectId, string name, string type, int envType)
        {
            string suffix = envType == 0 ? "_dev" : "";
            string content;
            switch (type)
            {
                case "odps":
                    content = "{\"project\":\"" + name + suffix + "\",\"endpoint\":\"http://service.odps.aliyun.com/api\",\"accessId\":\"***\",\"accessKey\":\"***\"}";
                    break;
                case "kafka":
                    content = "{\"bootstrapServers\":\"127.0.0.1:9092\",\"topicPrefix\":\"" + name + suffix + "\"}";
                    break;
                case "holo":
                    content = "{\"instanceId\":\"hgpostcn-demo\",\"database\":\"" + name + suffix + "\",\"username\":\"demo\",\"password\":\"***\"}";
                    break;
                default:
                    content = "{\"jdbcUrl\":\"jdbc:mysql://127.0.0.1:3306/" + name + suffix + "\",\"username\":\"demo\",\"password\":\"***\"}";
                    break;
            }
            db.Execute("INSERT INTO data_sources(id, project_id, name, type, sub_type, env_type, status, connect_status, description, content, gmt_create) " +
                       "VALUES ($id, $p, $n, $t, NULL, $e, 1, 1, $d, $c, $gc)",
                "$id", db.NextId("datasource"), "$p", projectId, "$n", name, "$t", type, "$e", envType,
                "$d", (envType == 0 ? "development" : "production") + " copy of " + name, "$c", content, "$gc", SeedTime);
        }
    }
}
