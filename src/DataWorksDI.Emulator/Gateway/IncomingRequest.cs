using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

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
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await http.Body.ReadAsync(chunk, 0, chunk.Length, ct).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > Protocol.MaxBodyBytes) throw ErrorCatalogue.RequestTooLarge(Protocol.MaxBodyBytes);
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
}
