namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>Protocol constants of the emulated gateway.</summary>
    public static class Protocol
    {
        public const string ApiVersion = "2020-05-18";

        /// <summary>Allowed difference between x-acs-date / Timestamp and the server clock, either way.</summary>
        public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(15);

        /// <summary>How long a used nonce is remembered: longer than any timestamp the window still accepts.</summary>
        public static readonly TimeSpan NonceRetention = ClockSkew + ClockSkew + TimeSpan.FromMinutes(1);

        /// <summary>
        /// Largest request body read. Task contents of tens of thousands of columns are real (about 25 bytes a column:
        /// 50,000 columns are 1.25 MB of JSON, up to three times that percent-encoded), so the limit leaves room for
        /// several such parameters; beyond it the answer is 413 in the gateway's JSON shape.
        /// </summary>
        public const long MaxBodyBytes = 32L * 1024 * 1024;

        /// <summary>
        /// Largest request line (method, path and query). The official SDKs put some large business parameters in the
        /// query (UpdateDISyncTask's TaskContent), so the line gets the same room as a body; beyond it: 414, JSON.
        /// </summary>
        public const int MaxRequestLineBytes = 32 * 1024 * 1024;

        /// <summary>Largest total size of the request headers (signatures and tokens are small); beyond it: 431, JSON.</summary>
        public const int MaxRequestHeadersBytes = 256 * 1024;

        /// <summary>Slowest body upload accepted (bytes per second, after <see cref="BodyGracePeriod"/>); slower: 408, JSON.</summary>
        public const double MinBodyBytesPerSecond = 240;

        public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(5);

        public const string JsonContentType = "application/json;charset=utf-8";
        public const string RetryAfterHeader = "x-acs-retry-after";
        public const string RequestIdHeader = "x-acs-request-id";

        /// <summary>The V2 common parameters: signature plumbing, never business parameters.</summary>
        public static readonly string[] V2CommonParameters =
        {
            "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
            "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "RegionId",
        };

        public static bool IsCommonParameter(string name) => Array.IndexOf(V2CommonParameters, name) >= 0;
    }
}
