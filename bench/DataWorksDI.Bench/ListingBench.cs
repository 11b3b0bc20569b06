using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using DataWorksDI.Testing;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 17, a large listing through the module: <c>Get-DIFile | Measure-Object</c> in a hosted PowerShell engine
    /// against an emulator (its own process) started with <c>--seed-files N</c>. Reported: time to the first object, the
    /// whole listing, each page's round trip as the client logs it (first pages against last pages), and this (the host)
    /// process's working set sampled every 100 ms through the run. Client-side pacing is off (1,000 pages at the default
    /// 5 requests/s would measure the pacer).
    /// <c>dotnet run -c Release --project bench/DataWorksDI.Bench -- --listing [--files 100000]</c>
    /// </summary>
    internal static class ListingBench
    {
        private static readonly Regex RoundTrip = new Regex(@"^ListFiles ← HTTP 200 in (\d+) ms");

        public static void Run(string[] args)
        {
            int files = Program.IntArg(args, "--files", 100_000);
            Console.WriteLine();
            Console.WriteLine($"## Get-DIFile | Measure-Object over {files:N0} files (PageSize 100; pacing off)");
            var seeding = Stopwatch.StartNew();
            using (EmulatorProcess emulator = EmulatorProcess.Start("--seed-files", files.ToString(CultureInfo.InvariantCulture), "--deployment-delay", "0"))
            using (var host = new ModuleHost(emulator, 10000))
            {
                Console.WriteLine($"emulator started with {files:N0} seeded files in {seeding.Elapsed.TotalSeconds:0.0} s");
                host.UnpaceContext();
                host.Run("$null = Get-DIWorkspace -ProjectId 10000");   // the session's first call (connection, JIT) out of the way

                var first = Stopwatch.StartNew();
                host.Run("$null = Get-DIFile | Select-Object -First 1");
                TimeSpan firstObjectCold = first.Elapsed;
                first.Restart();
                host.Run("$null = Get-DIFile | Select-Object -First 1");
                TimeSpan firstObject = first.Elapsed;

                GC.Collect();
                long before = WorkingSet();
                var samples = new ConcurrentQueue<(TimeSpan At, long WorkingSet, long Objects)>();
                var pages = new ConcurrentQueue<(TimeSpan At, int RoundTripMs)>();
                var watch = Stopwatch.StartNew();
                using (var stop = new CancellationTokenSource())
                using (PowerShell ps = host.Create("$DebugPreference = 'Continue'; Get-DIFile | Measure-Object"))
                {
                    ps.Streams.Debug.DataAdded += (sender, e) =>
                    {
                        var record = ((PSDataCollection<DebugRecord>)sender)[e.Index];
                        Match m = RoundTrip.Match(record.Message);
                        if (m.Success) pages.Enqueue((watch.Elapsed, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
                    };
                    var sampler = new Thread(() =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            samples.Enqueue((watch.Elapsed, WorkingSet(), pages.Count * 100L));
                            stop.Token.WaitHandle.WaitOne(100);
                        }
                    }) { IsBackground = true };
                    sampler.Start();
                    var result = ps.Invoke().Single();
                    TimeSpan total = watch.Elapsed;
                    stop.Cancel();
                    sampler.Join();
                    if (ps.Streams.Error.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, ps.Streams.Error));
                    long count = (int)result.Properties["Count"].Value;

                    List<int> trips = pages.Select(p => p.RoundTripMs).ToList();
                    List<TimeSpan> at = pages.Select(p => p.At).ToList();
                    double Median(IEnumerable<double> v) { var o = v.OrderBy(x => x).ToList(); return o.Count == 0 ? double.NaN : o[o.Count / 2]; }
                    var cycles = at.Zip(at.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
                    double firstTrips = Median(trips.Take(20).Select(x => (double)x)), lastTrips = Median(trips.Skip(Math.Max(0, trips.Count - 20)).Select(x => (double)x));
                    double middleTrips = Median(trips.Skip(trips.Count / 2 - 10).Take(20).Select(x => (double)x));
                    double firstCycles = Median(cycles.Take(20)), lastCycles = Median(cycles.Skip(Math.Max(0, cycles.Count - 20)));
                    long peak = samples.Max(s => s.WorkingSet);
                    Console.WriteLine("| what | value |");
                    Console.WriteLine("|---|---|");
                    Console.WriteLine($"| objects counted by Measure-Object | {count:N0} in {trips.Count:N0} ListFiles calls |");
                    Console.WriteLine($"| time to the first object (Get-DIFile \\| Select-Object -First 1, one page): the session's first listing / the next | {firstObjectCold.TotalMilliseconds:0} / {firstObject.TotalMilliseconds:0} ms |");
                    Console.WriteLine($"| whole listing | {total.TotalSeconds:0.00} s ({total.TotalMilliseconds / Math.Max(1, trips.Count):0.0} ms a page, {count / total.TotalSeconds:N0} objects/s) |");
                    Console.WriteLine($"| ListFiles round trip as the client logs it, median of the first / middle / last 20 pages | {firstTrips:0} / {middleTrips:0} / {lastTrips:0} ms (last ÷ first {lastTrips / firstTrips:0.00}) |");
                    Console.WriteLine($"| page cycle (one page fetched and its 100 objects counted), median of the first 20 / last 20 | {firstCycles:0.0} / {lastCycles:0.0} ms (ratio {lastCycles / firstCycles:0.00}) |");
                    Console.WriteLine($"| host working set: before / peak during / at the end | {before / 1048576.0:0} / {peak / 1048576.0:0} / {samples.Last().WorkingSet / 1048576.0:0} MiB |");
                    var tenths = Enumerable.Range(1, 10).Select(i => samples.Where(s => s.Objects <= count * i / 10).LastOrDefault()).Where(s => s.At > TimeSpan.Zero)
                        .Select(s => $"{s.Objects / 1000}k: {s.WorkingSet / 1048576.0:0}");
                    Console.WriteLine($"| host working set (MiB) by objects listed | {string.Join(", ", tenths)} |");
                }
            }
        }

        private static long WorkingSet()
        {
            using (Process p = Process.GetCurrentProcess()) return p.WorkingSet64;
        }
    }
}
