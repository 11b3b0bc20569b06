using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Services;
using DataWorksDI.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 17, the client's own cost over the bare call with the network taken out: the same GetFile answer (taken once
    /// from the emulator) served by an in-process handler that answers at once, so what is timed is only the client's
    /// CPU on the calling thread — sign, build, send through HttpClient, read, and whatever each path does with the
    /// answer. Unlike the loopback series of <see cref="CmdletCostBench"/> the emulator's time and the machine's load do
    /// not dilute the differences, so a change to the client shows here in microseconds.
    /// <c>dotnet run -c Release --project bench/DataWorksDI.Bench -- --client-overhead [--calls 20000] [--rounds 7]</c>
    /// </summary>
    internal static class ClientOverheadBench
    {
        private static readonly JsonSerializer Typed = JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

        private static JsonTextReader Reader(string text) => new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None };

        private static void ReadTokens(string text)
        {
            using (JsonTextReader reader = Reader(text)) while (reader.Read()) { }
        }

#pragma warning disable CS0649 // the typed parse's classes are filled by JsonSerializer
        private sealed class TypedAnswer { public string RequestId; public bool? Success; public TypedData Data; }

        private sealed class TypedData { public TypedFile File; public TypedNode NodeConfiguration; }

        private sealed class TypedFile
        {
            public long ProjectId, FileId; public int? FileType, CommitStatus, CurrentVersion; public long? NodeId, BusinessId, CreateTime, LastEditTime;
            public string FileName, FileFolderId, AbsoluteFolderPath, FileDescription, Content, Owner, CreateUser, LastEditUser, UseType, DeletedStatus, ConnectionName;
        }

        private sealed class TypedNode
        {
            public string CronExpress, CycleType, RerunMode, DependentType, DependentNodeIdList, ParaValue, SchedulerType;
            public int? AutoRerunTimes, AutoRerunIntervalMillis; public bool? Stop, ApplyScheduleImmediately, IgnoreParentSkipRunningProperty;
            public long? StartEffectDate, EndEffectDate, ResourceGroupId; public JToken InputList, OutputList, InputParameters, OutputParameters;
        }
#pragma warning restore CS0649

        public static async Task RunAsync(string[] args)
        {
            int calls = Program.IntArg(args, "--calls", 20000), rounds = Program.IntArg(args, "--rounds", 7);
            string answer;
            long fileId;
            const long project = SampleTasks.SeedProjectId;
            using (EmulatorProcess emulator = EmulatorProcess.Start("--deployment-delay", "0"))
            using (var host = new ModuleHost(emulator, project))
            {
                DataWorksClient live = host.UnpaceContext();
                fileId = (long)host.Run("(New-DISyncTask -Name $name -FolderPath $folder -Content $content).FileId",
                    ("name", "bench_" + Guid.NewGuid().ToString("N").Substring(0, 10)), ("folder", SampleTasks.SeedFolder), ("content", SampleTasks.SeedContent)).Single().BaseObject;
                JObject body = await live.InvokeAsync(new ApiRequest(ApiAction.GetFile).With("ProjectId", project).With("FileId", fileId), null, CancellationToken.None);
                answer = body.ToString(Formatting.None);
            }

            var handler = new CannedAnswers(new Dictionary<string, string> { ["GetFile"] = answer });
            JObject parsed = DataWorksClient.TryParse(answer);
            var endpoint = new Uri("http://127.0.0.1:1/");
            var options = new DataWorksClientOptions(endpoint) { MaxRequestsPerSecond = 0, AdaptivePacing = false };
            var client = new DataWorksClient(options, new StaticCredentialProvider(new AcsCredential("LTAIbenchkey0001", AcsCredential.ToSecureString("bench-secret-0001"), null, null, "bench")), handler);
            var parameters = new[] { ("ProjectId", (object)project), ("FileId", (object)fileId) };
            using (var bare = new CmdletCostBench.BareSignedClient(endpoint, "LTAIbenchkey0001", "bench-secret-0001", handler))
            {
                ApiRequest Request() => new ApiRequest(ApiAction.GetFile).With("ProjectId", project).With("FileId", fileId);
                var series = new List<(string Name, Func<Task> Call)>
                {
                    ("bare signed HttpClient: sign, send, read the text", () => bare.CallAsync("GetFile", parameters)),
                    ("the client's parse of the answer alone (a JObject)", () => { DataWorksClient.TryParse(answer); return Task.CompletedTask; }),
                    // What any Json.NET parse must pay (the reader's tokens, no tree), and the typed parse earlier rounds named
                    // as the next step: the same answer deserialized into classes with only the fields the service reads.
                    ("reading the answer's tokens alone (Json.NET's reader, no tree)", () => { ReadTokens(answer); return Task.CompletedTask; }),
                    ("the answer into typed classes (JsonSerializer), instead of a JObject", () => { Typed.Deserialize<TypedAnswer>(Reader(answer)); return Task.CompletedTask; }),
                    ("the service's DIFile from a parsed answer alone", () => { FileService.FromGetFile(project, parsed["Data"]); return Task.CompletedTask; }),
                    ("module client (InvokeAsync)", () => client.InvokeAsync(Request(), null, CancellationToken.None)),
                    ("module client and the service's DIFile", async () => FileService.FromGetFile(project, (await client.InvokeAsync(Request(), null, CancellationToken.None))["Data"])),
                };
                Console.WriteLine();
                Console.WriteLine($"## The client's own cost, network taken out (GetFile answer of {answer.Length} characters served in-process; {calls} calls a round, {rounds} rounds, alternating)");
                var times = series.Select(_ => new List<double>()).ToList();
                var kb = series.Select(_ => new List<double>()).ToList();
                for (int w = 0; w < 2; w++) foreach (var s in series) for (int i = 0; i < calls / 4; i++) await s.Call();
                for (int r = 0; r < rounds; r++)
                {
                    for (int k = 0; k < series.Count; k++)
                    {
                        long allocated = GC.GetAllocatedBytesForCurrentThread();
                        var watch = Stopwatch.StartNew();
                        for (int i = 0; i < calls; i++) await series[k].Call();
                        times[k].Add(watch.Elapsed.TotalMilliseconds * 1000 / calls);
                        kb[k].Add((GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / calls);
                    }
                }
                double baseline = Stats.Median(times[0]);
                Console.WriteLine("| path | µs a call (median) | × bare | KB allocated a call | µs, each round |");
                Console.WriteLine("|---|---|---|---|---|");
                for (int k = 0; k < series.Count; k++)
                {
                    double t = Stats.Median(times[k]);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0} | {2:0.00} | {3:0.0} | {4} |", series[k].Name, t, t / baseline, Stats.Median(kb[k]),
                        string.Join(", ", times[k].Select(x => x.ToString("0.0", CultureInfo.InvariantCulture)))));
                }
            }
        }
    }
}
