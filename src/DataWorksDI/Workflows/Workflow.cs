using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>How long to wait for DataWorks to finish something, and how often to look (Internal.Poller backs off from it).</summary>
    internal sealed class WaitOptions
    {
        public WaitOptions(TimeSpan timeout, TimeSpan pollInterval)
        {
            Timeout = timeout;
            PollInterval = pollInterval;
        }

        public TimeSpan Timeout { get; }

        public TimeSpan PollInterval { get; }
    }

    /// <summary>A file a workflow acts on, with what the caller already knows about it (so it need not be read).</summary>
    internal sealed class FileInput(long projectId, long fileId, DITaskType? taskType = null, DIDeployment piped = null)
    {
        public long ProjectId { get; } = projectId;
        public long FileId { get; } = fileId;

        /// <summary>Batch, Realtime or Solution when known (-TaskType, a piped task or file); null to find out.</summary>
        public DITaskType? TaskType { get; } = taskType;

        /// <summary>A deployment package piped in with the file (packages are batch files').</summary>
        public DIDeployment Piped { get; } = piped;
    }

    /// <summary>
    /// Base of the workflows: one class per multi-step use case (publish, remove, create/update a sync task, apply a
    /// schedule, wait for a deployment, start a real-time task). A workflow decides between calls; the services make
    /// them. It gets the context, a log (verbose/debug, never a secret) and a progress callback, returns typed results,
    /// and reports failures as exceptions (DataWorksServiceException from DataWorks, DataWorksOperationException from the
    /// module), so it runs and is tested without a PowerShell runspace. See docs/ARCHITECTURE.md.
    /// </summary>
    internal abstract class Workflow
    {
        protected Workflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress)
        {
            Context = context ?? throw new ArgumentNullException(nameof(context));
            Log = log ?? NullClientLog.Instance;
            Progress = progress;
        }

        protected DIContext Context { get; }

        protected IClientLog Log { get; }

        protected Action<ProgressUpdate> Progress { get; }

        protected ProgressActivity StartActivity(string activity) => new ProgressActivity(activity, Progress);

        /// <summary>
        /// The waiting workflows' poll (Internal.Poller): a status read that fails in a way that may pass — throttled
        /// beyond the client's own retries, a 5xx, a dropped or timed-out connection (the client's classification) — is
        /// read again, after the service's retry-after if it gave one, until the time-out; any other failure ends the wait.
        /// </summary>
        protected Task<Poller.Result<T>> PollAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> isDone, WaitOptions wait,
            Action<T, TimeSpan> onPoll, CancellationToken ct) =>
            Poller.PollAsync(read, isDone, wait.Timeout, wait.PollInterval, onPoll, ct,
                ex => ex is DataWorksServiceException s && RetryClassifier.Classify(s, false) != FailureKind.Final,
                ex => ex is DataWorksServiceException s && s.RetryAfterMilliseconds.HasValue ? TimeSpan.FromMilliseconds(s.RetryAfterMilliseconds.Value) : (TimeSpan?)null,
                (ex, delay) => Log.Verbose($"{what}: a status read failed ({ex.Message}); reading again in {delay.TotalSeconds:0.#} s, until the {wait.Timeout.TotalSeconds:0.#} s time-out."));

        /// <summary>
        /// Whether a file is a batch or a real-time task: as given (-TaskType or a piped object's), batch when a deployment
        /// package was piped (packages are batch files'), else read from the file (one GetFile). Null for other files.
        /// </summary>
        protected async Task<DITaskType?> TaskTypeOfAsync(FileInput file, CancellationToken ct)
        {
            if (file.TaskType.HasValue) return file.TaskType;
            if (file.Piped != null) return DITaskType.Batch;
            return await new FileService(Context, Log).GetTaskTypeAsync(file.ProjectId, file.FileId, ct).ConfigureAwait(false);
        }
    }
}
