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
using Newtonsoft.Json.Linq;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Client-side pacing against a per-key QPS limit (issue 12): the same parallel load — W workers sharing one key, N
    /// GetProject calls in all — under each pacing configuration, side by side in alternating rounds, each with a fresh
    /// key. Reports wall time against the rate-limit floor (N ÷ limit), attempts sent, throttled answers, and errors that
    /// surfaced. Run: dotnet run -c Release --project bench/DataWorksDI.Bench -- --pacing-only
    /// </summary>
    internal static class PacingBench
    {
        public static async Task RunAsync(string[] args)
        {
            int Arg(string name, int fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
            int Limit = Arg("--limit", 5), Workers = Arg("--workers", 4), Calls = Arg("--calls", 60), Rounds = Arg("--rounds", 2);
            (string Name, double Rate, bool Adaptive)[] Configurations =
            {
                ("unpaced, retries only", 0, false),
                ("adaptive, no configured rate (AWS)", 0, true),
                ($"adaptive from {Limit}/s (= the limit)", Limit, true),
                ($"adaptive from {2 * Limit}/s (2x the limit)", 2 * Limit, true),
                ($"fixed {Limit}/s", Limit, false),
            };
            string dataDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dwdi-bench-pacing-" + Guid.NewGuid().ToString("N"));
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir, QpsLimit = Limit });
            using var http = new HttpClient();
            var results = Configurations.ToDictionary(c => c.Name, c => new List<(double Ratio, long Sent, long Throttled, int Errors)>());
            for (int round = 0; round < Rounds; round++)
            {
                foreach (var c in Configurations)
                {
                    JObject key = JObject.Parse(await (await http.PostAsync(new Uri(emu.BaseAddress, "_emulator/access-keys"), new StringContent("{}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
                    var credential = new AcsCredential((string)key["accessKeyId"], AcsCredential.ToSecureString((string)key["accessKeySecret"]), null, null, "bench");
                    var clients = Enumerable.Range(0, Workers).Select(_ => new DataWorksClient(
                        new DataWorksClientOptions(emu.BaseAddress) { MaxRequestsPerSecond = c.Rate, AdaptivePacing = c.Adaptive }, new StaticCredentialProvider(credential))).ToArray();
                    int next = -1, errors = 0;
                    var watch = Stopwatch.StartNew();
                    await Task.WhenAll(clients.Select(client => Task.Run(async () =>
                    {
                        while (Interlocked.Increment(ref next) < Calls)
                        {
                            try { await client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 10000L), null, CancellationToken.None); }
                            catch (DataWorksServiceException) { Interlocked.Increment(ref errors); }
                        }
                    })));
                    double floor = (double)Calls / Limit;
                    results[c.Name].Add((watch.Elapsed.TotalSeconds / floor, clients.Sum(x => x.Statistics.CallsMade), clients.Sum(x => x.Statistics.Throttled), errors));
                }
            }
            Console.WriteLine();
            Console.WriteLine($"Pacing: {Workers} parallel clients sharing one key, {Calls} GetProject calls, emulator --qps-limit {Limit} (floor {Calls / (double)Limit:0.#} s), {Rounds} rounds");
            foreach (var c in Configurations)
            {
                var r = results[c.Name];
                double median = r.Select(x => x.Ratio).OrderBy(x => x).ElementAt(r.Count / 2);
                Console.WriteLine($"  {c.Name,-36} wall/floor median {median:0.00} (rounds: {string.Join(", ", r.Select(x => x.Ratio.ToString("0.00")))}); " +
                    $"attempts sent {string.Join("/", r.Select(x => x.Sent))}; throttled {string.Join("/", r.Select(x => x.Throttled))}; errors shown {string.Join("/", r.Select(x => x.Errors))}");
            }
            try { System.IO.Directory.Delete(dataDir, true); } catch (System.IO.IOException) { }
        }
    }
}
