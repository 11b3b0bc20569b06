using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Client.Signing;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Measures alternatives side by side in the same run, in alternating rounds, and reports medians and ratios:
    /// 1. signing a CreateDISyncTask request with V3 vs V2;
    /// 2. a GetProject call through the module's client (V3 vs V2) vs a bare HTTP GET to the same local server;
    /// 3. client-side pacing configurations against a per-key QPS limit (<see cref="PacingBench"/>);
    /// 4. what the workspace catalogue costs and saves in calls and time (<see cref="CatalogBench"/>).
    /// 5. with --bulk-only, N tasks through the whole lifecycle at the rate limit, the way a user runs it (<see cref="BulkBench"/>).
    /// 6. the module as PowerShell users run it (issue 17), each on its own switch: <c>--cmdlet-cost</c> (per-call cost of
    ///    a cmdlet against a bare signed call, the client alone and the official Node client, <see cref="CmdletCostBench"/>),
    ///    <c>--startup</c> (the first call after import in fresh pwsh processes, <see cref="StartupBench"/>), <c>--listing</c>
    ///    (Get-DIFile | Measure-Object over a seeded workspace, <see cref="ListingBench"/>), <c>--client-overhead</c> (the
    ///    client's own work per call with the network taken out, <see cref="ClientOverheadBench"/>), <c>--cmdlet-cpu</c> (the cmdlets'
    ///    own work per call with the network taken out, against the bare call in an empty cmdlet, <see cref="CmdletCpuBench"/>).
    /// 7. with --definitions-only, issue 15's plan and apply of N task definitions at the rate limit: apply to an empty
    ///    workspace, plan of the unchanged workspace, re-apply of one changed schedule field (<see cref="DefinitionsBench"/>).
    /// </summary>
    public static class Program
    {
        private static KeyValuePair<string, string> P(string k, string v) => new KeyValuePair<string, string>(k, v);

        public static async Task<int> Main(string[] args)
        {
            int signOps = 20000, calls = 300, rounds = 5;
            Console.WriteLine($"DataWorksDI benchmark ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores)");
            if (args.Contains("--cmdlet-cost"))
            {
                await CmdletCostBench.RunAsync(args);
                return 0;
            }
            if (args.Contains("--cmdlet-cpu"))
            {
                await CmdletCpuBench.RunAsync(args);
                return 0;
            }
            if (args.Contains("--client-overhead"))
            {
                await ClientOverheadBench.RunAsync(args);
                return 0;
            }
            if (args.Contains("--startup"))
            {
                StartupBench.Run(args);
                return 0;
            }
            if (args.Contains("--listing"))
            {
                ListingBench.Run(args);
                return 0;
            }
            if (args.Contains("--definitions-only"))
            {
                // About 15-25 minutes at the defaults (1,000 tasks at 20 QPS, three phases): only when asked for.
                await DefinitionsBench.RunAsync(args);
                return 0;
            }
            bool pacingOnly = args.Contains("--pacing-only"), catalogOnly = args.Contains("--catalog-only");
            if (args.Contains("--bulk-only"))
            {
                // Tens of minutes at the defaults (1,000 tasks at 20 QPS, twice): only when asked for.
                await BulkBench.RunAsync(args);
                return 0;
            }
            if (catalogOnly)
            {
                await CatalogBench.RunAsync(rounds);
                return 0;
            }
            if (!pacingOnly)
            {
                SigningBench(signOps, rounds);
                await RoundTripBench(calls, rounds);
                await CatalogBench.RunAsync(rounds);
            }
            await PacingBench.RunAsync(args);
            return 0;
        }

        private static void SigningBench(int ops, int rounds)
        {
            string content = "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[" + string.Join(",", Enumerable.Range(0, 20).Select(i => "{\"stepType\":\"mysql\",\"parameter\":{\"datasource\":\"dh_mysql\",\"column\":[\"id\",\"name\"]},\"name\":\"S" + i + "\",\"category\":\"reader\"}")) + "]}";
            var query = new[] { P("ProjectId", "181565"), P("TaskType", "DI_OFFLINE"), P("TaskName", "new_di_task_0607_1416"), P("ClientToken", Guid.NewGuid().ToString()) };
            byte[] body = Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(new[] { P("TaskContent", content) }));
            byte[] key = Encoding.UTF8.GetBytes("bench-secret");
            var v3 = new List<double>();
            var v2 = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                v3.Add(PerOpMicroseconds(ops, () =>
                {
                    string hash = AcsSignatureV3.HashHex(body);
                    var headers = new[] { P("host", "dataworks.cn-shanghai.aliyuncs.com"), P("x-acs-action", "CreateDISyncTask"), P("x-acs-version", "2020-05-18"),
                        P("x-acs-date", "2024-01-02T03:04:05Z"), P("x-acs-signature-nonce", "n"), P("x-acs-content-sha256", hash), P("content-type", "application/x-www-form-urlencoded") };
                    AcsSignatureV3.Sign(key, AcsSignatureV3.StringToSign(AcsSignatureV3.CanonicalRequest("POST", query, headers, hash)));
                }));
                v2.Add(PerOpMicroseconds(ops, () =>
                {
                    var all = query.Concat(new[] { P("Action", "CreateDISyncTask"), P("Version", "2020-05-18"), P("Format", "JSON"), P("AccessKeyId", "id"),
                        P("SignatureMethod", "HMAC-SHA1"), P("SignatureVersion", "1.0"), P("SignatureNonce", "n"), P("Timestamp", "2024-01-02T03:04:05Z"), P("TaskContent", content) });
                    RpcSignatureV2.Sign(key, RpcSignatureV2.StringToSign("POST", all));
                }));
            }
            Report("Signing a CreateDISyncTask request (~" + body.Length / 1024 + " KB body), µs per request", ("V3 ACS3-HMAC-SHA256", v3), ("V2 HMAC-SHA1", v2));
        }

        private static async Task RoundTripBench(int calls, int rounds)
        {
            string dataDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dwdi-bench-" + Guid.NewGuid().ToString("N"));
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir });
            var credential = new AcsCredential(EmulatorOptions.DemoAccessKeyId, AcsCredential.ToSecureString(EmulatorOptions.DemoAccessKeySecret), null, null, "bench");
            // No client-side pacing here: this measures the cost of a call, not the rate limit (PacingBench does that).
            DataWorksClient Client(SignatureVersion v) => new DataWorksClient(new DataWorksClientOptions(emu.BaseAddress) { SignatureVersion = v, MaxRequestsPerSecond = 0, AdaptivePacing = false }, new StaticCredentialProvider(credential));
            DataWorksClient v3 = Client(SignatureVersion.V3), v2 = Client(SignatureVersion.V2);
            using var http = new HttpClient();
            var health = new Uri(emu.BaseAddress, "_emulator/health");
            ApiRequest GetProject() => new ApiRequest(ApiAction.GetProject).With("ProjectId", 10000L);

            for (int i = 0; i < 50; i++)
            {
                await v3.InvokeAsync(GetProject(), null, CancellationToken.None);
                await v2.InvokeAsync(GetProject(), null, CancellationToken.None);
                await http.GetStringAsync(health);
            }
            var a = new List<double>(); var b = new List<double>(); var c = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                a.Add(await PerCallMilliseconds(calls, () => v3.InvokeAsync(GetProject(), null, CancellationToken.None)));
                b.Add(await PerCallMilliseconds(calls, () => v2.InvokeAsync(GetProject(), null, CancellationToken.None)));
                c.Add(await PerCallMilliseconds(calls, () => http.GetStringAsync(health)));
            }
            Report("GetProject against the in-process emulator (loopback), ms per call", ("client V3", a), ("client V2", b), ("bare HTTP GET /_emulator/health", c));
            try { System.IO.Directory.Delete(dataDir, true); } catch (System.IO.IOException) { }
        }

        internal static string StrArg(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        internal static int IntArg(string[] args, string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }

        private static double PerOpMicroseconds(int ops, Action op)
        {
            var w = Stopwatch.StartNew();
            for (int i = 0; i < ops; i++) op();
            return w.Elapsed.TotalMilliseconds * 1000 / ops;
        }

        private static async Task<double> PerCallMilliseconds(int calls, Func<Task> call)
        {
            var w = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) await call();
            return w.Elapsed.TotalMilliseconds / calls;
        }

        internal static void Report(string title, params (string Name, List<double> Samples)[] series)
        {
            double Median(List<double> s) { var o = s.OrderBy(x => x).ToList(); return o[o.Count / 2]; }
            double baseline = Median(series[0].Samples);
            Console.WriteLine();
            Console.WriteLine(title);
            foreach (var s in series)
                Console.WriteLine($"  {s.Name,-34} median {Median(s.Samples),9:0.000}  (rounds: {string.Join(", ", s.Samples.Select(x => x.ToString("0.000")))})  ratio to first: {Median(s.Samples) / baseline:0.00}");
        }
    }
}
