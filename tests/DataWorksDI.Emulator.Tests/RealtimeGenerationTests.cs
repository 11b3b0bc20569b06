using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// GenerateDISyncTaskConfigForCreating / …ForUpdating, QueryDISyncTaskConfigProcessResult, and CreateDISyncTask /
    /// UpdateDISyncTask / GetDISyncTask for real-time tasks (dataworks-api.md §4.4, §5.12–§5.15).
    /// </summary>
    public sealed class RealtimeGenerationTests : IClassFixture<RealtimeEmulator>
    {
        private readonly DwClient _c;

        public RealtimeGenerationTests(RealtimeEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Fact]
        public async Task Seed_flow_create_then_add_a_table_through_GenerateDISyncTaskConfigForUpdating()
        {
            // Create a MySQL → MaxCompute real-time task: Generate…ForCreating → poll Query… → CreateDISyncTask.
            string content = await Rt.GenerateContentAsync(_c, Rt.Param(tables: new[] { "orders" }, name: "orders_rt"));
            var config = JsonNode.Parse(content);
            Assert.Equal("job", config["type"].GetValue<string>());
            Assert.Equal("2.0", config["version"].GetValue<string>());
            Assert.Equal("wizard", config["extend"]["mode"].GetValue<string>());
            Assert.Equal(Dw.DiGroup, config["extend"]["resourceGroup"].GetValue<string>());
            Assert.Equal("orders_rt", config["extend"]["name"].GetValue<string>());
            var reader = config["steps"][0];
            Assert.Equal(("mysql", "reader", "Reader"), (reader["stepType"].GetValue<string>(), reader["category"].GetValue<string>(), reader["name"].GetValue<string>()));
            Assert.Equal("mysql_pub", reader["parameter"]["connection"][0]["datasource"].GetValue<string>());
            Assert.Equal(new[] { "orders" }, Rt.ReaderTables(content));
            var writer = config["steps"][1];
            Assert.Equal(("odps", "writer", "Writer"), (writer["stepType"].GetValue<string>(), writer["category"].GetValue<string>(), writer["name"].GetValue<string>()));
            Assert.Equal("odps_first", writer["parameter"]["datasource"].GetValue<string>());
            Assert.Equal("0", config["setting"]["errorLimit"]["record"].GetValue<string>());
            Assert.Equal("-Xms1024m -Xmx1024m", config["setting"]["jvmOption"].GetValue<string>());
            Assert.Equal("Writer", config["order"]["hops"][0]["to"].GetValue<string>());

            string name = Dw.UniqueName("rt_seed");
            long fileId = await Rt.CreateAsync(_c, name, content);
            var file = (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"];
            Assert.Equal(900, file["FileType"].GetValue<int>());
            Assert.Equal(content, file["Content"].GetValue<string>());
            Assert.Equal(name, file["FileName"].GetValue<string>());
            var listed = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("FileTypes", "900"), ("ExactFileName", name))).Ok()["Data"];
            Assert.Equal(fileId, Assert.Single(listed["Files"].AsArray())["FileId"].GetValue<long>());
            var task = await Rt.OkAsync(_c, "GetDISyncTask", fileId);
            Assert.Equal(content, task["Code"].GetValue<string>());
            Assert.Empty(task["AlarmList"].AsArray());

            // Add a table: Generate…ForUpdating lists the new complete set → poll → UpdateDISyncTask.
            long processId = Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, fileId, Rt.UpdateParam("orders", "customers")));
            var result = await Rt.WaitProcessAsync(_c, processId);
            Assert.Equal("success", result["Status"].GetValue<string>());
            string updated = result["TaskContent"].GetValue<string>();
            Assert.Equal(new[] { "orders", "customers" }, Rt.ReaderTables(updated));
            Assert.Equal(content.Replace("[\"orders\"]", "[\"orders\",\"customers\"]"), updated); // nothing else changes

            var update = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", Rt.Realtime)
                .Q("TaskContent", updated));
            Assert.Equal("success", update.Ok()["Data"]["Status"].GetValue<string>());
            Assert.Equal(updated, (await Rt.OkAsync(_c, "GetDISyncTask", fileId))["Code"].GetValue<string>());
            Assert.Equal(0, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["CommitStatus"].GetValue<int>());

            // Removing works the same way: the listed tables are the complete set.
            string removed = (await Rt.WaitProcessAsync(_c, Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, fileId, Rt.UpdateParam("customers")))))["TaskContent"].GetValue<string>();
            Assert.Equal(new[] { "customers" }, Rt.ReaderTables(removed));
        }

        [Fact]
        public async Task UpdateDISyncTask_takes_only_content_of_an_updating_process_for_the_same_task()
        {
            string content = await Rt.GenerateContentAsync(_c, Rt.Param());
            long fileId = await Rt.CreateAsync(_c, Dw.UniqueName("rt_upd"), content);
            long otherId = await Rt.CreateAsync(_c, Dw.UniqueName("rt_upd"), content);
            string forOther = (await Rt.WaitProcessAsync(_c, Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, otherId, Rt.UpdateParam("x1")))))["TaskContent"].GetValue<string>();

            async Task<string> Update(string taskContent) =>
                (await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", Rt.Realtime)
                    .Q("TaskContent", taskContent))).DiFail();

            string expected = "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult for a GenerateDISyncTaskConfigForUpdating process of task " + fileId + ".";
            Assert.Equal(expected, await Update(content));                          // a creating process's content
            Assert.Equal(expected, await Update(forOther));                         // another task's update
            Assert.Equal(expected, await Update(Dw.Script));                        // hand-written
            Assert.Equal(content, (await Rt.OkAsync(_c, "GetDISyncTask", fileId))["Code"].GetValue<string>());

            var solutionUpdate = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", Rt.Solution)
                .Q("TaskContent", content));
            Assert.Equal("TaskType:[DI_SOLUTION] is not supported by UpdateDISyncTask; use DI_OFFLINE or DI_REALTIME.", solutionUpdate.DiFail());
            long batch = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName());
            var onBatch = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", batch).Q("TaskType", Rt.Realtime)
                .Q("TaskContent", forOther));
            Assert.Equal("fileId:[" + batch + "] is invalid.", onBatch.DiFail());
        }

        [Fact]
        public async Task Query_answers_processing_until_the_generation_delay_has_passed_then_keeps_the_result()
        {
            await using var emulator = await TestEmulator.StartAsync(o => o.RealtimeGenerationDelay = TimeSpan.FromMilliseconds(1500));
            var c = emulator.Client;
            var clock = Stopwatch.StartNew();
            long processId = Rt.ProcessId(await Rt.GenerateRawAsync(c, Rt.Param()));
            var first = await Rt.QueryAsync(c, processId);
            Assert.Equal("processing", first["Status"].GetValue<string>());
            Assert.Equal("the task config is being generated", first["Message"].GetValue<string>());
            Assert.Null(first["TaskContent"]);

            var done = await Rt.WaitProcessAsync(c, processId);
            Assert.True(clock.ElapsedMilliseconds >= 1400, "finished after " + clock.ElapsedMilliseconds + " ms");
            Assert.Equal("success", done["Status"].GetValue<string>());
            string content = done["TaskContent"].GetValue<string>();
            var again = await Rt.QueryAsync(c, processId);
            Assert.Equal("success", again["Status"].GetValue<string>());
            Assert.Equal(content, again["TaskContent"].GetValue<string>());

            // A content is accepted by CreateDISyncTask only once its process has finished: the same TaskParam under another
            // name generates a predictable content, refused while its process is still running.
            string pendingContent = content.Replace("\"rt_job\"", "\"rt_pending\"");
            long pending = Rt.ProcessId(await Rt.GenerateRawAsync(c, Rt.Param(name: "rt_pending")));
            Assert.Equal("TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult.",
                (await Rt.CreateRawAsync(c, Dw.UniqueName("rt_early"), pendingContent)).DiFail());
            Assert.Equal(pendingContent, (await Rt.WaitProcessAsync(c, pending))["TaskContent"].GetValue<string>());
            await Rt.CreateAsync(c, Dw.UniqueName("rt_late"), pendingContent);
        }

        public static TheoryData<string, Action<JsonObject>, string> InvalidCreatingParams => new TheoryData<string, Action<JsonObject>, string>
        {
            { "type", p => p["type"] = "offline", "TaskParam is invalid: type must be \"realtime\"; got \"offline\"." },
            { "no type", p => p.Remove("type"), "TaskParam is invalid: type must be \"realtime\"." },
            { "no steps", p => p.Remove("steps"), "TaskParam is invalid: steps must be an array holding one reader step and one writer step." },
            { "two readers", p => p["steps"].AsArray().Add(p["steps"][0].DeepClone()), "TaskParam is invalid: steps must hold exactly one reader (category \"reader\"); found 2." },
            { "no writer", p => p["steps"].AsArray().RemoveAt(1), "TaskParam is invalid: steps must hold exactly one writer (category \"writer\"); found 0." },
            { "reader type", p => p["steps"][0]["stepType"] = "oracle", "TaskParam is invalid: the reader's stepType must be \"mysql\" (real-time synchronization reads MySQL); got \"oracle\"." },
            { "writer type", p => p["steps"][1]["stepType"] = "hdfs", "TaskParam is invalid: the writer's stepType must be \"odps\", \"kafka\" or \"holo\"; got \"hdfs\"." },
            { "taskType mismatch", p => p["setting"]["taskType"] = "oneclick_to_kafka", "TaskParam is invalid: setting.taskType \"oneclick_to_kafka\" does not match the writer (odps); use oneclick_to_odps." },
            { "no resource group", p => p["setting"].AsObject().Remove("resourceGroup"), "TaskParam is invalid: setting.resourceGroup is required" },
            { "unknown resource group", p => p["setting"]["resourceGroup"] = "S_res_group_nope", "ResourceGroup:[S_res_group_nope] is invalid." },
            { "scheduling group", p => p["setting"]["resourceGroup"] = "default_group", "ResourceGroup:[default_group] is invalid." },
            { "stopped group", p => p["setting"]["resourceGroup"] = "S_res_group_expired_di", "ResourceGroup:[S_res_group_expired_di] is invalid." },
            { "no connection", p => p["steps"][0]["parameter"].AsObject().Remove("connection"), "TaskParam is invalid: the reader needs parameter.connection" },
            { "connection without datasource", p => p["steps"][0]["parameter"]["connection"][0].AsObject().Remove("datasource"), "TaskParam is invalid: the reader's parameter.connection[0] has no datasource." },
            { "two reader datasources", p => p["steps"][0]["parameter"]["connection"].AsArray().Add(new JsonObject { ["datasource"] = "dh_mysql", ["table"] = new JsonArray("a") }),
                "TaskParam is invalid: the reader reads one data source; parameter.connection names both mysql_pub and dh_mysql." },
            { "unknown reader datasource", p => p["steps"][0]["parameter"]["connection"][0]["datasource"] = "mysql_nowhere", "Datasource:[mysql_nowhere] is invalid; workspace 10000 has no data source with this name." },
            { "reader datasource of another type", p => p["steps"][0]["parameter"]["connection"][0]["datasource"] = "odps_first",
                "Datasource:[odps_first] is invalid; it is a odps data source and the reader (mysql) needs a mysql one." },
            { "no writer datasource", p => p["steps"][1]["parameter"].AsObject().Remove("datasource"), "TaskParam is invalid: the writer needs parameter.datasource." },
            { "unknown writer datasource", p => p["steps"][1]["parameter"]["datasource"] = "odps_nowhere", "Datasource:[odps_nowhere] is invalid; workspace 10000 has no data source with this name." },
            { "writer datasource of another type", p => p["steps"][1]["parameter"]["datasource"] = "kafka_pub",
                "Datasource:[kafka_pub] is invalid; it is a kafka data source and the writer (odps) needs a odps one." },
            { "no tables", p => p["steps"][0]["parameter"]["connection"][0]["table"] = new JsonArray(), "TaskParam is invalid: select at least one table" },
            { "blank table", p => p["steps"][0]["parameter"]["connection"][0]["table"] = new JsonArray(" "), "TaskParam is invalid: a table name must be a non-empty string." },
        };

        [Theory]
        [MemberData(nameof(InvalidCreatingParams))]
        public async Task An_invalid_creating_request_makes_the_process_fail_with_a_message(string what, Action<JsonObject> change, string expected)
        {
            var param = Rt.ParamObject();
            change(param);
            string message = await Rt.FailedProcessAsync(_c, param.ToJsonString());
            Assert.True(message.StartsWith(expected, StringComparison.Ordinal), what + ": " + message);
        }

        [Fact]
        public async Task Malformed_TaskParam_unknown_TaskType_and_missing_parameters_fail_at_once()
        {
            Assert.Equal("TaskParam is invalid: it is not valid JSON.", (await Rt.GenerateRawAsync(_c, "{\"type\":")).DiFail());
            Assert.StartsWith("TaskParam is invalid: it must be a JSON object", (await Rt.GenerateRawAsync(_c, "[1,2]")).DiFail());
            Assert.Equal("TaskType:[DI_OFFLINE] is not supported by GenerateDISyncTaskConfigForCreating; use DI_REALTIME or DI_SOLUTION.",
                (await Rt.GenerateRawAsync(_c, Rt.Param(), "DI_OFFLINE")).DiFail());
            var missing = await Rt.SendAsync(_c, "GenerateDISyncTaskConfigForCreating", ("ProjectId", Dw.Standard), ("TaskType", Rt.Realtime));
            Assert.Contains("\"TaskParam\"", missing.Error(400, "MissingParameter").ErrorMessage);
            (await Rt.GenerateRawAsync(_c, Rt.Param(), projectId: 99999)).Error(400, "Invalid.Tenant.ProjectNotExists");
            var noId = await Rt.SendAsync(_c, "QueryDISyncTaskConfigProcessResult", ("ProjectId", Dw.Standard), ("TaskType", Rt.Realtime));
            Assert.Contains("\"AsyncProcessId\"", noId.Error(400, "MissingParameter").ErrorMessage);
        }

        [Fact]
        public async Task Query_refuses_unknown_ids_other_workspaces_and_the_other_task_type()
        {
            async Task<string> Query(long id, string type = Rt.Realtime, long project = Dw.Standard) =>
                (await Rt.SendAsync(_c, "QueryDISyncTaskConfigProcessResult", ("ProjectId", project), ("TaskType", type), ("AsyncProcessId", id))).DiFail();

            Assert.Equal("AsyncProcessId:[123] is invalid.", await Query(123));
            long processId = Rt.ProcessId(await Rt.GenerateRawAsync(_c, Rt.Param()));
            Assert.Equal("AsyncProcessId:[" + processId + "] is invalid.", await Query(processId, project: Dw.Basic));
            Assert.Equal("AsyncProcessId:[" + processId + "] is invalid.", await Query(processId, type: Rt.Solution));
            Assert.Equal("TaskType:[DI_OFFLINE] is not supported by QueryDISyncTaskConfigProcessResult; use DI_REALTIME or DI_SOLUTION.", await Query(processId, type: "DI_OFFLINE"));
        }

        [Theory]
        [InlineData("mysql_pub", "odps_source", "odps")]
        [InlineData("dh_mysql", "kafka_pub", "kafka")]
        [InlineData("mysql_pub", "holo_pub", "holo")]
        public async Task Every_documented_combination_generates_and_selectedTables_name_tables_of_several_databases(string reader, string writer, string writerType)
        {
            var param = Rt.ParamObject(reader, writer, writerType);
            var connection = param["steps"][0]["parameter"]["connection"][0].AsObject();
            connection.Remove("table");
            connection["selectedTables"] = JsonNode.Parse("[{\"dbName\":\"shop\",\"schema\":[{\"tableInfos\":[{\"table\":\"orders\"},{\"table\":\"items\"}]}]}," +
                                                          "{\"dbName\":\"crm\",\"schema\":[{\"tableInfos\":[{\"table\":\"customers\"},{\"table\":\"orders\"}]}]}]");
            string content = await Rt.GenerateContentAsync(_c, param.ToJsonString());
            Assert.Equal(new[] { "orders", "items", "customers" }, Rt.ReaderTables(content));
            var config = JsonNode.Parse(content);
            Assert.Equal(reader, config["steps"][0]["parameter"]["connection"][0]["datasource"].GetValue<string>());
            Assert.Equal(writerType, config["steps"][1]["stepType"].GetValue<string>());
            Assert.Equal(writer, config["steps"][1]["parameter"]["datasource"].GetValue<string>());
            await Rt.CreateAsync(_c, Dw.UniqueName("rt_" + writerType), content);
        }

        [Fact]
        public async Task Updating_checks_the_task_and_its_TaskParam()
        {
            long fileId = await Rt.NewTaskAsync(_c);
            long batch = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName());
            long solution = await Rt.NewTaskAsync(_c, taskType: Rt.Solution);

            // At once: the task must be a live real-time task (or solution, with TaskType DI_SOLUTION).
            Assert.Equal("fileId:[999] is invalid.", (await Rt.GenerateUpdateRawAsync(_c, 999, Rt.UpdateParam("a"))).DiFail());
            Assert.Equal("fileId:[" + batch + "] is invalid.", (await Rt.GenerateUpdateRawAsync(_c, batch, Rt.UpdateParam("a"))).DiFail());
            Assert.Equal("fileId:[" + solution + "] is invalid.", (await Rt.GenerateUpdateRawAsync(_c, solution, Rt.UpdateParam("a"))).DiFail());
            Assert.Equal("fileId:[" + fileId + "] is invalid.", (await Rt.GenerateUpdateRawAsync(_c, fileId, Rt.UpdateParam("a"), Rt.Solution)).DiFail());
            Assert.Equal("TaskParam is invalid: it is not valid JSON.", (await Rt.GenerateUpdateRawAsync(_c, fileId, "nope")).DiFail());
            var solutionUpdate = await Rt.WaitProcessAsync(_c, Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, solution, Rt.UpdateParam("s1", "s2"), Rt.Solution)), Rt.Solution);
            Assert.Equal(new[] { "s1", "s2" }, Rt.ReaderTables(solutionUpdate["TaskContent"].GetValue<string>()));

            // In the process: the TaskParam's shape.
            async Task<string> Fails(string taskParam)
            {
                var data = await Rt.WaitProcessAsync(_c, Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, fileId, taskParam)));
                Assert.True(data["Status"].GetValue<string>() == "fail", data.ToJsonString());
                return data["Message"].GetValue<string>();
            }
            Assert.StartsWith("TaskParam is invalid: steps must hold the reader step", await Fails("{}"));
            Assert.Equal("TaskParam is invalid: GenerateDISyncTaskConfigForUpdating changes the reader's tables only; remove the other steps.",
                await Fails(Rt.Param()));
            Assert.StartsWith("TaskParam is invalid: select at least one table", await Fails(Rt.UpdateParam()));
            Assert.Equal("TaskParam is invalid: the reader's data source cannot be changed; the task reads mysql_pub.",
                await Fails(Rt.UpdateParam("a").Replace("{\"table\"", "{\"datasource\":\"dh_mysql\",\"table\"")));
            var sameSource = await Rt.WaitProcessAsync(_c, Rt.ProcessId(await Rt.GenerateUpdateRawAsync(_c, fileId,
                Rt.UpdateParam("a").Replace("{\"table\"", "{\"datasource\":\"mysql_pub\",\"table\""))));
            Assert.Equal("success", sameSource["Status"].GetValue<string>());
        }

        [Fact]
        public async Task ClientToken_returns_the_first_ProcessId_and_refuses_other_parameters()
        {
            string token = Guid.NewGuid().ToString();
            long first = Rt.ProcessId(await Rt.GenerateRawAsync(_c, Rt.Param(), clientToken: token));
            long second = Rt.ProcessId(await Rt.GenerateRawAsync(_c, Rt.Param(), clientToken: token));
            Assert.Equal(first, second);
            Assert.NotEqual(first, Rt.ProcessId(await Rt.GenerateRawAsync(_c, Rt.Param())));
            (await Rt.GenerateRawAsync(_c, Rt.Param(name: "other"), clientToken: token)).Error(400, "IdempotentParameterMismatch");
        }

        [Fact]
        public async Task CreateDISyncTask_checks_TaskParam_like_batch_and_takes_only_finished_generated_content()
        {
            string content = await Rt.GenerateContentAsync(_c, Rt.Param(name: Dw.UniqueName("rt_only_here"))); // no other test generates it
            Assert.Equal("Invalid path: Business Flow/xxxx/Data Integration",
                (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content, taskParam: Dw.TaskParam("Business Flow/xxxx/Data Integration"))).DiFail());
            Assert.Equal("ResourceGroup:[S_res_group_nope] is invalid.",
                (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content, taskParam: Dw.TaskParam(group: "S_res_group_nope"))).DiFail());
            Assert.StartsWith("TaskParam is invalid: it must be a JSON object",
                (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content, taskParam: "[\"" + Dw.DiGroup + "\"]")).Error(400, "Invalid.DI.Parameter").ErrorMessage);

            const string notGenerated = "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult.";
            Assert.Equal(notGenerated, (await Rt.CreateRawAsync(_c, Dw.UniqueName(), Dw.Script)).DiFail());
            Assert.Equal(notGenerated, (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content.Replace("orders", "orderz"))).DiFail());
            Assert.Equal(notGenerated, (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content, Rt.Solution)).DiFail());       // a DI_REALTIME process
            Assert.Equal(notGenerated, (await Rt.CreateRawAsync(_c, Dw.UniqueName(), content, projectId: 181565,
                taskParam: Dw.TaskParam("Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration"))).DiFail());  // another workspace's process

            string name = Dw.UniqueName("rt_dup");
            await Rt.CreateAsync(_c, name, content);
            (await Rt.CreateRawAsync(_c, name, content)).Error(400, "Invalid.DI.Parameter.File.Existed");
        }
    }
}
