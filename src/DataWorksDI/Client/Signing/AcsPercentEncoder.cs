using System.Text;

namespace DataWorksDI.Client.Signing
{
    /// <summary>
    /// The percent-encoding both Alibaba Cloud signature versions use (RFC 3986 unreserved set):
    /// UTF-8 bytes; A-Z a-z 0-9 - _ . ~ stay; everything else is %XY with uppercase hex (space is %20, * is %2A).
    /// Written out rather than Uri.EscapeDataString because .NET Framework caps that at ~32K characters,
    /// and task content can be longer.
    /// </summary>
    internal static class AcsPercentEncoder
    {
        private const string Hex = "0123456789ABCDEF";

        public static string Encode(string value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            var sb = new StringBuilder(bytes.Length + 16);
            foreach (byte b in bytes)
            {
                if (IsUnreserved(b))
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }
            return sb.ToString();
        }

        private static bool IsUnreserved(byte b) =>
            (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9') ||
            b == (byte)'-' || b == (byte)'_' || b == (byte)'.' || b == (byte)'~';

        /// <summary>Encodes name=value pairs as an application/x-www-form-urlencoded body or query string.</summary>
        public static string EncodePairs(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> pairs)
        {
            var sb = new StringBuilder();
            foreach (var p in pairs)
            {
                if (sb.Length > 0) sb.Append('&');
                sb.Append(Encode(p.Key)).Append('=').Append(Encode(p.Value ?? string.Empty));
            }
            return sb.ToString();
        }
    }
}
