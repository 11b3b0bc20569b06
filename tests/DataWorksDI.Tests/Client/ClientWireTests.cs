using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Signing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>What the client puts on the wire: every signed header, the content hash and content type exactly as sent.</summary>
    public class ClientWireTests
    {
        private static ApiRequest CreateTask() => new ApiRequest(ApiAction.CreateDISyncTask)
            .With("ProjectId", 10000L).With("TaskType", "DI_OFFLINE").With("TaskName", "name with spaces & *stars*")
            .With("TaskParam", "{\"FileFolderPath\":\"业务流程/XXX/数据集成\"}")
            .With("TaskContent", "{\"type\":\"job\",\"version\":\"2.0\",\"note\":\"~!@#$%^&*()+=\"}")
            .With("ClientToken", "t1");

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task V3_SignatureVerifies_AgainstTheRawBytesOnTheWire(bool sts)
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":{\"Status\":\"success\",\"FileId\":1}}")))
            {
                await ClientTestKit.Create(server, sts).InvokeAsync(CreateTask(), null, CancellationToken.None);
                RecordedRequest r = server.Requests.Single();

                Assert.Equal("POST", r.Method);
                // Action/Version travel in headers only; every business parameter of a POST travels in the form body.
                Assert.Empty(r.Query);
                Assert.Equal("/", r.Target);
                Assert.Equal(new[] { "ClientToken", "ProjectId", "TaskContent", "TaskName", "TaskParam", "TaskType" },
                    RecordedRequest.ParseForm(r.BodyText).Select(q => q.Key).OrderBy(k => k, StringComparer.Ordinal));
                Assert.Equal("application/x-www-form-urlencoded", r.Header("Content-Type"));
                Assert.Equal("127.0.0.1:" + server.Port, r.Header("Host"));
                Assert.Equal(AcsSignatureV3.HashHex(r.Body), r.Header("x-acs-content-sha256"));

                Assert.True(AcsSignatureV3.TryParseAuthorization(r.Header("Authorization"), out string keyId, out string[] names, out string signature));
                Assert.Equal(sts ? "STS." + ClientTestKit.KeyId : ClientTestKit.KeyId, keyId);
                Assert.Contains("host", names);
                Assert.Contains("content-type", names);
                Assert.Contains("x-acs-content-sha256", names);
                if (sts)
                {
                    Assert.Contains("x-acs-security-token", names);
                    Assert.Equal(ClientTestKit.Token, r.Header("x-acs-security-token"));
                    Assert.Equal(keyId, r.Header("x-acs-accesskey-id"));
                }
                Assert.DoesNotContain("accept", names);
                Assert.DoesNotContain("user-agent", names);

                // Recompute from what arrived: the header values as received, the raw query, the raw body bytes.
                var signedHeaders = names.Select(n => new KeyValuePair<string, string>(n, r.Header(n))).ToList();
                Assert.All(signedHeaders, h => Assert.NotNull(h.Value));
                string canonical = AcsSignatureV3.CanonicalRequest(r.Method, r.Query, signedHeaders, AcsSignatureV3.HashHex(r.Body));
                string expected = AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(ClientTestKit.Secret), AcsSignatureV3.StringToSign(canonical));
                Assert.Equal(expected, signature);
                Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", r.Header("x-acs-date"));
            }
        }

        [Fact]
        public async Task V3_GetAction_PutsEverythingInTheQuery_WithEmptyBodyHash()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                var list = new ApiRequest(ApiAction.ListDataSources).With("ProjectId", 10000L).With("Name", "a b*c");
                await ClientTestKit.Create(server).InvokeAsync(list, null, CancellationToken.None);
                RecordedRequest r = server.Requests.Single();
                Assert.Equal("GET", r.Method);
                Assert.Empty(r.Body);
                Assert.Null(r.Header("Content-Type"));
                Assert.Equal(AcsSignatureV3.EmptyPayloadHash, r.Header("x-acs-content-sha256"));
                Assert.Contains("Name=a%20b%2Ac", r.Target);
                AcsSignatureV3.TryParseAuthorization(r.Header("Authorization"), out _, out string[] names, out string signature);
                Assert.DoesNotContain("content-type", names);
                string canonical = AcsSignatureV3.CanonicalRequest("GET", r.Query, names.Select(n => new KeyValuePair<string, string>(n, r.Header(n))), AcsSignatureV3.EmptyPayloadHash);
                Assert.Equal(AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(ClientTestKit.Secret), AcsSignatureV3.StringToSign(canonical)), signature);
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task V2_SignatureVerifies_OverQueryAndBody(bool sts)
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":{\"Status\":\"success\",\"FileId\":1}}")))
            {
                await ClientTestKit.Create(server, sts, SignatureVersion.V2).InvokeAsync(CreateTask(), null, CancellationToken.None);
                RecordedRequest r = server.Requests.Single();
                var query = r.Query;
                string Get(string k) => query.SingleOrDefault(q => q.Key == k).Value;
                Assert.Equal("CreateDISyncTask", Get("Action"));
                Assert.Equal("2020-05-18", Get("Version"));
                Assert.Equal("HMAC-SHA1", Get("SignatureMethod"));
                Assert.Equal("1.0", Get("SignatureVersion"));
                Assert.Equal(sts ? ClientTestKit.Token : null, Get("SecurityToken"));
                Assert.Null(r.Header("Authorization"));
                // The common parameters in the query (as openapi-client's V2 and the classic SDK send them), the business ones in the body.
                Assert.Equal(new[] { "AccessKeyId", "Action", "Format", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version" }
                    .Concat(sts ? new[] { "SecurityToken" } : new string[0]).OrderBy(k => k, StringComparer.Ordinal),
                    query.Select(q => q.Key).OrderBy(k => k, StringComparer.Ordinal));
                var form = RecordedRequest.ParseForm(r.BodyText);
                Assert.Equal(new[] { "ClientToken", "ProjectId", "TaskContent", "TaskName", "TaskParam", "TaskType" }, form.Select(q => q.Key).OrderBy(k => k, StringComparer.Ordinal));
                string expected = RpcSignatureV2.Sign(Encoding.UTF8.GetBytes(ClientTestKit.Secret), RpcSignatureV2.StringToSign("POST", query.Concat(form)));
                Assert.Equal(expected, Get("Signature"));
            }
        }
    }
}
