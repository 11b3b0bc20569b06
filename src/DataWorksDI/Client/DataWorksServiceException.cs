using System.Net;

namespace DataWorksDI.Client
{
    /// <summary>
    /// Every failure the DataWorks OpenAPI reports: gateway errors (HTTP 4xx/5xx), DataStudio failures
    /// (Success=false with ErrorCode), and Data Integration business failures (HTTP 200 with Data.Status = "fail"), plus
    /// what the module sees itself (network failures, time-outs, a spent call budget).
    /// The message always carries the RequestId so it can be quoted to Alibaba support. Every text passes through
    /// <see cref="Redactor"/>: no secret, security token or signature material.
    /// </summary>
    [Serializable]
    public class DataWorksServiceException : Exception
    {
        /// <summary>The code DataWorks uses for a DI business failure reported as Data.Status = "fail" (it has no code of its own).</summary>
        public const string DIFailCode = "DI.Status.Fail";

        public DataWorksServiceException(string action, string code, string serviceMessage, string requestId, HttpStatusCode statusCode,
            string hostId = null, string recommend = null, string accessDeniedDetail = null, Exception inner = null)
            : this(action, code, serviceMessage, requestId, statusCode, hostId, recommend, accessDeniedDetail, inner, null, null)
        {
        }

        internal DataWorksServiceException(string action, string code, string serviceMessage, string requestId, HttpStatusCode statusCode,
            string hostId, string recommend, string accessDeniedDetail, Exception inner, string note, IEnumerable<string> knownSecrets)
            : base(Compose(action, code, Redactor.Redact(serviceMessage, knownSecrets), requestId, statusCode, note), Redactor.RedactChain(inner, knownSecrets))
        {
            Action = action;
            Code = string.IsNullOrEmpty(code) ? "Unknown" : code;
            ServiceMessage = Redactor.Redact(serviceMessage, knownSecrets);
            RequestId = requestId;
            StatusCode = statusCode;
            HostId = Redactor.Redact(hostId, knownSecrets);
            Recommend = Redactor.Redact(recommend, knownSecrets);
            AccessDeniedDetail = Redactor.Redact(accessDeniedDetail, knownSecrets);
            Note = Redactor.Redact(note, knownSecrets);
        }

        /// <summary>What the module added to the service's message (retry outcome, what a workflow did), or null.</summary>
        internal string Note { get; }

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

        /// <summary>
        /// True when a write failed in a way that does not tell whether DataWorks applied it (the connection broke or timed
        /// out after the request was sent, or a 5xx answer), and it was not replayed. Read <see cref="VerifyWith"/> before
        /// trying again: a second SubmitFile or DeployFile could make a second package.
        /// </summary>
        public bool OutcomeUnknown { get; protected set; }

        /// <summary>When <see cref="OutcomeUnknown"/>: the command that reads the call's effect, e.g. "Get-DIDeployment …".</summary>
        public string VerifyWith { get; protected set; }

        /// <summary>Throttling: a Throttling* code, or HTTP 429 (gateway flow control; the call was not executed).</summary>
        public bool IsThrottling => RetryClassifier.IsThrottlingCode(Code) || (int)StatusCode == 429;

        /// <summary>A copy that says the write may or may not have been applied and names the read that tells.</summary>
        internal DataWorksServiceException AsOutcomeUnknown(string verifyWith, IEnumerable<string> knownSecrets)
        {
            DataWorksServiceException copy = WithNote("The call may or may not have been applied: DataWorks did not say. Check with " + verifyWith +
                " before trying again (a blind retry could apply it twice).", knownSecrets);
            copy.OutcomeUnknown = true;
            copy.VerifyWith = verifyWith;
            return copy;
        }

        /// <summary>A copy whose message ends with <paramref name="note"/> (the facts are kept).</summary>
        internal virtual DataWorksServiceException WithNote(string note, IEnumerable<string> knownSecrets) =>
            new DataWorksServiceException(Action, Code, ServiceMessage, RequestId, StatusCode, HostId, Recommend, AccessDeniedDetail, InnerException, note, knownSecrets)
            {
                RetryAfterMilliseconds = RetryAfterMilliseconds,
            };

        /// <summary>
        /// A copy of the same kind (a spent budget stays a <see cref="CallBudgetExhaustedException"/>, an ambiguous write
        /// stays <see cref="OutcomeUnknown"/>) whose message also says <paramref name="addition"/>: what a workflow had done
        /// when the call failed and the command that finishes it (Workflows/WorkflowState). With
        /// <paramref name="unknownWrite"/> — the read that tells whether an earlier write of the workflow took effect — the
        /// copy is <see cref="OutcomeUnknown"/> too, whatever this call was.
        /// </summary>
        internal virtual DataWorksServiceException WithAddition(string addition, string unknownWrite = null)
        {
            var copy = new DataWorksServiceException(Action, Code, ServiceMessage, RequestId, StatusCode, HostId, Recommend, AccessDeniedDetail, InnerException, Join(Note, addition), null)
            {
                RetryAfterMilliseconds = RetryAfterMilliseconds,
            };
            copy.OutcomeUnknown = OutcomeUnknown || unknownWrite != null;
            copy.VerifyWith = unknownWrite ?? VerifyWith;
            return copy;
        }

        /// <summary>
        /// A copy for a write that turned out, on reading, not to have taken effect: no longer
        /// <see cref="OutcomeUnknown"/>, with the ambiguity note replaced by <paramref name="addition"/>.
        /// </summary>
        internal DataWorksServiceException AsNotApplied(string addition) =>
            new DataWorksServiceException(Action, Code, ServiceMessage, RequestId, StatusCode, HostId, Recommend, AccessDeniedDetail, InnerException, addition, null)
            {
                RetryAfterMilliseconds = RetryAfterMilliseconds,
            };

        internal static string Join(string note, string addition) =>
            string.IsNullOrEmpty(note) ? addition : string.IsNullOrEmpty(addition) ? note : note.TrimEnd() + (note.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? " " : ". ") + addition;

        private static string Compose(string action, string code, string message, string requestId, HttpStatusCode status, string note)
        {
            string text = $"{action} failed: {(string.IsNullOrEmpty(message) ? "(no message)" : message.TrimEnd())}";
            if (!string.IsNullOrEmpty(note)) text += (text.EndsWith(".", StringComparison.Ordinal) ? " " : ". ") + note;
            text += $" [Code: {(string.IsNullOrEmpty(code) ? "Unknown" : code)}; HTTP {(int)status}";
            if (!string.IsNullOrEmpty(requestId)) text += "; RequestId: " + requestId;
            return text + "]";
        }
    }

    /// <summary>
    /// The daily call budget (<see cref="DataWorksClientOptions.DailyCallBudget"/>) is spent: the call was refused before
    /// anything was sent. <see cref="DataWorksServiceException.Code"/> is <see cref="ErrorId"/>.
    /// </summary>
    [Serializable]
    public sealed class CallBudgetExhaustedException : DataWorksServiceException
    {
        public const string ErrorId = ErrorIds.CallBudgetExhausted;

        internal CallBudgetExhaustedException(string action, string message, int budget, long spent, DateTimeOffset resetsAt, string verifyWith = null, string note = null)
            : base(action, ErrorId, message, null, 0, null, null, null, null, note, null)
        {
            OutcomeUnknown = verifyWith != null;
            VerifyWith = verifyWith;
            Budget = budget;
            Spent = spent;
            ResetsAt = resetsAt;
        }

        /// <summary>A copy that is still a spent budget (so a script's catch of this type holds), with <paramref name="note"/> after the message.</summary>
        internal override DataWorksServiceException WithNote(string note, IEnumerable<string> knownSecrets) =>
            new CallBudgetExhaustedException(Action, (ServiceMessage ?? string.Empty).TrimEnd() + " " + note, Budget, Spent, ResetsAt, VerifyWith);

        /// <summary>The daily budget in force.</summary>
        public int Budget { get; }

        /// <summary>Calls (attempts sent) counted against the budget today.</summary>
        public long Spent { get; }

        /// <summary>When the budget's day ends: 00:00 China Standard Time (UTC+8), docs/client.md.</summary>
        public DateTimeOffset ResetsAt { get; }

        internal override DataWorksServiceException WithAddition(string addition, string unknownWrite = null) =>
            new CallBudgetExhaustedException(Action, ServiceMessage, Budget, Spent, ResetsAt, unknownWrite ?? VerifyWith, Join(Note, addition));
    }
}
