using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>What Invoke-DIApi will build on (issue 11 item 2): reserved names refused, any action name callable, unknown actions are writes.</summary>
    public class ApiRequestTests
    {
        [Theory]
        [InlineData("Action")]
        [InlineData("action")]
        [InlineData("ACTION")]
        [InlineData("Version")]
        [InlineData("AccessKeyId")]
        [InlineData("accesskeyid")]
        [InlineData("Signature")]
        [InlineData("SignatureMethod")]
        [InlineData("signatureversion")]
        [InlineData("SignatureNonce")]
        [InlineData("SignatureType")]
        [InlineData("Timestamp")]
        [InlineData("SecurityToken")]
        [InlineData("Format")]
        [InlineData("RegionId")]
        [InlineData("BearerToken")]
        [InlineData("x-acs-action")]
        [InlineData("X-ACS-Security-Token")]
        [InlineData("x-acs-anything")]
        public void ReservedNames_AreRefused_InAnyLetterCase_NamingTheParameter(string name)
        {
            var ex = Assert.Throws<ReservedParameterException>(() => new ApiRequest(ApiAction.GetFile).With(name, "x"));
            Assert.Equal(name, ex.RefusedName);
            Assert.Contains("'" + name + "'", ex.Message);
            Assert.Contains("signature or the gateway", ex.Message);
            Assert.IsAssignableFrom<ArgumentException>(ex);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(" Action")]
        [InlineData("FileId ")]
        [InlineData("File\nId")]
        public void EmptyPaddedOrControlCharacterNames_AreRefused(string name)
        {
            Assert.Throws<ReservedParameterException>(() => new ApiRequest(ApiAction.GetFile).With(name, "x"));
        }

        [Theory]
        [InlineData("FileId")]
        [InlineData("ProjectId")]
        [InlineData("ClientToken")]
        [InlineData("ActionType")]
        [InlineData("VersionId")]
        [InlineData("TaskContent")]
        public void BusinessNames_ThatMerelyResembleReservedOnes_AreAccepted(string name)
        {
            var request = new ApiRequest(ApiAction.GetFile).With(name, "1");
            Assert.Equal(name, request.Parameters.Single().Key);
        }

        /// <summary>Issue 11 item 2: a read with an Action parameter could have run a delete. It is refused before anything is sent.</summary>
        [Fact]
        public void AReadCarryingAnActionParameter_IsRefused()
        {
            var ex = Assert.Throws<ReservedParameterException>(() => new ApiRequest(ApiAction.GetFile).With("ProjectId", 10000L).With("FileId", 1L).With("Action", "DeleteFile"));
            Assert.Equal("Action", ex.RefusedName);
        }

        [Fact]
        public void UnknownActions_AreWrites_UnlessMarkedReadOnly()
        {
            ApiAction write = ApiAction.Custom("ListNodes");
            Assert.False(write.IsKnown);
            Assert.Equal("POST", write.Method);
            Assert.Equal(Idempotency.None, write.Idempotency);
            Assert.False(new ApiRequest(write).With("ClientToken", "t").IsReplaySafe);
            Assert.Contains("ListNodes", write.VerifyCommandFor(new ApiRequest(write)));

            ApiAction read = ApiAction.Custom("ListNodes", readOnly: true);
            Assert.Equal(Idempotency.Safe, read.Idempotency);
            Assert.True(new ApiRequest(read).IsReplaySafe);
        }

        [Fact]
        public void KnownActions_KeepWhatTheModuleKnows_ReadOnlyCannotTurnAWriteIntoARead()
        {
            Assert.Same(ApiAction.DeleteFile, ApiAction.Custom("deletefile", readOnly: true));
            Assert.Same(ApiAction.ListDataSources, ApiAction.Custom("ListDataSources"));
            Assert.True(ApiAction.All.All(a => a.IsKnown));
        }

        [Theory]
        [InlineData("")]
        [InlineData("Get File")]
        [InlineData("1GetFile")]
        [InlineData("GetFile&Action=DeleteFile")]
        public void ANameThatIsNotAnActionName_IsRefused(string name)
        {
            var ex = Assert.Throws<ArgumentException>(() => ApiAction.Custom(name));
            Assert.Contains("not an OpenAPI action name", ex.Message);
        }

        [Fact]
        public async Task AnUnknownWrite_IsNotReplayed_AfterA5xx_ButAnUnknownRead_Is()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Ok()))
            {
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    ClientTestKit.Create(server).InvokeAsync(new ApiRequest(ApiAction.Custom("CreateNode")).With("Name", "n"), null, CancellationToken.None));
                Assert.Single(server.Requests);
                Assert.True(ex.OutcomeUnknown);
                Assert.Equal("CreateNode", server.Requests.Single().Header("x-acs-action"));
            }
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Ok()))
            {
                await ClientTestKit.Create(server).InvokeAsync(new ApiRequest(ApiAction.Custom("ListNodes", readOnly: true)).With("ProjectId", 1L), null, CancellationToken.None);
                Assert.Equal(2, server.Requests.Count);
            }
        }
    }
}
