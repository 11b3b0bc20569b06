using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Signing;
using DataWorksDI.Testing;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 17, cmdlet-layer overhead: the cost of one GetProject and one GetFile call made five ways, side by side in one
    /// run (alternating rounds), against the emulator as its own process on loopback:
    /// a bare V3-signed HttpClient POST (sign, send, read the body: the least any client does), the module's client alone
    /// (DataWorksClient.InvokeAsync), the cmdlet in a PowerShell loop (Get-DIWorkspace -ProjectId / Get-DIFile -FileId,
    /// and Invoke-DIApi), and the official Node client (@alicloud/openapi-client). Wall time and CPU per call — this
    /// process's for the C# and PowerShell series, node's own for node — and the emulator's CPU per call (the same work
    /// for every series, so it shows the server side is not what differs). Client-side pacing is off for every series.
    /// <c>dotnet run -c Release --project bench/DataWorksDI.Bench -- --cmdlet-cost [--calls 300] [--rounds 5] [--only Get-DIWorkspace]</c>
    /// </summary>
    internal static class CmdletCostBench
    {
        private const long Project = SampleTasks.SeedProjectId;

        private sealed class Series
        {
            public Series(string name, Func<int, Task<(double Wall, double Cpu)>> run)
            {
                Name = name;
                Run = run;
            }

            public string Name { get; }
            public Func<int, Task<(double Wall, double Cpu)>> Run { get; }
            public List<double> Wall { get; } = new List<double>();
            public List<double> Cpu { get; } = new List<double>();
            public List<double> ServerCpu { get; } = new List<double>();
            public List<double> Jit { get; } = new List<double>();
            public List<double> AllocatedKb { get; } = new List<double>();
            public bool InProcess { get; set; } = true;
        }

        public static async Task RunAsync(string[] args)
        {
            int calls = Program.IntArg(args, "--calls", 300), rounds = Program.IntArg(args, "--rounds", 5);
            Console.WriteLine();
            Console.WriteLine($"## Per-call cost ({calls} calls a round, {rounds} rounds, alternating; pacing off; load average {LoadAverage()})");
            using (EmulatorProcess emulator = EmulatorProcess.Start("--deployment-delay", "0"))
            using (var host = new ModuleHost(emulator, Project))
            using (var bare = new BareSignedClient(emulator.BaseAddress, host.KeyId, host.Secret))
            using (NodeClient node = NodeClient.TryStart(emulator.BaseAddress, host.KeyId, host.Secret))
            {
                DataWorksClient client = host.UnpaceContext();
                long fileId = (long)host.Run("(New-DISyncTask -Name $name -FolderPath $folder -Content $content).FileId",
                    ("name", "bench_" + Guid.NewGuid().ToString("N").Substring(0, 10)), ("folder", SampleTasks.SeedFolder), ("content", SampleTasks.SeedContent)).Single().BaseObject;

                foreach (var (action, parameters, cmdlet) in new[]
                {
                    ("GetProject", new[] { ("ProjectId", (object)Project) }, "Get-DIWorkspace -ProjectId $p"),
                    ("GetFile", new[] { ("ProjectId", (object)Project), ("FileId", (object)fileId) }, "Get-DIFile -FileId $f"),
                })
                {
                    ApiRequest Request()
                    {
                        var r = new ApiRequest(ApiAction.Find(action));
                        foreach (var (name, value) in parameters) r.With(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        return r;
                    }
                    var series = new List<Series>
                    {
                        new Series("bare signed HttpClient (C#)", n => Loop(n, () => bare.CallAsync(action, parameters))),
                        new Series("module client alone (InvokeAsync)", n => Loop(n, () => client.InvokeAsync(Request(), null, CancellationToken.None))),
                        // What a cmdlet's pipeline thread does, without PowerShell: one thread sends and waits for each answer itself.
                        new Series("bare signed HttpClient, one thread waiting (sync Send)", n => LoopOnOneThread(n, () => bare.CallBlocking(action, parameters))),
                        new Series("bare, one thread waiting, 20 µs of CPU between calls", n => LoopOnOneThread(n, () => { bare.CallBlocking(action, parameters); Spin(20); })),
                        new Series("bare, one thread waiting, 50 µs of CPU between calls", n => LoopOnOneThread(n, () => { bare.CallBlocking(action, parameters); Spin(50); })),
                        new Series("module client alone, one thread waiting (BlockingCalls, as a cmdlet)", n => LoopOnOneThread(n, () =>
                        {
                            BlockingCalls.Allow();
                            try { client.InvokeAsync(Request(), null, CancellationToken.None).GetAwaiter().GetResult(); }
                            finally { BlockingCalls.Revoke(); }
                        })),
                        new Series(cmdlet.Replace(" $p", string.Empty).Replace(" $f", string.Empty) + " (PowerShell loop)",
                            n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = " + cmdlet + " }", n, ("n", n), ("p", Project), ("f", fileId)))),
                    };
                    // The floors: PowerShell's own cost of one binary cmdlet (bind a long, write an object), and the module's
                    // cmdlet layer around a call that is already done (context, the pump's Run, write): no HTTP.
                    series.Add(new Series("floor: an empty binary cmdlet (PowerShell loop)",
                        n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Test-BenchEmptyCmdlet -ProjectId $p }", n, ("n", n), ("p", Project)))));
                    series.Add(new Series("the bare call (sync Send) in an empty binary cmdlet, no module code (PowerShell loop)", n =>
                    {
                        BareCallCmdlet.Call = _ => bare.CallBlocking(action, parameters);
                        return Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Test-BenchBareCall -ProjectId $p }", n, ("n", n), ("p", Project)));
                    }));
                    // The same calls as one command with the ids piped in (how a bulk caller writes it): PowerShell's
                    // per-command work is paid once, not per call. The input objects are built before the timing.
                    var (piped, idName, id) = action == "GetProject" ? ("Get-DIWorkspace", "ProjectId", Project) : ("Get-DIFile", "FileId", fileId);
                    series.Add(new Series(piped + ", the ids piped into one command", n =>
                        Task.FromResult(host.Measure("$null = $items | " + piped, n, ("items", Items(n, idName, id))))));
                    series.Add(new Series("the bare call (sync Send) in an empty binary cmdlet, the ids piped into one command", n =>
                    {
                        BareCallCmdlet.Call = _ => bare.CallBlocking(action, parameters);
                        return Task.FromResult(host.Measure("$null = $items | Test-BenchBareCall", n, ("items", Items(n, "ProjectId", Project))));
                    }));
                    series.Add(new Series("floor: the module's cmdlet layer, no call (PowerShell loop)",
                        n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Test-BenchModuleLayer -ProjectId $p }", n, ("n", n), ("p", Project)))));
                    if (action == "GetFile")
                    {
                        series.Add(new Series("floor: Get-DIFile's parameters and layer, no call (PowerShell loop)",
                            n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Test-BenchFileShape -FileId $f }", n, ("n", n), ("f", fileId)))));
                        series.Add(new Series("the client's GetFile in the module layer, no service parse (PowerShell loop)",
                            n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Test-BenchClientCall -FileId $f -ProjectId $p }", n, ("n", n), ("p", Project), ("f", fileId)))));
                    }
                    if (action == "GetProject")
                        series.Add(new Series("Invoke-DIApi GetProject (PowerShell loop)",
                            n => Task.FromResult(host.Measure("foreach ($i in 1..$n) { $null = Invoke-DIApi GetProject @{ ProjectId = $p } }", n, ("n", n), ("p", Project)))));
                    if (node != null)
                        series.Add(new Series("official Node client (openapi-client V3)", n => node.RoundAsync(action, n, parameters)) { InProcess = false });
                    // --only TEXT: the bare call and the series whose name contains TEXT, e.g. to profile one of them alone.
                    string only = Program.StrArg(args, "--only");
                    if (only != null) series = series.Where((s, i) => i == 0 || s.Name.IndexOf(only, StringComparison.OrdinalIgnoreCase) >= 0).ToList();

                    // Warm-up: JIT and tiering, connections, the emulator's caches.
                    for (int w = 0; w < 3; w++) foreach (Series s in series) await s.Run(calls);
                    for (int r = 0; r < rounds; r++)
                    {
                        foreach (Series s in series)
                        {
                            TimeSpan serverBefore = Cpu.Of(emulator.ProcessId);
                            long jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                            long allocatedBefore = GC.GetTotalAllocatedBytes(true);
                            (double wall, double cpu) = await s.Run(calls);
                            s.AllocatedKb.Add((GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1024.0 / calls);
                            s.Jit.Add((double)(System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore) / calls);
                            s.Wall.Add(wall);
                            s.Cpu.Add(cpu);
                            s.ServerCpu.Add((Cpu.Of(emulator.ProcessId) - serverBefore).TotalMilliseconds / calls);
                        }
                    }
                    Report(action, series);
                }
                Console.WriteLine($"(load average at the end: {LoadAverage()})");
                if (node == null) Console.WriteLine("(the official Node client was not measured: run `npm ci` in tests/Conformance, and have node on PATH)");
            }
        }

        private static async Task<(double Wall, double Cpu)> Loop(int calls, Func<Task> call)
        {
            var cpu = Cpu.Start();
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) await call().ConfigureAwait(false);
            return (wall.Elapsed.TotalMilliseconds / calls, cpu.ElapsedMilliseconds / calls);
        }

        /// <summary>n input objects with one property, as Import-Csv or a listing would pipe them.</summary>
        private static PSObject[] Items(int n, string property, long value) => Enumerable.Range(0, n).Select(_ =>
        {
            var item = new PSObject();
            item.Properties.Add(new PSNoteProperty(property, value));
            return item;
        }).ToArray();

        private static void Spin(int microseconds)
        {
            long until = Stopwatch.GetTimestamp() + microseconds * Stopwatch.Frequency / 1_000_000;
            while (Stopwatch.GetTimestamp() < until) { }
        }

        /// <summary>The calls one after another on a thread of their own, each waited for by that thread (no await).</summary>
        private static Task<(double Wall, double Cpu)> LoopOnOneThread(int calls, Action call)
        {
            var done = new TaskCompletionSource<(double, double)>();
            var thread = new Thread(() =>
            {
                try
                {
                    var cpu = Cpu.Start();
                    var wall = Stopwatch.StartNew();
                    for (int i = 0; i < calls; i++) call();
                    done.SetResult((wall.Elapsed.TotalMilliseconds / calls, cpu.ElapsedMilliseconds / calls));
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            }) { IsBackground = true, Name = "one thread waiting" };
            thread.Start();
            return done.Task;
        }

        /// <summary>The machine's 1/5/15-minute load average where Linux tells it: the runs are only comparable on a like load.</summary>
        private static string LoadAverage()
        {
            try
            {
                return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "unknown";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown";
            }
        }

        private static void Report(string action, List<Series> series)
        {
            double wall0 = Stats.Median(series[0].Wall), cpu0 = Stats.Median(series[0].Cpu);
            Console.WriteLine();
            // "× bare, paired": the median over rounds of this series' wall time over the bare client's in the same round, a
            // second or so apart — on a busy machine the steadier ratio, as both sides of each pair saw the same load.
            Console.WriteLine($"{action}: median per call (rounds in brackets)");
            // "KB allocated": this process's managed allocations per call, all threads (the emulator and node are other
            // processes) — unlike the times, it does not move with the machine's load, so it shows a change a noisy wall
            // time cannot; what is allocated is what the garbage collector later stops the process for.
            Console.WriteLine("| path | wall ms | × bare | × bare, paired | client CPU ms | × bare | KB allocated | emulator CPU ms | methods JIT-compiled | wall ms, each round |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (Series s in series)
            {
                double wall = Stats.Median(s.Wall), cpu = Stats.Median(s.Cpu);
                double paired = Stats.Median(s.Wall.Select((w, r) => w / series[0].Wall[r]).ToList());
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.000} | {2:0.00} | {8:0.00} | {3:0.000} | {4:0.00} | {9} | {5:0.000} | {6} | {7} |",
                    s.Name, wall, wall / wall0, cpu, cpu / cpu0, Stats.Median(s.ServerCpu), s.InProcess ? Stats.Median(s.Jit).ToString("0.00", CultureInfo.InvariantCulture) + "/call" : "—",
                    string.Join(", ", s.Wall.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture))), paired,
                    s.InProcess ? Stats.Median(s.AllocatedKb).ToString("0.0", CultureInfo.InvariantCulture) : "—"));
            }
        }

        /// <summary>The least a client does for one call: sign it (V3, the module's own signing code), POST it, read the body.</summary>
        internal sealed class BareSignedClient : IDisposable
        {
            private readonly HttpClient _http;
            private readonly Uri _base;
            private readonly string _keyId;
            private readonly byte[] _secret;

            public BareSignedClient(Uri baseAddress, string keyId, string secret, HttpMessageHandler handler = null)
            {
                _http = handler == null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
                _base = baseAddress;
                _keyId = keyId;
                _secret = Encoding.UTF8.GetBytes(secret);
            }

            public async Task CallAsync(string action, (string Name, object Value)[] parameters)
            {
                using (HttpRequestMessage request = Build(action, parameters))
                using (HttpResponseMessage response = await _http.SendAsync(request).ConfigureAwait(false))
                {
                    string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException(action + " → " + (int)response.StatusCode + ": " + text);
                }
            }

            /// <summary>The same call with the synchronous HttpClient.Send, the calling thread waiting for the answer itself.</summary>
            public void CallBlocking(string action, (string Name, object Value)[] parameters)
            {
                using (HttpRequestMessage request = Build(action, parameters))
                using (HttpResponseMessage response = _http.Send(request))
                using (var reader = new StreamReader(response.Content.ReadAsStream()))
                {
                    string text = reader.ReadToEnd();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException(action + " → " + (int)response.StatusCode + ": " + text);
                }
            }

            private HttpRequestMessage Build(string action, (string Name, object Value)[] parameters)
            {
                var form = parameters.Select(p => new KeyValuePair<string, string>(p.Name, Convert.ToString(p.Value, CultureInfo.InvariantCulture))).ToList();
                byte[] body = Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form));
                string hash = AcsSignatureV3.HashHex(body);
                var headers = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("host", _base.Authority),
                    new KeyValuePair<string, string>("x-acs-action", action),
                    new KeyValuePair<string, string>("x-acs-version", "2020-05-18"),
                    new KeyValuePair<string, string>("x-acs-date", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>("x-acs-signature-nonce", Guid.NewGuid().ToString("N")),
                    new KeyValuePair<string, string>("x-acs-content-sha256", hash),
                    new KeyValuePair<string, string>("content-type", "application/x-www-form-urlencoded"),
                };
                string canonical = AcsSignatureV3.CanonicalRequest("POST", new KeyValuePair<string, string>[0], headers, hash);
                string signature = AcsSignatureV3.Sign(_secret, AcsSignatureV3.StringToSign(canonical));
                AcsSignatureV3.CanonicalizeHeaders(headers, out _, out string signedNames);
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "/")) { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
                foreach (var h in headers)
                    if (h.Key != "host" && h.Key != "content-type") request.Headers.TryAddWithoutValidation(h.Key, h.Value);
                request.Headers.TryAddWithoutValidation("Authorization", AcsSignatureV3.AuthorizationHeader(_keyId, signedNames, signature));
                return request;
            }

            public void Dispose() => _http.Dispose();
        }

        /// <summary>node bench/DataWorksDI.Bench/node/per-call.js, kept running and driven one round at a time.</summary>
        private sealed class NodeClient : IDisposable
        {
            private readonly Process _process;

            private NodeClient(Process process) => _process = process;

            public static NodeClient TryStart(Uri emulator, string keyId, string secret)
            {
                string script = Path.Combine(RepoPaths.Root, "bench", "DataWorksDI.Bench", "node", "per-call.js");
                if (!Directory.Exists(Path.Combine(RepoPaths.Root, "tests", "Conformance", "node_modules", "@alicloud", "openapi-client"))) return null;
                var psi = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
                psi.ArgumentList.Add(script);
                psi.Environment["DATAWORKSDI_EMULATOR_URL"] = emulator.ToString().TrimEnd('/');
                psi.Environment["DWDI_KEY_ID"] = keyId;
                psi.Environment["DWDI_KEY_SECRET"] = secret;
                try
                {
                    return new NodeClient(Process.Start(psi));
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    return null;
                }
            }

            public async Task<(double Wall, double Cpu)> RoundAsync(string action, int calls, (string Name, object Value)[] parameters)
            {
                var values = new JObject();
                foreach (var (name, value) in parameters) values[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
                await _process.StandardInput.WriteLineAsync(action + " " + calls + " " + values.ToString(Newtonsoft.Json.Formatting.None)).ConfigureAwait(false);
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
                string line = await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("node exited");
                JObject result = JObject.Parse(line);
                if (result["error"] != null) throw new InvalidOperationException("node: " + result["error"]);
                return ((double)result["wallMs"], (double)result["cpuMs"]);
            }

            public void Dispose()
            {
                try
                {
                    _process.StandardInput.Close();
                    if (!_process.WaitForExit(5000)) _process.Kill();
                }
                catch (InvalidOperationException)
                {
                }
                _process.Dispose();
            }
        }
    }
}
