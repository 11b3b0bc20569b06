using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Testing;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// Issue 10, module side: large business parameters travel in the form body (every parameter of a POST does), so a
    /// task content of hundreds of kilobytes never meets a URL limit, with V3 and V2 alike.
    /// </summary>
    public class RequestShapeTests
    {
        /// <summary>The seed task content with <paramref name="columns"/> columns on both sides (about 25 bytes a column).</summary>
        internal static string ContentWithColumns(int columns)
        {
            JObject content = JObject.Parse(EmulatorSession.SeedContent);
            var names = new JArray(Enumerable.Range(0, columns).Select(i => "column_" + i.ToString("D6")));
            foreach (JObject step in content["steps"]) step["parameter"]["column"] = names.DeepClone();
            return content.ToString(Newtonsoft.Json.Formatting.None);
        }

        [Theory]
        [InlineData(SignatureVersion.V3)]
        [InlineData(SignatureVersion.V2)]
        public async Task UpdateDISyncTask_CarriesItsTaskContent_InTheBody_NotTheUrl(SignatureVersion version)
        {
            string content = ContentWithColumns(12000);
            Assert.True(content.Length > 250_000);
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok("{\"RequestId\":\"R\",\"Success\":true,\"Data\":{\"Status\":\"success\"}}")))
            {
                var update = new ApiRequest(ApiAction.UpdateDISyncTask).With("ProjectId", 181565L).With("FileId", 5L).With("TaskType", "DI_OFFLINE").With("TaskContent", content);
                await ClientTestKit.Create(server, version: version).InvokeAsync(update, null, CancellationToken.None);
                RecordedRequest r = server.Requests.Single();
                Assert.True(r.Target.Length < 600, $"the request line is {r.Target.Length} characters long");
                Assert.DoesNotContain(r.Query, q => q.Key == "TaskContent" || q.Key == "FileId");
                Assert.Equal(content, RecordedRequest.ParseForm(r.BodyText).Single(p => p.Key == "TaskContent").Value);
            }
        }

        [Fact]
        public async Task AGet_StillCarriesItsParameters_InTheQuery()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                await ClientTestKit.Create(server, version: SignatureVersion.V2).InvokeAsync(new ApiRequest(ApiAction.ListDataSources).With("ProjectId", 1L), null, CancellationToken.None);
                RecordedRequest r = server.Requests.Single();
                Assert.Equal("GET", r.Method);
                Assert.Empty(r.Body);
                Assert.Equal("1", r.Query.Single(q => q.Key == "ProjectId").Value);
            }
        }

        /// <summary>
        /// A 10,000-column task (about 250 KB) made and changed through the emulator with both signatures: before, the
        /// update's URL passed Kestrel's 8 KiB request line and came back HTTP 414.
        /// </summary>
        [Theory]
        [InlineData(SignatureVersion.V3)]
        [InlineData(SignatureVersion.V2)]
        public async Task ATenThousandColumnTask_IsCreated_Updated_AndReadBack_ThroughTheEmulator(SignatureVersion version)
        {
            EmulatorProcess emulator = EmulatorProcess.Shared;
            var (keyId, secret, _) = emulator.CreateAccessKey();
            var client = new DataWorksClient(new DataWorksClientOptions(emulator.BaseAddress) { SignatureVersion = version },
                new StaticCredentialProvider(new AcsCredential(keyId, AcsCredential.ToSecureString(secret))));
            string name = EmulatorSession.UniqueName("wide");
            string taskParam = new JObject { ["FileFolderPath"] = EmulatorSession.SeedFolder, ["ResourceGroup"] = EmulatorSession.SeedResourceGroup }.ToString(Newtonsoft.Json.Formatting.None);

            JObject created = await client.InvokeAsync(new ApiRequest(ApiAction.CreateDISyncTask).With("ProjectId", 181565L).With("TaskType", "DI_OFFLINE")
                .With("TaskName", name).With("TaskParam", taskParam).With("TaskContent", ContentWithColumns(10000)).With("ClientToken", Guid.NewGuid().ToString()), null, CancellationToken.None);
            long fileId = (long)created["Data"]["FileId"];

            string wider = ContentWithColumns(10001);
            Assert.True(wider.Length > 240_000);
            await client.InvokeAsync(new ApiRequest(ApiAction.UpdateDISyncTask).With("ProjectId", 181565L).With("FileId", fileId).With("TaskType", "DI_OFFLINE")
                .With("TaskContent", wider), null, CancellationToken.None);

            JObject file = await client.InvokeAsync(new ApiRequest(ApiAction.GetFile).With("ProjectId", 181565L).With("FileId", fileId), null, CancellationToken.None);
            JObject readBack = JObject.Parse((string)file["Data"]["File"]["Content"]);
            Assert.Equal(10001, ((JArray)readBack["steps"][0]["parameter"]["column"]).Count);
        }
    }
}
