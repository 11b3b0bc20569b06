using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Testing;
using Newtonsoft.Json;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 17, the cmdlets' own work per call with the network taken out: the emulator's real GetProject and GetFile
    /// answers (taken once, live) served in-process by a handler that answers at once, to the module's cmdlets in a
    /// PowerShell loop and to the bench's bare signed call inside an empty binary cmdlet. With no socket, no server and no
    /// scheduling in the way, the time is the calling thread's work alone, so the module's share over "any cmdlet making
    /// this call" shows in microseconds, steady on a busy machine where the loopback series of <see cref="CmdletCostBench"/>
    /// move by ±0.1×. (The module's client here has a handler of its own, so it sends asynchronously; BlockingCalls only
    /// applies to the shared HttpClient.)
    /// <c>dotnet run -c Release --project bench/DataWorksDI.Bench -- --cmdlet-cpu [--calls 5000] [--rounds 7]</c>
    /// </summary>
    internal static class CmdletCpuBench
    {
        private const long Project = SampleTasks.SeedProjectId;

        public static async Task RunAsync(string[] args)
        {
            int calls = Program.IntArg(args, "--calls", 5000), rounds = Program.IntArg(args, "--rounds", 7);
            using (EmulatorProcess emulator = EmulatorProcess.Start("--deployment-delay", "0"))
            using (var host = new ModuleHost(emulator, Project))
            {
                DataWorksClient live = host.UnpaceContext();
                long fileId = (long)host.Run("(New-DISyncTask -Name $name -FolderPath $folder -Content $content).FileId",
                    ("name", "bench_" + Guid.NewGuid().ToString("N").Substring(0, 10)), ("folder", SampleTasks.SeedFolder), ("content", SampleTasks.SeedContent)).Single().BaseObject;
                // Live once: the answers to serve, and the context's catalogue (the file's folder path) filled as a session's would be.
                host.Run("$null = Get-DIWorkspace -ProjectId $p; $null = Get-DIFile -FileId $f", ("p", Project), ("f", fileId));
                var answers = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["GetProject"] = (await live.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", Project), null, CancellationToken.None)).ToString(Formatting.None),
                    ["GetFile"] = (await live.InvokeAsync(new ApiRequest(ApiAction.GetFile).With("ProjectId", Project).With("FileId", fileId), null, CancellationToken.None)).ToString(Formatting.None),
                };
                var handler = new CannedAnswers(answers);
                host.UseClient(new DataWorksClient(live.Options, host.Context.Credentials, handler));
                using (var bare = new CmdletCostBench.BareSignedClient(emulator.BaseAddress, host.KeyId, host.Secret, handler))
                {
                    var projectOnly = new[] { ("ProjectId", (object)Project) };
                    var projectAndFile = new[] { ("ProjectId", (object)Project), ("FileId", (object)fileId) };
                    (string Name, string Action, string Script)[] series =
                    {
                        ("the bare call in an empty binary cmdlet", "GetProject", "foreach ($i in 1..$n) { $null = Test-BenchBareCall -ProjectId $p }"),
                        ("Get-DIWorkspace -ProjectId", "GetProject", "foreach ($i in 1..$n) { $null = Get-DIWorkspace -ProjectId $p }"),
                        ("Invoke-DIApi GetProject", "GetProject", "foreach ($i in 1..$n) { $null = Invoke-DIApi GetProject @{ ProjectId = $p } }"),
                        ("floor: an empty binary cmdlet", "GetProject", "foreach ($i in 1..$n) { $null = Test-BenchEmptyCmdlet -ProjectId $p }"),
                        ("the bare call in an empty binary cmdlet", "GetFile", "foreach ($i in 1..$n) { $null = Test-BenchBareCall -ProjectId $p }"),
                        ("Get-DIFile -FileId", "GetFile", "foreach ($i in 1..$n) { $null = Get-DIFile -FileId $f }"),
                        ("the module client's GetFile in the module layer", "GetFile", "foreach ($i in 1..$n) { $null = Test-BenchClientCall -FileId $f -ProjectId $p }"),
                    };
                    // --only TEXT: the series whose name contains TEXT (and each action's bare call), e.g. to profile one of them alone.
                    string only = Program.StrArg(args, "--only");
                    if (only != null) series = series.Where(x => x.Name.IndexOf(only, StringComparison.OrdinalIgnoreCase) >= 0 || x.Script.Contains("Test-BenchBareCall")).ToArray();
                    var wall = series.Select(_ => new List<double>()).ToList();
                    var kb = series.Select(_ => new List<double>()).ToList();
                    (double, double) Measure(int k, int n)
                    {
                        var parameters = series[k].Action == "GetProject" ? projectOnly : projectAndFile;
                        string action = series[k].Action;
                        BareCallCmdlet.Call = _ => bare.CallBlocking(action, parameters);
                        return host.Measure(series[k].Script, n, ("n", n), ("p", Project), ("f", fileId));
                    }
                    for (int k = 0; k < series.Length; k++) Measure(k, calls / 2);   // warm-up: JIT and tiering
                    for (int r = 0; r < rounds; r++)
                    {
                        for (int k = 0; k < series.Length; k++)
                        {
                            long allocated = GC.GetTotalAllocatedBytes(true);
                            (double w, _) = Measure(k, calls);
                            wall[k].Add(w * 1000);
                            kb[k].Add((GC.GetTotalAllocatedBytes(true) - allocated) / 1024.0 / calls);
                        }
                    }
                    Console.WriteLine();
                    Console.WriteLine($"## The cmdlets' own work, network taken out (answers of {answers["GetProject"].Length} / {answers["GetFile"].Length} characters served in-process; {calls} calls a round, {rounds} rounds, alternating)");
                    Console.WriteLine("| action | path | µs a call (median) | × the bare call in a cmdlet | µs over it | KB allocated a call | µs, each round |");
                    Console.WriteLine("|---|---|---|---|---|---|---|");
                    for (int k = 0; k < series.Length; k++)
                    {
                        int baseline = Array.FindIndex(series, s => s.Action == series[k].Action && s.Script.Contains("Test-BenchBareCall"));
                        double t = Stats.Median(wall[k]), b = Stats.Median(wall[baseline]);
                        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.0} | {3:0.00} | {4:+0.0;-0.0;0} | {5:0.0} | {6} |", series[k].Action, series[k].Name, t, t / b, t - b,
                            Stats.Median(kb[k]), string.Join(", ", wall[k].Select(x => x.ToString("0.0", CultureInfo.InvariantCulture)))));
                    }
                }
            }
        }
    }
}
