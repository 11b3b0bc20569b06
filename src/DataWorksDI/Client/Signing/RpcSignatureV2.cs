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
    /// Signature V2 for RPC APIs, HMAC-SHA1 with SignatureVersion 1.0 (../shared/spec/signing.md §3).
    /// Signs the union of query and form-body parameters except Signature.
    /// </summary>
    internal static class RpcSignatureV2
    {
        public const string SignatureMethod = "HMAC-SHA1";
        public const string SignatureVersion = "1.0";

        public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var encoded = parameters
                .Where(p => !string.Equals(p.Key, "Signature", StringComparison.Ordinal))
                .Select(p => new KeyValuePair<string, string>(AcsPercentEncoder.Encode(p.Key), AcsPercentEncoder.Encode(p.Value ?? string.Empty)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal);
            return string.Join("&", encoded.Select(p => p.Key + "=" + p.Value));
        }

        public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
            method.ToUpperInvariant() + "&" + AcsPercentEncoder.Encode("/") + "&" + AcsPercentEncoder.Encode(CanonicalizedQuery(parameters));

        /// <summary>Base64 HMAC-SHA1; <paramref name="secretKey"/> is the UTF-8 secret, to which "&amp;" is appended here.</summary>
        public static string Sign(byte[] secretKey, string stringToSign)
        {
            byte[] key = new byte[secretKey.Length + 1];
            try
            {
                Buffer.BlockCopy(secretKey, 0, key, 0, secretKey.Length);
                key[secretKey.Length] = (byte)'&';
                using (var hmac = new HMACSHA1(key))
                {
                    return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
                }
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }
    }
}
