using System.Text.RegularExpressions;
using DataWorksDI.Client.Signing;

namespace DataWorksDI.Client
{
    /// <summary>
    /// The one redaction step. Every message that reaches a <see cref="DataWorksServiceException"/>, a
    /// <see cref="Credentials.CredentialException"/> or an <see cref="IClientLog"/> passes through here, whichever signer
    /// (V2, V3) or client (the DataWorks client, STS, the metadata service, a credentials URI) produced it.
    /// <para>Removed: (1) an echoed "string to sign" and everything after it (V2's contains <c>SecurityToken%3D…</c>, and
    /// both are signature material); (2) the value of every secret-bearing name (<see cref="SecretNames"/>) in each form a
    /// server or proxy may echo it — <c>name=value</c>, <c>name%3Dvalue</c>, <c>name%253Dvalue</c>, JSON
    /// <c>"name":"value"</c>, a <c>name: value</c> header line; (3) the known values of the call (its security token) raw,
    /// percent-encoded once and twice (upper- or lowercase hex) and JSON-escaped, wherever they appear.</para>
    /// The AccessKey secret never travels (only HMACs made with it do), so (2) and (3) cover every way one can come back.
    /// </summary>
    internal static class Redactor
    {
        public const string Mask = "***";

        /// <summary>Names whose values are secret wherever they appear: parameters, headers, JSON fields.</summary>
        public static readonly IReadOnlyList<string> SecretNames = new[]
        {
            "SecurityToken", "Signature", "AccessKeySecret", "OIDCToken", "BearerToken", "Password",
            "x-acs-security-token", "x-acs-bearer-token", "X-aliyun-ecs-metadata-token",
        };

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

        // "server string to sign is:…", "StringToSign: …", "string-to-sign=…": cut from here to the end of the text.
        private static readonly Regex StringToSign = new Regex(@"(server\s+)?string[\s_-]*to[\s_-]*sign.*", Options | RegexOptions.Singleline);

        private static readonly Regex NamedValues = BuildNamedValues();

        private static Regex BuildNamedValues()
        {
            var names = new List<string>();
            foreach (string n in SecretNames) names.Add(Regex.Escape(n));
            // A name starts a word, or follows a percent-encoded separator (%26 is '&', %2526 the same encoded twice).
            string name = "(?:(?<=%[0-9A-Fa-f]{2})|(?<![A-Za-z0-9_-]))(?:" + string.Join("|", names) + ")";
            // Order matters: the double-encoded '=' (%253D) before the single (%3D) before the raw one.
            string[] forms =
            {
                // JSON field: "SecurityToken": "value" (also with escaped quotes inside a JSON string: \"SecurityToken\":\"value\")
                "(?<p>\\\\?\"" + name + "\\\\?\"\\s*:\\s*\\\\?\")(?<v>(?:[^\"\\\\]|\\\\(?!\"))*)",
                // twice percent-encoded: SecurityToken%253Dvalue up to %2526
                "(?<p>" + name + "%253D)(?<v>(?:(?!%2526)[^\\s\"'<>])*)",
                // once percent-encoded: SecurityToken%3Dvalue up to %26
                "(?<p>" + name + "%3D)(?<v>(?:(?!%26)[^\\s\"'<>])*)",
                // raw: SecurityToken=value up to & , ; whitespace or a quote
                "(?<p>" + name + "\\s*=\\s*)(?<v>[^&,;\\s\"'<>]*)",
                // header line: x-acs-security-token: value
                "(?<p>" + name + "\\s*:\\s*)(?<v>[^\\s,;\"'<>]+)",
            };
            return new Regex("(?:" + string.Join("|", forms) + ")", Options);
        }

        /// <summary>Redacts <paramref name="text"/>; <paramref name="knownValues"/> are secret values to remove wherever they occur.</summary>
        public static string Redact(string text, IEnumerable<string> knownValues = null)
        {
            if (string.IsNullOrEmpty(text)) return text;
            string result = text;
            if (knownValues != null)
            {
                foreach (string value in knownValues) result = RemoveValue(result, value);
            }
            result = StringToSign.Replace(result, "string to sign: (omitted by DataWorksDI: it can contain the security token)");
            result = NamedValues.Replace(result, m => m.Groups["p"].Value + (m.Groups["v"].Length > 0 ? Mask : string.Empty));
            return result;
        }

        /// <summary>Removes one secret value in its raw, JSON-escaped and once- or twice-percent-encoded forms (either hex case).</summary>
        private static string RemoveValue(string text, string value)
        {
            // Short values would match ordinary text; real tokens and secrets are long.
            if (string.IsNullOrEmpty(value) || value.Length < 8) return text;
            string once = AcsPercentEncoder.Encode(value);
            string twice = AcsPercentEncoder.Encode(once);
            var forms = new List<string> { value, value.Replace("/", "\\/"), once, twice, FormEncoded(value) };
            forms.Sort((a, b) => b.Length.CompareTo(a.Length));
            var alternatives = new List<string>();
            foreach (string f in forms) if (f.Length > 0 && !alternatives.Contains(Regex.Escape(f))) alternatives.Add(Regex.Escape(f));
            return Regex.Replace(text, string.Join("|", alternatives), Mask, Options);
        }

        // application/x-www-form-urlencoded as some clients write it: space as '+'.
        private static string FormEncoded(string value) => AcsPercentEncoder.Encode(value).Replace("%20", "+");

        /// <summary>
        /// A copy of an exception chain whose messages are redacted: the type name and message of each level are kept, the
        /// original objects (whose Data, fields or ToString could carry request details) are not.
        /// </summary>
        public static Exception RedactChain(Exception inner, IEnumerable<string> knownValues = null)
        {
            if (inner == null) return null;
            if (inner is RedactedException already) return already;
            return new RedactedException(inner.GetType().FullName, Redact(inner.Message, knownValues), RedactChain(inner.InnerException, knownValues));
        }
    }

    /// <summary>Stands in for an inner exception whose message went through <see cref="Redactor"/>; names the original type.</summary>
    [Serializable]
    internal sealed class RedactedException : Exception
    {
        internal RedactedException(string originalType, string message, Exception inner) : base(originalType + ": " + message, inner)
        {
            OriginalType = originalType;
        }

        /// <summary>The full name of the exception type this stands in for, e.g. System.Net.Http.HttpRequestException.</summary>
        public string OriginalType { get; }
    }

    /// <summary>An <see cref="IClientLog"/> whose every line goes through <see cref="Redactor"/> first.</summary>
    internal sealed class RedactingClientLog : IClientLog
    {
        private readonly IClientLog _inner;
        private readonly Func<IEnumerable<string>> _knownValues;

        public RedactingClientLog(IClientLog inner, Func<IEnumerable<string>> knownValues = null)
        {
            _inner = inner ?? NullClientLog.Instance;
            _knownValues = knownValues;
        }

        public bool VerboseEnabled => _inner.VerboseEnabled;

        public bool DebugEnabled => _inner.DebugEnabled;

        // A line nobody reads is not redacted (two regular-expression passes a line, per wrapper) nor passed on.
        public void Verbose(string message)
        {
            if (_inner.VerboseEnabled) _inner.Verbose(Redactor.Redact(message, _knownValues?.Invoke()));
        }

        public void Debug(string message)
        {
            if (_inner.DebugEnabled) _inner.Debug(Redactor.Redact(message, _knownValues?.Invoke()));
        }
    }
}
