using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Emulator.State;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// What Alibaba's samples assume of the tenant (issue 10): the 78837/zxy_8221431 pair, S_res_group_XXX as a scheduling
    /// group, two default outputs per new node (either usable downstream), CreateDISyncTask without TaskName or TaskParam.
    /// </summary>
    public sealed class SampleTenantTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public SampleTenantTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Fact]
        public async Task Workspace_78837_is_zxy_8221431_in_standard_mode_and_the_pair_is_accepted()
        {
            var data = (await _c.CallAsync("GetProject", ("ProjectId", 78837), ("ProjectIdentifier", "zxy_8221431"))).Ok()["Data"];
            Assert.Equal("zxy_8221431", data["ProjectIdentifier"].GetValue<string>());
            Assert.Equal(3, data["ProjectMode"].GetValue<int>());
            (await _c.CallAsync("GetProject", ("ProjectId", 78837), ("ProjectIdentifier", "dw_project_78837"))).Error(400, "InvalidParameter");
        }

        [Fact]
        public async Task A_new_node_has_two_default_outputs_and_a_downstream_node_may_name_either()
        {
            string name = Dw.UniqueName("upstream");
            long up = await Dw.CreateTaskAsync(_c, Dw.Standard, name);
            var outputs = (await Dw.GetFileAsync(_c, Dw.Standard, up))["NodeConfiguration"]["OutputList"].AsArray().Select(o => o["Output"].GetValue<string>()).ToArray();
            Assert.Equal(new[] { "emulator_standard." + name, "emulator_standard." + up + "_out" }, outputs);

            long byName = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("down_a"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", byName), ("InputList", "emulator_standard." + name))).Ok();
            long byOut = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("down_b"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", byOut), ("InputList", "emulator_standard." + up + "_out"))).Ok();

            // The same name in another folder: the name output is taken, so that node gets the _out output only.
            long twin = await Dw.CreateTaskAsync(_c, Dw.Standard, name, taskParam: Dw.TaskParam("Business Flow/XXX/Data Integration"));
            var twinOutputs = (await Dw.GetFileAsync(_c, Dw.Standard, twin))["NodeConfiguration"]["OutputList"].AsArray().Select(o => o["Output"].GetValue<string>()).ToArray();
            Assert.Equal(new[] { "emulator_standard." + twin + "_out" }, twinOutputs);
        }

        [Fact]
        public async Task CreateDISyncTask_without_TaskName_or_TaskParam_uses_the_documented_defaults()
        {
            var r = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", 181565).Q("TaskType", "DI_OFFLINE").F("TaskContent", Dw.Script);
            long fileId = (await _c.SendAsync(r)).Ok()["Data"]["FileId"].GetValue<long>();
            var file = (await Dw.GetFileAsync(_c, 181565, fileId))["File"];
            Assert.Equal("di_offline_" + fileId, file["FileName"].GetValue<string>());
            // The workspace's first Data Integration folder by path, the workspace's default DI resource group.
            string folderId = (await _c.CallAsync("GetFolder", ("ProjectId", 181565), ("FolderPath", "Business Flow/XXX/Data Integration"))).Ok()["Data"]["FolderId"].GetValue<string>();
            Assert.Equal(folderId, file["FileFolderId"].GetValue<string>());
            var versions = await Dw.VersionsAsync(_c, 181565, fileId);
            Assert.Empty(versions);
            long submitted = await Dw.SubmitAsync(_c, 181565, fileId);
            await Dw.WaitAsync(_c, 181565, submitted);
            string props = (await Dw.VersionsAsync(_c, 181565, fileId))[0]["FilePropertyContent"].GetValue<string>();
            Assert.Contains("\"resourceGroup\":\"S_res_group_280749521950784_1602767279794\"", props);

            // A TaskParam without ResourceGroup takes the default too; one with only a folder works.
            var onlyFolder = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", 181565).Q("TaskType", "DI_OFFLINE").Q("TaskName", Dw.UniqueName())
                .Q("TaskParam", "{\"FileFolderPath\":\"Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration\"}").F("TaskContent", Dw.Script);
            Assert.Equal("success", (await _c.SendAsync(onlyFolder)).Ok()["Data"]["Status"].GetValue<string>());
        }

        [Fact]
        public async Task S_res_group_XXX_is_a_scheduling_group_for_UpdateFile()
        {
            long fileId = await Dw.CreateTaskAsync(_c, 181565, Dw.UniqueName(), taskParam: Dw.TaskParam("Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration", "S_res_group_XXX"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", 181565), ("FileId", fileId), ("ResourceGroupIdentifier", "S_res_group_XXX"))).Ok();
            Assert.Equal(1000004, (await Dw.GetFileAsync(_c, 181565, fileId))["NodeConfiguration"]["ResourceGroupId"].GetValue<long>());
        }

        [Fact]
        public async Task A_data_directory_from_before_the_correction_gets_the_sample_identifier_and_the_production_copy()
        {
            string dir = TestEmulator.NewDataDirectory();
            await (await TestEmulator.StartAsync(dataDirectory: dir)).Running.DisposeAsync();
            using (var db = new SqliteConnection("Data Source=" + Path.Combine(dir, Store.DatabaseFileName) + ";Pooling=False"))
            {
                db.Open();
                using var cmd = db.CreateCommand();
                // The state an older emulator left: 78837 named dw_project_78837, mysql_autotest_dev development-only.
                cmd.CommandText = "UPDATE workspaces SET identifier = 'dw_project_78837' WHERE project_id = 78837; DELETE FROM data_sources WHERE name = 'mysql_autotest_dev' AND env_type = 1;";
                cmd.ExecuteNonQuery();
            }
            await using var restarted = await TestEmulator.StartAsync(dataDirectory: dir);
            var c = restarted.Client;
            Assert.Equal("zxy_8221431", (await c.CallAsync("GetProject", ("ProjectId", 78837))).Ok()["Data"]["ProjectIdentifier"].GetValue<string>());
            var prod = (await c.SendAsync(new V3Request { Method = "GET", Action = "ListDataSources" }.Q("ProjectId", 78837).Q("Name", "mysql_autotest_dev").Q("EnvType", 1))).Ok()["Data"];
            Assert.Equal(1, prod["TotalCount"].GetValue<int>());
        }
    }
}
