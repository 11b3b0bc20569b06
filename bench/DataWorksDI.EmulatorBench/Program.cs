using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Signing;

namespace DataWorksDI.EmulatorBench
{
    /// <summary>
    /// Emulator scale benchmark (issue 17). Usage:
    /// <c>dotnet run -c Release --project bench/DataWorksDI.EmulatorBench -- [--files 100000] [--compare-files 2000]
    /// [--baseline path/to/old/DataWorksDI.Emulator.dll]</c>.
    /// 1. this emulator: seeding rate of <c>--seed-files</c>; on the seeded workspace, ListFiles page 1 vs the last page,
    ///    and a whole listing (time to first page, total, the emulator's peak memory while listing);
    /// 2. with a baseline: both emulators side by side, each with the same files created through the API (creates/s),
    ///    ListFiles page 1 vs last, whole listing, and signed calls/s of GetProject, GetFile, UpdateFile, in alternating rounds.
    /// Every call is a raw V3-signed POST over loopback, as any SDK sends it.
    /// </summary>
    public static class Program
    {
        private const int PageSize = 100;
        private const long Workspace = 10000;

        public static async Task<int> Main(string[] args)
        {
            int files = IntArg(args, "--files", 100_000);
            int compareFiles = IntArg(args, "--compare-files", 2_000);
            int rounds = IntArg(args, "--rounds", 5);
            string baseline = StrArg(args, "--baseline");
            string current = StrArg(args, "--emulator") ?? DefaultEmulatorDll();
            Console.WriteLine($"# DataWorksDI emulator benchmark ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd})");
            Console.WriteLine($"emulator: {current}");
            if (baseline != null) Console.WriteLine($"baseline: {baseline}");

            await ScaleAsync(current, files, rounds);
            if (baseline != null) await CompareAsync(baseline, current, compareFiles, rounds);
            return 0;
        }

        // ---------------------------------------------------------------- this emulator at scale

        private static async Task ScaleAsync(string dll, int files, int rounds)
        {
            Console.WriteLine();
            Console.WriteLine($"## This emulator, {files:N0} files (--seed-files)");
            string dir = NewDir();
            TimeSpan empty, seeded, restart;
            using (var e = await EmulatorProc.StartAsync(dll, NewDir()))
                empty = e.StartTime;
            using (var e = await EmulatorProc.StartAsync(dll, dir, "--seed-files", files.ToString(CultureInfo.InvariantCulture)))
            {
                seeded = e.StartTime;
                e.KeepData = true;   // the restart below reuses it
            }
            double seedSeconds = (seeded - empty).TotalSeconds;
            Console.WriteLine($"| start, empty data directory | {empty.TotalSeconds:F2} s |");
            Console.WriteLine($"| start with --seed-files {files:N0} (fresh) | {seeded.TotalSeconds:F2} s → seeding ≈ {seedSeconds:F2} s, {files / Math.Max(seedSeconds, 0.001):N0} files/s |");

            using (var e = await EmulatorProc.StartAsync(dll, dir, "--seed-files", files.ToString(CultureInfo.InvariantCulture)))
            {
                restart = e.StartTime;
                Console.WriteLine($"| restart on it, same --seed-files (nothing to add) | {restart.TotalSeconds:F2} s |");
                using var c = new SignedClient(e.BaseAddress);
                int lastPage = (files + PageSize - 1) / PageSize;
                await PageTimesAsync("this", c, lastPage, rounds);

                e.ResetPeakMemory();
                long rssBefore = e.ResidentKb();
                var (first, total, count, distinct) = await ListAllAsync(c);
                long peak = e.PeakResidentKb();
                Console.WriteLine($"| list all {count:N0} files (PageSize {PageSize}, {lastPage:N0} pages, {distinct:N0} distinct) | first page {first.TotalMilliseconds:F1} ms, total {total.TotalSeconds:F2} s ({total.TotalMilliseconds / lastPage:F2} ms/page) |");
                Console.WriteLine($"| emulator memory while listing | resident {rssBefore / 1024.0:F0} MiB before, peak {peak / 1024.0:F0} MiB during |");
                if (count != files || distinct != files) Console.WriteLine($"**listing returned {count} rows, {distinct} distinct, expected {files}**");
            }
            TryDelete(dir);
        }

        private static async Task PageTimesAsync(string label, SignedClient c, int lastPage, int rounds)
        {
            var p1 = new List<double>();
            var pl = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < 10; i++) p1.Add(await TimeAsync(() => c.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", 1), ("PageSize", PageSize))));
                for (int i = 0; i < 10; i++) pl.Add(await TimeAsync(() => c.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", lastPage), ("PageSize", PageSize))));
            }
            double m1 = Median(p1), ml = Median(pl);
            Console.WriteLine($"| {label}: ListFiles page 1 vs page {lastPage:N0} (PageSize {PageSize}, median of {p1.Count}) | {m1:F2} ms vs {ml:F2} ms, ratio {ml / m1:F2} |");
        }

        private static async Task<(TimeSpan First, TimeSpan Total, int Count, int Distinct)> ListAllAsync(SignedClient c)
        {
            var ids = new HashSet<long>();
            int count = 0;
            TimeSpan first = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            for (int page = 1; ; page++)
            {
                var data = (await c.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", page), ("PageSize", PageSize)))["Data"];
                if (page == 1) first = clock.Elapsed;
                var rows = data["Files"].AsArray();
                foreach (var f in rows) ids.Add(f["FileId"].GetValue<long>());
                count += rows.Count;
                if (rows.Count < PageSize) break;
            }
            return (first, clock.Elapsed, count, ids.Count);
        }

        // ---------------------------------------------------------------- before and after, side by side

        private static async Task CompareAsync(string baselineDll, string currentDll, int files, int rounds)
        {
            Console.WriteLine();
            Console.WriteLine($"## Baseline vs this emulator, side by side ({files:N0} files created through the API in each)");
            using var before = await EmulatorProc.StartAsync(baselineDll, NewDir());
            using var after = await EmulatorProc.StartAsync(currentDll, NewDir());
            using var cb = new SignedClient(before.BaseAddress);
            using var ca = new SignedClient(after.BaseAddress);

            // Creates, in alternating batches.
            var createB = new List<double>();
            var createA = new List<double>();
            var idsB = new List<long>();
            var idsA = new List<long>();
            for (int done = 0; done < files; done += 100)
            {
                int n = Math.Min(100, files - done);
                createB.Add(await CreateBatchAsync(cb, done, n, idsB));
                createA.Add(await CreateBatchAsync(ca, done, n, idsA));
            }
            Row("CreateDISyncTask, calls/s (sequential, batches of 100, median batch)", Median(createB), Median(createA), "F0", higherIsBetter: true);

            int lastPage = (files + PageSize - 1) / PageSize;
            var p1B = new List<double>(); var plB = new List<double>(); var p1A = new List<double>(); var plA = new List<double>();
            var allB = new List<double>(); var allA = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < 5; i++)
                {
                    p1B.Add(await TimeAsync(() => cb.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", 1), ("PageSize", PageSize))));
                    p1A.Add(await TimeAsync(() => ca.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", 1), ("PageSize", PageSize))));
                    plB.Add(await TimeAsync(() => cb.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", lastPage), ("PageSize", PageSize))));
                    plA.Add(await TimeAsync(() => ca.CallAsync("ListFiles", ("ProjectId", Workspace), ("PageNumber", lastPage), ("PageSize", PageSize))));
                }
                allB.Add((await ListAllAsync(cb)).Total.TotalMilliseconds);
                allA.Add((await ListAllAsync(ca)).Total.TotalMilliseconds);
            }
            Row("ListFiles page 1, ms (median)", Median(p1B), Median(p1A), "F2");
            Row($"ListFiles page {lastPage}, ms (median)", Median(plB), Median(plA), "F2");
            Row($"list all {files:N0} files, ms (median of {rounds})", Median(allB), Median(allA), "F0");

            int calls = 300;
            long fileB = idsB[idsB.Count / 2], fileA = idsA[idsA.Count / 2];
            var gpB = new List<double>(); var gpA = new List<double>();
            var gfB = new List<double>(); var gfA = new List<double>();
            var ufB = new List<double>(); var ufA = new List<double>();
            var cfB = new List<double>(); var cfA = new List<double>();
            int seq = 0;
            for (int r = 0; r < rounds; r++)
            {
                gpB.Add(await RateAsync(calls, () => cb.CallAsync("GetProject", ("ProjectId", Workspace))));
                gpA.Add(await RateAsync(calls, () => ca.CallAsync("GetProject", ("ProjectId", Workspace))));
                gfB.Add(await RateAsync(calls, () => cb.CallAsync("GetFile", ("ProjectId", Workspace), ("FileId", fileB))));
                gfA.Add(await RateAsync(calls, () => ca.CallAsync("GetFile", ("ProjectId", Workspace), ("FileId", fileA))));
                ufB.Add(await RateAsync(calls, () => cb.CallAsync("UpdateFile", ("ProjectId", Workspace), ("FileId", fileB), ("FileDescription", "d" + Interlocked.Increment(ref seq)))));
                ufA.Add(await RateAsync(calls, () => ca.CallAsync("UpdateFile", ("ProjectId", Workspace), ("FileId", fileA), ("FileDescription", "d" + Interlocked.Increment(ref seq)))));
                cfB.Add(await MixedRateAsync(cb, fileB, idsB, calls));
                cfA.Add(await MixedRateAsync(ca, fileA, idsA, calls));
            }
            Row("GetProject, calls/s (one client)", Median(gpB), Median(gpA), "F0", higherIsBetter: true);
            Row("GetFile, calls/s (one client)", Median(gfB), Median(gfA), "F0", higherIsBetter: true);
            Row("UpdateFile, calls/s (one client)", Median(ufB), Median(ufA), "F0", higherIsBetter: true);
            Row("GetFile calls/s with 4 readers while 1 client runs UpdateFile", Median(cfB), Median(cfA), "F0", higherIsBetter: true);
        }

        private static async Task<double> CreateBatchAsync(SignedClient c, int offset, int n, List<long> ids)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                string name = "bench_task_" + (offset + i).ToString("D7", CultureInfo.InvariantCulture);
                var answer = await c.CallAsync("CreateDISyncTask", ("ProjectId", Workspace), ("TaskType", "DI_OFFLINE"), ("TaskName", name),
                    ("TaskParam", "{\"FileFolderPath\":\"Workflow/new_biz/Data Integration\",\"ResourceGroup\":\"S_res_group_280749521950784_1602767279794\"}"),
                    ("TaskContent", Script.Replace("u_pk", "t_" + (offset + i).ToString(CultureInfo.InvariantCulture))));
                ids.Add(answer["Data"]["FileId"].GetValue<long>());
            }
            return n / clock.Elapsed.TotalSeconds;
        }

        /// <summary>GetFile calls/s of 4 concurrent readers while one more client keeps updating another file.</summary>
        private static async Task<double> MixedRateAsync(SignedClient c, long readFile, List<long> ids, int callsPerReader)
        {
            using var stop = new CancellationTokenSource();
            long writeFile = ids[0];
            int n = 0;
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                    await c.CallAsync("UpdateFile", ("ProjectId", Workspace), ("FileId", writeFile), ("FileDescription", "w" + Interlocked.Increment(ref n)));
            });
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < callsPerReader; i++) await c.CallAsync("GetFile", ("ProjectId", Workspace), ("FileId", readFile));
            })));
            double rate = 4 * callsPerReader / clock.Elapsed.TotalSeconds;
            stop.Cancel();
            await writer;
            return rate;
        }

        private static void Row(string what, double before, double after, string format, bool higherIsBetter = false)
        {
            double ratio = after / before;
            Console.WriteLine($"| {what} | {before.ToString(format, CultureInfo.InvariantCulture)} | {after.ToString(format, CultureInfo.InvariantCulture)} | {ratio:F2}× |");
        }

        // ---------------------------------------------------------------- helpers

        private const string Script =
            "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"]," +
            "\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"u_pk\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"}," +
            "{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\",\"envType\":1,\"column\":[\"id\",\"name\"]," +
            "\"emptyAsNull\":false,\"table\":\"u_pk\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"errorLimit\":{\"record\":\"\"}," +
            "\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        private static async Task<double> TimeAsync(Func<Task> call)
        {
            var clock = Stopwatch.StartNew();
            await call();
            return clock.Elapsed.TotalMilliseconds;
        }

        private static async Task<double> RateAsync(int calls, Func<Task> call)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) await call();
            return calls / clock.Elapsed.TotalSeconds;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static int IntArg(string[] args, string name, int fallback)
        {
            string v = StrArg(args, name);
            return v == null ? fallback : int.Parse(v, CultureInfo.InvariantCulture);
        }

        private static string StrArg(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static string NewDir() => Path.Combine(Path.GetTempPath(), "dwemu-bench", Guid.NewGuid().ToString("N"));

        private static void TryDelete(string dir)
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>This tree's emulator, built next to this benchmark (same configuration).</summary>
        private static string DefaultEmulatorDll()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = dir.Name, configuration = dir.Parent.Name;
            var root = dir;
            while (root != null && !File.Exists(Path.Combine(root.FullName, "DataWorksDI.sln"))) root = root.Parent;
            if (root == null) throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory + "; pass --emulator.");
            return Path.Combine(root.FullName, "src", "DataWorksDI.Emulator", "bin", configuration, tfm, "DataWorksDI.Emulator.dll");
        }
    }

    /// <summary>An emulator in its own process on 127.0.0.1 (port chosen by the OS), killed on dispose.</summary>
    internal sealed class EmulatorProc : IDisposable
    {
        private static readonly Regex StartupLine = new Regex(@"^DataWorks emulator listening on (?<url>http://\S+) ");
        private readonly Process _process;
        private readonly string _dataDir;

        private EmulatorProc(Process process, Uri baseAddress, TimeSpan startTime, string dataDir)
        {
            _process = process;
            BaseAddress = baseAddress;
            StartTime = startTime;
            _dataDir = dataDir;
        }

        public Uri BaseAddress { get; }

        /// <summary>Leave the data directory in place on dispose (for a restart on it).</summary>
        public bool KeepData { get; set; }

        /// <summary>From process start to the startup line (seeding included).</summary>
        public TimeSpan StartTime { get; }

        public static async Task<EmulatorProc> StartAsync(string dll, string dataDir, params string[] extra)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            foreach (string a in new[] { "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--deployment-delay", "0" }.Concat(extra)) info.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            var process = Process.Start(info);
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("  [emulator] " + e.Data); };
            process.BeginErrorReadLine();
            string line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(10));
            var m = StartupLine.Match(line ?? "");
            if (!m.Success) throw new InvalidOperationException("Unexpected first line from the emulator: " + line);
            var started = clock.Elapsed;
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() != null) { } });
            return new EmulatorProc(process, new Uri(m.Groups["url"].Value), started, dataDir);
        }

        /// <summary>Resets the kernel's peak-resident counter of the process (Linux: "5" into /proc/PID/clear_refs).</summary>
        public void ResetPeakMemory() => File.WriteAllText("/proc/" + _process.Id + "/clear_refs", "5");

        public long ResidentKb() => StatusKb("VmRSS:");

        public long PeakResidentKb() => StatusKb("VmHWM:");

        private long StatusKb(string field)
        {
            foreach (string line in File.ReadLines("/proc/" + _process.Id + "/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.Substring(field.Length).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return -1;
        }

        public void Dispose()
        {
            // One SIGKILL: the emulator is one process, and a tree kill SIGSTOPs it first (see tests/DataWorksDI.Testing/EmulatorProcess.KillHard).
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(10000);
            _process.Dispose();
            if (KeepData) return;
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Raw V3-signed POSTs with the demo key, parameters in the form body.</summary>
    internal sealed class SignedClient : IDisposable
    {
        private const string KeyId = "LTAI5tDataWorksEmulatorDemo";
        private static readonly byte[] Secret = Encoding.UTF8.GetBytes("DataWorksEmulatorDemoSecretForLocalUseOnly");
        private readonly HttpClient _http;
        private readonly Uri _base;

        public SignedClient(Uri baseAddress)
        {
            _base = baseAddress;
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 16 }) { Timeout = TimeSpan.FromMinutes(5) };
        }

        public async Task<JsonNode> CallAsync(string action, params (string Name, object Value)[] parameters)
        {
            var form = parameters.Select(p => new KeyValuePair<string, string>(p.Name, Convert.ToString(p.Value, CultureInfo.InvariantCulture))).ToList();
            byte[] body = Encoding.UTF8.GetBytes(AcsPercentEncoder.EncodePairs(form));
            string hash = AcsSignatureV3.HashHex(body);
            var headers = new List<KeyValuePair<string, string>>
            {
                new("host", _base.Authority),
                new("x-acs-action", action),
                new("x-acs-version", "2020-05-18"),
                new("x-acs-date", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new("x-acs-signature-nonce", Guid.NewGuid().ToString("N")),
                new("x-acs-content-sha256", hash),
                new("content-type", "application/x-www-form-urlencoded"),
            };
            string canonical = AcsSignatureV3.CanonicalRequest("POST", Array.Empty<KeyValuePair<string, string>>(), headers, hash);
            string signature = AcsSignatureV3.Sign(Secret, AcsSignatureV3.StringToSign(canonical));
            AcsSignatureV3.CanonicalizeHeaders(headers, out _, out string signedNames);
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "/")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
            foreach (var h in headers)
                if (h.Key != "host" && h.Key != "content-type") request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("Authorization", AcsSignatureV3.AuthorizationHeader(KeyId, signedNames, signature));
            using var response = await _http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException(action + " → " + (int)response.StatusCode + ": " + text);
            return JsonNode.Parse(text);
        }

        public void Dispose() => _http.Dispose();
    }
}
