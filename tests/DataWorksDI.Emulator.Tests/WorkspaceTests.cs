using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Workspaces, resource groups, data sources, folders and paging.</summary>
    public sealed class WorkspaceTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public WorkspaceTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Theory]
        [InlineData(10000, 3, new[] { "DEV", "PROD" })]
        [InlineData(10001, 2, new[] { "PROD" })]
        [InlineData(181565, 3, new[] { "DEV", "PROD" })]
        public async Task GetProject_reports_the_mode(long projectId, int mode, string[] envTypes)
        {
            var data = (await _c.SendAsync(new V3Request { Action = "GetProject" }.Q("ProjectId", projectId))).Ok()["Data"];
            Assert.Equal(mode, data["ProjectMode"].GetValue<int>());
            Assert.Equal(envTypes, data["EnvTypes"].AsArray().Select(e => e.GetValue<string>()).ToArray());
            Assert.Equal(projectId, data["ProjectId"].GetValue<long>());
        }

        [Fact]
        public async Task GetProject_by_identifier_and_unknown_workspace()
        {
            var data = (await _c.CallAsync("GetProject", ("ProjectIdentifier", "emulator_standard"))).Ok()["Data"];
            Assert.Equal(10000, data["ProjectId"].GetValue<long>());
            (await _c.CallAsync("GetProject", ("ProjectId", 42))).Error(400, "Invalid.Tenant.ProjectNotExists");
            (await _c.CallAsync("GetProject", ("ProjectId", 10000), ("ProjectIdentifier", "emulator_basic"))).Error(400, "InvalidParameter");
        }

        [Fact]
        public async Task ListProjects_pages_through_PageResult()
        {
            var ids = new System.Collections.Generic.List<long>();
            for (int page = 1; page <= 3; page++)
            {
                var result = (await _c.SendAsync(new V3Request { Action = "ListProjects" }.Q("PageNumber", page).Q("PageSize", 4))).Ok()["PageResult"];
                Assert.Equal(6, result["TotalCount"].GetValue<int>());
                Assert.Equal(page, result["PageNumber"].GetValue<int>());
                ids.AddRange(result["ProjectList"].AsArray().Select(p => p["ProjectId"].GetValue<long>()));
            }
            Assert.Equal(new long[] { 2043, 10000, 10001, 63845, 78837, 181565 }, ids.ToArray());
        }

        [Fact]
        public async Task ListResourceGroups_defaults_to_scheduling_groups_and_filters_by_type_and_keyword()
        {
            // S_res_group_XXX is a scheduling group too: Alibaba's sample sets it as UpdateFile's ResourceGroupIdentifier.
            var scheduling = (await _c.SendAsync(new V3Request { Action = "ListResourceGroups" })).Ok()["Data"].AsArray();
            Assert.Equal(new[] { "default_group", "S_res_group_XXX" }, scheduling.Select(g => g["Identifier"].GetValue<string>()).ToArray());
            Assert.All(scheduling, g => Assert.Equal("1", g["ResourceGroupType"].GetValue<string>()));

            var di = (await _c.SendAsync(new V3Request { Action = "ListResourceGroups" }.Q("ResourceGroupType", 4))).Ok()["Data"].AsArray()
                .Select(g => g["Identifier"].GetValue<string>()).ToArray();
            Assert.Contains("S_res_group_280749521950784_1602767279794", di);
            Assert.Contains("S_res_group_XXX", di);
            Assert.Contains("S_res_group_XXX_XXXX", di);
            // The real-time example's setting.resourceGroup (an exclusive scheduling group too) is a DI group.
            Assert.Contains("S_res_group_280749521950784_1623033752022", di);
            Assert.DoesNotContain("default_group", di);

            var keyword = (await _c.SendAsync(new V3Request { Action = "ListResourceGroups" }.Q("ResourceGroupType", 4).Q("Keyword", "abc"))).Ok()["Data"].AsArray();
            Assert.Equal("S_res_group_XXX_XXXX", Assert.Single(keyword)["Identifier"].GetValue<string>());
        }

        [Fact]
        public async Task ListDataSources_filters_and_pages_with_GET()
        {
            async Task<System.Text.Json.Nodes.JsonNode> List(params (string, object)[] q)
            {
                var r = new V3Request { Method = "GET", Action = "ListDataSources" }.Q("ProjectId", Dw.Standard);
                foreach (var (n, v) in q) r.Q(n, v);
                return (await _c.SendAsync(r)).Ok()["Data"];
            }
            var all = await List(("PageSize", 100));
            Assert.Equal(14, all["TotalCount"].GetValue<int>()); // 7 names × dev+prod
            var prod = await List(("EnvType", 1), ("PageSize", 100));
            Assert.Contains("mysql_autotest_dev", prod["DataSources"].AsArray().Select(d => d["Name"].GetValue<string>()));
            var autotest = await List(("Name", "mysql_autotest_dev"));
            Assert.Equal(new[] { 0, 1 }, autotest["DataSources"].AsArray().Select(d => d["EnvType"].GetValue<int>()).OrderBy(e => e).ToArray());
            var page2 = await List(("PageNumber", 2), ("PageSize", 4));
            Assert.Equal(4, page2["DataSources"].AsArray().Count);
            var page4 = await List(("PageNumber", 4), ("PageSize", 4));
            Assert.Equal(2, page4["DataSources"].AsArray().Count);
            var odps = await List(("DataSourceType", "odps"), ("EnvType", 0));
            Assert.Equal(new[] { "odps_source", "odps_first" }, odps["DataSources"].AsArray().Select(d => d["Name"].GetValue<string>()).ToArray());
            (await _c.SendAsync(new V3Request { Method = "GET", Action = "ListDataSources" })).Error(400, "MissingParameter");
        }

        [Fact]
        public async Task Folders_are_created_read_back_and_listed_as_direct_children()
        {
            string path = "Business Flow/" + Dw.UniqueName("flow") + "/Data Integration/sub";
            string id = (await _c.CallAsync("CreateFolder", ("ProjectId", Dw.Standard), ("FolderPath", path))).Ok()["Data"].GetValue<string>();
            var byId = (await _c.CallAsync("GetFolder", ("ProjectId", Dw.Standard), ("FolderId", id))).Ok()["Data"];
            Assert.Equal(path, byId["FolderPath"].GetValue<string>());
            (await _c.CallAsync("CreateFolder", ("ProjectId", Dw.Standard), ("FolderPath", path))).Error(400, "Invalid.Tenant.FolderExists");
            (await _c.CallAsync("CreateFolder", ("ProjectId", Dw.Standard), ("FolderPath", "Nowhere/x"))).Error(400, "Invalid.Tenant.FolderPathInvalid");

            string parent = path.Substring(0, path.LastIndexOf('/'));
            var children = (await _c.CallAsync("ListFolders", ("ProjectId", Dw.Standard), ("ParentFolderPath", parent), ("PageNumber", 1), ("PageSize", 10))).Ok()["Data"];
            Assert.Equal(path, Assert.Single(children["Folders"].AsArray())["FolderPath"].GetValue<string>());

            // A task can be created in the new DI subfolder at once.
            await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName(), taskParam: Dw.TaskParam(path));

            var workflows = (await _c.CallAsync("ListFolders", ("ProjectId", Dw.Standard), ("ParentFolderPath", "Workflow"), ("PageNumber", 1), ("PageSize", 10))).Ok()["Data"];
            Assert.Equal(new[] { "Workflow/Automated_Testing_Workspace_Do_Not_Modify", "Workflow/new_biz" },
                workflows["Folders"].AsArray().Select(f => f["FolderPath"].GetValue<string>()).ToArray());
            (await _c.CallAsync("ListFolders", ("ProjectId", Dw.Standard), ("ParentFolderPath", "Workflow"))).Error(400, "MissingParameter");
            (await _c.CallAsync("ListFolders", ("ProjectId", Dw.Standard), ("ParentFolderPath", "Workflow/none"), ("PageNumber", 1), ("PageSize", 10)))
                .Error(400, "Invalid.Tenant.FolderNotExists");
            (await _c.CallAsync("GetFolder", ("ProjectId", Dw.Standard), ("FolderPath", "Workflow/none"))).Error(400, "Invalid.Tenant.FolderNotExists");
        }

        [Fact]
        public async Task ListFiles_pages_and_filters()
        {
            string flow = Dw.UniqueName("pg");
            string folder = "Workflow/" + flow + "/Data Integration";
            (await _c.CallAsync("CreateFolder", ("ProjectId", Dw.Basic), ("FolderPath", folder))).Ok();
            var ids = new System.Collections.Generic.List<long>();
            for (int i = 0; i < 5; i++) ids.Add(await Dw.CreateTaskAsync(_c, Dw.Basic, "file_" + i, taskParam: Dw.TaskParam(folder)));

            var seen = new System.Collections.Generic.List<long>();
            for (int page = 1; page <= 3; page++)
            {
                var data = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("FileFolderPath", "Workflow/" + flow), ("PageNumber", page), ("PageSize", 2))).Ok()["Data"];
                Assert.Equal(5, data["TotalCount"].GetValue<int>());
                foreach (var f in data["Files"].AsArray())
                {
                    seen.Add(f["FileId"].GetValue<long>());
                    Assert.Null(f["Content"]);
                }
            }
            Assert.Equal(ids, seen);
            var exact = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("FileFolderPath", folder), ("ExactFileName", "file_3"), ("FileTypes", "23,900"),
                ("NeedContent", true), ("NeedAbsoluteFolderPath", true))).Ok()["Data"]["Files"].AsArray();
            var one = Assert.Single(exact);
            Assert.Equal(ids[3], one["FileId"].GetValue<long>());
            Assert.Equal(Dw.Script, one["Content"].GetValue<string>());
            Assert.Equal(folder, one["AbsoluteFolderPath"].GetValue<string>());
            var none = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("FileFolderPath", folder), ("FileTypes", "10"))).Ok()["Data"];
            Assert.Equal(0, none["TotalCount"].GetValue<int>());
            var keyword = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("FileFolderPath", folder), ("Keyword", "LE_1"))).Ok()["Data"];
            Assert.Equal(ids[1], Assert.Single(keyword["Files"].AsArray())["FileId"].GetValue<long>());
            (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("PageSize", 101))).Error(400, "InvalidParameter");
            (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("PageNumber", 0))).Error(400, "InvalidParameter");
        }
    }
}
