using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DataWorksDI.Tests.Infrastructure
{
    /// <summary>A request exactly as it arrived on the socket.</summary>
    public sealed class RecordedRequest
    {
        public string Method { get; set; }
        public string Target { get; set; }
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
        public byte[] Body { get; set; } = new byte[0];
        public DateTime ReceivedAt { get; set; }

        public string Header(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>Query parameters, percent-decoded.</summary>
        public List<KeyValuePair<string, string>> Query
        {
            get
            {
                int q = Target.IndexOf('?');
                return q < 0 ? new List<KeyValuePair<string, string>>() : ParseForm(Target.Substring(q + 1));
            }
        }

        public static List<KeyValuePair<string, string>> ParseForm(string text)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(text)) return list;
            foreach (string pair in text.Split('&'))
            {
                int eq = pair.IndexOf('=');
                string k = eq < 0 ? pair : pair.Substring(0, eq);
                string v = eq < 0 ? string.Empty : pair.Substring(eq + 1);
                list.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)));
            }
            return list;
        }

        public string AllText => Method + " " + Target + "\n" + string.Join("\n", Headers.Select(h => h.Key + ": " + h.Value)) + "\n\n" + BodyText;
    }

    /// <summary>What the server does with one request.</summary>
    public sealed class ScriptedResponse
    {
        public int Status { get; set; } = 200;
        public string Body { get; set; } = "{}";
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        /// <summary>Close the connection without answering (a dropped connection).</summary>
        public bool Drop { get; set; }

        /// <summary>Never answer (until the server is disposed).</summary>
        public bool Hang { get; set; }

        public static ScriptedResponse Json(int status, string body, string retryAfterMs = null)
        {
            var r = new ScriptedResponse { Status = status, Body = body };
            if (retryAfterMs != null) r.Headers["x-acs-retry-after"] = retryAfterMs;
            return r;
        }

        public static ScriptedResponse Ok(string body = "{\"RequestId\":\"REQ-OK\",\"Success\":true}") => Json(200, body);

        public static ScriptedResponse Error(int status, string code, string message = "scripted", string retryAfterMs = null) =>
            Json(status, "{\"RequestId\":\"REQ-" + code + "\",\"HostId\":\"127.0.0.1\",\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"Recommend\":\"https://api.alibabacloud.com/troubleshoot?q=" + code + "\"}", retryAfterMs);
    }

    /// <summary>
    /// A raw TCP HTTP/1.1 server on 127.0.0.1 that records every request byte-for-byte and answers from a script:
    /// any status, headers, a dropped connection or no answer at all. Each response closes its connection.
    /// </summary>
    public sealed class ScriptedHttpServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Func<RecordedRequest, int, ScriptedResponse> _script;
        private int _count;

        public ScriptedHttpServer(Func<RecordedRequest, int, ScriptedResponse> script)
        {
            _script = script;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Task.Run(AcceptLoop);
        }

        /// <summary>Answers the given responses in order; the last one repeats.</summary>
        public static ScriptedHttpServer Sequence(params ScriptedResponse[] responses) =>
            new ScriptedHttpServer((req, i) => responses[Math.Min(i, responses.Length - 1)]);

        public int Port { get; }

        public Uri BaseAddress => new Uri("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/");

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new ConcurrentQueue<RecordedRequest>();

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }
                _ = Task.Run(() => Handle(client));
            }
        }

        private async Task Handle(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    RecordedRequest request = await ReadRequest(stream).ConfigureAwait(false);
                    if (request == null) return;
                    int index = Interlocked.Increment(ref _count) - 1;
                    Requests.Enqueue(request);
                    ScriptedResponse response = _script(request, index);
                    if (response.Drop) return;
                    if (response.Hang)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }).ConfigureAwait(false);
                        return;
                    }
                    byte[] body = Encoding.UTF8.GetBytes(response.Body ?? string.Empty);
                    var head = new StringBuilder();
                    head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(((HttpStatusCode)response.Status).ToString()).Append("\r\n");
                    head.Append("Content-Type: application/json;charset=utf-8\r\n");
                    foreach (var h in response.Headers) head.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
                    head.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
                    byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
                    await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
                    await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        private static async Task<RecordedRequest> ReadRequest(Stream stream)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int headerEnd = -1;
            while (headerEnd < 0)
            {
                int n = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
                if (n == 0) return null;
                buffer.Write(chunk, 0, n);
                headerEnd = IndexOf(buffer.GetBuffer(), (int)buffer.Length, new byte[] { 13, 10, 13, 10 });
            }
            byte[] all = buffer.ToArray();
            string head = Encoding.ASCII.GetString(all, 0, headerEnd);
            string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            string[] first = lines[0].Split(' ');
            var request = new RecordedRequest { Method = first[0], Target = first[1], ReceivedAt = DateTime.UtcNow };
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) request.Headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
            }
            int length = int.TryParse(request.Header("Content-Length"), out int l) ? l : 0;
            var body = new MemoryStream();
            body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
            while (body.Length < length)
            {
                int n = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
                if (n == 0) break;
                body.Write(chunk, 0, n);
            }
            request.Body = body.ToArray();
            return request;
        }

        private static int IndexOf(byte[] haystack, int length, byte[] needle)
        {
            for (int i = 0; i <= length - needle.Length; i++)
            {
                bool match = true;
                for (int j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
                if (match) return i;
            }
            return -1;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
