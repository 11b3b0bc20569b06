using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Cmdlets;
using DataWorksDI.Errors;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Workflows;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// What the workspace catalogue costs and saves, side by side in one run against the in-process emulator (issue 16):
    /// 1. listing workspaces: ListProjects alone vs with each one's mode (GetProject) the first time vs once the context
    ///    knows the modes;
    /// 2. creating a batch task: with the catalogue checks (first create of a context, later creates) vs -SkipValidation;
    /// 3. a typo (misspelt folder): refused locally from the cached catalogue vs sent and refused by the service;
    /// 4. a completion: the first Tab of a context (reads the list) vs a later one (from the catalogue).
    /// Each scenario counts the calls in the emulator's request log for a key of its own, and times it.
    /// </summary>
    internal static class CatalogBench
    {
        private const string Folder = "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration";

        private const string Content = "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"],\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"u_pk\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"},{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\",\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"table\":\"u_pk\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"errorLimit\":{\"record\":\"\"},\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        public static async Task RunAsync(int rounds)
        {
            string dataDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dwdi-bench-catalog-" + Guid.NewGuid().ToString("N"));
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir });
            using var http = new HttpClient();
            Console.WriteLine();
            Console.WriteLine($"Workspace catalogue (issue 16), {rounds} rounds; calls counted in the emulator's request log");

            var rows = new List<(string Scenario, List<double> Ms, List<int> Calls)>();
            void Add(string scenario, double ms, int calls)
            {
                var row = rows.FirstOrDefault(r => r.Scenario == scenario);
                if (row.Scenario == null) rows.Add(row = (scenario, new List<double>(), new List<int>()));
                row.Ms.Add(ms);
                row.Calls.Add(calls);
            }

            for (int round = 0; round < rounds; round++)
            {
                // 1. Listing workspaces.
                (DIContext ctx, string key) = await NewContextAsync(http, emu.BaseAddress);
                int before = await CallsAsync(http, emu.BaseAddress, key);
                var w = Stopwatch.StartNew();
                var service = new WorkspaceService(ctx, null);
                List<DIWorkspace> bare = await service.List(100).AllAsync(CancellationToken.None);
                Add("list workspaces: ListProjects only (Mode unknown)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                foreach (DIWorkspace ws in await service.List(100).AllAsync(CancellationToken.None)) await service.CompleteAsync(ws, CancellationToken.None);
                Add($"list workspaces with Mode, first time ({bare.Count} workspaces)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                foreach (DIWorkspace ws in await service.List(100).AllAsync(CancellationToken.None)) await service.CompleteAsync(ws, CancellationToken.None);
                Add("list workspaces with Mode, modes known", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);

                // 2. Creating a batch task.
                (ctx, key) = await NewContextAsync(http, emu.BaseAddress);
                var workflow = new SyncTaskWorkflow(ctx, null, null);
                DISyncTask Task(string prefix) => new DISyncTask { ProjectId = 181565, TaskType = DITaskType.Batch, FileName = prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 8), FolderPath = Folder, ResourceGroup = "S_res_group_XXX" };
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                await workflow.CreateAsync(Task("bench_first"), Content, Guid.NewGuid().ToString(), null, CancellationToken.None);
                Add("create: first in a context, checked", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                await workflow.CreateAsync(Task("bench_later"), Content, Guid.NewGuid().ToString(), null, CancellationToken.None);
                Add("create: later, checked (catalogue cached)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                await workflow.CreateAsync(Task("bench_skip"), Content, Guid.NewGuid().ToString(), null, CancellationToken.None, checkWorkspace: false);
                Add("create: -SkipValidation (no checks)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);

                // 3. A misspelt folder: refused locally (catalogue cached) vs sent and refused by the service.
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                DISyncTask typo = Task("bench_typo");
                typo.FolderPath = Folder.Replace("Data_Integration", "Data_Integraton");
                try { await workflow.CreateAsync(typo, Content, Guid.NewGuid().ToString(), null, CancellationToken.None); } catch (DataWorksOperationException) { }
                Add("typo: refused locally (one ListFolders if not cached)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                try { await workflow.CreateAsync(typo, Content, Guid.NewGuid().ToString(), null, CancellationToken.None, checkWorkspace: false); } catch (DataWorksOperationException) { }
                Add("typo: sent, refused by the service", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);

                // 4. Completion: the first Tab of a context vs a later one.
                (ctx, key) = await NewContextAsync(http, emu.BaseAddress);
                var completer = new DataWorksCompleter();
                IDictionary bound = new Hashtable { ["Context"] = ctx };
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                int offered = completer.CompleteArgument("New-DISyncTask", "ResourceGroup", "", null, bound).Count();
                Add($"Tab -ResourceGroup: first ({offered} offered)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
                before = await CallsAsync(http, emu.BaseAddress, key);
                w.Restart();
                completer.CompleteArgument("New-DISyncTask", "ResourceGroup", "S_", null, bound).Count();
                Add("Tab -ResourceGroup: later (from the catalogue)", w.Elapsed.TotalMilliseconds, await CallsAsync(http, emu.BaseAddress, key) - before);
            }

            double Median(List<double> s) { var o = s.OrderBy(x => x).ToList(); return o[o.Count / 2]; }
            foreach (var row in rows)
                Console.WriteLine($"  {row.Scenario,-56} median {Median(row.Ms),8:0.0} ms   calls {string.Join("/", row.Calls.Distinct())}");
            try { System.IO.Directory.Delete(dataDir, true); } catch (System.IO.IOException) { }
        }

        private static async Task<(DIContext, string)> NewContextAsync(HttpClient http, Uri emulator)
        {
            var response = await http.PostAsync(new Uri(emulator, "_emulator/access-keys"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            JObject key = JObject.Parse(await response.Content.ReadAsStringAsync());
            string id = (string)(key["accessKeyId"] ?? key["AccessKeyId"]), secret = (string)(key["accessKeySecret"] ?? key["AccessKeySecret"]);
            DIContext context = ContextFactory.Create(new ContextSettings
            {
                ProjectId = 181565,
                Endpoint = emulator,
                EndpointIsExplicit = true,
                Credentials = new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString(secret))),
            });
            return (context, id);
        }

        private static async Task<int> CallsAsync(HttpClient http, Uri emulator, string key)
        {
            JToken t = JToken.Parse(await http.GetStringAsync(new Uri(emulator, "_emulator/requests?accessKeyId=" + Uri.EscapeDataString(key))));
            return ((JArray)(t as JArray ?? t["requests"] ?? t["Requests"])).Count;
        }
    }
}
