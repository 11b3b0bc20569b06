using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Answers each action (its x-acs-action header) at once, in-process, with a body taken from the emulator, as the
    /// emulator did (status 200, JSON) — synchronously too, for HttpClient.Send. Any other action is a benchmark error:
    /// the series made a call it did not expect.
    /// </summary>
    internal sealed class CannedAnswers : HttpMessageHandler
    {
        private readonly Dictionary<string, byte[]> _bodies;

        public CannedAnswers(IDictionary<string, string> answers) =>
            _bodies = answers.ToDictionary(a => a.Key, a => Encoding.UTF8.GetBytes(a.Value), StringComparer.Ordinal);

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string action = request.Headers.TryGetValues("x-acs-action", out IEnumerable<string> values) ? values.First() : null;
            if (action == null || !_bodies.TryGetValue(action, out byte[] body))
                throw new InvalidOperationException($"The benchmark has no canned answer for {action ?? "a request without x-acs-action"}: the series made a call it did not expect.");
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=utf-8");
            return response;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
