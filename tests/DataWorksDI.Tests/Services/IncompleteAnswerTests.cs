using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Services
{
    /// <summary>
    /// A successful answer that lacks what the action returns is the service's error InvalidResponse, naming the action,
    /// what was missing and the answer's RequestId (DataWorksService.InvalidResponse).
    /// </summary>
    public class IncompleteAnswerTests
    {
        private static DIContext ContextFor(ScriptedHttpServer server)
        {
            var settings = new ContextSettings
            {
                ProjectId = 1,
                Endpoint = server.BaseAddress,
                EndpointIsExplicit = true,
                Credentials = new StaticCredentialProvider(new AcsCredential(ClientTestKit.UniqueKeyId(), AcsCredential.ToSecureString(ClientTestKit.Secret))),
                AttemptTimeout = TimeSpan.FromSeconds(5),
            };
            settings.Retry.MaxAttempts = 1;
            settings.Retry.MaxThrottlingRetries = 0;
            return ContextFactory.Create(settings);
        }

        private static async Task<DataWorksServiceException> Answered(string body, Func<DIContext, Task> call)
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Json(200, body)))
            {
                return await Assert.ThrowsAsync<DataWorksServiceException>(() => call(ContextFor(server)));
            }
        }

        private static void AssertInvalidResponse(DataWorksServiceException ex, string action, string problem)
        {
            Assert.Equal(action, ex.Action);
            Assert.Equal("InvalidResponse", ex.Code);
            Assert.Equal(problem, ex.ServiceMessage);
            Assert.Equal("R-1", ex.RequestId);
            Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        }

        [Fact]
        public async Task CreateDISyncTask_WithoutAFileId()
        {
            var ex = await Answered("{\"RequestId\":\"R-1\",\"Success\":true,\"Data\":{\"Status\":\"success\"}}",
                c => new SyncTaskService(c, null).CreateAsync(1, DITaskType.Batch, "t", "Business Flow/f/Data Integration", null, null, "{}", "token", CancellationToken.None));
            AssertInvalidResponse(ex, "CreateDISyncTask", "the response carried no Data.FileId");
        }

        [Fact]
        public async Task GenerateDISyncTaskConfigForCreating_WithoutAProcessId()
        {
            var ex = await Answered("{\"RequestId\":\"R-1\",\"Success\":true,\"Data\":{\"Status\":\"success\"}}",
                c => new RealtimeService(c, null).GenerateForCreatingAsync(1, DITaskType.Realtime, "{}", "token", CancellationToken.None));
            AssertInvalidResponse(ex, "GenerateDISyncTaskConfigForCreating", "the response carried no Data.ProcessId");
        }

        [Fact]
        public async Task QueryDISyncTaskConfigProcessResult_FinishedWithoutTaskContent()
        {
            var ex = await Answered("{\"RequestId\":\"R-1\",\"Success\":true,\"Data\":{\"Status\":\"success\"}}",
                c => new RealtimeService(c, null).QueryConfigAsync(1, DITaskType.Realtime, 5, CancellationToken.None));
            AssertInvalidResponse(ex, "QueryDISyncTaskConfigProcessResult", "the finished process carried no TaskContent");
        }
    }
}
