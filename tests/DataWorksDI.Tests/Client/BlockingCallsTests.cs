using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// On a thread that would only wait for the answer (a cmdlet's pipeline thread), the client waits for it right there
    /// with the synchronous HttpClient.Send (Client/BlockingCalls, issue 17); cancellation and the per-attempt time-out
    /// still end such a call at once.
    /// </summary>
    public class BlockingCallsTests
    {
        private static DataWorksClient Unpaced(ScriptedHttpServer server, int maxAttempts = 4, TimeSpan? attemptTimeout = null) =>
            ClientTestKit.Create(server, maxAttempts: maxAttempts, attemptTimeout: attemptTimeout, keyId: ClientTestKit.UniqueKeyId(),
                configure: o => { o.MaxRequestsPerSecond = 0; o.AdaptivePacing = false; });

        private static ApiRequest GetProject() => new ApiRequest(ApiAction.GetProject).With("ProjectId", 10000L);

        private static Task<T> WhereBlockingIsAllowed<T>(Func<Task<T>> call)
        {
            BlockingCalls.Allow();
            try
            {
                return call();
            }
            finally
            {
                BlockingCalls.Revoke();
            }
        }

        [Fact]
        public void WhereTheCallerMayBlock_TheCallHasCompletedWhenInvokeReturns()
        {
            Assert.NotNull(BlockingCalls.Send);   // .NET 5+: the tests run on .NET 10
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            {
                DataWorksClient client = Unpaced(server);
                Task<Newtonsoft.Json.Linq.JObject> call = WhereBlockingIsAllowed(() => client.InvokeAsync(GetProject(), null, CancellationToken.None));
                Assert.True(call.IsCompleted, "the call went asynchronous");
#pragma warning disable xUnit1031 // the task has completed (asserted just above): reading its result cannot block
                Assert.Equal("REQ-OK", (string)call.Result["RequestId"]);
#pragma warning restore xUnit1031
                Assert.Single(server.Requests);
                Assert.False(BlockingCalls.TryTake());
            }
        }

        [Fact]
        public async Task OnlyTheFirstSendOfAStartBlocks_SoWorkStartedSideBySideIsNotSerialized()
        {
            // Two calls started one after the other in the same synchronous start (as LiveTaskReader.ForEachAsync starts its
            // items): the first waits for its answer on this thread, the second must not — it hangs, and blocking for it
            // would hold this thread (and every item after it) until its time-out.
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok(), new ScriptedResponse { Hang = true }))
            using (var stop = new CancellationTokenSource())
            {
                DataWorksClient client = Unpaced(server, maxAttempts: 1, attemptTimeout: TimeSpan.FromSeconds(20));
                var watch = Stopwatch.StartNew();
                (Task<Newtonsoft.Json.Linq.JObject> first, Task<Newtonsoft.Json.Linq.JObject> second) = await WhereBlockingIsAllowed(() =>
                {
                    Task<Newtonsoft.Json.Linq.JObject> a = client.InvokeAsync(GetProject(), null, stop.Token);
                    Task<Newtonsoft.Json.Linq.JObject> b = client.InvokeAsync(GetProject(), null, stop.Token);
                    return Task.FromResult((a, b));
                });
                Assert.True(first.IsCompleted, "the first call went asynchronous");
                Assert.False(second.IsCompleted, "the second call of the same start blocked this thread");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"starting both took {watch.Elapsed}");
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
            }
        }

        [Fact]
        public void ABlockedCall_EndsAtOnceWhenCancelled()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Hang = true }))
            using (var stop = new CancellationTokenSource())
            {
                DataWorksClient client = Unpaced(server, attemptTimeout: TimeSpan.FromMinutes(5));
                // Ctrl+C once the request has reached the server: the call is then waiting for an answer that never comes.
                TimeSpan cancelledAt = TimeSpan.Zero;
                var watch = Stopwatch.StartNew();
                var canceller = new Thread(() =>
                {
                    while (server.Requests.IsEmpty && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
                    Thread.Sleep(100);
                    cancelledAt = watch.Elapsed;
                    stop.Cancel();
                });
                canceller.Start();
                Task<Newtonsoft.Json.Linq.JObject> call = WhereBlockingIsAllowed(() => client.InvokeAsync(GetProject(), null, stop.Token));
                TimeSpan returnedAt = watch.Elapsed;
                canceller.Join();
                Assert.True(call.IsCompleted);
                Assert.Single(server.Requests);
                Assert.True(returnedAt - cancelledAt < TimeSpan.FromSeconds(1), $"cancelled at {cancelledAt}, returned at {returnedAt}");
                Assert.IsAssignableFrom<OperationCanceledException>(Assert.Throws<AggregateException>(() => call.Wait()).InnerException);
            }
        }

        [Fact]
        public void ABlockedCall_EndsAtTheAttemptTimeout_AsARequestTimeout()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Hang = true }))
            {
                DataWorksClient client = Unpaced(server, maxAttempts: 1, attemptTimeout: TimeSpan.FromMilliseconds(400));
                var watch = Stopwatch.StartNew();
                Task<Newtonsoft.Json.Linq.JObject> call = WhereBlockingIsAllowed(() => client.InvokeAsync(GetProject(), null, CancellationToken.None));
                Assert.True(call.IsCompleted);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the time-out took {watch.Elapsed}");
                var error = Assert.IsType<DataWorksServiceException>(Assert.Throws<AggregateException>(() => call.Wait()).InnerException);
                Assert.Equal("RequestTimeout", error.Code);
            }
        }
    }
}
