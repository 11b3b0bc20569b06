using System.IO;
using System.Text;
using System.Threading;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>
    /// A request exactly as received: method, Host, headers, the decoded query pairs in their order, the raw body
    /// bytes and (for form bodies) the decoded body pairs. Signature checks work on these, never on re-encoded data.
    /// </summary>
    public sealed class IncomingRequest
    {
        public string Method { get; private set; }
        public string Host { get; private set; }
        public IHeaderDictionary Headers { get; private set; }
        public List<KeyValuePair<string, string>> Query { get; private set; }
        public byte[] Body { get; private set; }
        public List<KeyValuePair<string, string>> Form { get; private set; }

        /// <summary>Query and form parameters merged into one map; on a conflict the body value wins (docs/emulator.md).</summary>
        public Dictionary<string, string> Parameters { get; private set; }

        public string Header(string name)
        {
            if (!Headers.TryGetValue(name, out var values) || values.Count == 0) return null;
            return string.Join(",", values.ToArray());
        }

        /// <summary>A parameter from the query or the form body (the body wins), or null.</summary>
        public string Param(string name) => Parameters.TryGetValue(name, out string v) ? v : null;

        /// <summary>Every value given for <paramref name="name"/>, in the query and in the body.</summary>
        public IEnumerable<string> AllValues(string name) =>
            Query.Concat(Form).Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value);

        /// <summary>
        /// Reads the request. A body over <see cref="Protocol.MaxBodyBytes"/> is <see cref="ErrorCatalogue.RequestTooLarge"/>
        /// (413), one sent slower than Kestrel's minimum data rate <see cref="ErrorCatalogue.RequestTimeout"/> (408), and a
        /// client that goes away mid-body <see cref="ClientAbortedException"/>.
        /// </summary>
        public static async Task<IncomingRequest> ReadAsync(HttpContext context, CancellationToken ct)
        {
            var http = context.Request;
            var req = new IncomingRequest
            {
                Method = http.Method.ToUpperInvariant(),
                Host = http.Headers.Host.ToString(),
                Headers = http.Headers,
                Query = ParsePairs(http.QueryString.HasValue ? http.QueryString.Value.Substring(1) : string.Empty),
            };
            if (http.ContentLength > Protocol.MaxBodyBytes) throw ErrorCatalogue.RequestTooLarge(Protocol.MaxBodyBytes);
            // The gateway enforces its own limit (and drains an oversized body after answering 413), so Kestrel's is lifted here.
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature != null && !sizeFeature.IsReadOnly) sizeFeature.MaxRequestBodySize = null;
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[64 * 1024];
                int read;
                try
                {
                    while ((read = await http.Body.ReadAsync(chunk, 0, chunk.Length, ct).ConfigureAwait(false)) > 0)
                    {
                        buffer.Write(chunk, 0, read);
                        if (buffer.Length > Protocol.MaxBodyBytes) throw ErrorCatalogue.RequestTooLarge(Protocol.MaxBodyBytes);
                    }
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
                {
                    throw ErrorCatalogue.RequestTimeout(buffer.Length);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw ErrorCatalogue.RequestTooLarge(Protocol.MaxBodyBytes);
                }
                catch (BadHttpRequestException e) when (e.Message.StartsWith("Unexpected end of request content", StringComparison.Ordinal))
                {
                    // The client closed its side before the announced body was complete.
                    throw new ClientAbortedException(buffer.Length, e);
                }
                catch (BadHttpRequestException e)
                {
                    throw ErrorCatalogue.MalformedHttp(e.Message);
                }
                catch (Exception e) when (e is IOException && !(e is BadHttpRequestException) || e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                {
                    throw new ClientAbortedException(buffer.Length, e);
                }
                req.Body = buffer.ToArray();
            }
            string contentType = http.ContentType ?? string.Empty;
            req.Form = req.Body.Length > 0 && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                ? ParsePairs(Encoding.UTF8.GetString(req.Body))
                : new List<KeyValuePair<string, string>>();

            req.Parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in req.Query) req.Parameters[p.Key] = p.Value;
            foreach (var p in req.Form) req.Parameters[p.Key] = p.Value;
            return req;
        }

        /// <summary>
        /// Reads and discards what is left of a body the gateway refused (413), so that the client, still sending, reads
        /// the answer instead of a reset connection. Bounded: at most <paramref name="maxBytes"/> bytes and
        /// <paramref name="maxTime"/>; past either the connection is closed.
        /// </summary>
        public static async Task DrainAsync(HttpContext context, long maxBytes, TimeSpan maxTime)
        {
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature != null && !sizeFeature.IsReadOnly) sizeFeature.MaxRequestBodySize = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(maxTime);
            var chunk = new byte[64 * 1024];
            long total = 0;
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(chunk, 0, chunk.Length, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes) break;
                }
                if (total <= maxBytes) return;
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException)
            {
            }
            context.Abort();
        }

        /// <summary>Splits name=value pairs on '&amp;'; '+' is a space and %XY sequences are UTF-8 bytes.</summary>
        public static List<KeyValuePair<string, string>> ParsePairs(string text)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(text)) return pairs;
            foreach (string part in text.Split('&'))
            {
                if (part.Length == 0) continue;
                int eq = part.IndexOf('=');
                string name = eq < 0 ? part : part.Substring(0, eq);
                string value = eq < 0 ? string.Empty : part.Substring(eq + 1);
                pairs.Add(new KeyValuePair<string, string>(Decode(name), Decode(value)));
            }
            return pairs;
        }

        private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>The client closed the connection before its request body was complete: nothing was done, nothing to answer.</summary>
    public sealed class ClientAbortedException : Exception
    {
        public ClientAbortedException(long bytesRead, Exception inner)
            : base("The client closed the connection after " + bytesRead + " bytes of the request body; the request was not processed.", inner)
        {
            BytesRead = bytesRead;
        }

        public long BytesRead { get; }
    }
}
