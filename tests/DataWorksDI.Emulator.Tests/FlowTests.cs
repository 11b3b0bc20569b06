using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>The documented create → schedule → submit → deploy → delete flows in both workspace modes.</summary>
    public sealed class FlowTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public FlowTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        private async Task Schedule(long projectId, long fileId)
        {
            var ws = (await _c.CallAsync("GetProject", ("ProjectId", projectId))).Ok()["Data"]["ProjectIdentifier"].GetValue<string>();
            (await _c.CallAsync("UpdateFile", ("ProjectId", projectId), ("FileId", fileId), ("CronExpress", "00 30 05 * * ?"),
                ("InputList", ws + "_root"), ("RerunMode", "FAILURE_ALLOWED"), ("AutoRerunTimes", 2), ("AutoRerunIntervalMillis", 60000),
                ("ResourceGroupIdentifier", "S_res_group_280749521950784_1623033752022"), ("ParaValue", "bizdate=$bizdate"))).Ok();
        }

        [Fact]
        public async Task Standard_mode_submit_then_deploy_reaches_production()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("std"));
            await Schedule(Dw.Standard, fileId);

            long submitId = await Dw.SubmitAsync(_c, Dw.Standard, fileId, ("Comment", "first commit"));
            var pending = (await _c.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", submitId))).Ok()["Data"];
            Assert.Equal(0, pending["Deployment"]["Status"].GetValue<int>());
            Assert.Null(pending["Deployment"]["CheckingStatus"]);

            // DeployFile before the submit package finished: "can not pack".
            var early = (await _c.CallAsync("DeployFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.CanNotPack");
            Assert.StartsWith("can not pack", early.ErrorMessage);

            var submitted = await Dw.WaitAsync(_c, Dw.Standard, submitId);
            Assert.Equal(1, submitted["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(0, submitted["Deployment"]["FromEnvironment"].GetValue<int>());
            Assert.Equal(1, submitted["Deployment"]["ToEnvironment"].GetValue<int>());
            var item = Assert.Single(submitted["DeployedItems"].AsArray());
            Assert.Equal(fileId, item["FileId"].GetValue<long>());
            Assert.Equal(1, item["FileVersion"].GetValue<long>());
            Assert.Equal(1, item["Status"].GetValue<int>());

            var file = await Dw.GetFileAsync(_c, Dw.Standard, fileId);
            long nodeId = file["File"]["NodeId"].GetValue<long>();
            Assert.True(nodeId > 0);
            Assert.Equal(1, file["File"]["CommitStatus"].GetValue<int>());
            Assert.Equal(1, file["File"]["CurrentVersion"].GetValue<int>());
            var v1 = Assert.Single(await Dw.VersionsAsync(_c, Dw.Standard, fileId));
            Assert.Equal("CREATE", v1["ChangeType"].GetValue<string>());
            Assert.Equal("COMMITTED", v1["Status"].GetValue<string>());
            Assert.False(v1["IsCurrentProd"].GetValue<bool>());
            Assert.Equal("first commit", v1["Comment"].GetValue<string>());
            Assert.Contains("\"cronExpress\":\"00 30 05 * * ?\"", v1["NodeContent"].GetValue<string>());
            Assert.Contains("\"cycleType\":0", v1["NodeContent"].GetValue<string>());

            long deployId = await Dw.DeployAsync(_c, Dw.Standard, fileId);
            var deployed = await Dw.WaitAsync(_c, Dw.Standard, deployId);
            Assert.Equal(1, deployed["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(1, deployed["Deployment"]["FromEnvironment"].GetValue<int>());
            Assert.Equal(2, deployed["Deployment"]["ToEnvironment"].GetValue<int>());
            Assert.True(deployed["Deployment"]["ExecuteTime"].GetValue<long>() >= deployed["Deployment"]["CreateTime"].GetValue<long>());
            var prod = Assert.Single(await Dw.VersionsAsync(_c, Dw.Standard, fileId));
            Assert.True(prod["IsCurrentProd"].GetValue<bool>());
            Assert.Equal("DEPLOYED", prod["Status"].GetValue<string>());
            Assert.Equal(nodeId, prod["NodeId"].GetValue<long>());

            // Nothing new to deploy now; GetFile by NodeId and DeployFile by NodeId address the same file.
            (await _c.CallAsync("DeployFile", ("ProjectId", Dw.Standard), ("NodeId", nodeId))).Error(400, "Invalid.Tenant.NothingToDeploy");
            Assert.Equal(fileId, (await _c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("NodeId", nodeId))).Ok()["Data"]["File"]["FileId"].GetValue<long>());
            await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("nodeless")); // another file, so the NodeId filter has one to leave out
            var byNode = (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("NodeId", nodeId))).Ok()["Data"]["Files"].AsArray();
            Assert.Equal(fileId, Assert.Single(byNode)["FileId"].GetValue<long>());

            // A change: UPDATE version, CommitStatus back to 0 until submitted.
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("FileDescription", "v2"))).Ok();
            Assert.Equal(0, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["CommitStatus"].GetValue<int>());
            await Dw.WaitAsync(_c, Dw.Standard, await Dw.SubmitAsync(_c, Dw.Standard, fileId));
            var versions = await Dw.VersionsAsync(_c, Dw.Standard, fileId);
            Assert.Equal(new[] { 2, 1 }, versions.Select(v => v["FileVersion"].GetValue<int>()).ToArray());
            Assert.Equal("UPDATE", versions[0]["ChangeType"].GetValue<string>());
            Assert.False(versions[0]["IsCurrentProd"].GetValue<bool>());
            Assert.True(versions[1]["IsCurrentProd"].GetValue<bool>());

            var list = (await _c.CallAsync("ListDeployments", ("ProjectId", Dw.Standard), ("Keyword", file["File"]["FileName"].GetValue<string>()), ("PageSize", 100))).Ok();
            Assert.Null(list["Success"]);
            Assert.Equal(3, list["Data"]["TotalCount"].GetValue<long>());
            Assert.Equal(new[] { deployId + 1, deployId, submitId }, list["Data"]["Deployments"].AsArray().Select(d => d["Id"].GetValue<long>()).ToArray());
        }

        [Fact]
        public async Task Basic_mode_submit_goes_straight_to_production_and_DeployFile_is_refused()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Basic, Dw.UniqueName("basic"));
            await Schedule(Dw.Basic, fileId);
            long submitId = await Dw.SubmitAsync(_c, Dw.Basic, fileId);
            var done = await Dw.WaitAsync(_c, Dw.Basic, submitId);
            Assert.Equal(1, done["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(2, done["Deployment"]["ToEnvironment"].GetValue<int>());
            var v = Assert.Single(await Dw.VersionsAsync(_c, Dw.Basic, fileId));
            Assert.True(v["IsCurrentProd"].GetValue<bool>());
            Assert.Equal("DEPLOYED", v["Status"].GetValue<string>());
            var refused = (await _c.CallAsync("DeployFile", ("ProjectId", Dw.Basic), ("FileId", fileId))).Error(400, "Invalid.Tenant.ProjectModeNotSupported");
            Assert.Contains("basic mode", refused.ErrorMessage);
            Assert.False(refused.Body["Success"].GetValue<bool>());
            Assert.Equal("Invalid.Tenant.ProjectModeNotSupported", refused.Body["ErrorCode"].GetValue<string>());
        }

        [Fact]
        public async Task Deleting_a_never_committed_file_removes_it_without_a_deployment()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("del0"));
            var body = (await _c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Ok();
            Assert.True(body["Success"].GetValue<bool>());
            Assert.Null(body["DeploymentId"]);
            (await _c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.FileNotExists");
        }

        [Fact]
        public async Task Basic_mode_deletion_of_a_committed_file_finishes_with_its_deployment()
        {
            string name = Dw.UniqueName("delb");
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Basic, name);
            await Dw.WaitAsync(_c, Dw.Basic, await Dw.SubmitAsync(_c, Dw.Basic, fileId));
            long deletion = (await _c.CallAsync("DeleteFile", ("ProjectId", Dw.Basic), ("FileId", fileId))).Ok()["DeploymentId"].GetValue<long>();
            Assert.Equal("RECYCLE_BIN", (await Dw.GetFileAsync(_c, Dw.Basic, fileId))["File"]["DeletedStatus"].GetValue<string>());
            var done = await Dw.WaitAsync(_c, Dw.Basic, deletion);
            Assert.Equal(1, done["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(2, done["Deployment"]["ToEnvironment"].GetValue<int>());
            Assert.Equal("DELETED", (await Dw.GetFileAsync(_c, Dw.Basic, fileId))["File"]["DeletedStatus"].GetValue<string>());
            var versions = await Dw.VersionsAsync(_c, Dw.Basic, fileId);
            Assert.Equal("DELETE", versions[0]["ChangeType"].GetValue<string>());
            Assert.True(versions[0]["IsCurrentProd"].GetValue<bool>());
            // The name is free again, and the deleted file is no longer listed.
            Assert.Equal(0, (await _c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("ExactFileName", name))).Ok()["Data"]["TotalCount"].GetValue<int>());
            await Dw.CreateTaskAsync(_c, Dw.Basic, name);
        }

        [Fact]
        public async Task Standard_mode_deletion_reaches_production_only_after_DeployFile()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("dels"));
            await Dw.WaitAsync(_c, Dw.Standard, await Dw.SubmitAsync(_c, Dw.Standard, fileId));
            await Dw.WaitAsync(_c, Dw.Standard, await Dw.DeployAsync(_c, Dw.Standard, fileId));

            long deletion = (await _c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Ok()["DeploymentId"].GetValue<long>();
            (await _c.CallAsync("DeployFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.CanNotPack");
            var deleted = await Dw.WaitAsync(_c, Dw.Standard, deletion);
            Assert.Equal(1, deleted["Deployment"]["ToEnvironment"].GetValue<int>());

            // In development only: production still runs version 1.
            Assert.Equal("RECYCLE_BIN", (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["DeletedStatus"].GetValue<string>());
            var versions = await Dw.VersionsAsync(_c, Dw.Standard, fileId);
            Assert.Equal("DELETE", versions[0]["ChangeType"].GetValue<string>());
            Assert.False(versions[0]["IsCurrentProd"].GetValue<bool>());
            Assert.True(versions[1]["IsCurrentProd"].GetValue<bool>());

            var pushed = await Dw.WaitAsync(_c, Dw.Standard, await Dw.DeployAsync(_c, Dw.Standard, fileId));
            Assert.Equal(1, pushed["Deployment"]["Status"].GetValue<int>());
            Assert.Equal("DELETED", (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["DeletedStatus"].GetValue<string>());
            Assert.True((await Dw.VersionsAsync(_c, Dw.Standard, fileId))[0]["IsCurrentProd"].GetValue<bool>());
            (await _c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.FileDeleted");
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("FileDescription", "x"))).Error(400, "Invalid.Tenant.FileDeleted");
        }

        [Fact]
        public async Task UpdateFile_refuses_only_a_call_in_which_no_supplied_value_changes()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("same"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("RerunMode", "ALL_DENIED"), ("AutoRerunTimes", 5))).Ok();
            var same = (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("RerunMode", "ALL_DENIED"), ("AutoRerunTimes", 5)))
                .Error(400, "Invalid.Tenant.DataUnchanged");
            Assert.StartsWith("invalid data", same.ErrorMessage);
            Assert.Contains("RerunMode", same.ErrorMessage);
            Assert.Contains("AutoRerunTimes", same.ErrorMessage);
            // One changed value is enough: the equal ones are accepted as they are, the changed one is applied.
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("AutoRerunTimes", 7), ("RerunMode", "ALL_DENIED"))).Ok();
            var n = (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["NodeConfiguration"];
            Assert.Equal(7, n["AutoRerunTimes"].GetValue<int>());
            Assert.Equal("ALL_DENIED", n["RerunMode"].GetValue<string>());
            // A value equal to a new node's default counts as supplied-but-unchanged, not as a refusal.
            long fresh = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("fresh"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fresh), ("AutoRerunTimes", 3), ("Stop", false), ("CycleType", "DAY"),
                ("SchedulerType", "NORMAL"), ("StartEffectDate", 0), ("FileDescription", "changed"))).Ok();
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fresh), ("AutoRerunTimes", 3), ("Stop", false))).Error(400, "Invalid.Tenant.DataUnchanged");
            // Invalid values are refused even next to a change.
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fresh), ("AutoRerunTimes", 4), ("RerunMode", "SOMETIMES"))).Error(400, "InvalidParameter");
            Assert.Equal(3, (await Dw.GetFileAsync(_c, Dw.Standard, fresh))["NodeConfiguration"]["AutoRerunTimes"].GetValue<int>());
        }

        [Fact]
        public async Task DependentNodeIdList_is_checked_only_for_USER_DEFINE()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("deps"));
            // SELF with node ids (as Alibaba's sample sends them): kept as sent, not checked.
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("DependentType", "SELF"), ("DependentNodeIdList", "5,10,15,20"))).Ok();
            Assert.Equal("5,10,15,20", (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["NodeConfiguration"]["DependentNodeIdList"].GetValue<string>());
            // USER_DEFINE: the ids are required and must name existing nodes.
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("DependentType", "USER_DEFINE"))).Error(400, "Invalid.Tenant.InvalidNodeConfig");
            var r = (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("DependentType", "USER_DEFINE"), ("DependentNodeIdList", "")))
                .Error(400, "Invalid.Tenant.InvalidNodeConfig");
            Assert.Contains("required when DependentType is USER_DEFINE", r.ErrorMessage);
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("DependentNodeIdList", "a,b"))).Error(400, "InvalidParameter");
        }

        [Theory]
        [InlineData("InputList", "nobody_root", "Invalid.Tenant.NodeInputNotExists")]
        [InlineData("CronExpress", "00 30 05 * *", "Invalid.Tenant.InvalidNodeConfig")]
        [InlineData("CronExpress", "00 00/2 * * * ?", "Invalid.Tenant.InvalidNodeConfig")]
        [InlineData("CronExpress", "00 15 * * * ?", "Invalid.Tenant.InvalidNodeConfig")]  // hourly while CycleType stays DAY
        [InlineData("AutoRerunIntervalMillis", "1800001", "Invalid.Tenant.InvalidNodeConfig")]
        [InlineData("RerunMode", "SOMETIMES", "InvalidParameter")]
        [InlineData("ResourceGroupIdentifier", "S_res_group_XXX_XXXX", "Invalid.Tenant.ResourceGroupNotExists")]  // a DI group only
        [InlineData("FileFolderPath", "Workflow/new_biz/MaxCompute", "Invalid.Tenant.FolderPathInvalid")]
        [InlineData("FileFolderPath", "Workflow/none/Data Integration", "Invalid.Tenant.FolderNotExists")]
        [InlineData("ParaValue", "a = b", "Invalid.Tenant.InvalidNodeConfig")]
        public async Task UpdateFile_rejects_invalid_values(string name, string value, string code)
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("bad"));
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), (name, value))).Error(400, code);
        }

        [Fact]
        public async Task UpdateFile_renames_and_moves_with_duplicate_checks()
        {
            string a = Dw.UniqueName("a"), b = Dw.UniqueName("b");
            long fa = await Dw.CreateTaskAsync(_c, Dw.Standard, a);
            long fb = await Dw.CreateTaskAsync(_c, Dw.Standard, b);
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fb), ("FileName", a))).Error(400, "Invalid.DI.Parameter.File.Existed");
            const string target = "Business_process/First_Business_Process/data_integration/Folder_1/Folder_2";
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fb), ("FileFolderPath", target), ("FileName", a))).Ok();
            var moved = await Dw.GetFileAsync(_c, Dw.Standard, fb);
            Assert.Equal(a, moved["File"]["FileName"].GetValue<string>());
            string targetId = (await _c.CallAsync("GetFolder", ("ProjectId", Dw.Standard), ("FolderPath", target))).Ok()["Data"]["FolderId"].GetValue<string>();
            Assert.Equal(targetId, moved["File"]["FileFolderId"].GetValue<string>());
            (await _c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fa), ("FileFolderPath", target))).Error(400, "Invalid.DI.Parameter.File.Existed");
        }

        [Fact]
        public async Task A_task_reading_mysql_autotest_dev_deploys_to_production_in_both_modes()
        {
            // No invented data-source rule fails a deployment (issue 10); failures are injected with deploymentChecks.
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("autotest"), Dw.ScriptReading("mysql_autotest_dev"));
            Assert.Equal(1, (await Dw.WaitAsync(_c, Dw.Standard, await Dw.SubmitAsync(_c, Dw.Standard, fileId)))["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(1, (await Dw.WaitAsync(_c, Dw.Standard, await Dw.DeployAsync(_c, Dw.Standard, fileId)))["Deployment"]["Status"].GetValue<int>());
            long basicFile = await Dw.CreateTaskAsync(_c, Dw.Basic, Dw.UniqueName("autotest"), Dw.ScriptReading("mysql_autotest_dev"));
            Assert.Equal(1, (await Dw.WaitAsync(_c, Dw.Basic, await Dw.SubmitAsync(_c, Dw.Basic, basicFile)))["Deployment"]["Status"].GetValue<int>());
        }

        [Fact]
        public async Task Unknown_deployment_and_file_are_errors()
        {
            (await _c.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", 1))).Error(400, "Invalid.Tenant.DeploymentNotExists");
            (await _c.CallAsync("SubmitFile", ("ProjectId", Dw.Standard), ("FileId", 1))).Error(400, "Invalid.Tenant.FileNotExists");
            (await _c.CallAsync("ListFileVersions", ("ProjectId", Dw.Standard), ("FileId", 1))).Error(400, "Invalid.Tenant.FileNotExists");
        }
    }

    /// <summary>Pre-deployment checks from the configuration: reject → Status 6; checkFail → CheckingStatus 7 with Status 0.</summary>
    public sealed class DeploymentCheckTests : IAsyncLifetime
    {
        private TestEmulator _emulator;
        private DwClient C => _emulator.Client;

        public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync(o =>
        {
            o.DeploymentChecks.Add(new Options.DeploymentCheckRule { FileNamePattern = "reject_*", Outcome = Options.DeploymentCheckOutcome.Reject });
            o.DeploymentChecks.Add(new Options.DeploymentCheckRule { FileNamePattern = "checkfail_*", Outcome = Options.DeploymentCheckOutcome.CheckFail });
            o.DeploymentChecks.Add(new Options.DeploymentCheckRule { FileNamePattern = "prodreview_*", Outcome = Options.DeploymentCheckOutcome.Reject, Stage = Options.DeploymentCheckStage.Deploy });
            o.DeploymentChecks.Add(new Options.DeploymentCheckRule { FileNamePattern = "failprod_*", Outcome = Options.DeploymentCheckOutcome.Fail, Stage = Options.DeploymentCheckStage.Deploy });
            o.DeploymentChecks.Add(new Options.DeploymentCheckRule { FileNamePattern = "failsubmit_*", Outcome = Options.DeploymentCheckOutcome.Fail, Stage = Options.DeploymentCheckStage.Submit });
        });

        [Fact]
        public async Task Fail_gives_status_2_to_production_and_in_basic_mode_and_cancels_a_failed_submit()
        {
            long fileId = await Dw.CreateTaskAsync(C, Dw.Standard, Dw.UniqueName("failprod"));
            Assert.Equal(1, (await Dw.WaitAsync(C, Dw.Standard, await Dw.SubmitAsync(C, Dw.Standard, fileId)))["Deployment"]["Status"].GetValue<int>());
            var deploy = await Dw.WaitAsync(C, Dw.Standard, await Dw.DeployAsync(C, Dw.Standard, fileId));
            Assert.Equal(2, deploy["Deployment"]["Status"].GetValue<int>());
            Assert.Contains("failprod_*", deploy["Deployment"]["ErrorMessage"].GetValue<string>());
            Assert.Equal(4, deploy["DeployedItems"][0]["Status"].GetValue<int>());
            Assert.False((await Dw.VersionsAsync(C, Dw.Standard, fileId))[0]["IsCurrentProd"].GetValue<bool>());

            long basicFile = await Dw.CreateTaskAsync(C, Dw.Basic, Dw.UniqueName("failsubmit"));
            var basic = await Dw.WaitAsync(C, Dw.Basic, await Dw.SubmitAsync(C, Dw.Basic, basicFile));
            Assert.Equal(2, basic["Deployment"]["Status"].GetValue<int>());
            Assert.Equal("CANCELLED", (await Dw.VersionsAsync(C, Dw.Basic, basicFile))[0]["Status"].GetValue<string>());
            var failed = (await C.CallAsync("ListDeployments", ("ProjectId", Dw.Basic), ("Status", 2), ("PageSize", 100))).Ok()["Data"]["Deployments"].AsArray();
            Assert.Contains(failed, d => d["ErrorMessage"].GetValue<string>().Contains("failsubmit_*"));
        }

        public async Task DisposeAsync() => await _emulator.DisposeAsync();

        [Fact]
        public async Task Reject_gives_status_6()
        {
            long fileId = await Dw.CreateTaskAsync(C, Dw.Standard, Dw.UniqueName("reject"));
            long id = await Dw.SubmitAsync(C, Dw.Standard, fileId);
            var pending = (await C.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", id))).Ok()["Data"]["Deployment"];
            Assert.Equal(8, pending["CheckingStatus"].GetValue<int>());
            var done = await Dw.WaitAsync(C, Dw.Standard, id);
            Assert.Equal(6, done["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(6, done["DeployedItems"][0]["Status"].GetValue<int>());
            Assert.Contains("reject_*", done["Deployment"]["ErrorMessage"].GetValue<string>());
            long fine = await Dw.CreateTaskAsync(C, Dw.Standard, Dw.UniqueName("fine")); // a package of status 1, for the Status filter to leave out
            Assert.Equal(1, (await Dw.WaitAsync(C, Dw.Standard, await Dw.SubmitAsync(C, Dw.Standard, fine)))["Deployment"]["Status"].GetValue<int>());
            var rejected = (await C.CallAsync("ListDeployments", ("ProjectId", Dw.Standard), ("Status", 6))).Ok()["Data"]["Deployments"].AsArray();
            Assert.Contains(rejected, d => d["Id"].GetValue<long>() == id);
            Assert.All(rejected, d => Assert.Equal(6, d["Status"].GetValue<int>()));
            (await C.CallAsync("DeployFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.NothingToDeploy");
        }

        [Fact]
        public async Task CheckFail_keeps_status_0_with_checking_status_7_and_SkipAllDeployFileExtensions_skips_it()
        {
            long fileId = await Dw.CreateTaskAsync(C, Dw.Standard, Dw.UniqueName("checkfail"));
            long id = await Dw.SubmitAsync(C, Dw.Standard, fileId);
            await Task.Delay(700);
            var d = (await C.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", id))).Ok()["Data"]["Deployment"];
            Assert.Equal(0, d["Status"].GetValue<int>());
            Assert.Equal(7, d["CheckingStatus"].GetValue<int>());
            Assert.Contains("checkfail_*", d["ErrorMessage"].GetValue<string>());
            (await C.CallAsync("DeployFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Error(400, "Invalid.Tenant.CanNotPack");

            long skipped = await Dw.SubmitAsync(C, Dw.Standard, fileId, ("SkipAllDeployFileExtensions", true));
            Assert.Equal(1, (await Dw.WaitAsync(C, Dw.Standard, skipped))["Deployment"]["Status"].GetValue<int>());
            // The deploy stage is checked too (no skip flag exists for DeployFile).
            var deploy = await Dw.WaitAsync(C, Dw.Standard, await Dw.DeployAsync(C, Dw.Standard, fileId));
            Assert.Equal(0, deploy["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(7, deploy["Deployment"]["CheckingStatus"].GetValue<int>());
        }

        [Fact]
        public async Task A_deploy_stage_rule_lets_the_submit_pass_and_rejects_the_production_deployment()
        {
            long fileId = await Dw.CreateTaskAsync(C, Dw.Standard, Dw.UniqueName("prodreview"));
            Assert.Equal(1, (await Dw.WaitAsync(C, Dw.Standard, await Dw.SubmitAsync(C, Dw.Standard, fileId)))["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(6, (await Dw.WaitAsync(C, Dw.Standard, await Dw.DeployAsync(C, Dw.Standard, fileId)))["Deployment"]["Status"].GetValue<int>());
        }
    }
}
