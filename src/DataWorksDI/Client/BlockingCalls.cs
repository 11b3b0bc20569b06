using System.Net.Http;

namespace DataWorksDI.Client
{
    /// <summary>
    /// Whether the current thread may wait for a call's answer itself (issue 17). A cmdlet's pipeline thread has nothing
    /// else to do while its call runs: Cmdlets/PipelinePump allows it while it runs the synchronous start of the work,
    /// and there the client sends with the synchronous <c>HttpClient.Send</c> of .NET 5+, so a one-call cmdlet runs its
    /// whole call on that thread, with no hand-off to the thread pool and back. Only the first send of that start may
    /// block: work that starts several things at once (LiveTaskReader.ForEachAsync) must not have them run one after the
    /// other on the pipeline thread, so every later send of the same start goes asynchronous as before. Anywhere else —
    /// a pool thread after an await that yielded, Windows PowerShell's .NET Framework, which has no synchronous Send, a
    /// test's own handler — the client sends asynchronously. Cancellation (Ctrl+C, the per-attempt time-out) aborts either.
    /// </summary>
    internal static class BlockingCalls
    {
        [ThreadStatic]
        private static bool _allowed;

        /// <summary>HttpClient.Send(request, completionOption, token), or null where the runtime has none (.NET Framework, .NET Core 3.x).</summary>
        internal static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> Send = FindSend();

        /// <summary>Lets this thread block for one send, until <see cref="Revoke"/>.</summary>
        public static void Allow() => _allowed = true;

        public static void Revoke() => _allowed = false;

        /// <summary>True (once) when this thread may block for this send and the runtime can: the allowance is then spent.</summary>
        public static bool TryTake()
        {
            if (!_allowed || Send == null) return false;
            _allowed = false;
            return true;
        }

        private static Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> FindSend()
        {
            var method = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            return method == null ? null
                : (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                    typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), method);
        }
    }
}
