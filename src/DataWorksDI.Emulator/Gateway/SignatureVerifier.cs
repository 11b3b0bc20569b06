using System.Security.Cryptography;
using System.Text;
using System.Threading;
using DataWorksDI.Client.Signing;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>Who sent a request whose signature checked out.</summary>
    public sealed class Caller
    {
        public Caller(string accessKeyId, string nonce, string signatureVersion, AccessKeyDefinition key = null)
        {
            AccessKeyId = accessKeyId;
            Nonce = nonce;
            SignatureVersion = signatureVersion;
            Key = key;
        }

        public string AccessKeyId { get; }
        public string Nonce { get; }
        public string SignatureVersion { get; }

        /// <summary>The key the request was signed with (its workspace limits), when known.</summary>
        public AccessKeyDefinition Key { get; }

        public bool MayUse(long projectId) => Key == null || Key.MayUse(projectId);
    }

    public enum SignatureStyle
    {
        V2,
        V3,
    }

    /// <summary>
    /// Verifies V3 (ACS3-HMAC-SHA256) and V2 (HMAC-SHA1) signatures by recomputing them with the module's own signing
    /// code over what was actually received (../shared/spec/signing.md).
    /// </summary>
    public sealed class SignatureVerifier
    {
        /// <summary>Headers every V3 request must sign.</summary>
        public static readonly string[] RequiredSignedHeaders =
        {
            "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256",
        };

        private readonly AccessKeyRegistry _keys;

        public SignatureVerifier(AccessKeyRegistry keys)
        {
            _keys = keys;
        }

        /// <summary>
        /// Tells the signature version the way Alibaba's gateway does (signing.md §3): an <c>Authorization:
        /// ACS3-HMAC-SHA256 …</c> header is V3; <c>Signature</c> and <c>SignatureMethod</c> parameters (query or form body)
        /// are V2 whatever <c>x-acs-*</c> headers come along (the official V2 clients send x-acs-action/x-acs-version
        /// next to their HMAC-SHA1 signature). Neither: a request with an Authorization or x-acs-action header is treated
        /// as V3 (so it gets IncompleteSignature), anything else as V2 (so it gets MissingParameter for what it lacks).
        /// </summary>
        public static SignatureStyle StyleOf(IncomingRequest req)
        {
            string authorization = req.Header("Authorization");
            if (authorization != null && authorization.TrimStart().StartsWith(AcsSignatureV3.Algorithm, StringComparison.Ordinal)) return SignatureStyle.V3;
            if (!string.IsNullOrEmpty(req.Param("Signature")) && !string.IsNullOrEmpty(req.Param("SignatureMethod"))) return SignatureStyle.V2;
            return authorization != null || req.Header("x-acs-action") != null ? SignatureStyle.V3 : SignatureStyle.V2;
        }

        /// <summary>
        /// A common parameter (Action, Version, AccessKeyId, Signature…) must name one value: given twice with different
        /// values (query and body, or for V3 an Action/Version parameter that differs from x-acs-action/x-acs-version) the
        /// request is refused, so no client can sign one action and have another one run.
        /// </summary>
        public static void CheckCommonParameters(IncomingRequest req, bool v3)
        {
            foreach (string name in Protocol.V2CommonParameters)
            {
                var values = req.AllValues(name).Distinct(StringComparer.Ordinal).ToList();
                if (v3 && name == "Action" && req.Header("x-acs-action") is string action) values = values.Append(action).Distinct(StringComparer.Ordinal).ToList();
                if (v3 && name == "Version" && req.Header("x-acs-version") is string version) values = values.Append(version).Distinct(StringComparer.Ordinal).ToList();
                if (values.Count > 1) throw ErrorCatalogue.ConflictingCommonParameter(name);
            }
        }

        /// <summary>The AccessKeyId a request claims, before any check (for the request log).</summary>
        public static string ClaimedAccessKeyId(IncomingRequest req, bool v3)
        {
            if (!v3) return req.Parameters.TryGetValue("AccessKeyId", out string id) ? id : null;
            return AcsSignatureV3.TryParseAuthorization(req.Header("Authorization"), out string keyId, out _, out _) ? keyId : null;
        }

        public Caller VerifyV3(IncomingRequest req, DateTimeOffset now)
        {
            string authorization = req.Header("Authorization");
            if (string.IsNullOrEmpty(authorization))
                throw ErrorCatalogue.IncompleteSignature("The Authorization header is missing.");
            if (!AcsSignatureV3.TryParseAuthorization(authorization, out string accessKeyId, out string[] signedNames, out string signature))
                throw ErrorCatalogue.IncompleteSignature("The Authorization header must read '" + AcsSignatureV3.Algorithm + " Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>'.");

            var signed = new HashSet<string>(signedNames.Select(n => n.Trim().ToLowerInvariant()), StringComparer.Ordinal);
            var missing = RequiredSignedHeaders.Where(h => !signed.Contains(h)).ToList();
            if (missing.Count > 0)
                throw ErrorCatalogue.IncompleteSignature("SignedHeaders must include " + string.Join(";", RequiredSignedHeaders) + "; missing: " + string.Join(";", missing) + ".");
            if (req.Body.Length > 0 && req.Header("Content-Type") != null && !signed.Contains("content-type"))
                throw ErrorCatalogue.IncompleteSignature("A request with a body must sign its content-type header.");
            if (req.Header("x-acs-security-token") != null && !signed.Contains("x-acs-security-token"))
                throw ErrorCatalogue.IncompleteSignature("The x-acs-security-token header must be signed.");

            var signedHeaders = new List<KeyValuePair<string, string>>();
            foreach (string name in signed)
            {
                string value = name == "host" ? req.Host : req.Header(name);
                if (string.IsNullOrEmpty(value))
                    throw ErrorCatalogue.IncompleteSignature("Header '" + name + "' is named in SignedHeaders but was not sent.");
                signedHeaders.Add(new KeyValuePair<string, string>(name, value));
            }

            string date = req.Header("x-acs-date").Trim();
            CheckTimestamp("x-acs-date", date, now);

            string declaredHash = req.Header("x-acs-content-sha256").Trim();
            string actualHash = AcsSignatureV3.HashHex(req.Body);
            if (!string.Equals(declaredHash, actualHash, StringComparison.OrdinalIgnoreCase))
                throw ErrorCatalogue.ContentHashMismatch();

            AccessKeyDefinition key = _keys.Find(accessKeyId) ?? throw ErrorCatalogue.AccessKeyNotFound(accessKeyId);

            string canonical = AcsSignatureV3.CanonicalRequest(req.Method, req.Query, signedHeaders, req.Header("x-acs-content-sha256"));
            string stringToSign = AcsSignatureV3.StringToSign(canonical);
            string expected = AcsSignatureV3.Sign(Encoding.UTF8.GetBytes(key.AccessKeySecret), stringToSign);
            if (!FixedTimeEquals(expected, signature.ToLowerInvariant()))
                throw ErrorCatalogue.SignatureDoesNotMatch(stringToSign);

            CheckSecurityToken(key, req.Header("x-acs-security-token"), now);
            return new Caller(accessKeyId, req.Header("x-acs-signature-nonce").Trim(), "V3", key);
        }

        public Caller VerifyV2(IncomingRequest req, DateTimeOffset now)
        {
            var p = req.Parameters;
            foreach (string name in new[] { "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp" })
                if (!p.TryGetValue(name, out string v) || string.IsNullOrEmpty(v)) throw ErrorCatalogue.MissingParameter(name);
            if (p["SignatureMethod"] != RpcSignatureV2.SignatureMethod)
                throw ErrorCatalogue.InvalidParameter("SignatureMethod", "Only " + RpcSignatureV2.SignatureMethod + " is supported.");
            if (p["SignatureVersion"] != RpcSignatureV2.SignatureVersion)
                throw ErrorCatalogue.InvalidParameter("SignatureVersion", "Only " + RpcSignatureV2.SignatureVersion + " is supported.");
            CheckTimestamp("Timestamp", p["Timestamp"], now);

            string accessKeyId = p["AccessKeyId"];
            AccessKeyDefinition key = _keys.Find(accessKeyId) ?? throw ErrorCatalogue.AccessKeyNotFound(accessKeyId);

            string stringToSign = RpcSignatureV2.StringToSign(req.Method, req.Query.Concat(req.Form));
            string expected = RpcSignatureV2.Sign(Encoding.UTF8.GetBytes(key.AccessKeySecret), stringToSign);
            if (!FixedTimeEquals(expected, p["Signature"]))
                throw ErrorCatalogue.SignatureDoesNotMatch(stringToSign);

            CheckSecurityToken(key, p.TryGetValue("SecurityToken", out string token) ? token : null, now);
            return new Caller(accessKeyId, p["SignatureNonce"], "V2", key);
        }

        /// <summary>Remembers the nonce (in the store's nonce ledger); a second use within the retention window is a replay.</summary>
        public static async Task UseNonceAsync(Store store, Caller caller, DateTimeOffset now, CancellationToken ct)
        {
            bool fresh = await store.Nonces.TryUseAsync(caller.AccessKeyId, caller.Nonce, now.ToUnixTimeMilliseconds(),
                (long)Protocol.NonceRetention.TotalMilliseconds, ct).ConfigureAwait(false);
            if (!fresh) throw ErrorCatalogue.SignatureNonceUsed(caller.Nonce);
        }

        private static void CheckTimestamp(string name, string value, DateTimeOffset now)
        {
            if (!DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
                throw ErrorCatalogue.TimeStampFormat(name, value);
            var when = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
            if ((when - now).Duration() > Protocol.ClockSkew) throw ErrorCatalogue.TimeStampExpired(value, now);
        }

        private static void CheckSecurityToken(AccessKeyDefinition key, string token, DateTimeOffset now)
        {
            if (key.IsSts)
            {
                if (string.IsNullOrEmpty(token)) throw ErrorCatalogue.MissingSecurityToken();
                if (!FixedTimeEquals(key.SecurityToken, token)) throw ErrorCatalogue.SecurityTokenMismatch();
            }
            else if (!string.IsNullOrEmpty(token))
            {
                throw ErrorCatalogue.SecurityTokenMismatch();
            }
            if (key.Expiration.HasValue && key.Expiration.Value <= now) throw ErrorCatalogue.SecurityTokenExpired(key.Expiration.Value);
        }

        private static bool FixedTimeEquals(string expected, string actual)
        {
            byte[] a = Encoding.UTF8.GetBytes(expected ?? string.Empty);
            byte[] b = Encoding.UTF8.GetBytes(actual ?? string.Empty);
            return CryptographicOperations.FixedTimeEquals(a, b);
        }
    }
}
