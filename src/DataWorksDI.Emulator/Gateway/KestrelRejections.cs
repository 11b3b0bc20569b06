using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using Microsoft.AspNetCore.Connections;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>
    /// Kestrel refuses some requests before any application code runs — a request line over its limit (414), headers
    /// over theirs (431), malformed HTTP (400), a client too slow to send its headers (408) — and answers them with an
    /// empty body. This connection middleware rewrites exactly those answers into the gateway's JSON error shape
    /// ({RequestId, HostId, Code, Message, Recommend}), so no client ever gets an empty body from the emulator.
    /// <para>
    /// It recognises them by form: a single write that is one complete HTTP/1.1 response head with status 400, 408,
    /// 413, 414 or 431 and <c>Content-Length: 0</c>. The gateway itself never answers those statuses without a body.
    /// </para>
    /// </summary>
    internal static class KestrelRejections
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async context =>
        {
            var original = context.Transport;
            var output = new RewritingStream(original.Output.AsStream(leaveOpen: true));
            context.Transport = new DuplexPipe(original.Input, PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true)));
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.Transport = original;
            }
        };

        /// <summary>The JSON answer for a rejected request, or null when <paramref name="head"/> is not such a rejection.</summary>
        internal static byte[] Rewrite(ReadOnlySpan<byte> head)
        {
            if (head.Length < 16 || head.Length > 4096 || !head.StartsWith("HTTP/1.1 "u8) || !head.EndsWith("\r\n\r\n"u8)) return null;
            string text = Encoding.ASCII.GetString(head);
            if (text.IndexOf("\r\n\r\n", StringComparison.Ordinal) != text.Length - 4) return null;
            if (text.IndexOf("\r\nContent-Length: 0\r\n", StringComparison.OrdinalIgnoreCase) < 0) return null;
            ApiException error;
            switch (text.Substring(9, 3))
            {
                case "400": error = ErrorCatalogue.MalformedHttp(); break;
                case "408": error = ErrorCatalogue.RequestTimeout(0); break;
                case "413": error = ErrorCatalogue.RequestTooLarge(Protocol.MaxBodyBytes); break;
                case "414": error = ErrorCatalogue.RequestLineTooLong(); break;
                case "431": error = ErrorCatalogue.HeadersTooLarge(); break;
                default: return null;
            }
            string requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(ApiGateway.ErrorBody(error, requestId, "127.0.0.1"), JsonOptions);
            string rewritten = text.Replace("\r\nContent-Length: 0\r\n", "\r\nContent-Length: " + body.Length + "\r\nContent-Type: " + Protocol.JsonContentType
                + "\r\n" + Protocol.RequestIdHeader + ": " + requestId + "\r\n", StringComparison.OrdinalIgnoreCase);
            byte[] headBytes = Encoding.ASCII.GetBytes(rewritten);
            var all = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(all, 0);
            body.CopyTo(all, headBytes.Length);
            return all;
        }

        private sealed class DuplexPipe : IDuplexPipe
        {
            public DuplexPipe(PipeReader input, PipeWriter output)
            {
                Input = input;
                Output = output;
            }

            public PipeReader Input { get; }
            public PipeWriter Output { get; }
        }

        /// <summary>Passes every write through, except a write that is exactly one of Kestrel's empty rejections.</summary>
        private sealed class RewritingStream : Stream
        {
            private readonly Stream _inner;

            public RewritingStream(Stream inner)
            {
                _inner = inner;
            }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() => _inner.Flush();
            public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) =>
                WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                byte[] rewritten = Rewrite(buffer.Span);
                return _inner.WriteAsync(rewritten ?? buffer, cancellationToken);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
