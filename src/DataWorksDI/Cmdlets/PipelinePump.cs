namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// How a cmdlet runs asynchronous work without leaving the pipeline thread idle on a hand-off (issue 17): the work
    /// starts on the pipeline thread itself, under this single-threaded <see cref="SynchronizationContext"/>; while it runs,
    /// the pipeline thread sleeps (no spinning) until the work completes, a continuation of the work comes back to this
    /// context, or Ctrl+C — and then does that, here. Writes queued from other threads (verbose, debug, progress) do not
    /// wake it on their own: it writes them when it wakes, and at least every <see cref="WriteLatency"/> while the work
    /// runs, so a long wait shows its progress as it goes while a plain call — whose client logs on its way back — costs
    /// one wake-up of this thread, when its answer is in. The library's own awaits use ConfigureAwait(false) and continue
    /// on the thread that completed them. While the work runs here, the client may wait for an answer on this thread
    /// itself, for the first send of the work's start (Client/BlockingCalls): then a one-call cmdlet's work has completed
    /// when it returns, and nothing waits at all.
    /// A continuation posted after the pump stopped (work abandoned at Ctrl+C) runs on the thread pool, so nothing is stranded.
    /// </summary>
    internal sealed class PipelinePump : SynchronizationContext
    {
        /// <summary>The longest a write queued from another thread waits for the pipeline thread while the work runs.</summary>
        public static readonly TimeSpan WriteLatency = TimeSpan.FromMilliseconds(50);

        private readonly object _gate = new object();
        private readonly Queue<Item> _queue = new Queue<Item>();
        private int _pumping;
        private bool _waiting;
        private int _threadId = -1;

        private readonly struct Item
        {
            public Item(Action write, SendOrPostCallback callback, object state)
            {
                Write = write;
                Callback = callback;
                State = state;
            }

            /// <summary>A write to the host (runs with no context: it is the cmdlet's, not the work's).</summary>
            public Action Write { get; }

            /// <summary>A continuation of the work that came back to this context.</summary>
            public SendOrPostCallback Callback { get; }

            public object State { get; }
        }

        /// <summary>True on the pump's thread while it runs the work's own code (its synchronous start or a continuation).</summary>
        public bool InWork { get; private set; }

        /// <summary>Queues a write for the pipeline thread, from any thread; it runs within <see cref="WriteLatency"/>.</summary>
        public void QueueWrite(Action write)
        {
            lock (_gate) _queue.Enqueue(new Item(write, null, null));
        }

        public override void Post(SendOrPostCallback d, object state)
        {
            if (d == null) throw new ArgumentNullException(nameof(d));
            lock (_gate)
            {
                if (_pumping > 0)
                {
                    _queue.Enqueue(new Item(null, d, state));
                    if (_waiting) Monitor.Pulse(_gate);
                    return;
                }
            }
            // Nobody pumps any more (the work was abandoned at Ctrl+C): let it finish elsewhere.
            ThreadPool.QueueUserWorkItem(s => d(s), state);
        }

        public override void Send(SendOrPostCallback d, object state)
        {
            if (Thread.CurrentThread.ManagedThreadId == _threadId)
            {
                d(state);
                return;
            }
            using (var done = new ManualResetEventSlim(false))
            {
                Exception failure = null;
                Post(s =>
                {
                    try { d(s); }
                    catch (Exception ex) { failure = ex; }
                    finally { done.Set(); }
                }, state);
                done.Wait();
                if (failure != null) throw new System.Reflection.TargetInvocationException(failure);
            }
        }

        public override SynchronizationContext CreateCopy() => this;

        /// <summary>
        /// Starts <paramref name="work"/> here, under this context, and runs queued writes and continuations until the work
        /// has completed (then everything still queued) or <paramref name="token"/> is cancelled (then it returns at once,
        /// the work not completed). A write that throws (the pipeline is stopping) propagates; the caller cancels the work.
        /// </summary>
        public Task<T> Run<T>(Func<Task<T>> work, CancellationToken token)
        {
            int previousThread = _threadId;
            _threadId = Thread.CurrentThread.ManagedThreadId;
            lock (_gate) _pumping++;
            try
            {
                Task<T> task = Start(work);
                if (!task.IsCompleted)
                {
                    Action wake = Wake;
                    task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(wake);
                    using (token.Register(wake))
                        Pump(task, token);
                }
                if (task.IsCompleted) Pump(task, CancellationToken.None);   // what the work queued on its way out
                return task;
            }
            finally
            {
                lock (_gate) _pumping--;
                _threadId = previousThread;
            }
        }

        private Task<T> Start<T>(Func<Task<T>> work)
        {
            SynchronizationContext previous = Current;
            SetSynchronizationContext(this);
            InWork = true;
            Client.BlockingCalls.Allow();
            try
            {
                return work() ?? throw new InvalidOperationException("Internal error: the work returned no task.");
            }
            catch (Exception ex)
            {
                // A synchronous failure of the work is its result, as if it had been thrown after an await.
                var failed = new TaskCompletionSource<T>();
                failed.SetException(ex);
                return failed.Task;
            }
            finally
            {
                Client.BlockingCalls.Revoke();
                InWork = false;
                SetSynchronizationContext(previous);
            }
        }

        private void Wake()
        {
            lock (_gate)
            {
                if (_waiting) Monitor.Pulse(_gate);
            }
        }

        /// <summary>
        /// Runs queued items; sleeps while there are none and the work is neither done nor cancelled, waking at least every
        /// <see cref="WriteLatency"/> for writes queued meanwhile.
        /// </summary>
        private void Pump(Task task, CancellationToken token)
        {
            while (true)
            {
                Item item;
                lock (_gate)
                {
                    while (_queue.Count == 0)
                    {
                        if (task.IsCompleted || token.IsCancellationRequested) return;
                        _waiting = true;
                        try
                        {
                            Monitor.Wait(_gate, WriteLatency);
                        }
                        finally
                        {
                            _waiting = false;
                        }
                    }
                    item = _queue.Dequeue();
                }
                if (item.Write != null)
                {
                    item.Write();
                    continue;
                }
                SynchronizationContext previous = Current;
                SetSynchronizationContext(this);
                InWork = true;
                try
                {
                    item.Callback(item.State);
                }
                finally
                {
                    InWork = false;
                    SetSynchronizationContext(previous);
                }
            }
        }
    }
}
