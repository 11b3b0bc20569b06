using System;

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

        /// <summary>Largest request body read (TaskContent can be large, but not unbounded).</summary>
        public const long MaxBodyBytes = 8 * 1024 * 1024;

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
