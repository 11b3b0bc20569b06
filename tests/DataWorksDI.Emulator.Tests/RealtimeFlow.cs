using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>An emulator with short real-time delays, shared by the tests of a class.</summary>
    public sealed class RealtimeEmulator : IAsyncLifetime
    {
        public const int GenerationDelayMs = 300;
        // Long enough that the call right after StartDISyncInstance still sees WAIT on a loaded machine (at 200 ms the
        // lifecycle tests saw RUN there in 2 of 4 full runs with five builds sharing two cores).
        public const int StartDelayMs = 1500;

        public TestEmulator Emulator { get; private set; }
        public DwClient Client => Emulator.Client;

        public async Task InitializeAsync() => Emulator = await TestEmulator.StartAsync(o =>
        {
            o.RealtimeGenerationDelay = TimeSpan.FromMilliseconds(GenerationDelayMs);
            o.RealtimeStartDelay = TimeSpan.FromMilliseconds(StartDelayMs);
            // Failure injection for DeployDISyncTask (docs/emulator.md, "Deployments"): tasks named failme_* fail to deploy.
            o.DeploymentChecks.Add(new DataWorksDI.Emulator.Options.DeploymentCheckRule { FileNamePattern = "failme_*", Outcome = DataWorksDI.Emulator.Options.DeploymentCheckOutcome.Fail });
        });

        public async Task DisposeAsync() => await Emulator.DisposeAsync();
    }

    /// <summary>The real-time calls, spelled out once. Every parameter goes in the query, as the SDK sends them.</summary>
    public static class Rt
    {
        public const string Realtime = "DI_REALTIME";
        public const string Solution = "DI_SOLUTION";

        /// <summary>A real-time TaskParam (dataworks-api.md §6.3), MySQL → <paramref name="writerType"/>; <paramref name="change"/> edits it.</summary>
        public static JsonObject ParamObject(string reader = "mysql_pub", string writer = "odps_first", string writerType = "odps", string[] tables = null,
            string resourceGroup = Dw.DiGroup, string name = "rt_job")
        {
            var tableArray = new JsonArray();
            foreach (string t in tables ?? new[] { "orders" }) tableArray.Add(t);
            return new JsonObject
            {
                ["type"] = "realtime",
                ["version"] = "1.0",
                ["setting"] = new JsonObject { ["resourceGroup"] = resourceGroup, ["taskType"] = "oneclick_to_" + writerType, ["name"] = name },
                ["steps"] = new JsonArray(
                    new JsonObject
                    {
                        ["stepType"] = "mysql",
                        ["parameter"] = new JsonObject { ["connection"] = new JsonArray(new JsonObject { ["datasourceType"] = "mysql", ["datasource"] = reader, ["table"] = tableArray }) },
                        ["name"] = "Reader",
                        ["category"] = "reader",
                    },
                    new JsonObject { ["stepType"] = writerType, ["parameter"] = new JsonObject { ["datasource"] = writer }, ["name"] = "Writer", ["category"] = "writer" }),
            };
        }

        public static string Param(string reader = "mysql_pub", string writer = "odps_first", string writerType = "odps", string[] tables = null, string name = "rt_job") =>
            ParamObject(reader, writer, writerType, tables, name: name).ToJsonString();

        /// <summary>An updating TaskParam: the reader's new, complete table set.</summary>
        public static string UpdateParam(params string[] tables)
        {
            var array = new JsonArray();
            foreach (string t in tables) array.Add(t);
            return new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["parameter"] = new JsonObject { ["connection"] = new JsonArray(new JsonObject { ["table"] = array }) },
                    ["name"] = "Reader",
                    ["category"] = "reader",
                }),
            }.ToJsonString();
        }

        public static Task<ApiResponse> SendAsync(DwClient c, string action, params (string Name, object Value)[] query)
        {
            var r = new V3Request { Action = action };
            foreach (var (name, value) in query) r.Q(name, value);
            return c.SendAsync(r);
        }

        public static Task<ApiResponse> GenerateRawAsync(DwClient c, string taskParam, string taskType = Realtime, long projectId = Dw.Standard, string clientToken = null)
        {
            var q = new (string, object)[] { ("ProjectId", projectId), ("TaskType", taskType), ("TaskParam", taskParam) };
            if (clientToken != null) q = q.Append(("ClientToken", clientToken)).ToArray();
            return SendAsync(c, "GenerateDISyncTaskConfigForCreating", q);
        }

        public static Task<ApiResponse> GenerateUpdateRawAsync(DwClient c, long taskId, string taskParam, string taskType = Realtime, long projectId = Dw.Standard) =>
            SendAsync(c, "GenerateDISyncTaskConfigForUpdating", ("ProjectId", projectId), ("TaskType", taskType), ("TaskId", taskId), ("TaskParam", taskParam));

        public static long ProcessId(ApiResponse r)
        {
            var body = r.Ok();
            Assert.True(body["Data"]?["Status"]?.GetValue<string>() == "success", r.Text);
            return body["Data"]["ProcessId"].GetValue<long>();
        }

        public static async Task<JsonNode> QueryAsync(DwClient c, long processId, string taskType = Realtime, long projectId = Dw.Standard) =>
            (await SendAsync(c, "QueryDISyncTaskConfigProcessResult", ("ProjectId", projectId), ("TaskType", taskType), ("AsyncProcessId", processId))).Ok()["Data"];

        /// <summary>Polls QueryDISyncTaskConfigProcessResult until it is no longer "processing".</summary>
        public static async Task<JsonNode> WaitProcessAsync(DwClient c, long processId, string taskType = Realtime, long projectId = Dw.Standard, int timeoutMs = 10000)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var data = await QueryAsync(c, processId, taskType, projectId);
                if (data["Status"].GetValue<string>() != "processing") return data;
                Assert.True(clock.ElapsedMilliseconds < timeoutMs, "Process " + processId + " did not finish: " + data.ToJsonString());
                await Task.Delay(50);
            }
        }

        /// <summary>The message of a process that ends in "fail".</summary>
        public static async Task<string> FailedProcessAsync(DwClient c, string taskParam, string taskType = Realtime)
        {
            var data = await WaitProcessAsync(c, ProcessId(await GenerateRawAsync(c, taskParam, taskType)), taskType);
            Assert.True(data["Status"].GetValue<string>() == "fail", data.ToJsonString());
            Assert.Null(data["TaskContent"]);
            return data["Message"].GetValue<string>();
        }

        /// <summary>Generate…ForCreating → poll → the generated TaskContent.</summary>
        public static async Task<string> GenerateContentAsync(DwClient c, string taskParam, string taskType = Realtime, long projectId = Dw.Standard)
        {
            var data = await WaitProcessAsync(c, ProcessId(await GenerateRawAsync(c, taskParam, taskType, projectId)), taskType, projectId);
            Assert.True(data["Status"].GetValue<string>() == "success", data.ToJsonString());
            return data["TaskContent"].GetValue<string>();
        }

        public static Task<ApiResponse> CreateRawAsync(DwClient c, string name, string content, string taskType = Realtime, string taskParam = null, long projectId = Dw.Standard) =>
            c.SendAsync(new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", projectId).Q("TaskType", taskType).Q("TaskParam", taskParam ?? Dw.TaskParam())
                .Q("TaskName", name).F("TaskContent", content));

        public static async Task<long> CreateAsync(DwClient c, string name, string content, string taskType = Realtime, long projectId = Dw.Standard)
        {
            var r = await CreateRawAsync(c, name, content, taskType, projectId: projectId);
            Assert.True(r.Ok()["Data"]["Status"].GetValue<string>() == "success", r.Text);
            return r.Body["Data"]["FileId"].GetValue<long>();
        }

        /// <summary>The whole creating flow: a new task (or solution) of the given TaskParam.</summary>
        public static async Task<long> NewTaskAsync(DwClient c, string taskParam = null, string taskType = Realtime, string name = null)
        {
            string content = await GenerateContentAsync(c, taskParam ?? Param(), taskType);
            return await CreateAsync(c, name ?? Dw.UniqueName("rt"), content, taskType);
        }

        public static Task<ApiResponse> TaskCallAsync(DwClient c, string action, long fileId, string taskType = Realtime, params (string Name, object Value)[] extra) =>
            SendAsync(c, action, new (string, object)[] { ("ProjectId", Dw.Standard), ("TaskType", taskType), ("FileId", fileId) }.Concat(extra).ToArray());

        /// <summary>A DI call that must answer Data.Status "success".</summary>
        public static async Task<JsonNode> OkAsync(DwClient c, string action, long fileId, string taskType = Realtime, params (string Name, object Value)[] extra)
        {
            var r = await TaskCallAsync(c, action, fileId, taskType, extra);
            Assert.True(r.Ok()["Data"]["Status"].GetValue<string>() == "success", action + ": " + r.Text);
            return r.Body["Data"];
        }

        public static async Task<string> FailAsync(DwClient c, string action, long fileId, string taskType = Realtime, params (string Name, object Value)[] extra) =>
            (await TaskCallAsync(c, action, fileId, taskType, extra)).DiFail();

        public static async Task<JsonNode> InstanceAsync(DwClient c, long fileId, string taskType = Realtime) =>
            (await TaskCallAsync(c, "GetDISyncInstanceInfo", fileId, taskType)).Ok()["Data"];

        /// <summary>Polls GetDISyncInstanceInfo until the real-time instance shows <paramref name="status"/>.</summary>
        public static async Task<JsonNode> WaitStatusAsync(DwClient c, long fileId, string status, int timeoutMs = 10000)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var data = await InstanceAsync(c, fileId);
                if (data["Status"].GetValue<string>() == status) return data;
                Assert.True(clock.ElapsedMilliseconds < timeoutMs, "Instance " + fileId + " did not reach " + status + ": " + data.ToJsonString());
                await Task.Delay(50);
            }
        }

        public static string[] ReaderTables(string content)
        {
            var reader = JsonNode.Parse(content)["steps"].AsArray().Single(s => s["category"].GetValue<string>() == "reader");
            return reader["parameter"]["connection"].AsArray().SelectMany(c => c["table"].AsArray().Select(t => t.GetValue<string>())).ToArray();
        }
    }
}
