// Compiled by link into the emulator and the emulator benchmark too, which do not have the module's GlobalUsings.cs:
// this file names every namespace it uses.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace DataWorksDI.Client.Signing
{
    /// <summary>
    /// Signature V3, ACS3-HMAC-SHA256 (../shared/spec/signing.md §2). Pure functions over what is actually sent:
    /// the signer and the emulator's verifier both build the canonical request here.
    /// </summary>
    internal static class AcsSignatureV3
    {
        public const string Algorithm = "ACS3-HMAC-SHA256";

        /// <summary>Lowercase hex SHA-256 of the empty body.</summary>
        public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        public static string HashHex(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return ToHex(sha.ComputeHash(data ?? new byte[0]));
            }
        }

        /// <summary>Canonical query: encoded name=value pairs sorted ordinally by name then value, joined by '&amp;'.</summary>
        public static string CanonicalQueryString(IEnumerable<KeyValuePair<string, string>> query)
        {
            if (query == null) return string.Empty;
            var encoded = query
                .Select(p => new KeyValuePair<string, string>(AcsPercentEncoder.Encode(p.Key), AcsPercentEncoder.Encode(p.Value ?? string.Empty)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal);
            return string.Join("&", encoded.Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>
        /// Builds the canonical headers block (each "name:value\n", sorted) and the SignedHeaders list from the
        /// headers that are signed. Names are lowercased and values trimmed.
        /// </summary>
        public static void CanonicalizeHeaders(IEnumerable<KeyValuePair<string, string>> signedHeaders, out string canonicalHeaders, out string signedHeaderNames)
        {
            var sorted = signedHeaders
                .Select(h => new KeyValuePair<string, string>(h.Key.Trim().ToLowerInvariant(), (h.Value ?? string.Empty).Trim()))
                .OrderBy(h => h.Key, StringComparer.Ordinal)
                .ToList();
            var sb = new StringBuilder();
            foreach (var h in sorted) sb.Append(h.Key).Append(':').Append(h.Value).Append('\n');
            canonicalHeaders = sb.ToString();
            signedHeaderNames = string.Join(";", sorted.Select(h => h.Key));
        }

        /// <summary>True for the headers a client signs: host, content-type and every x-acs-* header.</summary>
        public static bool IsSignedByDefault(string headerName)
        {
            string n = headerName.ToLowerInvariant();
            return n == "host" || n == "content-type" || n.StartsWith("x-acs-", StringComparison.Ordinal);
        }

        public static string CanonicalRequest(string method, IEnumerable<KeyValuePair<string, string>> query,
            IEnumerable<KeyValuePair<string, string>> signedHeaders, string payloadHash)
        {
            CanonicalizeHeaders(signedHeaders, out string canonicalHeaders, out string names);
            return method.ToUpperInvariant() + "\n/\n" + CanonicalQueryString(query) + "\n" + canonicalHeaders + "\n" + names + "\n" + payloadHash;
        }

        public static string StringToSign(string canonicalRequest) =>
            Algorithm + "\n" + HashHex(Encoding.UTF8.GetBytes(canonicalRequest));

        /// <summary>Lowercase hex HMAC-SHA256 of the string to sign; the key is the secret's UTF-8 bytes.</summary>
        public static string Sign(byte[] secretKey, string stringToSign)
        {
            using (var hmac = new HMACSHA256(secretKey))
            {
                return ToHex(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
            }
        }

        public static string AuthorizationHeader(string accessKeyId, string signedHeaderNames, string signature) =>
            Algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaderNames + ",Signature=" + signature;

        /// <summary>Parses "ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…". Returns false when malformed.</summary>
        public static bool TryParseAuthorization(string header, out string accessKeyId, out string[] signedHeaderNames, out string signature)
        {
            accessKeyId = null; signedHeaderNames = null; signature = null;
            if (string.IsNullOrEmpty(header) || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return false;
            foreach (string part in header.Substring(Algorithm.Length + 1).Split(','))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0) return false;
                string name = part.Substring(0, eq).Trim();
                string value = part.Substring(eq + 1).Trim();
                switch (name)
                {
                    case "Credential": accessKeyId = value; break;
                    case "SignedHeaders": signedHeaderNames = value.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries); break;
                    case "Signature": signature = value; break;
                    default: return false;
                }
            }
            return !string.IsNullOrEmpty(accessKeyId) && signedHeaderNames != null && signedHeaderNames.Length > 0 && !string.IsNullOrEmpty(signature);
        }

        internal static string ToHex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }
    }
}
