using System;
using System.Globalization;

namespace DataWorksDI.Emulator.Gateway
{
    /// <summary>An error answered as HTTP 4xx/5xx with {RequestId, HostId, Code, Message, Recommend}.</summary>
    public sealed class ApiException : Exception
    {
        public ApiException(int httpStatus, string code, string message, bool serviceStyle = false, int? retryAfterMs = null)
            : base(message)
        {
            HttpStatus = httpStatus;
            Code = code;
            ServiceStyle = serviceStyle;
            RetryAfterMs = retryAfterMs;
        }

        public int HttpStatus { get; }
        public string Code { get; }

        /// <summary>
        /// Errors raised by the DataWorks service behind the gateway (not by the gateway itself) also carry
        /// Success=false, HttpStatusCode, ErrorCode and ErrorMessage, like DataStudio response bodies do.
        /// </summary>
        public bool ServiceStyle { get; }

        /// <summary>When set, sent as the <c>x-acs-retry-after</c> header (milliseconds).</summary>
        public int? RetryAfterMs { get; }
    }

    /// <summary>
    /// Every error code and message the emulator answers, in one place. Codes marked "chosen" are decisions where
    /// Alibaba's documentation is silent; docs/emulator.md lists them with the reasoning.
    /// </summary>
    public static class ErrorCatalogue
    {
        public const string Product = "dataworks-public";

        public static string RecommendUrl(string code, string requestId) =>
            "https://api.alibabacloud.com/troubleshoot?q=" + Uri.EscapeDataString(code) + "&product=" + Product + "&requestId=" + Uri.EscapeDataString(requestId);

        // ---- Gateway: request shape ----------------------------------------------------------------------------

        /// <summary>Documented common message (help.aliyun.com/document_detail/51132).</summary>
        public static ApiException MissingParameter(string name) =>
            new ApiException(400, "MissingParameter", "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");

        public static ApiException InvalidParameter(string name, string detail) =>
            new ApiException(400, "InvalidParameter", "The specified parameter \"" + name + "\" is not valid. " + detail);

        /// <summary>Chosen: wrong Version (the common list only has "Action or Version" under InvalidParameter).</summary>
        public static ApiException InvalidVersion(string version) =>
            new ApiException(400, "InvalidVersion", "Specified parameter Version is not valid: \"" + version + "\". This API only serves version " + Protocol.ApiVersion + ".");

        public static ApiException InvalidActionNotFound(string action) =>
            new ApiException(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method. Action: \"" + action + "\".");

        public static ApiException PathNotFound(string path) =>
            new ApiException(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method. RPC APIs are served at path /, not \"" + path + "\".");

        public static ApiException UnsupportedHttpMethod(string method) =>
            new ApiException(400, "UnsupportedHTTPMethod", "This http method \"" + method + "\" is not supported; use GET or POST.");

        public static ApiException RequestTooLarge(long limit) =>
            new ApiException(413, "InvalidParameter.BodyTooLarge", "The request body exceeds " + limit + " bytes.");

        // ---- Gateway: authentication ---------------------------------------------------------------------------

        public static ApiException IncompleteSignature(string detail) =>
            new ApiException(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. " + detail);

        /// <summary>Like the real gateway, the message shows the server's string to sign (never a secret).</summary>
        public static ApiException SignatureDoesNotMatch(string stringToSign) =>
            new ApiException(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);

        /// <summary>Chosen: a body whose SHA-256 differs from x-acs-content-sha256 is a signature mismatch.</summary>
        public static ApiException ContentHashMismatch() =>
            new ApiException(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation: the SHA-256 of the request body does not equal x-acs-content-sha256.");

        public static ApiException AccessKeyNotFound(string accessKeyId) =>
            new ApiException(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found: \"" + accessKeyId + "\".");

        public static ApiException TimeStampFormat(string name, string value) =>
            new ApiException(400, "InvalidTimeStamp.Format", "Specified " + name + " \"" + value + "\" is not in the format yyyy-MM-ddTHH:mm:ssZ (UTC).");

        public static ApiException TimeStampExpired(string value, DateTimeOffset now) =>
            new ApiException(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired: \"" + value + "\" is more than "
                + (int)Protocol.ClockSkew.TotalMinutes + " minutes away from the server time " + now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + ".");

        public static ApiException SignatureNonceUsed(string nonce) =>
            new ApiException(400, "SignatureNonceUsed", "Specified signature nonce was used already: \"" + nonce + "\".");

        /// <summary>Chosen: an STS key without its token.</summary>
        public static ApiException MissingSecurityToken() =>
            new ApiException(400, "MissingSecurityToken", "The AccessKeyId is a temporary (STS) credential; the request must carry its security token (x-acs-security-token or SecurityToken).");

        /// <summary>Chosen (the STS family of codes): wrong token, or a token sent with a permanent key.</summary>
        public static ApiException SecurityTokenMismatch() =>
            new ApiException(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");

        public static ApiException SecurityTokenExpired(DateTimeOffset expiration) =>
            new ApiException(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired (expiration "
                + expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + ").");

        // ---- Gateway: flow control and injected faults -----------------------------------------------------------

        /// <summary>DataWorks pages: 429 Throttling.User "Your request is too frequent. Try again later." (per-key QPS limit)</summary>
        public static ApiException ThrottlingUser(int retryAfterMs) =>
            new ApiException(429, "Throttling.User", "Your request is too frequent. Try again later.", retryAfterMs: retryAfterMs);

        /// <summary>DataWorks pages: 429 Throttling.Api (what injected throttling answers).</summary>
        public static ApiException ThrottlingApi(int retryAfterMs) =>
            new ApiException(429, "Throttling.Api", "The request for this resource has exceeded your available limit.", retryAfterMs: retryAfterMs);

        /// <summary>DataWorks pages: 500 InternalError.System (first half of the injected 5xx band).</summary>
        public static ApiException InjectedInternalError() =>
            new ApiException(500, "InternalError.System", "An internal system error occurred. Try again later.");

        /// <summary>Common code: 503 ServiceUnavailable (second half of the injected 5xx band).</summary>
        public static ApiException InjectedServiceUnavailable() =>
            new ApiException(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

        public static ApiException InternalError() =>
            new ApiException(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure.");

        /// <summary>Documented message of IdempotentParameterMismatch (common Alibaba Cloud code).</summary>
        public static ApiException IdempotentParameterMismatch() =>
            new ApiException(400, "IdempotentParameterMismatch", "The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.");

        // ---- DataWorks service (DataStudio-style) errors: chosen codes in the Invalid.Tenant.* family ----------------

        private static ApiException Service(int status, string code, string message) => new ApiException(status, code, message, serviceStyle: true);

        public static ApiException ProjectNotExists(string workspace) =>
            Service(400, "Invalid.Tenant.ProjectNotExists", "The workspace does not exist: " + workspace + ".");

        public static ApiException WorkspaceMismatch(long projectId, string identifier) =>
            new ApiException(400, "InvalidParameter", "ProjectId " + projectId + " and ProjectIdentifier \"" + identifier + "\" name different workspaces.");

        public static ApiException FileNotExists(string what) =>
            Service(400, "Invalid.Tenant.FileNotExists", "The file does not exist: " + what + ".");

        public static ApiException FileVersionNotExists(long fileId, int version) =>
            Service(400, "Invalid.Tenant.FileVersionNotExists", "File " + fileId + " has no version " + version + ".");

        public static ApiException FolderNotExists(string path) =>
            Service(400, "Invalid.Tenant.FolderNotExists", "Invalid path: " + path);

        public static ApiException FolderExists(string path) =>
            Service(400, "Invalid.Tenant.FolderExists", "The folder already exists: " + path);

        public static ApiException FolderInvalid(string path, string why) =>
            Service(400, "Invalid.Tenant.FolderPathInvalid", "Invalid path: " + path + " (" + why + ")");

        public static ApiException DeploymentNotExists(long id) =>
            Service(400, "Invalid.Tenant.DeploymentNotExists", "The deployment package does not exist: " + id + ".");

        /// <summary>Documented DI code (dataworks-api.md §4): a file with this name already exists in the folder.</summary>
        public static ApiException FileExisted(string name, string folder) =>
            Service(400, "Invalid.DI.Parameter.File.Existed", "A file named \"" + name + "\" already exists in folder " + folder + ".");

        /// <summary>Chosen code for UpdateFile's documented "invalid data" refusal of an unchanged value.</summary>
        public static ApiException DataUnchanged(string parameter) =>
            Service(400, "Invalid.Tenant.DataUnchanged", "invalid data: " + parameter + " equals the current value; send only the properties that change.");

        public static ApiException DeployInBasicMode(long projectId) =>
            Service(400, "Invalid.Tenant.ProjectModeNotSupported", "DeployFile applies only to workspaces in standard mode; workspace " + projectId
                + " is in basic mode, where SubmitFile already deploys to production.");

        /// <summary>The documented "can not pack" (developer.aliyun.com/ask/473096); code chosen.</summary>
        public static ApiException CanNotPack(long fileId, long pendingDeploymentId) =>
            Service(400, "Invalid.Tenant.CanNotPack", "can not pack: the previous package " + pendingDeploymentId + " of file " + fileId
                + " has not finished; wait for it with GetDeployment, then deploy.");

        public static ApiException NothingToDeploy(long fileId) =>
            Service(400, "Invalid.Tenant.NothingToDeploy", "can not pack: file " + fileId + " has no submitted change that is not in production yet; SubmitFile first.");

        public static ApiException FileDeleted(long fileId) =>
            Service(400, "Invalid.Tenant.FileDeleted", "File " + fileId + " has been deleted.");

        public static ApiException UnknownInput(string input) =>
            Service(400, "Invalid.Tenant.NodeInputNotExists", "InputList names an upstream output that does not exist: \"" + input
                + "\". Use the workspace root output (<workspace>_root) or another node's output.");

        public static ApiException OutputExisted(string output, long ownerFileId) =>
            Service(400, "Invalid.Tenant.NodeOutputExisted", "The output name \"" + output + "\" is already used by file " + ownerFileId + ".");

        public static ApiException InvalidNodeValue(string parameter, string detail) =>
            Service(400, "Invalid.Tenant.InvalidNodeConfig", "invalid data: " + parameter + " " + detail);

        public static ApiException ResourceGroupNotExists(string identifier) =>
            Service(400, "Invalid.Tenant.ResourceGroupNotExists", "Scheduling resource group \"" + identifier + "\" does not exist (ListResourceGroups with ResourceGroupType 1).");

        public static ApiException NotDiFile(long fileId) =>
            Service(400, "Invalid.DI.Parameter", "fileId:[" + fileId + "] is not a Data Integration task.");
    }

    /// <summary>
    /// Business failures of the DI (…DISync…) operations: HTTP 200 with Data.Status "fail" and Data.Message.
    /// The first two messages are quoted from Alibaba's documentation; the rest follow their pattern.
    /// </summary>
    public static class DiFailures
    {
        public static string InvalidPath(string path) => "Invalid path: " + path;
        public static string InvalidResourceGroup(string identifier) => "ResourceGroup:[" + identifier + "] is invalid.";
        public static string InvalidFileId(string fileId) => "fileId:[" + fileId + "] is invalid.";
        public static string InvalidCu(string cu) => "Cu:[" + cu + "] is invalid; it must be a positive multiple of 0.5.";
        public static string InvalidTaskType(string taskType) => "TaskType:[" + taskType + "] is invalid; use DI_OFFLINE, DI_REALTIME or DI_SOLUTION.";
        public static string TaskTypeNotYetSupported(string taskType) =>
            "TaskType:[" + taskType + "] is not supported by this emulator yet; real-time tasks and solutions are created through GenerateDISyncTaskConfigForCreating, which it does not implement.";
        public static string UpdateTaskTypeNotSupported(string taskType) => "TaskType:[" + taskType + "] cannot be updated with UpdateDISyncTask; only DI_OFFLINE tasks can.";
        public static string InvalidTaskParam(string detail) => "TaskParam is invalid: " + detail;
        public static string InvalidTaskContent(string detail) => "TaskContent is invalid: " + detail;
        public static string InvalidDatasource(string name, long projectId) => "Datasource:[" + name + "] is invalid; workspace " + projectId + " has no data source with this name.";
        public static string InvalidTaskName(string detail) => "TaskName is invalid: " + detail;
    }
}
