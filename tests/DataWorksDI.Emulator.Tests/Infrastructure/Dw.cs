using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Emulator.Tests.Infrastructure
{
    /// <summary>Documented calls used by many tests, spelled out once.</summary>
    public static class Dw
    {
        public const long Standard = 10000;
        public const long Basic = 10001;
        public const string DiFolder = "Workflow/new_biz/Data Integration";
        public const string DiGroup = SampleTasks.DIResourceGroup;

        /// <summary>The minimal valid script from the official examples (dataworks-api.md §6.1).</summary>
        public const string Script = SampleTasks.MinimalContent;

        public static string ScriptReading(string dataSource) => Script.Replace("mysql_pub", dataSource);

        public static string TaskParam(string folder = DiFolder, string group = DiGroup) =>
            new JsonObject { ["FileFolderPath"] = folder, ["ResourceGroup"] = group }.ToJsonString();

        public static string UniqueName(string prefix = "task") => prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 10);

        public static Task<ApiResponse> CreateTaskRawAsync(DwClient c, long projectId, string name, string content = Script, string taskParam = null, string clientToken = null)
        {
            var r = new V3Request { Action = "CreateDISyncTask" }
                .Q("ProjectId", projectId).Q("TaskType", "DI_OFFLINE").Q("TaskParam", taskParam ?? TaskParam()).Q("TaskName", name)
                .F("TaskContent", content);
            if (clientToken != null) r.Q("ClientToken", clientToken);
            return c.SendAsync(r);
        }

        public static async Task<long> CreateTaskAsync(DwClient c, long projectId, string name, string content = Script, string taskParam = null)
        {
            var response = await CreateTaskRawAsync(c, projectId, name, content, taskParam);
            var body = response.Ok();
            Assert.True(body["Data"]["Status"].GetValue<string>() == "success", response.Text);
            return body["Data"]["FileId"].GetValue<long>();
        }

        public static async Task<JsonNode> GetFileAsync(DwClient c, long projectId, long fileId) =>
            (await c.CallAsync("GetFile", ("ProjectId", projectId), ("FileId", fileId))).Ok()["Data"];

        public static async Task<long> SubmitAsync(DwClient c, long projectId, long fileId, params (string, object)[] extra)
        {
            var args = new (string, object)[extra.Length + 2];
            args[0] = ("ProjectId", projectId);
            args[1] = ("FileId", fileId);
            extra.CopyTo(args, 2);
            return (await c.CallAsync("SubmitFile", args)).Ok()["Data"].GetValue<long>();
        }

        public static async Task<long> DeployAsync(DwClient c, long projectId, long fileId) =>
            (await c.CallAsync("DeployFile", ("ProjectId", projectId), ("FileId", fileId))).Ok()["Data"].GetValue<long>();

        /// <summary>Polls GetDeployment until a terminal state: Status != 0, or CheckingStatus 7.</summary>
        public static async Task<JsonNode> WaitAsync(DwClient c, long projectId, long deploymentId, int timeoutMs = 10000)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var data = (await c.CallAsync("GetDeployment", ("ProjectId", projectId), ("DeploymentId", deploymentId))).Ok()["Data"];
                var d = data["Deployment"];
                if (d["Status"].GetValue<int>() != 0 || d["CheckingStatus"]?.GetValue<int>() == 7) return data;
                Assert.True(clock.ElapsedMilliseconds < timeoutMs, "Deployment " + deploymentId + " did not finish: " + data.ToJsonString());
                await Task.Delay(50);
            }
        }

        public static async Task<JsonArray> VersionsAsync(DwClient c, long projectId, long fileId) =>
            (await c.CallAsync("ListFileVersions", ("ProjectId", projectId), ("FileId", fileId), ("PageSize", 100))).Ok()["Data"]["FileVersions"].AsArray();
    }
}
