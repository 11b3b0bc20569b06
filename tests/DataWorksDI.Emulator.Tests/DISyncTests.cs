using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>CreateDISyncTask / UpdateDISyncTask business rules, reported the way DataWorks reports them.</summary>
    public sealed class DISyncTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public DISyncTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Fact]
        public async Task Created_task_is_a_batch_file_whose_content_is_stored_verbatim()
        {
            // Unusual spacing, key order and non-ASCII text must come back byte for byte.
            string content = "{ \"version\":\"2.0\",\"type\" : \"job\", \"extend\":{\"mode\":\"wizard\"},\n \"steps\":" + Dw.Script.Substring(Dw.Script.IndexOf("[")).Replace("\"where\":\"\"", "\"where\":\"name = '数据'\"");
            string name = Dw.UniqueName();
            long fileId = await Dw.CreateTaskAsync(_c, 181565, name, content, Dw.TaskParam("Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration", "S_res_group_XXX"));
            var data = await Dw.GetFileAsync(_c, 181565, fileId);
            Assert.Equal(content, data["File"]["Content"].GetValue<string>());
            Assert.Equal(23, data["File"]["FileType"].GetValue<int>());
            Assert.Equal(name, data["File"]["FileName"].GetValue<string>());
            Assert.Equal(0, data["File"]["CommitStatus"].GetValue<int>());
            Assert.Equal("NORMAL", data["File"]["DeletedStatus"].GetValue<string>());
            Assert.Null(data["File"]["NodeId"]);
            var folder = (await _c.CallAsync("GetFolder", ("ProjectId", 181565), ("FolderPath", "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration"))).Ok();
            Assert.Equal(folder["Data"]["FolderId"].GetValue<string>(), data["File"]["FileFolderId"].GetValue<string>());
        }

        [Theory]
        [InlineData("Business Flow/xxxx/Data Integration")]   // the documentation's own failure example
        [InlineData("Workflow/new_biz/MaxCompute")]           // exists, but is not a Data Integration folder
        [InlineData("Workflow/new_biz")]
        public async Task Folder_that_is_not_an_existing_DI_folder_fails_with_invalid_path(string path)
        {
            var r = await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), taskParam: Dw.TaskParam(path));
            Assert.Equal("Invalid path: " + path, r.DiFail());
            Assert.True(r.Body["Success"].GetValue<bool>());
        }

        [Theory]
        [InlineData("S_res_group_unknown")]
        [InlineData("default_group")]            // a scheduling group (type 1), not Data Integration
        [InlineData("S_res_group_expired_di")]   // a DI group that is stopped
        public async Task Resource_group_that_is_not_a_usable_DI_group_fails(string group)
        {
            var r = await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), taskParam: Dw.TaskParam(group: group));
            Assert.Equal("ResourceGroup:[" + group + "] is invalid.", r.DiFail());
        }

        [Theory]
        [InlineData("S_res_group_XXX")]
        [InlineData("S_res_group_XXX_XXXX")]
        public async Task The_documentation_example_groups_and_folders_work(string group)
        {
            string param = new JsonObject { ["FileFolderPath"] = "业务流程/XXX/数据集成", ["ResourceGroup"] = group, ["Cu"] = 2.5 }.ToJsonString();
            await Dw.CreateTaskAsync(_c, 2043, Dw.UniqueName(), Dw.ScriptReading("dh_mysql"), param);
            await Dw.CreateTaskAsync(_c, 63845, Dw.UniqueName(), Dw.ScriptReading("mysql_autotest_dev"), Dw.TaskParam("Business Flow/XXX/Data Integration", group));
        }

        [Theory]
        [InlineData("0.3")]
        [InlineData("0")]
        [InlineData("-1")]
        [InlineData("\"two\"")]
        public async Task Cu_must_be_a_positive_multiple_of_one_half(string cu)
        {
            string param = "{\"FileFolderPath\":\"" + Dw.DiFolder + "\",\"ResourceGroup\":\"" + Dw.DiGroup + "\",\"Cu\":" + cu + "}";
            Assert.StartsWith("Cu:[", (await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), taskParam: param)).DiFail());
        }

        [Theory]
        [InlineData("{\"job\":{\"content\":[{\"reader\":{},\"writer\":{}}]}}", "DataX")]
        [InlineData("{\"type\":\"job\",\"version\":\"1.0\",\"steps\":[]}", "version")]
        [InlineData("not json", "not valid JSON")]
        public async Task Task_content_in_the_wrong_shape_fails(string content, string expected)
        {
            string message = (await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), content)).DiFail();
            Assert.StartsWith("TaskContent is invalid:", message);
            Assert.Contains(expected, message);
        }

        [Fact]
        public async Task Hops_must_name_existing_steps_and_a_writer_is_required()
        {
            string badHop = Dw.Script.Replace("{\"from\":\"Reader\",\"to\":\"Writer\"}", "{\"from\":\"Reader\",\"to\":\"Sink\"}");
            Assert.Contains("\"Sink\"", (await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), badHop)).DiFail());
            string noWriter = Dw.Script.Replace("\"category\":\"writer\"", "\"category\":\"reader\"");
            Assert.Contains("writer", (await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), noWriter)).DiFail());
        }

        [Fact]
        public async Task A_step_naming_an_unknown_data_source_fails()
        {
            var r = await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), Dw.ScriptReading("mysql_nowhere"));
            Assert.StartsWith("Datasource:[mysql_nowhere] is invalid", r.DiFail());
        }

        [Fact]
        public async Task Duplicate_name_in_the_folder_is_Invalid_DI_Parameter_File_Existed_but_another_folder_is_fine()
        {
            string name = Dw.UniqueName();
            await Dw.CreateTaskAsync(_c, Dw.Standard, name);
            var r = (await Dw.CreateTaskRawAsync(_c, Dw.Standard, name)).Error(400, "Invalid.DI.Parameter.File.Existed");
            Assert.Contains(name, r.ErrorMessage);
            await Dw.CreateTaskAsync(_c, Dw.Standard, name, taskParam: Dw.TaskParam("Business Flow/XXX/Data Integration"));
            await Dw.CreateTaskAsync(_c, Dw.Basic, name);
        }

        [Fact]
        public async Task ClientToken_makes_a_repeated_create_return_the_first_result()
        {
            string name = Dw.UniqueName();
            string token = System.Guid.NewGuid().ToString();
            var first = (await Dw.CreateTaskRawAsync(_c, Dw.Standard, name, clientToken: token)).Ok();
            var second = (await Dw.CreateTaskRawAsync(_c, Dw.Standard, name, clientToken: token)).Ok();
            Assert.Equal("success", second["Data"]["Status"].GetValue<string>());
            Assert.Equal(first["Data"]["FileId"].GetValue<long>(), second["Data"]["FileId"].GetValue<long>());
            Assert.NotEqual(first["RequestId"].GetValue<string>(), second["RequestId"].GetValue<string>());
            var files = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("ExactFileName", name))).Ok();
            Assert.Equal(1, files["Data"]["TotalCount"].GetValue<int>());

            (await Dw.CreateTaskRawAsync(_c, Dw.Standard, Dw.UniqueName(), clientToken: token)).Error(400, "IdempotentParameterMismatch");
            // The token belongs to the key that used it: another key creates its own task (and meets the duplicate name).
            Key other = await _c.CreateKeyAsync();
            _c.DefaultKey = other;
            try
            {
                (await Dw.CreateTaskRawAsync(_c, Dw.Standard, name, clientToken: token)).Error(400, "Invalid.DI.Parameter.File.Existed");
            }
            finally
            {
                _c.DefaultKey = new Key(Options.EmulatorOptions.DemoAccessKeyId, Options.EmulatorOptions.DemoAccessKeySecret, null);
            }
        }

        [Theory]
        [InlineData("DI_REALTIME", "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult.")]
        [InlineData("DI_SOLUTION", "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult.")]
        public async Task Other_task_types_fail_clearly(string taskType, string expected)
        {
            var r = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", taskType).Q("TaskParam", Dw.TaskParam())
                .Q("TaskName", Dw.UniqueName()).F("TaskContent", Dw.Script);
            Assert.Contains(expected, (await _c.SendAsync(r)).DiFail());
        }

        [Fact]
        public async Task A_TaskType_that_is_no_documented_value_is_Invalid_DI_Parameter()
        {
            var r = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_BATCH").Q("TaskParam", Dw.TaskParam())
                .Q("TaskName", Dw.UniqueName()).F("TaskContent", Dw.Script);
            Assert.Equal("TaskType:[DI_BATCH] is invalid; use DI_OFFLINE, DI_REALTIME or DI_SOLUTION.", (await _c.SendAsync(r)).Error(400, "Invalid.DI.Parameter").ErrorMessage);
            var update = new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_BATCH").Q("FileId", 1);
            (await _c.SendAsync(update)).Error(400, "Invalid.DI.Parameter");
        }

        [Fact]
        public async Task Required_parameters_are_MissingParameter_and_unknown_workspace_is_an_error()
        {
            var r = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE").Q("TaskParam", Dw.TaskParam()).Q("TaskName", "x");
            Assert.Contains("TaskContent", (await _c.SendAsync(r)).Error(400, "MissingParameter").ErrorMessage);
            (await Dw.CreateTaskRawAsync(_c, 99999, Dw.UniqueName())).Error(400, "Invalid.Tenant.ProjectNotExists");
        }

        [Fact]
        public async Task UpdateDISyncTask_replaces_content_verbatim_and_checks_the_resource_group()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName());
            string content = Dw.ScriptReading("dh_mysql").Replace("\"concurrent\":2", "\"concurrent\":  3");
            var ok = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", "DI_OFFLINE")
                .Q("TaskContent", content).Q("TaskParam", "{\"ResourceGroup\":\"S_res_group_XXX\",\"Cu\":1.5}"));
            Assert.Equal("success", ok.Ok()["Data"]["Status"].GetValue<string>());
            Assert.Equal(content, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["Content"].GetValue<string>());

            var badGroup = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", "DI_OFFLINE")
                .Q("TaskParam", "{\"ResourceGroup\":\"S_res_group_XXX_nope\"}"));
            Assert.Equal("ResourceGroup:[S_res_group_XXX_nope] is invalid.", badGroup.DiFail());
            var badFile = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", 100).Q("TaskType", "DI_OFFLINE"));
            Assert.Equal("fileId:[100] is invalid.", badFile.DiFail());
            var badDs = await _c.SendAsync(new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("FileId", fileId).Q("TaskType", "DI_OFFLINE")
                .F("TaskContent", Dw.ScriptReading("nope_ds")));
            Assert.StartsWith("Datasource:[nope_ds]", badDs.DiFail());
            Assert.Equal(content, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["Content"].GetValue<string>());
        }
    }
}
