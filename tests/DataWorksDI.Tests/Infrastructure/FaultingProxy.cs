using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;

namespace DataWorksDI.Tests.Infrastructure
{
    /// <summary>What the proxy does to one request.</summary>
    public enum ProxyFault
    {
        /// <summary>Forward it and pass the answer back.</summary>
        None,

        /// <summary>Answer 500 without forwarding: DataWorks never saw it (the write did not take effect).</summary>
        FailBefore,

        /// <summary>Forward it, let the emulator act and commit, then answer 500 instead: the write took effect, its answer was lost.</summary>
        FailAfter,

        /// <summary>Never answer (the client's per-attempt time-out ends it); the request is forwarded first, so it takes effect.</summary>
        HangAfter,

        /// <summary>Never answer, and never forward: a time-out of a call DataWorks did not see.</summary>
        HangBefore,
    }

    /// <summary>
    /// A proxy in front of the emulator that forwards requests byte for byte (the Host header included, so signatures still
    /// verify) and injects faults into chosen ones: a 500 before the emulator sees the request, or after it has acted
    /// (until the emulator's own after-the-action fault option is in main, this is how a write whose answer was lost is
    /// tested). Faults are chosen by action name (x-acs-action): <see cref="Fail"/> arms one for the next N matching calls.
    /// </summary>
    public sealed class FaultingProxy : IDisposable
    {
        private static readonly HttpClient Forwarder = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        private static readonly HashSet<string> NotForwarded = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect" };

        private readonly Uri _target;
        private readonly ScriptedHttpServer _server;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<ProxyFault>> _armed = new ConcurrentDictionary<string, ConcurrentQueue<ProxyFault>>(StringComparer.Ordinal);

        public FaultingProxy(Uri target)
        {
            _target = target;
            _server = new ScriptedHttpServer(Handle);
        }

        public Uri BaseAddress => _server.BaseAddress;

        /// <summary>Every fault injected so far, in order: (action, fault).</summary>
        public ConcurrentQueue<(string Action, ProxyFault Fault)> Injected { get; } = new ConcurrentQueue<(string, ProxyFault)>();

        /// <summary>The next <paramref name="times"/> calls of <paramref name="action"/> get <paramref name="fault"/>.</summary>
        public FaultingProxy Fail(string action, ProxyFault fault, int times = 1)
        {
            ConcurrentQueue<ProxyFault> queue = _armed.GetOrAdd(action, _ => new ConcurrentQueue<ProxyFault>());
            for (int i = 0; i < times; i++) queue.Enqueue(fault);
            return this;
        }

        /// <summary>Faults armed and not yet used, for <paramref name="action"/>.</summary>
        public int Pending(string action) => _armed.TryGetValue(action, out var q) ? q.Count : 0;

        private ScriptedResponse Handle(RecordedRequest request, int index)
        {
            string action = request.Header("x-acs-action") ?? RecordedRequest.ParseForm(request.BodyText).Concat(request.Query).Where(p => p.Key == "Action").Select(p => p.Value).FirstOrDefault() ?? "";
            ProxyFault fault = ProxyFault.None;
            if (_armed.TryGetValue(action, out var queue) && queue.TryDequeue(out ProxyFault armed)) fault = armed;
            if (fault != ProxyFault.None) Injected.Enqueue((action, fault));
            if (fault == ProxyFault.FailBefore) return ServerError(action, "before");
            if (fault == ProxyFault.HangBefore) return new ScriptedResponse { Hang = true };

            ScriptedResponse forwarded = Forward(request);
            switch (fault)
            {
                case ProxyFault.FailAfter:
                    return ServerError(action, "after");
                case ProxyFault.HangAfter:
                    return new ScriptedResponse { Hang = true };
                default:
                    return forwarded;
            }
        }

        private static ScriptedResponse ServerError(string action, string when) =>
            ScriptedResponse.Error(500, "InternalError.System", $"injected by the test proxy {when} {action} ran");

        private ScriptedResponse Forward(RecordedRequest request)
        {
            using (var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Target)))
            {
                message.Headers.Host = request.Header("Host");
                var content = new ByteArrayContent(request.Body);
                foreach (var h in request.Headers)
                {
                    if (NotForwarded.Contains(h.Key)) continue;
                    if (h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                    else message.Headers.TryAddWithoutValidation(h.Key, h.Value);
                }
                if (request.Body.Length > 0 || request.Method == "POST") message.Content = content;
                using (HttpResponseMessage response = Forwarder.SendAsync(message, CancellationToken.None).GetAwaiter().GetResult())
                {
                    var answer = new ScriptedResponse { Status = (int)response.StatusCode, Body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult() };
                    foreach (var h in response.Headers)
                        if (h.Key.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase)) answer.Headers[h.Key] = string.Join(",", h.Value);
                    return answer;
                }
            }
        }

        public void Dispose() => _server.Dispose();
    }
}
