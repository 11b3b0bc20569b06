using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Session;
using Xunit;

namespace DataWorksDI.Tests.Session
{
    /// <summary>The one place a context is built (Session/ContextFactory): defaults, connect, and per-call overrides.</summary>
    public class ContextFactoryTests
    {
        private static ICredentialProvider Key(string id) => new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString("factory-secret-1")));

        [Fact]
        public async Task Connect_WithoutOptions_GetsTheClientsDefaults()
        {
            var r = await ContextFactory.ConnectAsync(new ContextSettings { Region = "cn-shanghai", ProjectId = 7, Credentials = Key("LTAI5tFactory1") }, null, CancellationToken.None);
            Assert.Equal(RetryOptions.DefaultMaxAttempts, r.Context.MaxAttempts);
            Assert.Equal(4, r.Context.MaxAttempts);
            Assert.Equal(TimeSpan.FromSeconds(30), r.Context.AttemptTimeout);
            Assert.Equal(SignatureVersion.V3, r.Context.SignatureVersion);
            Assert.Equal(new Uri("https://dataworks.cn-shanghai.aliyuncs.com/"), r.Context.Endpoint);
            Assert.Equal(7L, r.Context.ProjectId);
            Assert.Equal(TimeSpan.FromSeconds(30), r.Context.Client.Options.AttemptTimeout);
            Assert.Equal(4, r.Context.Client.Options.Retry.MaxAttempts);
        }

        /// <summary>-Edition chooses the documented rate and budget (docs/client.md); explicit values win; the client gets them.</summary>
        [Theory]
        [InlineData(null, null, null, 5.0, null)]
        [InlineData(DIEdition.Basic, null, null, 5.0, 100)]
        [InlineData(DIEdition.Standard, null, null, 5.0, null)]
        [InlineData(DIEdition.Professional, null, null, 5.0, null)]
        [InlineData(DIEdition.Enterprise, null, null, 20.0, null)]
        [InlineData(DIEdition.Basic, 3.0, 40, 3.0, 40)]
        [InlineData(null, 0.0, 7, 0.0, 7)]
        public async Task Connect_Edition_ChoosesTheDocumentedRateAndBudget_AndExplicitValuesWin(DIEdition? edition, double? rate, int? budget, double expectedRate, int? expectedBudget)
        {
            var requested = new ContextSettings { Region = "cn-shanghai", Credentials = Key("LTAI5tFactoryEd"), Edition = edition, MaxRequestsPerSecond = rate, DailyCallBudget = budget };
            var r = await ContextFactory.ConnectAsync(requested, null, CancellationToken.None);
            Assert.Equal(edition, r.Context.Edition);
            Assert.Equal(expectedRate, r.Context.MaxRequestsPerSecond);
            Assert.Equal(expectedBudget, r.Context.DailyCallBudget);
            Assert.Equal(expectedRate, r.Context.Client.Options.MaxRequestsPerSecond);
            Assert.Equal(expectedBudget, r.Context.Client.Options.DailyCallBudget);
            Assert.True(r.Context.Client.Options.AdaptivePacing);
            // A per-call override keeps them.
            DIContext forCall = ContextFactory.ForCall(r.Context, null, null, "cn-beijing", null);
            Assert.Equal(expectedRate, forCall.MaxRequestsPerSecond);
            Assert.Equal(expectedBudget, forCall.DailyCallBudget);
        }

        [Fact]
        public async Task Connect_WithoutRegionOrEndpoint_IsNoRegion_AndABadEndpointIsInvalidEndpoint()
        {
            var none = await Assert.ThrowsAsync<DataWorksOperationException>(() => ContextFactory.ConnectAsync(new ContextSettings { Credentials = Key("LTAI5tFactory2") }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.NoRegion, none.ErrorId);
            var bad = await Assert.ThrowsAsync<DataWorksOperationException>(() => ContextFactory.ConnectAsync(new ContextSettings { Endpoint = new Uri("ftp://x/"), Credentials = Key("LTAI5tFactory3") }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.InvalidEndpoint, bad.ErrorId);
            Assert.DoesNotContain("(Parameter", bad.Message);
        }

        [Fact]
        public async Task Connect_WithAMisspeltRegion_IsUnknownRegion_NamingTheClosest_BeforeAnyCredentialIsLookedAt()
        {
            // No credentials given: the chain would be read (and fail differently) if the region were not checked first.
            var typo = await Assert.ThrowsAsync<DataWorksOperationException>(() => ContextFactory.ConnectAsync(new ContextSettings { Region = "cn-hangzou" }, "no-such-profile", CancellationToken.None));
            Assert.Equal(ErrorIds.UnknownRegion, typo.ErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, typo.Category);
            Assert.Contains("did you mean 'cn-hangzhou'?", typo.Message);
            Assert.Contains("-Region cn-hangzhou", typo.RecommendedAction);
            Assert.Contains("-Endpoint https://dataworks.cn-hangzou.aliyuncs.com", typo.RecommendedAction);

            var far = await Assert.ThrowsAsync<DataWorksOperationException>(() => ContextFactory.ConnectAsync(new ContextSettings { Region = "xx-nowhere-9", Credentials = Key("LTAI5tFactory6") }, null, CancellationToken.None));
            Assert.Contains("cn-shanghai", far.Message); // nothing close: every region is listed

            // Every region of the SDK's endpoint map connects; an explicit endpoint makes the region a label only.
            foreach (string region in DataWorksEndpoints.KnownRegions)
                Assert.Equal(region, (await ContextFactory.ConnectAsync(new ContextSettings { Region = region, Credentials = Key("LTAI5tFactory7") }, null, CancellationToken.None)).Context.Region);
            await ContextFactory.ConnectAsync(new ContextSettings { Region = "cn-hangzou", Endpoint = new Uri("http://127.0.0.1:8787/"), Credentials = Key("LTAI5tFactory8") }, null, CancellationToken.None);

            // A per-call -Region is held to the same rule.
            var derived = ContextFactory.Create(new ContextSettings { Region = "cn-hangzhou", Endpoint = new Uri("https://dataworks.cn-hangzhou.aliyuncs.com/"), Credentials = Key("LTAI5tFactory9") });
            var perCall = Assert.Throws<DataWorksOperationException>(() => ContextFactory.ForCall(derived, null, null, "cn-shangai", null));
            Assert.Contains("did you mean 'cn-shanghai'", perCall.Message);
        }

        [Fact]
        public void ForCall_Region_ChangesTheEndpoint_ButAnExplicitEndpointStays_AndEverythingElseIsKept()
        {
            var derived = ContextFactory.Create(new ContextSettings { Region = "cn-hangzhou", ProjectId = 5, Endpoint = new Uri("https://dataworks.cn-hangzhou.aliyuncs.com/"), Credentials = Key("LTAI5tFactory4"), Retry = new RetryOptions { MaxAttempts = 2 }, AttemptTimeout = TimeSpan.FromSeconds(9) });
            var notes = new List<string>();
            DIContext call = ContextFactory.ForCall(derived, null, null, "cn-beijing", notes.Add);
            Assert.Equal(new Uri("https://dataworks.cn-beijing.aliyuncs.com/"), call.Endpoint);
            Assert.Equal("cn-beijing", call.Region);
            Assert.Equal(5L, call.ProjectId);
            Assert.Equal(2, call.MaxAttempts);
            Assert.Equal(TimeSpan.FromSeconds(9), call.AttemptTimeout);
            Assert.Equal("cn-hangzhou", derived.Region);
            Assert.Contains(notes, n => n.Contains("cn-beijing"));

            var emulator = ContextFactory.Create(new ContextSettings { Endpoint = new Uri("http://127.0.0.1:8787/"), EndpointIsExplicit = true, Credentials = Key("LTAI5tFactory5") });
            Assert.Equal(new Uri("http://127.0.0.1:8787/"), ContextFactory.ForCall(emulator, null, null, "cn-beijing", null).Endpoint);
        }

        [Fact]
        public void ForCall_WithNeitherContextNorProfile_IsNoContext()
        {
            var ex = Assert.Throws<DataWorksOperationException>(() => ContextFactory.ForCall(null, null, null, "cn-beijing", null));
            Assert.Equal(ErrorIds.NoContext, ex.ErrorId);
        }
    }
}
