using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// The request shapes the official clients send (issue 10): V2 signatures next to x-acs-* headers, pop-core's
    /// all-in-body POST, and the refusal of a request that names two different actions or versions.
    /// </summary>
    public sealed class SdkRequestStyleTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public SdkRequestStyleTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        [Theory]
        [InlineData("GET", false)]
        [InlineData("POST", false)]
        [InlineData("POST", true)]
        public async Task V2_with_x_acs_action_and_version_headers_is_V2_as_the_official_clients_send_it(string method, bool businessInBody)
        {
            var r = new V2Request { Method = method, Action = "GetProject", AcsHeaders = true, BusinessInBody = businessInBody }.P("ProjectId", 78837);
            var body = (await _c.SendAsync(r)).Ok();
            Assert.Equal("zxy_8221431", body["Data"]["ProjectIdentifier"].GetValue<string>());
            var log = await _c.AdminGetAsync("/_emulator/requests?accessKeyId=" + _c.DefaultKey.Id);
            Assert.Equal("V2", log["requests"].AsArray().Last(e => e["action"]?.GetValue<string>() == "GetProject")["signatureVersion"].GetValue<string>());
        }

        [Fact]
        public async Task Pop_core_style_POST_with_every_parameter_and_the_signature_in_the_form_body()
        {
            string name = Dw.UniqueName("popcore");
            var create = new V2Request { Action = "CreateDISyncTask", AcsHeaders = true, AllInBody = true }
                .P("ProjectId", 181565).P("TaskType", "DI_OFFLINE").P("TaskContent", Dw.ScriptReading("dh_mysql").Replace("odps_first", "odps_source"))
                .P("TaskParam", Dw.TaskParam("Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration")).P("TaskName", name);
            var body = (await _c.SendAsync(create)).Ok();
            Assert.Equal("success", body["Data"]["Status"].GetValue<string>());
            long fileId = body["Data"]["FileId"].GetValue<long>();
            var get = new V2Request { Action = "GetFile", AcsHeaders = true, AllInBody = true }.P("ProjectId", 181565).P("FileId", fileId);
            Assert.Equal(name, (await _c.SendAsync(get)).Ok()["Data"]["File"]["FileName"].GetValue<string>());
        }

        [Fact]
        public async Task A_wrong_secret_is_SignatureDoesNotMatch_for_V2_with_headers_and_for_all_in_body()
        {
            var wrong = new Key(_c.DefaultKey.Id, "not-the-secret", null);
            (await _c.SendAsync(new V2Request { Action = "ListProjects", AcsHeaders = true, Key = wrong })).Error(400, "SignatureDoesNotMatch");
            (await _c.SendAsync(new V2Request { Action = "ListProjects", AcsHeaders = true, AllInBody = true, Key = wrong })).Error(400, "SignatureDoesNotMatch");
        }

        [Fact]
        public async Task A_V2_request_naming_two_actions_is_refused_and_runs_neither()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("twoactions"));
            // The query says GetFile, the signed body adds Action=DeleteFile: issue 11's read that became a delete.
            var r = new V2Request { Action = "GetFile" }.P("ProjectId", Dw.Standard).P("FileId", fileId);
            r.ExtraBody.Add(new("Action", "DeleteFile"));
            var refused = (await _c.SendAsync(r)).Error(400, "InvalidParameter");
            Assert.Contains("\"Action\"", refused.ErrorMessage);
            Assert.Equal(fileId, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["FileId"].GetValue<long>());

            var twoVersions = new V2Request { Action = "ListProjects" };
            twoVersions.ExtraBody.Add(new("Version", "2024-05-18"));
            Assert.Contains("\"Version\"", (await _c.SendAsync(twoVersions)).Error(400, "InvalidParameter").ErrorMessage);
        }

        [Fact]
        public async Task A_V3_request_whose_Action_parameter_differs_from_x_acs_action_is_refused()
        {
            long fileId = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("v3action"));
            var r = new V3Request { Action = "GetFile" }.F("ProjectId", Dw.Standard).F("FileId", fileId).F("Action", "DeleteFile");
            Assert.Contains("\"Action\"", (await _c.SendAsync(r)).Error(400, "InvalidParameter").ErrorMessage);
            Assert.Equal(fileId, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["FileId"].GetValue<long>());
            // The same value twice is not a conflict.
            var same = new V3Request { Action = "GetFile" }.F("ProjectId", Dw.Standard).F("FileId", fileId).Q("Action", "GetFile");
            (await _c.SendAsync(same)).Ok();
        }

        [Fact]
        public async Task Without_a_signature_a_request_with_x_acs_action_is_IncompleteSignature_and_one_without_is_MissingParameter()
        {
            var v3 = new V3Request { Action = "ListProjects", OmitAuthorization = true };
            (await _c.SendAsync(v3)).Error(400, "IncompleteSignature");
            var v2 = new V2Request { Action = "ListProjects", AcsHeaders = true, Omit = new[] { "Signature" } };
            (await _c.SendAsync(v2)).Error(400, "IncompleteSignature");
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Omit = new[] { "Signature" } })).Error(400, "MissingParameter");
        }
    }
}
