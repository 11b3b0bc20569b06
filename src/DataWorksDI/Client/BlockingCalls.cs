using System;
using System.Net.Http;
using System.Threading;

namespace DataWorksDI.Client
{
    /// <summary>
    /// Whether the current thread may wait for a call's answer itself (issue 17). A cmdlet's pipeline thread has nothing
    /// else to do while its call runs (Cmdlets/PipelinePump marks it while it runs the work); there the client sends with
    /// the synchronous <c>HttpClient.Send</c> of .NET 5+ and the whole call runs on that thread, with no hand-off to the
    /// thread pool and back. Anywhere else — a pool thread after an await that yielded, Windows PowerShell's .NET
    /// Framework, which has no synchronous Send, a test's own handler — the client sends asynchronously as before.
    /// Cancellation (Ctrl+C, the per-attempt time-out) aborts either.
    /// </summary>
    internal static class BlockingCalls
    {
        [ThreadStatic]
        private static int _depth;

        /// <summary>HttpClient.Send(request, completionOption, token), or null where the runtime has none (.NET Framework, .NET Core 3.x).</summary>
        internal static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> Send = FindSend();

        /// <summary>True on a thread inside <see cref="Enter"/>/<see cref="Exit"/>.</summary>
        public static bool AllowedHere => _depth > 0;

        public static void Enter() => _depth++;

        public static void Exit() => _depth--;

        private static Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> FindSend()
        {
            var method = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            return method == null ? null
                : (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                    typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), method);
        }
    }
}
