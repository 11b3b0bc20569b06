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
    }
}
