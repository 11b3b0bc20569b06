using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Gateway behaviour over raw HTTP: accepted request styles and each documented error from the bad request that causes it.</summary>
    public sealed class GatewayTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public GatewayTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        private static V3Request ListProjects() => new V3Request { Action = "ListProjects" }.Q("PageNumber", 1).Q("PageSize", 10);

        [Fact]
        public async Task V3_the_official_sdk_way_all_parameters_in_the_query_empty_body_and_an_extra_signed_header()
        {
            var r = new V3Request { Action = "CreateDISyncTask" }
                .Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE").Q("TaskParam", Dw.TaskParam()).Q("TaskName", Dw.UniqueName("sdk"))
                .Q("TaskContent", Dw.Script);
            r.ExtraHeaders["x-acs-credentials-provider"] = "static_ak";
            var response = await _c.SendAsync(r);
            var body = response.Ok();
            Assert.Equal("success", body["Data"]["Status"].GetValue<string>());
            Assert.True(body["Data"]["FileId"].GetValue<long>() > 0);
            Assert.False(string.IsNullOrEmpty(body["RequestId"].GetValue<string>()));
            Assert.Equal(body["RequestId"].GetValue<string>(), response.Header("x-acs-request-id"));
        }

        [Fact]
        public async Task V3_with_a_form_body_is_accepted()
        {
            var response = await _c.SendAsync(new V3Request { Action = "GetProject" }.F("ProjectId", Dw.Standard));
            Assert.Equal(10000, response.Ok()["Data"]["ProjectId"].GetValue<long>());
        }

        [Fact]
        public async Task V3_GET_with_query_parameters_is_accepted_like_ListDataSources()
        {
            var response = await _c.SendAsync(new V3Request { Method = "GET", Action = "ListDataSources" }.Q("ProjectId", Dw.Standard).Q("Name", "a b*c~d/e+f"));
            Assert.Equal(0, response.Ok()["Data"]["TotalCount"].GetValue<int>());
        }

        [Fact]
        public async Task V3_with_the_unsigned_extra_header_not_named_is_still_verified_over_what_SignedHeaders_names()
        {
            var r = ListProjects();
            r.ExtraHeaders["x-acs-credentials-provider"] = "static_ak";
            r.SignedHeaderNames = new[] { "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" };
            Assert.Equal(200, (await _c.SendAsync(r)).Status);
        }

        [Theory]
        [InlineData("GET")]
        [InlineData("POST")]
        public async Task V2_requests_are_accepted(string method)
        {
            var r = new V2Request { Method = method, Action = "ListProjects" }.P("PageNumber", 1).P("PageSize", 2);
            var body = (await _c.SendAsync(r)).Ok();
            Assert.Equal(2, body["PageResult"]["ProjectList"].AsArray().Count);
            Assert.Equal(6, body["PageResult"]["TotalCount"].GetValue<int>());
        }

        [Fact]
        public async Task V2_POST_with_business_parameters_in_a_form_body_is_accepted()
        {
            var r = new V2Request { Method = "POST", Action = "GetProject", BusinessInBody = true }.P("ProjectIdentifier", "emulator_basic");
            Assert.Equal(2, (await _c.SendAsync(r)).Ok()["Data"]["ProjectMode"].GetValue<int>());
        }

        [Fact]
        public async Task Missing_action_is_MissingParameter()
        {
            var response = await _c.RawAsync(new HttpRequestMessage(HttpMethod.Post, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/?Version=2020-05-18"));
            var r = await ReadAsync(response);
            r.Error(400, "MissingParameter");
            Assert.Contains("\"Action\"", r.ErrorMessage);
        }

        [Fact]
        public async Task Missing_business_parameter_is_MissingParameter_naming_it()
        {
            var r = (await _c.CallAsync("GetDeployment", ("ProjectId", Dw.Standard))).Error(400, "MissingParameter");
            Assert.Contains("\"DeploymentId\"", r.ErrorMessage);
        }

        [Fact]
        public async Task Bad_value_is_InvalidParameter()
        {
            (await _c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("FileId", "abc"))).Error(400, "InvalidParameter");
            var r = (await _c.SendAsync(new V3Request { Action = "ListProjects" }.Q("PageSize", 101))).Error(400, "InvalidParameter");
            Assert.Contains("PageSize", r.ErrorMessage);
        }

        [Fact]
        public async Task Unknown_action_is_InvalidAction_NotFound()
        {
            (await _c.SendAsync(new V3Request { Action = "CreateFile2" })).Error(404, "InvalidAction.NotFound");
            (await _c.SendAsync(new V2Request { Action = "DescribeRegions" })).Error(404, "InvalidAction.NotFound");
        }

        [Fact]
        public async Task Wrong_or_missing_version_is_refused()
        {
            var wrong = ListProjects();
            wrong.Version = "2024-05-18";
            (await _c.SendAsync(wrong)).Error(400, "InvalidVersion");
            var missing = ListProjects();
            missing.OmitVersionHeader = true;
            missing.SignedHeaderNames = new[] { "host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" };
            Assert.Contains("\"Version\"", (await _c.SendAsync(missing)).Error(400, "MissingParameter").ErrorMessage);
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Version = "2014-05-26" })).Error(400, "InvalidVersion");
        }

        [Fact]
        public async Task Malformed_or_missing_authorization_is_IncompleteSignature()
        {
            var missing = ListProjects();
            missing.OmitAuthorization = true;
            (await _c.SendAsync(missing)).Error(400, "IncompleteSignature");
            var malformed = ListProjects();
            malformed.AuthorizationOverride = "ACS3-HMAC-SHA256 Credential=x";
            (await _c.SendAsync(malformed)).Error(400, "IncompleteSignature");
            var otherAlgorithm = ListProjects();
            otherAlgorithm.AuthorizationOverride = "HMAC-SHA1 Credential=x,SignedHeaders=host,Signature=y";
            (await _c.SendAsync(otherAlgorithm)).Error(400, "IncompleteSignature");
        }

        [Fact]
        public async Task A_required_header_left_out_of_SignedHeaders_is_IncompleteSignature()
        {
            var r = ListProjects();
            r.SignedHeaderNames = new[] { "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-content-sha256" };
            Assert.Contains("x-acs-signature-nonce", (await _c.SendAsync(r)).Error(400, "IncompleteSignature").ErrorMessage);
        }

        [Fact]
        public async Task An_unsigned_content_type_with_a_body_is_IncompleteSignature()
        {
            var r = new V3Request { Action = "GetProject" }.F("ProjectId", Dw.Standard);
            r.SignedHeaderNames = new[] { "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" };
            Assert.Contains("content-type", (await _c.SendAsync(r)).Error(400, "IncompleteSignature").ErrorMessage);
        }

        [Fact]
        public async Task A_header_named_in_SignedHeaders_but_not_sent_is_IncompleteSignature()
        {
            var r = ListProjects();
            r.SignedHeaderNames = new[] { "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-missing" };
            Assert.Contains("x-acs-missing", (await _c.SendAsync(r)).Error(400, "IncompleteSignature").ErrorMessage);
        }

        [Fact]
        public async Task Wrong_secret_is_SignatureDoesNotMatch_and_the_message_never_shows_a_secret()
        {
            var r = ListProjects();
            r.SecretOverride = "not-the-secret";
            var response = (await _c.SendAsync(r)).Error(400, "SignatureDoesNotMatch");
            Assert.Contains("ACS3-HMAC-SHA256", response.ErrorMessage);
            Assert.DoesNotContain(EmulatorOptions.DemoAccessKeySecret, response.Text);
            Assert.DoesNotContain("not-the-secret", response.Text);
        }

        [Fact]
        public async Task A_changed_query_value_breaks_the_signature()
        {
            var r = ListProjects();
            r.SignatureOverride = new string('0', 64);
            (await _c.SendAsync(r)).Error(400, "SignatureDoesNotMatch");
            var v2 = new V2Request { Action = "ListProjects", SignatureOverride = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" };
            (await _c.SendAsync(v2)).Error(400, "SignatureDoesNotMatch");
        }

        [Fact]
        public async Task A_body_that_differs_from_its_content_hash_is_SignatureDoesNotMatch()
        {
            var r = new V3Request { Action = "GetProject" }.F("ProjectId", Dw.Standard);
            r.BodyOverride = System.Text.Encoding.UTF8.GetBytes("ProjectId=10001");
            Assert.Contains("x-acs-content-sha256", (await _c.SendAsync(r)).Error(400, "SignatureDoesNotMatch").ErrorMessage);
        }

        [Fact]
        public async Task Unknown_key_is_InvalidAccessKeyId_NotFound()
        {
            var r = ListProjects();
            r.Key = new Key("LTAI5tNoSuchKey", "whatever", null);
            (await _c.SendAsync(r)).Error(404, "InvalidAccessKeyId.NotFound");
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Key = new Key("LTAI5tNoSuchKey", "x", null) })).Error(404, "InvalidAccessKeyId.NotFound");
        }

        [Fact]
        public async Task A_date_more_than_15_minutes_away_is_InvalidTimeStamp_Expired()
        {
            var past = ListProjects();
            past.Date = DateTimeOffset.UtcNow.AddMinutes(-16);
            (await _c.SendAsync(past)).Error(400, "InvalidTimeStamp.Expired");
            var future = ListProjects();
            future.Date = DateTimeOffset.UtcNow.AddMinutes(16);
            (await _c.SendAsync(future)).Error(400, "InvalidTimeStamp.Expired");
            var withinWindow = ListProjects();
            withinWindow.Date = DateTimeOffset.UtcNow.AddMinutes(-14);
            Assert.Equal(200, (await _c.SendAsync(withinWindow)).Status);
            var v2 = new V2Request { Action = "ListProjects", Timestamp = DateTimeOffset.UtcNow.AddMinutes(-20).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") };
            (await _c.SendAsync(v2)).Error(400, "InvalidTimeStamp.Expired");
        }

        [Fact]
        public async Task A_date_in_another_format_is_InvalidTimeStamp_Format()
        {
            var r = ListProjects();
            r.DateText = DateTimeOffset.UtcNow.ToString("R");
            (await _c.SendAsync(r)).Error(400, "InvalidTimeStamp.Format");
        }

        [Fact]
        public async Task A_reused_nonce_is_SignatureNonceUsed()
        {
            string nonce = Guid.NewGuid().ToString();
            var first = ListProjects();
            first.Nonce = nonce;
            Assert.Equal(200, (await _c.SendAsync(first)).Status);
            var second = ListProjects();
            second.Nonce = nonce;
            (await _c.SendAsync(second)).Error(400, "SignatureNonceUsed");
            var v2a = new V2Request { Action = "ListProjects", Nonce = "v2-" + nonce };
            Assert.Equal(200, (await _c.SendAsync(v2a)).Status);
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Nonce = "v2-" + nonce })).Error(400, "SignatureNonceUsed");
        }

        [Fact]
        public async Task V2_without_its_common_parameters_is_MissingParameter()
        {
            var r = (await _c.SendAsync(new V2Request { Action = "ListProjects", Omit = new[] { "Timestamp" } })).Error(400, "MissingParameter");
            Assert.Contains("Timestamp", r.ErrorMessage);
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Omit = new[] { "Signature" } })).Error(400, "MissingParameter");
        }

        [Fact]
        public async Task Sts_key_with_its_token_is_accepted_V3_and_V2()
        {
            Key sts = await _c.CreateKeyAsync(securityToken: true, expiresInSeconds: 3600);
            Assert.StartsWith("STS.", sts.Id);
            Assert.Equal(200, (await _c.SendAsync(new V3Request { Action = "ListProjects", Key = sts })).Status);
            Assert.Equal(200, (await _c.SendAsync(new V2Request { Action = "ListProjects", Key = sts })).Status);
        }

        [Fact]
        public async Task Sts_key_without_token_or_with_a_wrong_token_is_refused()
        {
            Key sts = await _c.CreateKeyAsync(securityToken: true);
            var missing = new V3Request { Action = "ListProjects", Key = sts, SendTokenHeader = false };
            (await _c.SendAsync(missing)).Error(400, "MissingSecurityToken");
            var wrong = new V3Request { Action = "ListProjects", Key = sts, TokenOverride = "CAISwrong" };
            (await _c.SendAsync(wrong)).Error(400, "InvalidSecurityToken.MismatchWithAccessKey");
            (await _c.SendAsync(new V2Request { Action = "ListProjects", Key = sts with { Token = "CAISwrong" } })).Error(400, "InvalidSecurityToken.MismatchWithAccessKey");
            var tokenOnPermanentKey = new V3Request { Action = "ListProjects", TokenOverride = "CAISsomething" };
            (await _c.SendAsync(tokenOnPermanentKey)).Error(400, "InvalidSecurityToken.MismatchWithAccessKey");
        }

        [Fact]
        public async Task Expired_sts_key_is_InvalidSecurityToken_Expired()
        {
            Key sts = await _c.CreateKeyAsync(securityToken: true, expiresInSeconds: 1);
            await Task.Delay(1300);
            (await _c.SendAsync(new V3Request { Action = "ListProjects", Key = sts })).Error(400, "InvalidSecurityToken.Expired");
        }

        [Fact]
        public async Task Unsupported_method_and_unknown_path()
        {
            var put = await ReadAsync(await _c.RawAsync(new HttpRequestMessage(HttpMethod.Put, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/")));
            put.Error(400, "UnsupportedHTTPMethod");
            var path = await ReadAsync(await _c.RawAsync(new HttpRequestMessage(HttpMethod.Post, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/api/v1")));
            path.Error(404, "InvalidAction.NotFound");
        }

        [Fact]
        public async Task Request_log_lists_parameter_names_only_and_the_key_that_called()
        {
            Key key = await _c.CreateKeyAsync();
            await _c.SendAsync(new V3Request { Action = "GetProject", Key = key }.F("ProjectId", Dw.Standard));
            var bad = new V3Request { Action = "GetProject", Key = key, SecretOverride = "wrong" }.F("ProjectId", Dw.Standard);
            await _c.SendAsync(bad);
            var log = await _c.AdminGetAsync("/_emulator/requests?accessKeyId=" + key.Id);
            var entries = log["requests"].AsArray();
            Assert.Equal(2, entries.Count);
            Assert.Equal("GetProject", entries[0]["action"].GetValue<string>());
            Assert.Equal(200, entries[0]["httpStatus"].GetValue<int>());
            Assert.Equal(new[] { "ProjectId" }, entries[0]["parameterNames"].AsArray().Select(n => n.GetValue<string>()).ToArray());
            Assert.Equal("SignatureDoesNotMatch", entries[1]["errorCode"].GetValue<string>());
            Assert.DoesNotContain(key.Secret, log.ToJsonString());
            long since = entries[0]["sequence"].GetValue<long>();
            Assert.Single((await _c.AdminGetAsync("/_emulator/requests?accessKeyId=" + key.Id + "&since=" + since))["requests"].AsArray());
        }

        private static async Task<ApiResponse> ReadAsync(HttpResponseMessage m)
        {
            string text = await m.Content.ReadAsStringAsync();
            return new ApiResponse { Status = (int)m.StatusCode, Text = text, Body = System.Text.Json.Nodes.JsonNode.Parse(text), Message = m };
        }
    }
}
