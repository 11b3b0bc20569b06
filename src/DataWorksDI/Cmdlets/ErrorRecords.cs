using DataWorksDI.Client;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Builds the module's error records: specific ErrorIds, fitting categories, the target, and the RequestId.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Create(string errorId, string message, ErrorCategory category, object target, string recommendedAction = null) =>
            From(new DataWorksOperationException(errorId, message, category) { RecommendedAction = recommendedAction }, target);

        /// <summary>
        /// A failure the module detected: its ErrorId and category; the exception's own target when it names one. Its
        /// message (which may quote what a service or a file said) and inner exceptions pass through the client's
        /// <see cref="Redactor"/>, as every service message already has.
        /// </summary>
        public static ErrorRecord From(DataWorksOperationException ex, object target)
        {
            ex = Redacted(ex);
            var record = new ErrorRecord(ex, ex.ErrorId, ex.Category, ex.Target ?? target);
            if (ex.RecommendedAction != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
            return record;
        }

        /// <summary>The exception itself when redaction changes nothing; else a copy with redacted texts (same id, category, target).</summary>
        private static DataWorksOperationException Redacted(DataWorksOperationException ex)
        {
            string message = Redactor.Redact(ex.Message);
            string recommended = Redactor.Redact(ex.RecommendedAction);
            bool innerClean = ex.InnerException == null || ex.InnerException is RedactedException ||
                              (ex.InnerException is DataWorksServiceException) || Redactor.Redact(ex.InnerException.ToString()) == ex.InnerException.ToString();
            if (message == ex.Message && recommended == ex.RecommendedAction && innerClean) return ex;
            if (ex is DataWorksValidationException validation)
                return new DataWorksValidationException(validation.ErrorId, message, validation.Findings) { RecommendedAction = recommended, Target = ex.Target };
            return new DataWorksOperationException(ex.ErrorId, message, ex.Category, Redactor.RedactChain(ex.InnerException))
            {
                RecommendedAction = recommended,
                Target = ex.Target,
            };
        }

        /// <summary>ErrorId = the API's error code; the message carries the RequestId; RecommendedAction the service's link.</summary>
        public static ErrorRecord FromService(DataWorksServiceException ex, object target)
        {
            var record = new ErrorRecord(ex, ex.Code, Categorize(ex), target);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                // A write whose answer was lost: what to read before trying again comes first.
                RecommendedAction = ex.OutcomeUnknown && !string.IsNullOrEmpty(ex.VerifyWith)
                    ? $"The call may or may not have been applied: check with {ex.VerifyWith} before trying again (a blind retry could apply it twice)."
                    : !string.IsNullOrEmpty(ex.Recommend) ? ex.Recommend : Hint(ex),
            };
            return record;
        }

        internal static ErrorCategory Categorize(DataWorksServiceException ex)
        {
            string code = ex.Code ?? string.Empty;
            if (ex.IsThrottling || ex is CallBudgetExhaustedException) return ErrorCategory.LimitsExceeded;
            if (code == "RequestTimeout") return ErrorCategory.OperationTimeout;
            if (code == "NetworkError") return ErrorCategory.ConnectionError;
            if (code.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal) || code.StartsWith("Signature", StringComparison.Ordinal) ||
                code == "IncompleteSignature" || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal) || code.StartsWith("InvalidTimeStamp", StringComparison.Ordinal))
                return ErrorCategory.AuthenticationError;
            if (code.StartsWith("Forbidden", StringComparison.Ordinal) || code.IndexOf("NoPrivilege", StringComparison.Ordinal) >= 0 || (int)ex.StatusCode == 403)
                return ErrorCategory.PermissionDenied;
            if (code.EndsWith(".Existed", StringComparison.Ordinal) || code.EndsWith("AlreadyExists", StringComparison.Ordinal)) return ErrorCategory.ResourceExists;
            if (code.IndexOf("NotFound", StringComparison.Ordinal) >= 0 || code.IndexOf("NotExist", StringComparison.Ordinal) >= 0 || (int)ex.StatusCode == 404)
                return ErrorCategory.ObjectNotFound;
            if ((int)ex.StatusCode >= 500) return ErrorCategory.ResourceUnavailable;
            if (code == DataWorksServiceException.DIFailCode) return ErrorCategory.InvalidOperation;
            if (code.StartsWith("Invalid", StringComparison.Ordinal) || code.StartsWith("Missing", StringComparison.Ordinal) || code.IndexOf("Param", StringComparison.Ordinal) >= 0)
                return ErrorCategory.InvalidArgument;
            return ErrorCategory.NotSpecified;
        }

        private static string Hint(DataWorksServiceException ex)
        {
            if (ex is CallBudgetExhaustedException)
                return "The daily call budget of this context is spent: wait until it resets, or connect again with a larger -DailyCallBudget.";
            switch (ErrorRecords.Categorize(ex))
            {
                case ErrorCategory.LimitsExceeded: return "The workspace's API quota or rate limit was reached. Wait, lower the call rate, or raise -MaxAttempts on Connect-DIWorkspace.";
                case ErrorCategory.AuthenticationError: return "Check the AccessKey id and secret (and the STS token and its expiry) given to Connect-DIWorkspace, and the machine's clock.";
                case ErrorCategory.PermissionDenied: return "The RAM identity lacks permission for this action in this workspace; ask the workspace administrator.";
                case ErrorCategory.ConnectionError: return "Check the network path to the endpoint (proxy, VPC endpoint, -Endpoint).";
                default: return null;
            }
        }
    }
}
