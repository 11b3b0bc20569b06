using System.Collections.Generic;
using System.Text;
using DataWorksDI.Client.Signing;
using Xunit;

namespace DataWorksDI.Tests.Signing
{
    /// <summary>The official and regression vectors of ../shared/spec/signing.md, reproduced exactly.</summary>
    public class SignatureVectorTests
    {
        private static KeyValuePair<string, string> P(string k, string v) => new KeyValuePair<string, string>(k, v);

        [Fact]
        public void V3A_OfficialExample()
        {
            var query = new[] { P("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), P("RegionId", "cn-shanghai") };
            var headers = new[]
            {
                P("host", "ecs.cn-shanghai.aliyuncs.com"), P("x-acs-action", "RunInstances"), P("x-acs-version", "2014-05-26"),
                P("x-acs-date", "2023-10-26T10:22:32Z"), P("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
                P("x-acs-content-sha256", AcsSignatureV3.EmptyPayloadHash),
            };
            string canonical = AcsSignatureV3.CanonicalRequest("POST", query, headers, AcsSignatureV3.EmptyPayloadHash);
            Assert.Equal("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", AcsSignatureV3.HashHex(Encoding.UTF8.GetBytes(canonical)));
            AcsSignatureV3.CanonicalizeHeaders(headers, out _, out string names);
            Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", names);
            Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                AcsSignatureV3.Sign(Encoding.UTF8.GetBytes("YourAccessKeySecret"), AcsSignatureV3.StringToSign(canonical)));
        }

        private static IEnumerable<KeyValuePair<string, string>> R1Params() => new[]
        {
            P("Timestamp", "2016-02-23T12:46:24Z"), P("Format", "XML"), P("AccessKeyId", "testid"), P("Action", "DescribeRegions"),
            P("SignatureMethod", "HMAC-SHA1"), P("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), P("Version", "2014-05-26"),
            P("SignatureVersion", "1.0"),
        };

        [Fact]
        public void R1_OfficialV2Example_GetAndPost()
        {
            string sts = RpcSignatureV2.StringToSign("GET", R1Params());
            Assert.Equal("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", sts);
            Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSignatureV2.Sign(Encoding.UTF8.GetBytes("testsecret"), sts));
            Assert.Equal("MxbnVAM4w6sft9xjVpe/GCKueuk=", RpcSignatureV2.Sign(Encoding.UTF8.GetBytes("testsecret"), RpcSignatureV2.StringToSign("POST", R1Params())));
        }
        private const string TestSecret = "testAccessKeySecret";

        private static KeyValuePair<string, string>[] DHeaders(string host, string action, string nonce, string contentHash) => new[]
        {
            P("host", host), P("x-acs-action", action), P("x-acs-version", "2020-05-18"), P("x-acs-date", "2024-01-02T03:04:05Z"),
            P("x-acs-signature-nonce", nonce), P("x-acs-content-sha256", contentHash),
        };

        [Fact]
        public void D1_ListProjects_QueryOnly()
        {
            var headers = DHeaders("dataworks.cn-shanghai.aliyuncs.com", "ListProjects", "11111111-2222-3333-4444-555555555555", AcsSignatureV3.EmptyPayloadHash);
            string canonical = AcsSignatureV3.CanonicalRequest("POST", new[] { P("PageNumber", "1"), P("PageSize", "10") }, headers, AcsSignatureV3.EmptyPayloadHash);
            Assert.Equal("8c821ac61dc3bc74f9eb79f91fb144ac72f73503d9e653feb665a25781cf9ddc",
                AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(TestSecret), AcsSignatureV3.StringToSign(canonical)));
        }

        [Fact]
        public void D2_CreateFolder_FormBody_Sts()
        {
            byte[] body = Encoding.UTF8.GetBytes("FolderPath=Business%20Flow%2Fmy_flow%2FMaxCompute&ProjectId=10000");
            // The body is exactly what our encoder produces for these parameters.
            Assert.Equal(Encoding.UTF8.GetString(body), AcsPercentEncoder.EncodePairs(new[] { P("FolderPath", "Business Flow/my_flow/MaxCompute"), P("ProjectId", "10000") }));
            string hash = AcsSignatureV3.HashHex(body);
            Assert.Equal("a8bff0c3f4cb28a91137d810ba134daf8b447fd0c55725baed4a24244f4feb2d", hash);
            var headers = new List<KeyValuePair<string, string>>(DHeaders("dataworks.cn-shanghai.aliyuncs.com", "CreateFolder", "nonce-d2", hash))
            {
                P("content-type", "application/x-www-form-urlencoded"),
                P("x-acs-accesskey-id", "STS.testAccessKeyId"),
                P("x-acs-security-token", "testSecurityToken"),
            };
            string canonical = AcsSignatureV3.CanonicalRequest("POST", new KeyValuePair<string, string>[0], headers, hash);
            Assert.Equal("24ad125d5dc4c76ece0f340f835a0e5a7a8aa7fe268aed1f1aa3580268571ac7",
                AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(TestSecret), AcsSignatureV3.StringToSign(canonical)));
        }

        [Fact]
        public void D3_ListDataSources_Get_EncodingEdgeCases()
        {
            var query = new[] { P("Name", "a b*c~d/e+f"), P("Zh", "中文"), P("Empty", "") };
            Assert.Equal("Empty=&Name=a%20b%2Ac~d%2Fe%2Bf&Zh=%E4%B8%AD%E6%96%87", AcsSignatureV3.CanonicalQueryString(query));
            var headers = DHeaders("dataworks.cn-hangzhou.aliyuncs.com", "ListDataSources", "nonce-d3", AcsSignatureV3.EmptyPayloadHash);
            string canonical = AcsSignatureV3.CanonicalRequest("GET", query, headers, AcsSignatureV3.EmptyPayloadHash);
            Assert.Equal("d0120e913666893d599f748bee07dacfe135736f94433fbca4d2552eaa03ebd2",
                AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(TestSecret), AcsSignatureV3.StringToSign(canonical)));
        }

        [Fact]
        public void R3_V2_Post_Sts()
        {
            var parameters = new[]
            {
                P("Action", "ListProjects"), P("Format", "json"), P("Version", "2020-05-18"), P("Timestamp", "2024-01-02T03:04:05Z"),
                P("SignatureNonce", "nonce-v2"), P("SignatureMethod", "HMAC-SHA1"), P("SignatureVersion", "1.0"),
                P("AccessKeyId", "STS.testAccessKeyId"), P("SecurityToken", "testSecurityToken"), P("PageNumber", "1"), P("PageSize", "10"),
            };
            Assert.Equal("JbuQ4HcCnXUgrvpPBWwSu4tqmZA=", RpcSignatureV2.Sign(Encoding.UTF8.GetBytes(TestSecret), RpcSignatureV2.StringToSign("POST", parameters)));
        }

        [Fact]
        public void Authorization_RoundTrips_AndRejectsMalformed()
        {
            string header = AcsSignatureV3.AuthorizationHeader("id", "host;x-acs-date", "abc");
            Assert.True(AcsSignatureV3.TryParseAuthorization(header, out string id, out string[] names, out string sig));
            Assert.Equal("id", id);
            Assert.Equal(new[] { "host", "x-acs-date" }, names);
            Assert.Equal("abc", sig);
            Assert.False(AcsSignatureV3.TryParseAuthorization("ACS3-HMAC-SHA256 Credential=id,Signature=abc", out _, out _, out _));
            Assert.False(AcsSignatureV3.TryParseAuthorization("HMAC-SHA1 Credential=id,SignedHeaders=host,Signature=abc", out _, out _, out _));
        }
    }
}
