using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Cmdlets;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Lifecycle;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// How a cmdlet runs its work (Cmdlets/PipelinePump, issue 17): it starts on the pipeline thread, continuations that
    /// come back to its context run there, writes from other threads run there while the work runs, and Ctrl+C ends the
    /// wait at once even when the work has not noticed it.
    /// </summary>
    public class PipelinePumpTests
    {
        [Fact]
        public async Task Work_StartsOnTheCallingThread_AndContinuationsThatComeBack_RunThere()
        {
            var pump = new PipelinePump();
            int caller = Environment.CurrentManagedThreadId;
            var threads = new List<int>();
            Task<int> task = pump.Run(async () =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                Assert.True(pump.InWork);
                await Task.Delay(20);                          // captures the pump's context: comes back to the caller's thread
                threads.Add(Environment.CurrentManagedThreadId);
                await Task.Delay(20).ConfigureAwait(false);    // the library's way: continues where the delay completed
                return 42;
            }, CancellationToken.None);

            Assert.True(task.IsCompleted);
            Assert.Equal(42, await task);                  // completed already: Run returned when the work had
            Assert.Equal(new[] { caller, caller }, threads);
            Assert.False(pump.InWork);
        }

        [Fact]
        public async Task Writes_FromOtherThreads_RunOnTheCallingThread_InOrder_WhileTheWorkRuns()
        {
            var pump = new PipelinePump();
            int caller = Environment.CurrentManagedThreadId;
            var written = new List<(int Index, int Thread, bool WorkDone)>();
            bool workDone = false;
            Task<bool> task = pump.Run(async () =>
            {
                await Task.Yield();
                for (int i = 0; i < 5; i++)
                {
                    await Task.Delay(300).ConfigureAwait(false);
                    int index = i;
                    pump.QueueWrite(() => written.Add((index, Environment.CurrentManagedThreadId, Volatile.Read(ref workDone))));
                }
                Volatile.Write(ref workDone, true);
                return true;
            }, CancellationToken.None);

            Assert.True(task.IsCompleted);
            Assert.True(await task);
            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, written.Select(w => w.Index));
            Assert.All(written, w => Assert.Equal(caller, w.Thread));
            // Each write but the last was queued 300 ms before the next step of the work: it ran while the work ran.
            Assert.All(written.Take(4), w => Assert.False(w.WorkDone, $"write {w.Index} waited for the end of the work"));
        }

        [Fact]
        public void Stop_EndsTheWaitAtOnce_EvenWhenTheWorkIgnoresTheToken_AndLaterContinuationsRunElsewhere()
        {
            var pump = new PipelinePump();
            var never = new TaskCompletionSource<int>();
            using (var stop = new CancellationTokenSource())
            {
                ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(100); stop.Cancel(); });
                var watch = Stopwatch.StartNew();
                Task<int> task = pump.Run(() => never.Task, stop.Token);
                Assert.False(task.IsCompleted);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the wait ended after {watch.Elapsed}");
            }

            // Nobody pumps any more: a continuation that comes back to the context must not be stranded.
            using (var ran = new ManualResetEventSlim())
            {
                int? thread = null;
                pump.Post(_ => { thread = Environment.CurrentManagedThreadId; ran.Set(); }, null);
                Assert.True(ran.Wait(TimeSpan.FromSeconds(10)));
                Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
            }
        }

        [Fact]
        public void ASynchronousThrow_IsTheTasksFailure_AsIfAfterAnAwait()
        {
            var pump = new PipelinePump();
            Task<int> task = pump.Run<int>(() => throw new InvalidOperationException("at once"), CancellationToken.None);
            Assert.True(task.IsFaulted);
            Assert.Equal("at once", Assert.IsType<InvalidOperationException>(task.Exception.InnerException).Message);
        }

        [Fact]
        public void TheProgressOfALongWait_ReachesTheHostWhileTheCmdletStillRuns()
        {
            using (var slow = EmulatorProcess.Start("--deployment-delay", "2s"))
            using (var s = new EmulatorSession(181565, slow))
            {
                Assert.True(s.Run("$global:d = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile").Errors.Count == 0);
                var arrivals = new ConcurrentQueue<TimeSpan>();
                var watch = Stopwatch.StartNew();
                PowerShell ps = s.PowerShell.Begin("$global:d | Wait-DIDeployment -PollInterval 0.1", out IAsyncResult handle);
                using (ps)
                {
                    ps.Streams.Progress.DataAdded += (_, __) => arrivals.Enqueue(watch.Elapsed);
                    Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)));
                    TimeSpan done = watch.Elapsed;
                    Assert.Empty(ps.Streams.Error);
                    Assert.Equal(Models.DIDeploymentStatus.Succeeded, ((Models.DIDeployment)ps.EndInvoke(handle).Single().BaseObject).Status);
                    Assert.True(arrivals.Count >= 2, $"{arrivals.Count} progress records");
                    Assert.True(arrivals.First() < done - TimeSpan.FromSeconds(1), $"the first progress record came at {arrivals.First()}, the end at {done}");
                }
            }
        }
    }
}
