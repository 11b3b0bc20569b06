using System;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// Each error code the DI pages document, with its HTTP status, produced by the request that causes it
    /// (docs/emulator.md, "Error codes"): Invalid.DI.Parameter 400, Invalid.DI.Parameter.File.Existed 400,
    /// Forbidden.DI.NoPrivilege 403, InternalError.DI.Parameter 500, Param.Invalid 400 (Stop/TerminateDISyncInstance).
    /// </summary>
    public sealed class DocumentedErrorCodeTests : IClassFixture<RealtimeEmulator>
    {
        private readonly DwClient _c;

        public DocumentedErrorCodeTests(RealtimeEmulator fixture)
        {
            _c = fixture.Client;
        }

        private static V3Request Create(string taskType, string taskParam, string name, string content = Dw.Script) =>
            new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", taskType).Q("TaskParam", taskParam).Q("TaskName", name).F("TaskContent", content);

        [Fact]
        public async Task Invalid_DI_Parameter_400_for_a_TaskParam_that_is_no_JSON_object_and_for_an_undocumented_TaskType()
        {
            var notJson = (await _c.SendAsync(Create("DI_OFFLINE", "FileFolderPath=Workflow/new_biz/Data Integration", Dw.UniqueName()))).Error(400, "Invalid.DI.Parameter");
            Assert.Equal("TaskParam is invalid: it is not valid JSON.", notJson.ErrorMessage);
            Assert.False(notJson.Body["Success"].GetValue<bool>());
            Assert.Equal("Invalid.DI.Parameter", notJson.Body["ErrorCode"].GetValue<string>());
            (await _c.SendAsync(Create("DI_BATCH", Dw.TaskParam(), Dw.UniqueName()))).Error(400, "Invalid.DI.Parameter");
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName());
            var update = new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE").Q("FileId", fileId).Q("TaskParam", "[]");
            (await _c.SendAsync(update)).Error(400, "Invalid.DI.Parameter");
            (await Rt.GenerateRawAsync(_c, Rt.Param(), taskType: "DI_STREAM")).Error(400, "Invalid.DI.Parameter");
        }

        [Fact]
        public async Task Invalid_DI_Parameter_File_Existed_400_for_a_second_task_of_the_same_name_in_the_folder()
        {
            string name = Dw.UniqueName("twice");
            await Dw.CreateTaskAsync(_c, Dw.Standard, name);
            var r = (await _c.SendAsync(Create("DI_OFFLINE", Dw.TaskParam(), name))).Error(400, "Invalid.DI.Parameter.File.Existed");
            Assert.Contains(name, r.ErrorMessage);
        }

        [Fact]
        public async Task Forbidden_DI_NoPrivilege_403_for_a_DI_operation_on_a_workspace_the_key_may_not_use()
        {
            Key limited = await _c.CreateKeyAsync(projectIds: new long[] { Dw.Basic });
            var di = new V3Request { Action = "CreateDISyncTask", Key = limited }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE")
                .Q("TaskParam", Dw.TaskParam()).Q("TaskName", Dw.UniqueName("forbidden")).F("TaskContent", Dw.Script);
            (await _c.SendAsync(di)).Error(403, "Forbidden.DI.NoPrivilege");
            // The DataWorks pages' 403 for the other operations; the allowed workspace works; listings show only it.
            (await _c.CallAsync("GetProject", limited, ("ProjectId", Dw.Standard))).Error(403, "Forbidden.Access");
            (await _c.CallAsync("GetProject", limited, ("ProjectId", Dw.Basic))).Ok();
            var projects = (await _c.SendAsync(new V3Request { Action = "ListProjects", Key = limited })).Ok()["PageResult"];
            Assert.Equal(1, projects["TotalCount"].GetValue<int>());
            Assert.Equal(Dw.Basic, projects["ProjectList"][0]["ProjectId"].GetValue<long>());
        }

        [Fact]
        public async Task Param_Invalid_400_for_Stop_and_TerminateDISyncInstance_with_a_TaskType_they_do_not_take()
        {
            long realtime = await Rt.NewTaskAsync(_c);
            foreach (string action in new[] { "StopDISyncInstance", "TerminateDISyncInstance", "DeleteDISyncTask" })
            {
                foreach (string taskType in new[] { "DI_SOLUTION", "DI_OFFLINE", "DI_WHATEVER" })
                {
                    var r = (await Rt.TaskCallAsync(_c, action, realtime, taskType)).Error(400, "Param.Invalid");
                    Assert.StartsWith("The parameter is invalid.", r.ErrorMessage);
                }
            }
        }

        [Fact]
        public async Task InternalError_DI_Parameter_500_when_a_DI_operation_fails_inside_the_service()
        {
            // Every call drawn into the 5xx band; the first half of the band is the 500.
            await using var faulty = await TestEmulator.StartAsync(o =>
            {
                o.Faults.ServerErrorRatio = 1;
                o.Faults.Seed = 42;
            });
            bool sawDi500 = false, sawOther500 = false;
            for (int i = 0; i < 40 && !(sawDi500 && sawOther500); i++)
            {
                var di = await faulty.Client.SendAsync(new V3Request { Action = "QueryDISyncTaskConfigProcessResult" }
                    .Q("ProjectId", Dw.Standard).Q("TaskType", "DI_REALTIME").Q("AsyncProcessId", 1));
                if (di.Status == 500)
                {
                    di.Error(500, "InternalError.DI.Parameter");
                    sawDi500 = true;
                }
                else
                {
                    di.Error(503, "ServiceUnavailable");
                }
                var other = await faulty.Client.SendAsync(new V3Request { Action = "ListProjects" });
                if (other.Status == 500)
                {
                    other.Error(500, "InternalError.System");
                    sawOther500 = true;
                }
            }
            Assert.True(sawDi500 && sawOther500);
        }
    }
}
