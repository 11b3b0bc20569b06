using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Client.Signing;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>STS (AssumeRole, AssumeRoleWithOIDC), the metadata service and the credentials URI: what they issue works on the DataWorks API until it expires.</summary>
    public sealed class StsTests : IAsyncLifetime
    {
        private const string RoleArn = "acs:ram::1234567890123456:role/dataworks-deployer";
        private const string OidcProviderArn = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-test";
        private TestEmulator _emulator;
        private DwClient _c;

        public async Task InitializeAsync()
        {
            _emulator = await TestEmulator.StartAsync(o => o.StsCredentialLifetime = TimeSpan.FromSeconds(3));
            _c = _emulator.Client;
        }

        public async Task DisposeAsync() => await _emulator.DisposeAsync();

        private static V2Request AssumeRole(string roleArn = RoleArn, string session = "sts-test", object duration = null)
        {
            var r = new V2Request { Method = "POST", Action = "AssumeRole", Version = "2015-04-01", BusinessInBody = true }.P("RoleArn", roleArn).P("RoleSessionName", session);
            if (duration != null) r.P("DurationSeconds", duration);
            return r;
        }

        private static Key KeyOf(JsonNode body)
        {
            var c = body["Credentials"];
            Assert.StartsWith("STS.", c["AccessKeyId"].GetValue<string>());
            Assert.True(DateTimeOffset.Parse(c["Expiration"].GetValue<string>()) > DateTimeOffset.UtcNow);
            return new Key(c["AccessKeyId"].GetValue<string>(), c["AccessKeySecret"].GetValue<string>(), c["SecurityToken"].GetValue<string>());
        }

        [Fact]
        public async Task AssumeRole_signed_with_a_known_key_issues_STS_credentials_the_gateway_accepts_until_they_expire()
        {
            var body = (await _c.SendAsync(AssumeRole())).Ok();
            Assert.Equal("acs:ram::1234567890123456:assumed-role/dataworks-deployer/sts-test", body["AssumedRoleUser"]["Arn"].GetValue<string>());
            Key sts = KeyOf(body);
            (await _c.CallAsync("GetProject", sts, ("ProjectId", 10000))).Ok();
            (await _c.SendAsync(new V2Request { Action = "GetProject", Key = sts }.P("ProjectId", 10000))).Ok();

            await Task.Delay(TimeSpan.FromSeconds(3.5));
            (await _c.CallAsync("GetProject", sts, ("ProjectId", 10000))).Error(400, "InvalidSecurityToken.Expired");
        }

        [Theory]
        [InlineData("POST", true, true)]    // pop-core: everything, Version and Signature included, in the form body, x-acs-* headers along
        [InlineData("POST", false, true)]   // openapi-client v2: common parameters in the query, headers along
        [InlineData("GET", false, false)]   // the credentials libraries: a plain V2 GET
        public async Task AssumeRole_is_recognised_with_Version_in_the_query_or_the_form_body(string method, bool allInBody, bool acsHeaders)
        {
            var r = new V2Request { Method = method, Action = "AssumeRole", Version = "2015-04-01", AllInBody = allInBody, AcsHeaders = acsHeaders }
                .P("RoleArn", RoleArn).P("RoleSessionName", "style-test");
            Key sts = KeyOf((await _c.SendAsync(r)).Ok());
            (await _c.CallAsync("GetProject", sts, ("ProjectId", 10000))).Ok();
            var wrong = new V2Request { Method = method, Action = "AssumeRole", Version = "2015-04-01", AllInBody = allInBody, AcsHeaders = acsHeaders, Key = new Key(_c.DefaultKey.Id, "wrong", null) }
                .P("RoleArn", RoleArn).P("RoleSessionName", "style-test");
            (await _c.SendAsync(wrong)).Error(400, "SignatureDoesNotMatch");
        }

        [Fact]
        public async Task AssumeRoleWithOIDC_takes_its_parameters_from_the_form_body_alone()
        {
            string token = await MintOidcTokenAsync(OidcProviderArn);
            string form = AcsPercentEncoder.EncodePairs(new[] { Kv("Action", "AssumeRoleWithOIDC"), Kv("Version", "2015-04-01"), Kv("Format", "JSON"),
                Kv("RoleArn", RoleArn), Kv("OIDCProviderArn", OidcProviderArn), Kv("OIDCToken", token), Kv("RoleSessionName", "oidc-body") });
            var response = await _c.RawAsync(new HttpRequestMessage(HttpMethod.Post, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/")
            {
                Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
            });
            Assert.Equal(200, (int)response.StatusCode);
            (await _c.CallAsync("GetProject", KeyOf(JsonNode.Parse(await response.Content.ReadAsStringAsync())), ("ProjectId", 10000))).Ok();
        }

        [Fact]
        public async Task AssumeRole_with_STS_credentials_chains()
        {
            Key first = KeyOf((await _c.SendAsync(AssumeRole(session: "first"))).Ok());
            var second = AssumeRole(session: "second");
            second.Key = first;
            Key chained = KeyOf((await _c.SendAsync(second)).Ok());
            Assert.NotEqual(first.Id, chained.Id);
            (await _c.CallAsync("GetProject", chained, ("ProjectId", 10000))).Ok();
        }

        [Fact]
        public async Task AssumeRole_refuses_bad_signatures_unknown_keys_and_bad_parameters()
        {
            var badSecret = AssumeRole();
            badSecret.Key = new Key(_c.DefaultKey.Id, "wrong-secret", null);
            (await _c.SendAsync(badSecret)).Error(400, "SignatureDoesNotMatch");
            var unknown = AssumeRole();
            unknown.Key = new Key("LTAI5tNobody", "x", null);
            (await _c.SendAsync(unknown)).Error(404, "InvalidAccessKeyId.NotFound");
            (await _c.SendAsync(AssumeRole(roleArn: "not-an-arn"))).Error(400, "InvalidParameter.RoleArn");
            (await _c.SendAsync(AssumeRole(duration: 899))).Error(400, "InvalidParameter.DurationSeconds");
            (await _c.SendAsync(new V2Request { Action = "AssumeRole", Version = "2015-04-01" }.P("RoleSessionName", "x1"))).Error(400, "MissingRoleArn");
            var unsigned = AssumeRole();
            unsigned.Omit = new[] { "Signature" };
            (await _c.SendAsync(unsigned)).Error(400, "MissingParameter");
        }

        private async Task<HttpResponseMessage> OidcAsync(string token, string providerArn = OidcProviderArn)
        {
            string query = AcsPercentEncoder.EncodePairs(new[] { Kv("Action", "AssumeRoleWithOIDC"), Kv("Version", "2015-04-01"), Kv("Format", "JSON"), Kv("Timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ")) });
            string form = AcsPercentEncoder.EncodePairs(new[] { Kv("RoleArn", RoleArn), Kv("OIDCProviderArn", providerArn), Kv("OIDCToken", token), Kv("RoleSessionName", "oidc-test") });
            var request = new HttpRequestMessage(HttpMethod.Post, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/?" + query)
            {
                Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            return await _c.RawAsync(request);
        }

        private static System.Collections.Generic.KeyValuePair<string, string> Kv(string k, string v) => new(k, v);

        private async Task<string> MintOidcTokenAsync(string providerArn)
        {
            var response = await _c.RawAsync(new HttpRequestMessage(HttpMethod.Post, _c.BaseAddress.GetLeftPart(UriPartial.Authority) + "/_emulator/oidc-tokens")
            {
                Content = new StringContent(new JsonObject { ["oidcProviderArn"] = providerArn }.ToJsonString(), Encoding.UTF8, "application/json"),
            });
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())["token"].GetValue<string>();
        }

        [Fact]
        public async Task AssumeRoleWithOIDC_is_unsigned_and_accepts_only_tokens_it_minted_for_that_provider()
        {
            string token = await MintOidcTokenAsync(OidcProviderArn);
            var ok = await OidcAsync(token);
            var body = JsonNode.Parse(await ok.Content.ReadAsStringAsync());
            Assert.Equal(200, (int)ok.StatusCode);
            (await _c.CallAsync("GetProject", KeyOf(body), ("ProjectId", 10000))).Ok();

            var wrongToken = await OidcAsync("eyJ.not.minted");
            Assert.Equal(400, (int)wrongToken.StatusCode);
            Assert.Contains("AuthenticationFail.OIDCToken.Invalid", await wrongToken.Content.ReadAsStringAsync());
            var wrongProvider = await OidcAsync(token, "acs:ram::1234567890123456:oidc-provider/other");
            Assert.Equal(400, (int)wrongProvider.StatusCode);
        }

        [Fact]
        public async Task Metadata_service_requires_an_IMDSv2_token_and_issues_working_credentials()
        {
            string root = _c.BaseAddress.GetLeftPart(UriPartial.Authority);
            var noToken = await _c.RawAsync(new HttpRequestMessage(HttpMethod.Get, root + "/latest/meta-data/ram/security-credentials/"));
            Assert.Equal(401, (int)noToken.StatusCode);
            var badTtl = new HttpRequestMessage(HttpMethod.Put, root + "/latest/api/token");
            badTtl.Headers.Add("X-aliyun-ecs-metadata-token-ttl-seconds", "0");
            Assert.Equal(400, (int)(await _c.RawAsync(badTtl)).StatusCode);

            var put = new HttpRequestMessage(HttpMethod.Put, root + "/latest/api/token");
            put.Headers.Add("X-aliyun-ecs-metadata-token-ttl-seconds", "21600");
            string token = await (await _c.RawAsync(put)).Content.ReadAsStringAsync();
            var roleRequest = new HttpRequestMessage(HttpMethod.Get, root + "/latest/meta-data/ram/security-credentials/");
            roleRequest.Headers.Add("X-aliyun-ecs-metadata-token", token);
            string role = await (await _c.RawAsync(roleRequest)).Content.ReadAsStringAsync();
            Assert.Equal("EmulatorEcsRole", role);

            var credRequest = new HttpRequestMessage(HttpMethod.Get, root + "/latest/meta-data/ram/security-credentials/" + role);
            credRequest.Headers.Add("X-aliyun-ecs-metadata-token", token);
            var json = JsonNode.Parse(await (await _c.RawAsync(credRequest)).Content.ReadAsStringAsync());
            Assert.Equal("Success", json["Code"].GetValue<string>());
            Assert.NotNull(json["LastUpdated"]);
            var key = new Key(json["AccessKeyId"].GetValue<string>(), json["AccessKeySecret"].GetValue<string>(), json["SecurityToken"].GetValue<string>());
            (await _c.CallAsync("GetProject", key, ("ProjectId", 10000))).Ok();

            var otherRole = new HttpRequestMessage(HttpMethod.Get, root + "/latest/meta-data/ram/security-credentials/NoSuchRole");
            otherRole.Headers.Add("X-aliyun-ecs-metadata-token", token);
            Assert.Equal(404, (int)(await _c.RawAsync(otherRole)).StatusCode);
        }

        [Fact]
        public async Task Credentials_uri_issues_working_credentials_and_the_admin_listing_shows_what_was_issued()
        {
            var json = await _c.AdminGetAsync("/_emulator/credentials-uri");
            Assert.Equal("Success", json["Code"].GetValue<string>());
            var key = new Key(json["AccessKeyId"].GetValue<string>(), json["AccessKeySecret"].GetValue<string>(), json["SecurityToken"].GetValue<string>());
            (await _c.CallAsync("GetProject", key, ("ProjectId", 10000))).Ok();
            var issued = await _c.AdminGetAsync("/_emulator/issued-credentials");
            Assert.Contains(issued["credentials"].AsArray(), i => i["accessKeyId"].GetValue<string>() == key.Id && i["issuer"].GetValue<string>() == "CredentialsUri");
        }

        [Fact]
        public void The_lifetime_option_parses_from_the_command_line()
        {
            var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddCommandLine(new[] { "--sts-credential-lifetime", "5s", "--ecs-ram-role", "MyRole" }).Build();
            var options = DataWorksDI.Emulator.Options.EmulatorOptions.FromConfiguration(config);
            Assert.Equal(TimeSpan.FromSeconds(5), options.StsCredentialLifetime);
            Assert.Equal("MyRole", options.EcsRamRoleName);
            Assert.Throws<DataWorksDI.Emulator.Options.OptionsException>(() => DataWorksDI.Emulator.Options.EmulatorOptions.FromConfiguration(
                new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddCommandLine(new[] { "--sts-credential-lifetime", "0" }).Build()));
        }
    }
}
