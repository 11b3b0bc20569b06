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
        /// <paramref name="firstReadAfter"/>: see Poller (zero reads first).
        /// </summary>
        protected Task<Poller.Result<T>> PollAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> isDone, WaitOptions wait,
            Action<T, TimeSpan> onPoll, CancellationToken ct, TimeSpan firstReadAfter = default) =>
            Poller.PollAsync(read, isDone, wait.Timeout, wait.PollInterval, onPoll, ct,
                ex => ex is DataWorksServiceException s && RetryClassifier.Classify(s, false) != FailureKind.Final,
                ex => ex is DataWorksServiceException s && s.RetryAfterMilliseconds.HasValue ? TimeSpan.FromMilliseconds(s.RetryAfterMilliseconds.Value) : (TimeSpan?)null,
                (ex, delay) => Log.Verbose($"{what}: a status read failed ({ex.Message}); reading again in {delay.TotalSeconds:0.#} s, until the {wait.Timeout.TotalSeconds:0.#} s time-out."),
                firstReadAfter);

        /// <summary>
        /// Runs a workflow's steps so that a spent daily call budget stops it with an error that names the file, what was
        /// done and the command that finishes it after the budget resets (<see cref="WorkflowState"/>). The error stays a
        /// <see cref="CallBudgetExhaustedException"/> (a runbook catches it on its own), and is OutcomeUnknown when it came
        /// while a write's outcome was being checked.
        /// </summary>
        protected static async Task<T> GuardAsync<T>(WorkflowState state, Func<Task<T>> steps)
        {
            try
            {
                return await steps().ConfigureAwait(false);
            }
            catch (CallBudgetExhaustedException ex)
            {
                throw ex.WithAddition(state.ExplainBudget(ex.ResetsAt), state.UnknownWrite);
            }
        }

        /// <summary>
        /// Sends a write whose answer may be lost (a 5xx, a dropped connection or a time-out after the request was sent:
        /// <see cref="DataWorksServiceException.OutcomeUnknown"/>) and, when it is, reads whether it took effect
        /// (<paramref name="verify"/>): Applied — go on with what it made; NotApplied — send it once more (each send is one
        /// of the context's MaxAttempts); Undecided — stop with the original error, saying what the reads saw, what state
        /// the file is in and the exact command to finish (<paramref name="state"/>). Nothing is left half-way that the
        /// error does not name. A write sent after a time-out that the reads find not applied is not sent again: DataWorks
        /// may still be working on it.
        /// </summary>
        /// <param name="write">The action, for messages (e.g. "SubmitFile").</param>
        /// <param name="finishIfNotApplied">The command that does the write when it did not take effect.</param>
        protected async Task<T> WriteAsync<T>(WorkflowState state, string write, string finishIfNotApplied,
            Func<CancellationToken, Task<T>> send, Func<CancellationToken, Task<Verification<T>>> verify, CancellationToken ct)
        {
            int allowed = Math.Max(1, Context.MaxAttempts);
            for (int sends = 1; ; sends++)
            {
                DataWorksServiceException lost;
                try
                {
                    return await send(ct).ConfigureAwait(false);
                }
                catch (DataWorksServiceException ex) when (ex.OutcomeUnknown && !(ex is CallBudgetExhaustedException))
                {
                    lost = ex;
                }

                string before = state.Done;
                state.Unknown(write, lost.VerifyWith, finishIfNotApplied);
                Log.Verbose($"{write}: the answer was lost ({lost.Code}{(lost.RequestId != null ? ", RequestId " + lost.RequestId : string.Empty)}); reading whether it took effect.");
                Verification<T> verdict;
                try
                {
                    verdict = await verify(ct).ConfigureAwait(false);
                }
                catch (DataWorksServiceException readFailure) when (!(readFailure is CallBudgetExhaustedException))
                {
                    throw lost.WithAddition($"The read that tells failed too ({readFailure.Code}: {readFailure.ServiceMessage}). {state.Explain("To finish")}");
                }

                switch (verdict.Verdict)
                {
                    case WriteVerdict.Applied:
                        state.Known();
                        Log.Verbose($"{write} took effect: {verdict.Seen}.");
                        return verdict.Result;
                    case WriteVerdict.Undecided:
                        throw lost.WithAddition($"The reads cannot tell whether it took effect: {verdict.Seen}. {state.Explain("To finish")}");
                }

                // Not applied: the write changed nothing.
                state.Record(before, finishIfNotApplied);
                if (lost.Code == "RequestTimeout")
                {
                    state.Unknown(write, lost.VerifyWith, finishIfNotApplied);
                    throw lost.WithAddition($"It had not taken effect when read ({verdict.Seen}), but DataWorks may still be working on a call that timed out, so it is not sent again. {state.Explain("In a minute or two")}");
                }
                if (sends >= allowed)
                    throw lost.AsNotApplied($"It did not take effect ({verdict.Seen}), after {sends} send(s) (MaxAttempts {allowed}). {state.Explain("To finish")}");
                Log.Verbose($"{write} did not take effect ({verdict.Seen}); sending it again (send {sends + 1} of at most {allowed}).");
            }
        }

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
