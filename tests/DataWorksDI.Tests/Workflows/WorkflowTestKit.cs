using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Models;
using DataWorksDI.Session;
using DataWorksDI.Testing;
using DataWorksDI.Workflows;

namespace DataWorksDI.Tests.Workflows
{
    /// <summary>
    /// A workflow's world without PowerShell: a context for the shared emulator with an access key of its own (so the
    /// emulator's request log shows exactly this test's calls), a log and a progress callback that record everything.
    /// </summary>
    internal sealed class WorkflowTestKit
    {
        public static readonly WaitOptions Quick = new WaitOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        private WorkflowTestKit(EmulatorProcess emulator, string keyId, DIContext context)
        {
            Emulator = emulator;
            KeyId = keyId;
            Context = context;
        }

        public EmulatorProcess Emulator { get; }
        public string KeyId { get; }
        public DIContext Context { get; }
        public RecordingLog Log { get; } = new RecordingLog();
        public ConcurrentQueue<ProgressUpdate> Progress { get; } = new ConcurrentQueue<ProgressUpdate>();

        /// <param name="endpoint">Where the context sends its calls (e.g. a FaultingProxy in front of the emulator); the emulator by default.</param>
        /// <param name="configure">Changes to the context's settings (pacing, budget, retries, time-outs).</param>
        public static WorkflowTestKit For(long projectId, EmulatorProcess emulator = null, Uri endpoint = null, Action<ContextSettings> configure = null)
        {
            emulator = emulator ?? EmulatorProcess.Shared;
            var (id, secret, _) = emulator.CreateAccessKey();
            var settings = new ContextSettings
            {
                ProjectId = projectId,
                Endpoint = endpoint ?? emulator.BaseAddress,
                EndpointIsExplicit = true,
                Credentials = new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString(secret))),
            };
            configure?.Invoke(settings);
            return new WorkflowTestKit(emulator, id, ContextFactory.Create(settings));
        }

        public long ProjectId => Context.ProjectId.Value;

        public void Report(ProgressUpdate update) => Progress.Enqueue(update);

        public T Workflow<T>() where T : Workflow => (T)Activator.CreateInstance(typeof(T), Context, (IClientLog)Log, (Action<ProgressUpdate>)Report);

        /// <summary>The actions this kit's key called, in order.</summary>
        public List<string> Actions() => Emulator.Actions(KeyId);

        /// <summary>Actions called after the first <paramref name="skip"/> ones.</summary>
        public List<string> ActionsSince(int skip) => Actions().Skip(skip).ToList();

        /// <summary>A task to create in the seed folder with the seed resource group (null for the workspace's default).</summary>
        public DISyncTask NewTask(DITaskType type, string prefix, string resourceGroup = SampleTasks.DIResourceGroup) => new DISyncTask
        {
            ProjectId = ProjectId,
            TaskType = type,
            FileName = prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 10),
            FolderPath = SampleTasks.SeedFolder,
            ResourceGroup = resourceGroup,
        };

        public Task<DISyncTask> CreateBatchAsync(string prefix = "wf", string content = SampleTasks.SeedContent) =>
            Workflow<SyncTaskWorkflow>().CreateAsync(NewTask(DITaskType.Batch, prefix), content, Guid.NewGuid().ToString(), null, CancellationToken.None);

        public Task<DISyncTask> CreateRealtimeAsync(string table = "t1") =>
            Workflow<SyncTaskWorkflow>().CreateAsync(NewTask(DITaskType.Realtime, "rt"), SampleTasks.RealtimeRequest(table), Guid.NewGuid().ToString(), Quick, CancellationToken.None);

        public Task<DIDeployment> SubmitAsync(long fileId) =>
            Workflow<SubmitWorkflow>().SubmitAsync(ProjectId, fileId, null, false, Quick, CancellationToken.None);

        /// <summary>Every bar that was shown got a completion, and no two bars shared an id.</summary>
        public void AssertEveryBarCompleted()
        {
            var byId = Progress.GroupBy(p => p.ActivityId).ToList();
            foreach (var bar in byId)
            {
                if (!bar.Last().Completed) throw new Xunit.Sdk.XunitException($"progress bar {bar.Key} ('{bar.First().Activity}') was never completed");
                if (bar.Select(p => p.Activity).Distinct().Count() != 1) throw new Xunit.Sdk.XunitException($"progress id {bar.Key} was used by two activities");
            }
        }
    }

    internal sealed class RecordingLog : IClientLog
    {
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();

        bool IClientLog.VerboseEnabled => true;

        bool IClientLog.DebugEnabled => false;

        void IClientLog.Verbose(string message) => Verbose.Enqueue(message);

        void IClientLog.Debug(string message) { }
    }
}
