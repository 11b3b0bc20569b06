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
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 15's benchmark: plan and apply of N task definitions (one template over N tables) against the emulator with a
    /// per-key QPS limit, run the way a user runs them — the hosted PowerShell engine importing out/DataWorksDI, one
    /// context paced at the limit. Three phases, side by side in one run against one emulator and key:
    /// 1. Sync-DITaskDefinition to an empty workspace (every task Create);
    /// 2. Compare-DITaskDefinition of the unchanged workspace right after (every task Unchanged, reads only);
    /// 3. Sync-DITaskDefinition after one schedule field (cron) changed in the template, so in every task.
    /// Per phase: the calls the emulator admitted, by action (its request log), throttled answers, wall time, and the floor
    /// = admitted calls ÷ the limit (the least time those calls can take at that rate).
    /// Run: dotnet run -c Release --project bench/DataWorksDI.Bench -- --definitions-only [--tasks 1000] [--qps 20]
    /// </summary>
    internal static class DefinitionsBench
    {
        private const long Workspace = 10000;

        private static string Template(string cron) => @"{
  ""name"": ""ods_{{table}}"",
  ""folder"": ""Data Integration"",
  ""description"": ""Daily copy of {{table}}"",
  ""resourceGroup"": ""di_default"",
  ""matrix"": ""tables.csv"",
  ""content"": {
    ""type"": ""job"", ""version"": ""2.0"",
    ""steps"": [
      { ""stepType"": ""mysql"", ""name"": ""Reader"", ""category"": ""reader"",
        ""parameter"": { ""datasource"": ""src_mysql"", ""envType"": 1, ""column"": [""id"", ""name""], ""connection"": [{ ""datasource"": ""src_mysql"", ""table"": [""{{table}}""] }], ""splitPk"": ""id"", ""encoding"": ""UTF-8"", ""where"": """" } },
      { ""stepType"": ""odps"", ""name"": ""Writer"", ""category"": ""writer"",
        ""parameter"": { ""datasource"": ""dst_odps"", ""envType"": 1, ""column"": [""id"", ""name""], ""table"": ""ods_{{table}}"", ""partition"": ""pt=${bizdate}"", ""truncate"": true } }
    ],
    ""setting"": { ""errorLimit"": { ""record"": ""0"" }, ""speed"": { ""concurrent"": 2, ""throttle"": false } },
    ""order"": { ""hops"": [{ ""from"": ""Reader"", ""to"": ""Writer"" }] }
  },
  ""schedule"": {
    ""cron"": """ + cron + @""",
    ""cycleType"": ""Day"",
    ""inputList"": [""${workspace}_root""],
    ""rerunMode"": ""FailureAllowed"",
    ""autoRerunTimes"": 3,
    ""autoRerunInterval"": ""00:02:00"",
    ""paraValue"": ""bizdate=$bizdate""
  }
}
";

        private const string Stage = @"{
  ""workspace"": { ""projectId"": 10000 },
  ""folderRoot"": ""Workflow/new_biz"",
  ""dataSources"": { ""src_mysql"": ""mysql_pub"", ""dst_odps"": ""odps_first"" },
  ""resourceGroups"": { ""di_default"": ""S_res_group_280749521950784_1602767279794"" }
}
";

        private sealed class Phase
        {
            public string Name;
            public double Wall;
            public int Admitted, Throttled, Other, Objects, Errors;
            public string Actions;
            public Dictionary<string, int> ByAction = new Dictionary<string, int>();
            public List<string> ErrorSamples = new List<string>();
            public string Timeline;
        }

        /// <summary>
        /// Where a phase's time went, from the request log's arrival times: per action, the span from its first to its last
        /// call and its rate there; and the seconds lost against the limit — for each whole second of the phase, the share
        /// of the limit no admitted call used (a second at the limit loses nothing, an idle second loses 1).
        /// </summary>
        private static string Timeline(List<JToken> requests, int qps)
        {
            if (requests.Count == 0) return "    (no calls)";
            DateTime T(JToken r) => DateTime.Parse((string)r["time"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            DateTime start = requests.Min(T);
            var admitted = requests.Where(r => (int?)r["httpStatus"] == 200).ToList();
            var lines = new StringBuilder();
            foreach (var g in admitted.GroupBy(r => (string)r["action"]).OrderBy(g => g.Min(T)))
            {
                double from = (g.Min(T) - start).TotalSeconds, to = (g.Max(T) - start).TotalSeconds;
                lines.AppendLine($"    {g.Key,-20} {g.Count(),6} calls  {from,7:0.0} s → {to,7:0.0} s  {(to > from ? g.Count() / (to - from) : 0),6:0.0}/s");
            }
            var perSecond = admitted.GroupBy(r => (int)(T(r) - start).TotalSeconds).ToDictionary(g => g.Key, g => g.Count());
            int seconds = (int)(requests.Max(T) - start).TotalSeconds;
            double lost = Enumerable.Range(0, seconds).Sum(sec => Math.Max(0, qps - (perSecond.TryGetValue(sec, out int n) ? n : 0)) / (double)qps);
            lines.Append($"    seconds lost against the limit: {lost:0.0} of {seconds}");
            return lines.ToString();
        }

        public static async Task RunAsync(string[] args)
        {
            int tasks = Program.IntArg(args, "--tasks", 1000), qps = Program.IntArg(args, "--qps", 20);
            string module = BulkBench.FindModule();
            Environment.SetEnvironmentVariable("PSModulePath", Path.GetDirectoryName(module) + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath"));
            Console.WriteLine();
            Console.WriteLine($"Definitions plan/apply: {tasks} tasks (one template over {tasks} tables) into workspace {Workspace}, emulator --qps-limit {qps} per key, deployment delay 3 s; floor = admitted calls ÷ {qps}/s");

            string root = Path.Combine(Path.GetTempPath(), "dwdi-bench-defs-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            string defs = Path.Combine(root, "tasks"), stage = Path.Combine(root, "dev.json");
            Directory.CreateDirectory(defs);
            File.WriteAllText(Path.Combine(defs, "tables.csv"), "table\n" + string.Concat(Enumerable.Range(1, tasks).Select(i => $"t{i:D5}\n")));
            File.WriteAllText(Path.Combine(defs, "ods_tables.json"), Template("00 00 06 * * ?"));
            File.WriteAllText(stage, Stage);

            string dataDir = Path.Combine(root, "emulator");
            var phases = new List<Phase>();
            await using (RunningEmulator emu = await EmulatorHost.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir, QpsLimit = qps }))
            {
                using var http = new HttpClient();
                JObject key = JObject.Parse(await (await http.PostAsync(new Uri(emu.BaseAddress, "_emulator/access-keys"), new StringContent("{}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
                string keyId = (string)key["accessKeyId"];
                long since = 0;

                using (Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2()))
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
                        runspace.SessionStateProxy.SetVariable("defs", defs);
                        runspace.SessionStateProxy.SetVariable("stage", stage);
                        ps.AddScript("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret -MaxRequestsPerSecond $qps").Invoke();
                        ps.Commands.Clear();

                        async Task<Phase> Run(string name, string script, string expected)
                        {
                            var phase = new Phase { Name = name };
                            Console.Write($"  {name}… ");
                            ps.Commands.Clear();
                            ps.Streams.Error.Clear();
                            ps.AddScript(script);
                            var watch = Stopwatch.StartNew();
                            var output = ps.Invoke();
                            phase.Wall = watch.Elapsed.TotalSeconds;
                            phase.Objects = output.Count;
                            phase.Errors = ps.Streams.Error.Count;
                            phase.ErrorSamples.AddRange(ps.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + ": " + e));
                            // What the objects say: the plan's actions, or the results' action/status pairs.
                            phase.Actions = string.Join(", ", output.GroupBy(o => o.Properties["Status"] == null ? $"{o.Properties["Action"]?.Value}" : $"{o.Properties["Action"]?.Value} {o.Properties["Status"]?.Value}")
                                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
                            JObject log = JObject.Parse(await http.GetStringAsync(new Uri(emu.BaseAddress, $"_emulator/requests?accessKeyId={Uri.EscapeDataString(keyId)}&since={since}")));
                            var requests = ((JArray)log["requests"]).ToList();
                            if (requests.Count > 0) since = (long)requests[requests.Count - 1]["sequence"];
                            phase.Admitted = requests.Count(r => (int?)r["httpStatus"] == 200);
                            phase.Throttled = requests.Count(r => ((string)r["errorCode"] ?? "").StartsWith("Throttling", StringComparison.Ordinal));
                            phase.Other = requests.Count - phase.Admitted - phase.Throttled;
                            foreach (var g in requests.Where(r => (int?)r["httpStatus"] == 200).GroupBy(r => (string)r["action"]).OrderByDescending(g => g.Count()))
                                phase.ByAction[g.Key] = g.Count();
                            phase.Timeline = Timeline(requests, qps);
                            Console.WriteLine($"{phase.Wall:0.0} s; {phase.Objects} objects ({phase.Actions}); {phase.Errors} errors; {phase.Admitted} calls admitted, {phase.Throttled} throttled");
                            foreach (string e in phase.ErrorSamples) Console.WriteLine("    error: " + e.Replace("\n", " "));
                            Console.WriteLine(phase.Timeline);
                            if (!string.Equals(phase.Actions, expected, StringComparison.Ordinal))
                                Console.WriteLine($"    NOTE: expected {expected}");
                            return phase;
                        }

                        phases.Add(await Run("apply to an empty workspace", "Sync-DITaskDefinition -Path $defs -Stage $stage -Confirm:$false", $"{tasks} Create Done"));
                        phases.Add(await Run("plan of the unchanged workspace", "Compare-DITaskDefinition -Path $defs -Stage $stage", $"{tasks} Unchanged"));
                        File.WriteAllText(Path.Combine(defs, "ods_tables.json"), Template("00 30 06 * * ?"));
                        phases.Add(await Run("re-apply, cron changed in every task", "Sync-DITaskDefinition -Path $defs -Stage $stage -Confirm:$false", $"{tasks} Change Done"));
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| phase ({tasks} tasks, {qps} QPS) | calls admitted | per task | throttled | wall s | floor s | wall ÷ floor | calls by action |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (Phase p in phases)
            {
                double floor = p.Admitted / (double)qps;
                Console.WriteLine($"| {p.Name} | {p.Admitted} | {p.Admitted / (double)tasks:0.00} | {p.Throttled} | {p.Wall:0.0} | {floor:0.0} | {p.Wall / floor:0.00} | {string.Join(", ", p.ByAction.Select(kv => kv.Key + " " + kv.Value))} |");
            }
            try { Directory.Delete(root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
