using System.Globalization;
using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet. Cmdlets stay thin: they bind parameters and hand the work to helpers, which run under the
    /// cmdlet's <see cref="PipelinePump"/> with a cancellation token made in BeginProcessing and cancelled in
    /// StopProcessing (Ctrl+C). What the helpers report from other threads (verbose, debug, warnings, progress) is queued
    /// and written here, on the pipeline thread.
    /// </summary>
    public abstract class DataWorksCmdlet : PSCmdlet, IDisposable
    {
        private CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly PipelinePump _pump = new PipelinePump();
        private bool _abandoned;
        private IClientLog _log;
        private int _pipelineThreadId = -1;
        private bool _verboseEnabled = true, _debugEnabled = true;   // until BeginProcessing has read the preferences

        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>
        /// A log that helpers on any thread may use; messages reach the host from the pipeline thread. Every line passes
        /// through the client's one <see cref="Redactor"/> first, whoever wrote it (client, service, workflow or cmdlet).
        /// </summary>
        internal IClientLog Log => _log ?? (_log = new RedactingClientLog(new CmdletLog(this)));

        protected sealed override void BeginProcessing()
        {
            if (_cancellation.IsCancellationRequested)
            {
                _cancellation.Dispose();
                _cancellation = new CancellationTokenSource();
            }
            _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
            _verboseEnabled = WouldWrite("Verbose", "VerbosePreference");
            _debugEnabled = WouldWrite("Debug", "DebugPreference");
            Begin();
        }

        /// <summary>
        /// Whether WriteVerbose / WriteDebug of this command would write anything, by the engine's own rule
        /// (PowerShell/PowerShell, src/System.Management.Automation/engine/MshCommandRuntime.cs, VerbosePreference and
        /// DebugPreference): the common parameter when it was given (-Verbose:$false too), else -Debug also turns verbose
        /// on, else the preference variable as this command sees it; SilentlyContinue and Ignore write nothing. Read once
        /// per command, so that <see cref="Log"/> can tell helpers not to build lines nobody reads. When in doubt (a value
        /// that is no ActionPreference), it says yes.
        /// </summary>
        private bool WouldWrite(string flag, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(flag, out object given)) return IsOn(given);
            if (flag == "Verbose" && MyInvocation.BoundParameters.TryGetValue("Debug", out object debug) && IsOn(debug)) return true;
            object preference = GetVariableValue(preferenceVariable);
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            if (preference == null) return false;   // not set at all: the engine's default is SilentlyContinue
            // The usual case, the variable holding an ActionPreference, needs no conversion (LanguagePrimitives' look-up of
            // a conversion was a measurable share of a one-call cmdlet's own CPU: docs/performance.md, issue 17).
            if (preference is ActionPreference set) return set != ActionPreference.SilentlyContinue && set != ActionPreference.Ignore;
            if (!LanguagePrimitives.TryConvertTo(preference, CultureInfo.InvariantCulture, out ActionPreference value)) return true;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        private static bool IsOn(object switchValue) =>
            switchValue is SwitchParameter s ? s.IsPresent : !(switchValue is bool b) || b;

        /// <summary>Per-cmdlet setup after the base has created the cancellation token.</summary>
        protected virtual void Begin() { }

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>
        /// Session state (the runspace's context, bound parameters) may only be read on the pipeline thread, and not by
        /// the helpers running in <see cref="Run{T}"/> (even the part of their work that runs on the pipeline thread): they
        /// get what they need passed in. Catches that mistake at once.
        /// </summary>
        internal void AssertPipelineThread()
        {
            if ((_pipelineThreadId != -1 && Thread.CurrentThread.ManagedThreadId != _pipelineThreadId) || _pump.InWork)
                throw new InvalidOperationException("Internal error: session state was read off the pipeline thread.");
        }

        public void Dispose()
        {
            // Work abandoned at Ctrl+C may still hold the token; a source without timers needs no disposal then.
            if (!_abandoned) _cancellation.Dispose();
        }

        /// <summary>
        /// Writes to the host on the pipeline thread: at once when called there outside the work, else queued for the
        /// pipeline thread (which <see cref="Run{T}"/> wakes for it).
        /// </summary>
        internal void Post(Action<DataWorksCmdlet> write)
        {
            if (Thread.CurrentThread.ManagedThreadId == _pipelineThreadId && !_pump.InWork) write(this);
            else _pump.QueueWrite(() => write(this));
        }

        /// <summary>
        /// For work running under <see cref="Run{T}"/> that needs the pipeline thread for a step — a ShouldProcess, a
        /// prompt, writes — and its answer: runs <paramref name="step"/> there (within PipelinePump.WriteLatency) and
        /// completes the returned task with its result or its exception (PipelineStoppedException included).
        /// </summary>
        internal Task<T> OnPipelineThread<T>(Func<T> step)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ =>
            {
                try
                {
                    done.SetResult(step());
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            });
            return done.Task;
        }

        /// <summary>
        /// The one progress path: a workflow's progress callback, from any thread. Each report becomes a ProgressRecord
        /// with the activity's own id (Workflows.ProgressActivity hands them out) and is written on the pipeline thread.
        /// </summary>
        internal void PostProgress(ProgressUpdate update)
        {
            ProgressRecord record = ToRecord(update);
            Post(c => c.WriteProgress(record));
        }

        /// <summary>The one conversion of a progress report into a ProgressRecord.</summary>
        private static ProgressRecord ToRecord(ProgressUpdate update) => new ProgressRecord(update.ActivityId, update.Activity, update.Status)
        {
            PercentComplete = update.PercentComplete,
            RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };

        /// <summary>
        /// The one way a listing is written: each page as it arrives, the next page fetched only when the pipeline wants
        /// more — when a downstream command has what it needs (Select-Object -First), WriteObject stops the pipeline and no
        /// further page is read. A failed page is a non-terminating error about <paramref name="target"/>.
        /// </summary>
        /// <param name="complete">
        /// Optional: fills in what the listing does not carry (a workspace's mode, a package's file), one item at a time just
        /// before it is written, so `Select-Object -First n` also stops these reads after n items. It reports its own
        /// failures (the item is written as far as it is known).
        /// </param>
        /// <param name="keep">Only the items it accepts are written (a client-side filter, e.g. a wildcard name); null keeps all.</param>
        /// <returns>How many items were written; -1 when a page failed (its error was written).</returns>
        /// <remarks>
        /// A listing longer than one page shows a bar with a real percentage (the total is the service's): written here, on
        /// the pipeline thread, and completed however the listing ends.
        /// </remarks>
        internal int WritePages<T>(Pager<T> pager, object target, Func<T, CancellationToken, Task<T>> complete = null, Func<T, bool> keep = null)
        {
            ProgressActivity bar = null;
            int written = 0;
            try
            {
                while (pager.HasMore)
                {
                    if (!TryRun(ct => pager.NextAsync(ct), target, out IReadOnlyList<T> items)) return -1;
                    if (bar == null && pager.HasMore && pager.TotalCount > 0)
                        bar = new ProgressActivity($"{MyInvocation.MyCommand.Name}: reading the listing, {pager.PageSize} per call", u => WriteProgress(ToRecord(u)));
                    foreach (T item in items)
                    {
                        if (keep != null && !keep(item)) continue;
                        T next = item;
                        if (complete != null && !TryRun(ct => complete(item, ct), target, out next)) next = item;
                        WriteObject(next);
                        written++;
                        if (bar != null && written % Math.Max(1, pager.PageSize / 4) == 0) bar.ReportCount("written", written, pager.TotalCount ?? 0);
                    }
                }
            }
            finally
            {
                try
                {
                    bar?.Complete();
                }
                catch (PipelineStoppedException)
                {
                    // The pipeline ended (Select-Object -First has what it needs); the host clears its bars with it.
                }
            }
            return written;
        }

        /// <summary>
        /// Runs asynchronous work to completion under this cmdlet's <see cref="PipelinePump"/>: it starts here, on the
        /// pipeline thread, which then sleeps until a write is queued, a continuation comes back or the work completes —
        /// no thread hop to start it, no spinning while it runs. Ctrl+C (StopProcessing) cancels the token and ends the
        /// wait at once with PipelineStoppedException, whether or not the work has noticed yet.
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            CancellationToken token = _cancellation.Token;
            if (token.IsCancellationRequested) throw new PipelineStoppedException();
            Task<T> task;
            try
            {
                task = _pump.Run(() => work(token), token);
            }
            catch
            {
                // A write failed or the pipeline is stopping (e.g. Ctrl+C): stop the work too.
                _cancellation.Cancel();
                throw;
            }

            if (!task.IsCompleted)
            {
                // Stopped while the work runs: leave it to notice the token on its own thread, observed so that its
                // failure is never reported as unobserved.
                _abandoned = true;
                task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw new PipelineStoppedException();
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        internal void Run(Func<CancellationToken, Task> work) => Run<bool>(async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        });

        /// <summary>
        /// Runs one item's work; a service failure becomes a non-terminating error about <paramref name="target"/>,
        /// so one bad item does not stop the pipeline. Returns false when it failed. A spent daily call budget is a
        /// terminating error instead: no further item could be sent today, so the run stops there (the error names the
        /// item, what was done and how to finish it: Workflows.WorkflowState).
        /// </summary>
        internal bool TryRun<T>(Func<CancellationToken, Task<T>> work, object target, out T result)
        {
            try
            {
                result = Run(work);
                return true;
            }
            catch (CallBudgetExhaustedException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromService(ex, target));
                throw; // not reached: ThrowTerminatingError always throws
            }
            catch (DataWorksServiceException ex)
            {
                WriteError(ErrorRecords.FromService(ex, target));
                result = default(T);
                return false;
            }
            catch (DataWorksOperationException ex)
            {
                WriteError(ErrorRecords.From(ex, target));
                result = default(T);
                return false;
            }
            catch (Client.Credentials.CredentialException ex)
            {
                // E.g. temporary credentials that could not be refreshed in the middle of a wait.
                WriteError(CredentialErrors.ToErrorRecord(ex, target));
                result = default(T);
                return false;
            }
        }

        private sealed class CmdletLog : IClientLog
        {
            private readonly DataWorksCmdlet _owner;

            public CmdletLog(DataWorksCmdlet owner) => _owner = owner;

            public bool VerboseEnabled => _owner._verboseEnabled;

            public bool DebugEnabled => _owner._debugEnabled;

            public void Verbose(string message) => _owner.Post(c => c.WriteVerbose(message));

            public void Debug(string message) => _owner.Post(c => c.WriteDebug(message));
        }
    }
}
