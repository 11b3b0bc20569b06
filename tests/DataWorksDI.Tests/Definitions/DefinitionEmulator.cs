using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Definitions;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Workflows;
using DataWorksDI.Workflows;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// An emulator of its own for the definition tests, with a dev (20000) and a prod (30000) workspace whose data sources
    /// have different names, and the helpers to write definitions, plan, apply and export through the workflows.
    /// </summary>
    internal static class DefinitionEmulator
    {
        public const long Dev = 20000, Prod = 30000;

        // Stopped when the test process ends, as EmulatorProcess.Shared is (else every run left one emulator behind).
        private static readonly Lazy<EmulatorProcess> SharedLazy = new Lazy<EmulatorProcess>(() =>
        {
            EmulatorProcess e = Start();
            AppDomain.CurrentDomain.ProcessExit += (_, __) => e.Dispose();
            return e;
        });

        public static EmulatorProcess Shared => SharedLazy.Value;

        public static EmulatorProcess Start(params string[] extra)
        {
            string config = Path.Combine(Path.GetTempPath(), "dwdi-definitions-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(config, @"{ ""workspaces"": [
  { ""projectId"": 20000, ""identifier"": ""sales_dev"", ""mode"": ""standard"",
    ""folders"": [""Business Flow/sales_dev/Data Integration"", ""Business Flow/sales_dev/Data Integration/ods"", ""Business Flow/sales_dev/Data Integration/templates""],
    ""dataSources"": [{ ""name"": ""mysql_dev"", ""type"": ""mysql"", ""envTypes"": [0, 1] }, { ""name"": ""odps_dev"", ""type"": ""odps"", ""envTypes"": [0, 1] }] },
  { ""projectId"": 30000, ""identifier"": ""sales_prod"", ""mode"": ""standard"",
    ""folders"": [""Business Flow/sales_prod/Data Integration"", ""Business Flow/sales_prod/Data Integration/ods"", ""Business Flow/sales_prod/Data Integration/templates""],
    ""dataSources"": [{ ""name"": ""mysql_prod"", ""type"": ""mysql"", ""envTypes"": [0, 1] }, { ""name"": ""odps_prod"", ""type"": ""odps"", ""envTypes"": [0, 1] }] },
  { ""projectId"": 40000, ""identifier"": ""sales_basic"", ""mode"": ""basic"",
    ""folders"": [""Business Flow/sales_basic/Data Integration""],
    ""dataSources"": [{ ""name"": ""mysql_dev"", ""type"": ""mysql"", ""envTypes"": [0, 1] }, { ""name"": ""odps_dev"", ""type"": ""odps"", ""envTypes"": [0, 1] }] }
] }");
            return EmulatorProcess.Start(new[] { "--deployment-delay", "100ms", "--config", config }.Concat(extra).ToArray());
        }

        /// <summary>A workflow kit with its own key whose pacer allows <paramref name="qps"/> calls a second (the emulator has no limit of its own unless told).</summary>
        public static WorkflowTestKit Kit(long projectId, EmulatorProcess emulator = null, double qps = 100)
        {
            WorkflowTestKit kit = WorkflowTestKit.For(projectId, emulator ?? Shared);
            kit.Context.Client.Options.MaxRequestsPerSecond = qps;
            return kit;
        }

        public static string TempDir(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "dwdi-def-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static string Stage(string dir, string name, long projectId, string root, string mysql, string odps, string diGroup, string schedGroup)
        {
            string path = Path.Combine(dir, name + ".json");
            var stage = new JObject
            {
                ["workspace"] = new JObject { ["projectId"] = projectId },
                ["folderRoot"] = root,
                ["dataSources"] = new JObject { ["src_mysql"] = mysql, ["dst_odps"] = odps },
                ["resourceGroups"] = new JObject { ["di_default"] = diGroup },
                ["schedulingResourceGroups"] = new JObject { ["sched_default"] = schedGroup },
                ["parameters"] = new JObject { ["env"] = name },
            };
            File.WriteAllText(path, stage.ToString());
            return path;
        }

        public static string DevStage(string dir) => Stage(dir, "dev", Dev, "Business Flow/sales_dev", "mysql_dev", "odps_dev", "S_res_group_XXX_XXXX", "default_group");

        public static string ProdStage(string dir) => Stage(dir, "prod", Prod, "Business Flow/sales_prod", "mysql_prod", "odps_prod", "S_res_group_280749521950784_1623033752022", "S_res_group_XXX");

        /// <summary>Batch task JSON reading table <paramref name="table"/> from src_mysql into dst_odps (logical names).</summary>
        public static JObject Content(string table) => JObject.Parse(
            "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"src_mysql\",\"column\":[\"id\",\"name\"]," +
            "\"connection\":[{\"datasource\":\"src_mysql\",\"table\":[\"" + table + "\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"}," +
            "{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"dst_odps\",\"envType\":1,\"column\":[\"id\",\"name\"]," +
            "\"emptyAsNull\":false,\"table\":\"ods_" + table + "\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"errorLimit\":{\"record\":\"0\"}," +
            "\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}");

        public static JObject Schedule(int i, string upstream = null) => new JObject
        {
            ["cron"] = $"00 {10 + i % 40:00} 0{1 + i % 8} * * ?",
            ["cycleType"] = "Day",
            ["dependentType"] = "None",
            ["inputList"] = new JArray(upstream == null ? new[] { "${workspace}_root" } : new[] { "${workspace}_root", "${workspace}." + upstream }),
            ["rerunMode"] = i % 2 == 0 ? "FailureAllowed" : "AllAllowed",
            ["autoRerunTimes"] = 2,
            ["autoRerunInterval"] = "00:05:00",
            ["paraValue"] = "bizdate=$bizdate",
            ["resourceGroupIdentifier"] = "sched_default",
        };

        /// <summary>Writes <paramref name="count"/> definitions (every tenth depends on the one before it) and returns the folder.</summary>
        public static string WriteDefinitions(int count, string prefix)
        {
            string dir = TempDir("src");
            for (int i = 0; i < count; i++)
            {
                string name = $"{prefix}_{i:000}";
                var d = new JObject
                {
                    ["name"] = name,
                    ["folder"] = i % 3 == 0 ? "Data Integration/ods" : "Data Integration",
                    ["description"] = "Loads " + name + " (${env})",
                    ["resourceGroup"] = "di_default",
                    ["content"] = Content("t_" + name),
                    ["schedule"] = Schedule(i, i % 10 == 5 ? $"{prefix}_{i - 1:000}" : null),
                };
                File.WriteAllText(Path.Combine(dir, name + ".json"), d.ToString());
            }
            return dir;
        }

        public static async Task<DefinitionPlan> PlanAsync(WorkflowTestKit kit, string dir, string stage, bool delete = false)
        {
            DefinitionSet offline = DefinitionPlanWorkflow.LoadOffline(dir, stage, null);
            return await kit.Workflow<DefinitionPlanWorkflow>().PlanAsync(offline, stage, kit.ProjectId, delete, CancellationToken.None);
        }

        public static async Task<ApplyReport> SyncAsync(WorkflowTestKit kit, string dir, string stage, long? maxCalls = null)
        {
            DefinitionPlan plan = await PlanAsync(kit, dir, stage);
            return await kit.Workflow<DefinitionApplyWorkflow>().ApplyAsync(plan, new ApplyOptions { Wait = WorkflowTestKit.Quick, MaxCalls = maxCalls }, CancellationToken.None);
        }

        /// <summary>Exports the stage's workspace into a new folder (the cmdlet's file layout); returns the folder.</summary>
        public static async Task<string> ExportAsync(WorkflowTestKit kit, string stageFile)
        {
            var findings = new List<DefinitionFinding>();
            StageSettings stage = StageSettings.Load(stageFile, stageFile, findings);
            if (stage == null) throw new InvalidOperationException(string.Join("\n", findings));
            List<ExportedTask> exported = await kit.Workflow<DefinitionExportWorkflow>().ExportAsync(kit.ProjectId, stage, null, null, null, null, CancellationToken.None);
            string dir = TempDir("export");
            foreach (ExportedTask e in exported)
            {
                if (e.Problem != null) throw e.Problem;
                CanonicalJson.WriteFile(e.Definition.FilePath(dir), e.Definition.FileText());
            }
            return dir;
        }

        public static readonly HashSet<string> Reads = new HashSet<string>(StringComparer.Ordinal)
        {
            "GetFile", "ListFiles", "ListFileVersions", "GetProject", "ListProjects", "ListResourceGroups", "GetDeployment", "ListDeployments", "GetFolder", "ListFolders", "ListDataSources",
        };

        public static List<string> Writes(IEnumerable<string> actions) => actions.Where(a => !Reads.Contains(a)).ToList();

        /// <summary>Every file under a folder: relative path → bytes.</summary>
        public static SortedDictionary<string, byte[]> Files(string dir) => new SortedDictionary<string, byte[]>(
            Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);
    }
}
