using System;
using System.Net;

namespace DataWorksDI.Client
{
    /// <summary>
    /// Every failure the DataWorks OpenAPI reports: gateway errors (HTTP 4xx/5xx), DataStudio failures
    /// (Success=false with ErrorCode), and Data Integration business failures (HTTP 200 with Data.Status = "fail").
    /// The message always carries the RequestId so it can be quoted to Alibaba support. Never contains a secret.
    /// </summary>
    [Serializable]
    public class DataWorksServiceException : Exception
    {
        /// <summary>The code DataWorks uses for a DI business failure reported as Data.Status = "fail" (it has no code of its own).</summary>
        public const string DIFailCode = "DI.Status.Fail";

        public DataWorksServiceException(string action, string code, string serviceMessage, string requestId, HttpStatusCode statusCode,
            string hostId = null, string recommend = null, string accessDeniedDetail = null, Exception inner = null)
            : base(Compose(action, code, serviceMessage, requestId, statusCode), inner)
        {
            Action = action;
            Code = string.IsNullOrEmpty(code) ? "Unknown" : code;
            ServiceMessage = serviceMessage;
            RequestId = requestId;
            StatusCode = statusCode;
            HostId = hostId;
            Recommend = recommend;
            AccessDeniedDetail = accessDeniedDetail;
        }

        /// <summary>The API action that failed, e.g. CreateDISyncTask.</summary>
        public string Action { get; }

        /// <summary>The service's error code, e.g. Throttling.User or Invalid.DI.Parameter.File.Existed.</summary>
        public string Code { get; }

        /// <summary>The service's own text.</summary>
        public string ServiceMessage { get; }

        public string RequestId { get; }

        public HttpStatusCode StatusCode { get; }

        public string HostId { get; }

        /// <summary>The troubleshooting URL DataWorks suggests.</summary>
        public string Recommend { get; }

        /// <summary>For RAM denials: the AccessDeniedDetail object as JSON text.</summary>
        public string AccessDeniedDetail { get; }

        /// <summary>Milliseconds the service asked to wait before retrying (x-acs-retry-after), when it said.</summary>
        public int? RetryAfterMilliseconds { get; internal set; }

        public bool IsThrottling => RetryClassifier.IsThrottlingCode(Code);

        private static string Compose(string action, string code, string message, string requestId, HttpStatusCode status)
        {
            string text = $"{action} failed: {(string.IsNullOrEmpty(message) ? "(no message)" : message.TrimEnd())}";
            text += $" [Code: {(string.IsNullOrEmpty(code) ? "Unknown" : code)}; HTTP {(int)status}";
            if (!string.IsNullOrEmpty(requestId)) text += "; RequestId: " + requestId;
            return text + "]";
        }
    }
}
