using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 12's bulk benchmark: N batch tasks through create → schedule → submit -Wait → publish -Wait against the emulator
    /// with a per-key QPS limit, run the way a user runs it — the hosted PowerShell engine importing out/DataWorksDI, with
    /// the README's recipes: a sequential pipeline, and ForEach-Object -Parallel with one context passed in (-Context
    /// $using:ctx; the module loads once per runspace, the shared pacer does the rest, nothing sleeps or retries by hand).
    /// Each configuration gets a fresh emulator and key. Reported: wall time against the rate-limit floor (the calls the
    /// lifecycle needs ÷ the limit), calls the emulator saw (admitted, throttled, 5xx), and — read from the emulator's
    /// database after the run — tasks lost, duplicated and left half-way, and the errors PowerShell showed.
    /// Run: dotnet run -c Release --project bench/DataWorksDI.Bench -- --bulk-only [--tasks 1000] [--sequential-tasks 40]
    /// [--qps 20] [--throttle-limit 32] [--fault-tasks N] [--faults-only | --no-faults] [--no-sequential]
    /// [--fixed-rate (the fault run again with Connect-DIWorkspace -FixedRate) | --fixed-rate-only (only that one)]
    /// </summary>
    internal static class BulkBench
    {
        /// <summary>
        /// The fewest calls one task needs: CreateDISyncTask; GetFile, UpdateFile (Set-DIFileSchedule reads and sends what
        /// differs; its result is the read with the values sent laid over it); SubmitFile and one GetDeployment; DeployFile
        /// and one GetDeployment. Plus, once per context, the workspace catalogue's reads before the first create
        /// (ListFolders, ListResourceGroups, ListDataSources) and GetProject (the workspace's mode).
        /// </summary>
        public const int CallsPerTask = 7;

        /// <summary>The reads a context makes once: the catalogue's three lists and GetProject.</summary>
        public const int CallsPerContext = 4;

        private const long Workspace = 10000;
        private const string Folder = "Workflow/new_biz/Data Integration";
        private const string ResourceGroup = "S_res_group_280749521950784_1602767279794";
        private const string Content = "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"],\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"users\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"},{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\",\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"table\":\"ods_users\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"errorLimit\":{\"record\":\"0\"},\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        /// <summary>The README's parallel recipe (README.md, "Many tasks at once"), with the emulator's endpoint and key.</summary>
        private const string ParallelRecipe = @"
$ctx = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret -MaxRequestsPerSecond $qps
$tasks | ForEach-Object -ThrottleLimit $throttleLimit -Parallel {
    $_ | New-DISyncTask -Context $using:ctx |
        Set-DIFileSchedule -Context $using:ctx -Daily -At 05:30 |
        Submit-DIFile -Context $using:ctx -Wait |
        Publish-DIFile -Context $using:ctx -Wait
}";

        private static string FixedRate(string recipe) => recipe.Replace("-MaxRequestsPerSecond $qps", "-MaxRequestsPerSecond $qps -FixedRate");

        /// <summary>The README's sequential pipeline.</summary>
        private const string SequentialRecipe = @"
$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret -MaxRequestsPerSecond $qps
$tasks | New-DISyncTask | Set-DIFileSchedule -Daily -At 05:30 | Submit-DIFile -Wait | Publish-DIFile -Wait";

        public static async Task RunAsync(string[] args)
        {
            int Arg(string name, int fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
            int tasks = Arg("--tasks", 1000), sequentialTasks = Arg("--sequential-tasks", 40), qps = Arg("--qps", 20), throttleLimit = Arg("--throttle-limit", 32);
            bool faultsOnly = args.Contains("--faults-only"), noFaults = args.Contains("--no-faults"), noSequential = args.Contains("--no-sequential");
            bool fixedRate = args.Contains("--fixed-rate"), fixedRateOnly = args.Contains("--fixed-rate-only");
            faultsOnly |= fixedRateOnly;

            string module = FindModule();
            // An installed module is found on PSModulePath: that is how each ForEach-Object -Parallel runspace loads it.
            Environment.SetEnvironmentVariable("PSModulePath", Path.GetDirectoryName(module) + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath"));
            Console.WriteLine();
            Console.WriteLine($"Bulk lifecycle (create → schedule → submit -Wait → publish -Wait), emulator --qps-limit {qps} per key, deployment delay 3 s; floor = {CallsPerTask} calls per task ÷ {qps}/s");
            int faultTasks = Arg("--fault-tasks", tasks);
            var results = new List<Result>();
            // Each run's row is written as soon as it ends (a long run stopped later keeps what was measured), then the table.
            async Task Run(Func<Task<Result>> run)
            {
                Result r = await run();
                results.Add(r);
                Console.WriteLine("    " + r.Row());
            }
            if (!faultsOnly && !noSequential) await Run(() => RunOneAsync("sequential pipeline", SequentialRecipe, sequentialTasks, qps, throttleLimit, 0, 0));
            if (!faultsOnly) await Run(() => RunOneAsync($"ForEach-Object -Parallel -ThrottleLimit {throttleLimit}", ParallelRecipe, tasks, qps, throttleLimit, 0, 0));
            if (!noFaults && !fixedRateOnly) await Run(() => RunOneAsync($"parallel, 20% throttled + 5% 5xx", ParallelRecipe, faultTasks, qps, throttleLimit, 0.20, 0.05));
            // The same faults with Connect-DIWorkspace -FixedRate: random throttling is not a rate, and the adaptive pacer
            // slows down at every throttling event; a fixed rate keeps going and retries (docs/client.md, Pacing).
            if (!noFaults && (fixedRate || fixedRateOnly)) await Run(() => RunOneAsync($"parallel -FixedRate, 20% throttled + 5% 5xx", FixedRate(ParallelRecipe), faultTasks, qps, throttleLimit, 0.20, 0.05));
            Console.WriteLine();
            Console.WriteLine("| run | tasks | wall s | floor s | wall ÷ floor | calls admitted (per task) | throttled | 5xx | lost | duplicated | half-way | errors shown |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (Result r in results) Console.WriteLine(r.Row());
        }

        private sealed class Result
        {
            public string Name;
            public int Tasks;
            public double Wall, Floor;
            public int Admitted, Throttled, ServerErrors, Lost, Duplicated, HalfWay, Errors;
            public List<string> ErrorSamples = new List<string>();

            public string Row() =>
                $"| {Name} | {Tasks} | {Wall:0.0} | {Floor:0.0} | {Wall / Floor:0.00} | {Admitted} ({(double)Admitted / Tasks:0.00}) | {Throttled} | {ServerErrors} | {Lost} | {Duplicated} | {HalfWay} | {Errors} |";
        }

        private static async Task<Result> RunOneAsync(string name, string recipe, int count, int qps, int throttleLimit, double throttleRatio, double serverErrorRatio)
        {
            string dataDir = Path.Combine(Path.GetTempPath(), "dwdi-bench-bulk-" + Guid.NewGuid().ToString("N"));
            var options = new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir, QpsLimit = qps };
            options.Faults.ThrottleRatio = throttleRatio;
            options.Faults.ServerErrorRatio = serverErrorRatio;
            options.Faults.Seed = 12;
            var result = new Result { Name = name, Tasks = count };
            await using (RunningEmulator emu = await EmulatorHost.StartAsync(options))
            {
                using var http = new HttpClient();
                JObject key = JObject.Parse(await (await http.PostAsync(new Uri(emu.BaseAddress, "_emulator/access-keys"), new StringContent("{}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
                string keyId = (string)key["accessKeyId"];
                string prefix = "bulk_" + Guid.NewGuid().ToString("N").Substring(0, 6) + "_";
                var names = Enumerable.Range(1, count).Select(i => prefix + i.ToString("D5")).ToList();
                var taskObjects = names.Select(n =>
                {
                    var o = new PSObject();
                    o.Properties.Add(new PSNoteProperty("Name", n));
                    o.Properties.Add(new PSNoteProperty("FolderPath", Folder));
                    o.Properties.Add(new PSNoteProperty("ResourceGroup", ResourceGroup));
                    o.Properties.Add(new PSNoteProperty("Content", Content));
                    return o;
                }).ToArray();

                var iss = InitialSessionState.CreateDefault2();
                using (Runspace runspace = RunspaceFactory.CreateRunspace(iss))
                {
                    runspace.Open();
                    using (PowerShell ps = PowerShell.Create())
                    {
                        ps.Runspace = runspace;
                        ps.AddScript("Import-Module DataWorksDI -ErrorAction Stop").Invoke();
                        ps.Commands.Clear();
                        runspace.SessionStateProxy.SetVariable("endpoint", emu.BaseAddress.ToString());
                        runspace.SessionStateProxy.SetVariable("keyId", keyId);
                        runspace.SessionStateProxy.SetVariable("secret", new System.Net.NetworkCredential("", (string)key["accessKeySecret"]).SecurePassword);
                        runspace.SessionStateProxy.SetVariable("qps", (double)qps);
                        runspace.SessionStateProxy.SetVariable("throttleLimit", throttleLimit);
                        runspace.SessionStateProxy.SetVariable("tasks", taskObjects);
                        ps.AddScript(recipe);
                        var watch = Stopwatch.StartNew();
                        Console.Write($"  {name}: {count} tasks… ");
                        var output = ps.Invoke();
                        result.Wall = watch.Elapsed.TotalSeconds;
                        result.Errors = ps.Streams.Error.Count;
                        result.ErrorSamples.AddRange(ps.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + ": " + e.ToString()));
                        Console.WriteLine($"{result.Wall:0.0} s, {output.Count} packages out, {result.Errors} errors");
                    }
                }

                JObject log = JObject.Parse(await http.GetStringAsync(new Uri(emu.BaseAddress, "_emulator/requests?accessKeyId=" + Uri.EscapeDataString(keyId))));
                var requests = ((JArray)log["requests"]).ToList();
                result.Admitted = requests.Count(r => (int?)r["httpStatus"] == 200);
                result.Throttled = requests.Count(r => ((string)r["errorCode"] ?? "").StartsWith("Throttling", StringComparison.Ordinal));
                result.ServerErrors = requests.Count(r => (int?)r["httpStatus"] >= 500);
                result.Floor = (CallsPerTask * (double)count + CallsPerContext) / qps;
                CheckState(Path.Combine(dataDir, "dataworks-emulator.db"), names, result);
            }
            foreach (string e in result.ErrorSamples) Console.WriteLine("    error: " + e.Replace("\n", " "));
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
            return result;
        }

        /// <summary>
        /// From the emulator's database: a task is lost when no file has its name, duplicated when two do or when its file
        /// has more than one submit or deploy package, and half-way when its file is not in production at its current
        /// version with a succeeded deploy package.
        /// </summary>
        private static void CheckState(string database, List<string> names, Result result)
        {
            using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            db.Open();
            var files = new Dictionary<string, List<(long Id, long Current, long Prod, string Deleted)>>(StringComparer.Ordinal);
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT file_id, name, current_version, prod_version, deleted_status FROM files WHERE project_id = $p";
                cmd.Parameters.AddWithValue("$p", Workspace);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    string n = r.GetString(1);
                    if (!files.TryGetValue(n, out var list)) files[n] = list = new List<(long, long, long, string)>();
                    list.Add((r.GetInt64(0), r.GetInt64(2), r.GetInt64(3), r.GetString(4)));
                }
            }
            var packages = new Dictionary<long, List<(string Kind, int Status)>>();
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT file_id, kind, status FROM deployments WHERE project_id = $p";
                cmd.Parameters.AddWithValue("$p", Workspace);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    long f = r.GetInt64(0);
                    if (!packages.TryGetValue(f, out var list)) packages[f] = list = new List<(string, int)>();
                    list.Add((r.GetString(1), r.GetInt32(2)));
                }
            }
            foreach (string n in names)
            {
                if (!files.TryGetValue(n, out var list)) { result.Lost++; continue; }
                if (list.Count > 1) { result.Duplicated++; continue; }
                var f = list[0];
                var p = packages.TryGetValue(f.Id, out var ps) ? ps : new List<(string Kind, int Status)>();
                if (p.Count(x => x.Kind == "submit") > 1 || p.Count(x => x.Kind == "deploy") > 1) { result.Duplicated++; continue; }
                bool done = f.Current > 0 && f.Prod == f.Current && p.Any(x => x.Kind == "deploy" && x.Status == 1) && f.Deleted == "NORMAL";
                if (!done) result.HalfWay++;
            }
        }

        internal static string FindModule()
        {
            for (string dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "out", "DataWorksDI", "DataWorksDI.psd1");
                if (File.Exists(candidate)) return Path.GetDirectoryName(candidate);
            }
            throw new InvalidOperationException("out/DataWorksDI not found: run dotnet build DataWorksDI.sln first.");
        }
    }
}
