using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>Every failure shape becomes one exception type with the service's facts.</summary>
    public class ClientErrorTests
    {
        private static async Task<DataWorksServiceException> Fail(ScriptedResponse response)
        {
            using (var server = ScriptedHttpServer.Sequence(response))
            {
                return await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    ClientTestKit.Create(server, maxAttempts: 1, configure: o => o.Retry.MaxThrottlingRetries = 0)
                        .InvokeAsync(new ApiRequest(ApiAction.GetFile).With("FileId", 1L), null, CancellationToken.None));
            }
        }

        [Fact]
        public async Task GatewayError_CarriesCodeMessageRequestIdRecommendAndAccessDeniedDetail()
        {
            var ex = await Fail(ScriptedResponse.Json(403, "{\"RequestId\":\"6BE5-1\",\"HostId\":\"dataworks.cn-shanghai.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\",\"Recommend\":\"https://api.alibabacloud.com/troubleshoot?q=Forbidden.RAM\",\"AccessDeniedDetail\":{\"PolicyType\":\"AccountLevelIdentityBasedPolicy\",\"AuthAction\":\"dataworks:GetFile\",\"NoPermissionType\":\"ImplicitDeny\"}}"));
            Assert.Equal("Forbidden.RAM", ex.Code);
            Assert.Equal(403, (int)ex.StatusCode);
            Assert.Equal("6BE5-1", ex.RequestId);
            Assert.Equal("dataworks.cn-shanghai.aliyuncs.com", ex.HostId);
            Assert.Equal("https://api.alibabacloud.com/troubleshoot?q=Forbidden.RAM", ex.Recommend);
            Assert.Contains("dataworks:GetFile", ex.AccessDeniedDetail);
            Assert.Contains("RequestId: 6BE5-1", ex.Message);
            Assert.Contains("User not authorized", ex.Message);
            Assert.Equal("GetFile", ex.Action);
        }

        [Fact]
        public async Task DIBusinessFailure_WithHttp200_IsAnError()
        {
            var ex = await Fail(ScriptedResponse.Ok("{\"RequestId\":\"R-DI\",\"Success\":true,\"Data\":{\"Status\":\"fail\",\"Message\":\"Invalid path: Business Flow/xxxx/Data Integration\"}}"));
            Assert.Equal(DataWorksServiceException.DIFailCode, ex.Code);
            Assert.Equal("Invalid path: Business Flow/xxxx/Data Integration", ex.ServiceMessage);
            Assert.Equal("R-DI", ex.RequestId);
            Assert.Equal(200, (int)ex.StatusCode);
        }

        [Fact]
        public async Task DataStudioFailure_SuccessFalse_UsesErrorCodeAndErrorMessage()
        {
            var ex = await Fail(ScriptedResponse.Ok("{\"RequestId\":\"R-DS\",\"Success\":false,\"HttpStatusCode\":200,\"ErrorCode\":\"Invalid.Tenant.ConnectionNotExists\",\"ErrorMessage\":\"The connection does not exist.\"}"));
            Assert.Equal("Invalid.Tenant.ConnectionNotExists", ex.Code);
            Assert.Equal("The connection does not exist.", ex.ServiceMessage);
        }

        [Fact]
        public async Task NonJsonBody_IsReportedWithTheStatus_NotAsAParserCrash()
        {
            var ex = await Fail(new ScriptedResponse { Status = 502, Body = "<html>Bad gateway</html>" });
            Assert.Equal("HttpError", ex.Code);
            Assert.Equal(502, (int)ex.StatusCode);
            Assert.Contains("Bad gateway", ex.Message);
        }

        [Fact]
        public async Task RatelimitHeader_TimeLeft_IsReadAsARetryHint()
        {
            var response = ScriptedResponse.Error(429, "Throttling.User");
            response.Headers["x-ratelimit-user-api"] = "Limit:5,Remain:0,TimeLeft:1234,Reset:1";
            var ex = await Fail(response);
            Assert.Equal(1234, ex.RetryAfterMilliseconds);
        }

        [Fact]
        public void Endpoints_FollowTheRegionRules()
        {
            Assert.Equal("https://dataworks.cn-hangzhou.aliyuncs.com/", DataWorksEndpoints.Resolve("cn-hangzhou").ToString());
            Assert.Equal("https://dataworks-vpc.cn-shanghai.aliyuncs.com/", DataWorksEndpoints.Resolve("cn-shanghai", vpc: true).ToString());
            foreach (string central in new[] { "cn-huhehaote", "cn-qingdao", "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-north-2-gov-1" })
                Assert.Equal("https://dataworks.aliyuncs.com/", DataWorksEndpoints.Resolve(central).ToString());
            Assert.Equal("https://dataworks.cn-zhangjiakou.aliyuncs.com/", DataWorksEndpoints.Resolve("cn-zhangjiakou").ToString());
            Assert.Equal("http://127.0.0.1:8787/", DataWorksEndpoints.Resolve(null, new System.Uri("http://127.0.0.1:8787/some/path")).ToString());
            Assert.Throws<System.ArgumentException>(() => DataWorksEndpoints.Resolve("not a region"));
            Assert.Throws<System.ArgumentException>(() => DataWorksEndpoints.Resolve(null, new System.Uri("ftp://x/")));
        }

        [Fact]
        public void DebugDescription_HidesSecretParameters_AndTruncatesLongValues()
        {
            // SecurityToken can no longer be a business parameter at all (ApiRequest refuses it); Password is a hidden name that can.
            var request = new ApiRequest(ApiAction.GetFile).With("Password", "pw-value").With("Content", new string('x', 500)).With("FileId", 3L);
            string text = DataWorksClient.DescribeParameters(request);
            Assert.DoesNotContain("pw-value", text);
            Assert.Contains("Password=(hidden)", text);
            Assert.Contains("(500 chars)", text);
            Assert.Contains("FileId=3", text);
        }
    }
}
