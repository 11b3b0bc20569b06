using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// DeployDISyncTask, Start/Stop/TerminateDISyncInstance, GetDISyncInstanceInfo, DeleteDISyncTask and solutions
    /// (dataworks-api.md §5.15–§5.21).
    /// </summary>
    public sealed class RealtimeLifecycleTests : IClassFixture<RealtimeEmulator>
    {
        private const string DocStartParam =
            "{\"failoverLimit\":{\"count\":10,\"interval\":30},\"errorLimit\":{\"record\":0},\"ddlMarkMap\":{\"RENAMECOLUMN\":\"WARNING\",\"DROPTABLE\":\"WARNING\"," +
            "\"CREATETABLE\":\"IGNORE\",\"MODIFYCOLUMN\":\"WARNING\",\"TRUNCATETABLE\":\"NORMAL\",\"DROPCOLUMN\":\"IGNORE\",\"ADDCOLUMN\":\"NORMAL\",\"RENAMETABLE\":\"CRITICAL\"}}";

        private readonly DwClient _c;

        public RealtimeLifecycleTests(RealtimeEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Fact]
        public async Task Create_deploy_start_run_stop_start_terminate_delete()
        {
            string name = Dw.UniqueName("rt_life");
            long fileId = await Rt.NewTaskAsync(_c, name: name);
            var info = await Rt.InstanceAsync(_c, fileId);
            Assert.Equal("NORUN", info["Status"].GetValue<string>());
            Assert.Equal("the task is not deployed", info["Message"].GetValue<string>());
            Assert.Equal(name, info["Name"].GetValue<string>());
            Assert.Equal("the task is not deployed; call DeployDISyncTask first", await Rt.FailAsync(_c, "StartDISyncInstance", fileId));

            await Rt.OkAsync(_c, "DeployDISyncTask", fileId);
            info = await Rt.InstanceAsync(_c, fileId);
            Assert.Equal("NORUN", info["Status"].GetValue<string>());
            Assert.Equal("the task is deployed and not running; start it with StartDISyncInstance", info["Message"].GetValue<string>());
            var file = (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"];
            Assert.Equal(1, file["CommitStatus"].GetValue<int>());
            Assert.True(file["NodeId"].GetValue<long>() > 0);
            var version = Assert.Single(await Dw.VersionsAsync(_c, Dw.Standard, fileId));
            Assert.Equal(("CREATE", "DEPLOYED", true), (version["ChangeType"].GetValue<string>(), version["Status"].GetValue<string>(), version["IsCurrentProd"].GetValue<bool>()));

            await Rt.OkAsync(_c, "StartDISyncInstance", fileId, Rt.Realtime, ("StartParam", DocStartParam));
            Assert.Equal("WAIT", (await Rt.InstanceAsync(_c, fileId))["Status"].GetValue<string>());
            Assert.Equal("the task is already running", await Rt.FailAsync(_c, "StartDISyncInstance", fileId));
            info = await Rt.WaitStatusAsync(_c, fileId, "RUN");
            Assert.Equal("the instance is running", info["Message"].GetValue<string>());
            Assert.Equal(DocStartParam, info["StartParam"].GetValue<string>());

            await Rt.OkAsync(_c, "StopDISyncInstance", fileId);
            info = await Rt.InstanceAsync(_c, fileId);
            Assert.Equal("PAUSE", info["Status"].GetValue<string>());
            Assert.Equal("the instance is stopped; start it again with StartDISyncInstance", info["Message"].GetValue<string>());
            Assert.Equal("the task is not running", await Rt.FailAsync(_c, "StopDISyncInstance", fileId));

            await Rt.OkAsync(_c, "StartDISyncInstance", fileId); // no StartParam this time
            info = await Rt.WaitStatusAsync(_c, fileId, "RUN");
            Assert.Null(info["StartParam"]);

            await Rt.OkAsync(_c, "TerminateDISyncInstance", fileId);
            info = await Rt.InstanceAsync(_c, fileId);
            Assert.Equal("NORUN", info["Status"].GetValue<string>());
            Assert.Equal("the task is not deployed", info["Message"].GetValue<string>());
            Assert.Equal("the task is not deployed; call DeployDISyncTask first", await Rt.FailAsync(_c, "StartDISyncInstance", fileId));
            Assert.Equal("the task is not deployed; there is nothing to terminate", await Rt.FailAsync(_c, "TerminateDISyncInstance", fileId));
            Assert.Equal("the task is not running", await Rt.FailAsync(_c, "StopDISyncInstance", fileId));

            // Deployed again, it can start again (a second, UPDATE version).
            await Rt.OkAsync(_c, "DeployDISyncTask", fileId);
            Assert.Equal(new[] { "UPDATE", "CREATE" }, (await Dw.VersionsAsync(_c, Dw.Standard, fileId)).Select(v => v["ChangeType"].GetValue<string>()).ToArray());
            await Rt.OkAsync(_c, "StartDISyncInstance", fileId);
            await Rt.WaitStatusAsync(_c, fileId, "RUN");
            await Rt.OkAsync(_c, "TerminateDISyncInstance", fileId);

            await Rt.OkAsync(_c, "DeleteDISyncTask", fileId);
            (await _c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.FileNotExists");
            Assert.Equal("fileId:[" + fileId + "] is invalid.", await Rt.FailAsync(_c, "GetDISyncTask", fileId));
            Assert.Equal("fileId:[" + fileId + "] is invalid.", await Rt.FailAsync(_c, "GetDISyncInstanceInfo", fileId));
            Assert.Equal("fileId:[" + fileId + "] is invalid.", await Rt.FailAsync(_c, "DeleteDISyncTask", fileId));
            // The name is free again.
            await Rt.NewTaskAsync(_c, name: name);
        }

        [Fact]
        public async Task Delete_is_refused_while_the_instance_waits_or_runs_and_allowed_when_paused()
        {
            long fileId = await Rt.NewTaskAsync(_c);
            await Rt.OkAsync(_c, "DeployDISyncTask", fileId);
            await Rt.OkAsync(_c, "StartDISyncInstance", fileId);
            Assert.Equal("WAIT", (await Rt.InstanceAsync(_c, fileId))["Status"].GetValue<string>());
            Assert.Equal("stop or terminate the instance before deleting", await Rt.FailAsync(_c, "DeleteDISyncTask", fileId));
            await Rt.WaitStatusAsync(_c, fileId, "RUN");
            Assert.Equal("stop or terminate the instance before deleting", await Rt.FailAsync(_c, "DeleteDISyncTask", fileId));
            Assert.Equal(fileId, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["FileId"].GetValue<long>());

            await Rt.OkAsync(_c, "StopDISyncInstance", fileId);
            await Rt.OkAsync(_c, "DeleteDISyncTask", fileId);
            (await _c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.FileNotExists");
        }

        [Fact]
        public async Task Deploy_fails_only_by_explicit_failure_injection_and_then_changes_nothing()
        {
            // mysql_autotest_dev (Alibaba's autotest data source) deploys like any other: no invented data-source rule.
            long autotest = await Rt.NewTaskAsync(_c, Rt.Param(reader: "mysql_autotest_dev", name: "autotest_rt"));
            await Rt.OkAsync(_c, "DeployDISyncTask", autotest);

            long fileId = await Rt.NewTaskAsync(_c, Rt.Param(name: "autotest_rt"), name: Dw.UniqueName("failme_rt"));
            string message = await Rt.FailAsync(_c, "DeployDISyncTask", fileId);
            Assert.StartsWith("submit and deploy fail. ", message);
            Assert.Contains("failme_*", message);
            Assert.Equal("the task is not deployed", (await Rt.InstanceAsync(_c, fileId))["Message"].GetValue<string>());
            Assert.Equal(0, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["CommitStatus"].GetValue<int>());
            Assert.Empty(await Dw.VersionsAsync(_c, Dw.Standard, fileId));
            Assert.Equal("the task is not deployed; call DeployDISyncTask first", await Rt.FailAsync(_c, "StartDISyncInstance", fileId));
        }

        [Theory]
        [InlineData("{\"failoverLimit\":", "StartParam is invalid: it is not valid JSON.")]
        [InlineData("[]", "StartParam is invalid: it must be a JSON object such as")]
        [InlineData("{\"retry\":1}", "StartParam is invalid: unknown key \"retry\"; use failoverLimit, errorLimit and ddlMarkMap.")]
        [InlineData("{\"failoverLimit\":10}", "StartParam is invalid: failoverLimit must be an object")]
        [InlineData("{\"failoverLimit\":{\"count\":-1}}", "StartParam is invalid: failoverLimit.count must be a whole number of 0 or more.")]
        [InlineData("{\"failoverLimit\":{\"count\":\"10\"}}", "StartParam is invalid: failoverLimit.count must be a whole number of 0 or more.")]
        [InlineData("{\"failoverLimit\":{\"interval\":1.5}}", "StartParam is invalid: failoverLimit.interval must be a whole number of 0 or more.")]
        [InlineData("{\"failoverLimit\":{\"times\":3}}", "StartParam is invalid: failoverLimit has unknown key \"times\"; use count and interval.")]
        [InlineData("{\"errorLimit\":{\"record\":\"many\"}}", "StartParam is invalid: errorLimit.record must be a whole number of 0 or more.")]
        [InlineData("{\"errorLimit\":{\"percent\":1}}", "StartParam is invalid: errorLimit has unknown key \"percent\"; use record.")]
        [InlineData("{\"ddlMarkMap\":[]}", "StartParam is invalid: ddlMarkMap must be an object")]
        [InlineData("{\"ddlMarkMap\":{\"DROPINDEX\":\"IGNORE\"}}", "StartParam is invalid: ddlMarkMap has unknown DDL event \"DROPINDEX\"; events are RENAMECOLUMN, DROPTABLE, CREATETABLE")]
        [InlineData("{\"ddlMarkMap\":{\"DROPTABLE\":\"ignore\"}}", "StartParam is invalid: ddlMarkMap.DROPTABLE must be NORMAL, IGNORE, WARNING or CRITICAL; got \"ignore\".")]
        public async Task StartParam_is_validated_and_a_refused_start_changes_nothing(string startParam, string expected)
        {
            long fileId = await Rt.NewTaskAsync(_c);
            await Rt.OkAsync(_c, "DeployDISyncTask", fileId);
            string message = await Rt.FailAsync(_c, "StartDISyncInstance", fileId, Rt.Realtime, ("StartParam", startParam));
            Assert.True(message.StartsWith(expected, StringComparison.Ordinal), message);
            Assert.Equal("NORUN", (await Rt.InstanceAsync(_c, fileId))["Status"].GetValue<string>());
        }

        [Fact]
        public async Task StartParam_accepts_the_documented_example_and_partial_objects()
        {
            long fileId = await Rt.NewTaskAsync(_c);
            await Rt.OkAsync(_c, "DeployDISyncTask", fileId);
            const string partial = "{\"errorLimit\":{\"record\":\"5\"},\"ddlMarkMap\":{\"ADDCOLUMN\":\"CRITICAL\"}}";
            await Rt.OkAsync(_c, "StartDISyncInstance", fileId, Rt.Realtime, ("StartParam", partial));
            Assert.Equal(partial, (await Rt.InstanceAsync(_c, fileId))["StartParam"].GetValue<string>());
            await Rt.OkAsync(_c, "StopDISyncInstance", fileId);
            await Rt.OkAsync(_c, "StartDISyncInstance", fileId, Rt.Realtime, ("StartParam", "{}"));
            Assert.Equal("{}", (await Rt.InstanceAsync(_c, fileId))["StartParam"].GetValue<string>());
        }

        [Fact]
        public async Task Task_types_are_checked_per_action_and_against_the_file()
        {
            long realtime = await Rt.NewTaskAsync(_c);
            long solution = await Rt.NewTaskAsync(_c, taskType: Rt.Solution);
            long batch = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName());

            // Their pages document 400 Param.Invalid and take DI_REALTIME only.
            foreach (string action in new[] { "StopDISyncInstance", "TerminateDISyncInstance", "DeleteDISyncTask" })
            {
                var r = (await Rt.TaskCallAsync(_c, action, solution, Rt.Solution)).Error(400, "Param.Invalid");
                Assert.Equal("The parameter is invalid. TaskType:[DI_SOLUTION] is not supported by " + action + "; use DI_REALTIME.", r.ErrorMessage);
            }
            foreach (string action in new[] { "GetDISyncTask", "DeployDISyncTask", "StartDISyncInstance", "GetDISyncInstanceInfo" })
            {
                Assert.Equal("TaskType:[DI_OFFLINE] is not supported by " + action + "; use DI_REALTIME or DI_SOLUTION.", await Rt.FailAsync(_c, action, batch, "DI_OFFLINE"));
                Assert.Equal("fileId:[" + solution + "] is invalid.", await Rt.FailAsync(_c, action, solution, Rt.Realtime));
                Assert.Equal("fileId:[" + realtime + "] is invalid.", await Rt.FailAsync(_c, action, realtime, Rt.Solution));
                Assert.Equal("fileId:[" + batch + "] is invalid.", await Rt.FailAsync(_c, action, batch, Rt.Realtime));
                Assert.Equal("fileId:[77] is invalid.", await Rt.FailAsync(_c, action, 77, Rt.Realtime));
            }
            Assert.Equal("fileId:[" + batch + "] is invalid.", await Rt.FailAsync(_c, "DeleteDISyncTask", batch, Rt.Realtime));
            Assert.Equal(batch, (await Dw.GetFileAsync(_c, Dw.Standard, batch))["File"]["FileId"].GetValue<long>());
            var missing = await Rt.SendAsync(_c, "GetDISyncTask", ("ProjectId", Dw.Standard), ("TaskType", Rt.Realtime));
            Assert.Contains("\"FileId\"", missing.Error(400, "MissingParameter").ErrorMessage);
        }

        [Fact]
        public async Task Solution_create_detail_instance_info_deploy_and_start()
        {
            string name = Dw.UniqueName("solution");
            string content = await Rt.GenerateContentAsync(_c, Rt.Param(writer: "holo_pub", writerType: "holo", tables: new[] { "orders", "items" }, name: name), Rt.Solution);
            long id = await Rt.CreateAsync(_c, name, content, Rt.Solution);
            Assert.Equal(1200, (await Dw.GetFileAsync(_c, Dw.Standard, id))["File"]["FileType"].GetValue<int>());

            var task = await Rt.OkAsync(_c, "GetDISyncTask", id, Rt.Solution);
            Assert.Null(task["Code"]);
            Assert.Empty(task["AlarmList"].AsArray());
            var detail = task["SolutionDetail"];
            Assert.Equal(id, detail["Id"].GetValue<long>());
            Assert.Equal(name, detail["Name"].GetValue<string>());
            Assert.Equal("200301234567890", detail["CreatorName"].GetValue<string>());
            Assert.Equal(Dw.Standard, detail["ProjectId"].GetValue<long>());
            Assert.Equal("MySQL", detail["SourceType"].GetValue<string>());
            Assert.Equal("Hologres", detail["Type"].GetValue<string>());
            Assert.Equal("4", detail["Status"].GetValue<string>());
            Assert.Null(detail["StartTime"]);
            Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), detail["SubmitTime"].GetValue<string>());
            Assert.Equal(content, detail["ProcessContent"].GetValue<string>());
            var extra = JsonNode.Parse(detail["ProcessExtra"].GetValue<string>());
            Assert.Equal(Dw.DiGroup, extra["resourceGroup"].GetValue<string>());
            Assert.False(extra["deployed"].GetValue<bool>());

            var info = await Rt.InstanceAsync(_c, id, Rt.Solution);
            Assert.Equal("success", info["Status"].GetValue<string>());
            var solutionInfo = info["SolutionInfo"];
            Assert.Equal(id, solutionInfo["Id"].GetValue<long>());
            Assert.Equal("200301234567890", solutionInfo["CreatorName"].GetValue<string>());
            Assert.Equal("norun", solutionInfo["Status"].GetValue<string>());
            var steps = solutionInfo["StepDetail"].AsArray();
            Assert.Equal(new long[] { 1, 2, 3 }, steps.Select(s => s["StepId"].GetValue<long>()).ToArray());
            Assert.All(steps, s => Assert.Equal("wait", s["Status"].GetValue<string>()));
            Assert.Equal(new[] { "orders", "items" }, JsonNode.Parse(steps[0]["Info"].GetValue<string>())["tables"].AsArray().Select(t => t.GetValue<string>()).ToArray());

            Assert.Equal("the task is not deployed; call DeployDISyncTask first", await Rt.FailAsync(_c, "StartDISyncInstance", id, Rt.Solution));
            await Rt.OkAsync(_c, "DeployDISyncTask", id, Rt.Solution);
            Assert.Equal("StartParam is invalid: StartParam applies to DI_REALTIME tasks only; leave it out for DI_SOLUTION.",
                await Rt.FailAsync(_c, "StartDISyncInstance", id, Rt.Solution, ("StartParam", "{}")));
            await Rt.OkAsync(_c, "StartDISyncInstance", id, Rt.Solution);
            var waiting = (await Rt.OkAsync(_c, "GetDISyncTask", id, Rt.Solution))["SolutionDetail"];
            Assert.Equal("8", waiting["Status"].GetValue<string>());
            Assert.Equal("wait", (await Rt.InstanceAsync(_c, id, Rt.Solution))["SolutionInfo"]["Status"].GetValue<string>());

            await Task.Delay(RealtimeEmulator.StartDelayMs + 100);
            var running = (await Rt.OkAsync(_c, "GetDISyncTask", id, Rt.Solution))["SolutionDetail"];
            Assert.Equal("2", running["Status"].GetValue<string>());
            Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), running["StartTime"].GetValue<string>());
            Assert.True(JsonNode.Parse(running["ProcessExtra"].GetValue<string>())["deployed"].GetValue<bool>());
            var runInfo = (await Rt.InstanceAsync(_c, id, Rt.Solution))["SolutionInfo"];
            Assert.Equal("run", runInfo["Status"].GetValue<string>());
            Assert.Equal(new[] { "success", "success", "run" }, runInfo["StepDetail"].AsArray().Select(s => s["Status"].GetValue<string>()).ToArray());
            Assert.Equal("the task is already running", await Rt.FailAsync(_c, "StartDISyncInstance", id, Rt.Solution));
        }
    }
}
