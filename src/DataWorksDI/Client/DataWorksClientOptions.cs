using System;

namespace DataWorksDI.Client
{
    public enum SignatureVersion
    {
        /// <summary>ACS3-HMAC-SHA256, the official SDKs' default.</summary>
        V3,

        /// <summary>HMAC-SHA1 with SignatureVersion 1.0 (older RPC signing, still accepted).</summary>
        V2,
    }

    /// <summary>Everything about where and how calls are made, except the credentials.</summary>
    internal sealed class DataWorksClientOptions
    {
        public DataWorksClientOptions(Uri endpoint)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        }

        public Uri Endpoint { get; }

        public SignatureVersion SignatureVersion { get; set; } = SignatureVersion.V3;

        /// <summary>The default of <see cref="AttemptTimeout"/> (the one place it is written; Connect-DIWorkspace shows it).</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Time allowed for one attempt (connect, send, receive).</summary>
        public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

        public RetryOptions Retry { get; set; } = new RetryOptions();

        public string UserAgent { get; set; } = DefaultUserAgent;

        /// <summary>The clock used for x-acs-date / Timestamp; replaceable in tests.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        public static string DefaultUserAgent { get; } =
            "DataWorksDI/" + typeof(DataWorksClientOptions).Assembly.GetName().Version.ToString(3) + " (" +
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + "; " +
            System.Runtime.InteropServices.RuntimeInformation.OSDescription + ")";
    }
}
