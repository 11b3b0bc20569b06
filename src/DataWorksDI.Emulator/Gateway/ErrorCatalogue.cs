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

        // ---- Gateway: request size and speed (codes invented, docs/emulator.md "Invented codes") ---------------------

        /// <summary>Invented: 413 for a body over the gateway's limit.</summary>
        public static ApiException RequestTooLarge(long limit) =>
            new ApiException(413, "RequestEntityTooLarge", "The request body exceeds " + limit + " bytes. Send large task contents once, in the form body.");

        /// <summary>Invented: 408 for a body that arrives slower than the minimum data rate.</summary>
        public static ApiException RequestTimeout(long bytesRead) =>
            new ApiException(408, "RequestTimeout", "The request body arrived too slowly (" + bytesRead + " bytes read, less than "
                + (int)Protocol.MinBodyBytesPerSecond + " bytes per second after " + (int)Protocol.BodyGracePeriod.TotalSeconds + " s); send it again.");

        /// <summary>Invented: 414 for a request line over the gateway's limit (answered for Kestrel, see Gateway/HttpLimits).</summary>
        public static ApiException RequestLineTooLong() =>
            new ApiException(414, "RequestURITooLong", "The request line exceeds " + Protocol.MaxRequestLineBytes + " bytes. Put large parameters in the form body.");

        /// <summary>Invented: 431 for headers over the gateway's limit.</summary>
        public static ApiException HeadersTooLarge() =>
            new ApiException(431, "RequestHeaderFieldsTooLarge", "The request headers exceed " + Protocol.MaxRequestHeadersBytes + " bytes in total.");

        /// <summary>Invented: 400 for a request that is not valid HTTP/1.1 (Kestrel refused it before the gateway saw it).</summary>
        public static ApiException MalformedHttp(string detail = null) =>
            new ApiException(400, "BadRequest", "The request is not valid HTTP." + (detail == null ? "" : " " + detail));

        /// <summary>Chosen: a common parameter given twice with different values (query and body, or header and parameter).</summary>
        public static ApiException ConflictingCommonParameter(string name) =>
            new ApiException(400, "InvalidParameter", "The specified parameter \"" + name + "\" is not valid. It is given more than once with different values "
                + "(query, form body or x-acs- header); a request names one " + name + ".");

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

        /// <summary>
        /// First half of the injected 5xx band: DataWorks pages' 500 InternalError.System, or for a DI operation the DI
        /// pages' 500 InternalError.DI.Parameter (which situation the service answers it in is not documented; chosen).
        /// </summary>
        public static ApiException InjectedInternalError(bool dataIntegration) =>
            dataIntegration ? DiInternalError() : new ApiException(500, "InternalError.System", "An internal system error occurred. Try again later.");

        /// <summary>Documented DI code: 500 InternalError.DI.Parameter.</summary>
        public static ApiException DiInternalError() =>
            new ApiException(500, "InternalError.DI.Parameter", "An internal error occurred while Data Integration processed the request. Try again later.", serviceStyle: true);

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

        /// <summary>Invented code for UpdateFile's documented "invalid data" refusal of a call that changes nothing.</summary>
        public static ApiException DataUnchanged(System.Collections.Generic.IReadOnlyList<string> parameters) =>
            Service(400, "Invalid.Tenant.DataUnchanged", "invalid data: every value supplied (" + string.Join(", ", parameters)
                + ") equals the current one, so this update changes nothing; change at least one value.");

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
            InvalidDiParameter("fileId:[" + fileId + "] is not a Data Integration task.");

        /// <summary>Documented DI code: 400 Invalid.DI.Parameter, for a DI parameter the service cannot read at all (docs/emulator.md).</summary>
        public static ApiException InvalidDiParameter(string message) => Service(400, "Invalid.DI.Parameter", message);

        /// <summary>Documented on Stop/TerminateDISyncInstance and DeleteDISyncTask: 400 Param.Invalid "The parameter is invalid."</summary>
        public static ApiException ParamInvalid(string detail) =>
            Service(400, "Param.Invalid", "The parameter is invalid. " + detail);

        /// <summary>
        /// A key limited to some workspaces (accessKeys[].projectIds) calls another one: the DI pages' 403
        /// Forbidden.DI.NoPrivilege for DI operations, the DataWorks pages' 403 Forbidden.Access otherwise.
        /// </summary>
        public static ApiException NoPrivilege(bool dataIntegration, string accessKeyId, long projectId) => dataIntegration
            ? Service(403, "Forbidden.DI.NoPrivilege", "AccessKey " + accessKeyId + " has no privilege on workspace " + projectId + ".")
            : Service(403, "Forbidden.Access", "Access is forbidden. AccessKey " + accessKeyId + " has no access to workspace " + projectId + ".");
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
        public static string InvalidTaskParam(string detail) => "TaskParam is invalid: " + detail;
        public static string InvalidTaskContent(string detail) => "TaskContent is invalid: " + detail;
        public static string InvalidDatasource(string name, long projectId) => "Datasource:[" + name + "] is invalid; workspace " + projectId + " has no data source with this name.";
        public static string InvalidTaskName(string detail) => "TaskName is invalid: " + detail;

        // ---- Real-time tasks and solutions (docs/emulator.md, "Real-time tasks"; all chosen, after the documented patterns) ----

        public static string TaskTypeNotSupportedBy(string taskType, string action, params string[] allowed) =>
            "TaskType:[" + taskType + "] is not supported by " + action + "; use " + string.Join(" or ", allowed) + ".";
        public static string InvalidAsyncProcessId(string id) => "AsyncProcessId:[" + id + "] is invalid.";
        /// <summary>QueryDISyncTaskConfigProcessResult while the process runs: Data.Status "processing" (undocumented; chosen).</summary>
        public const string ProcessingStatus = "processing";
        public const string ProcessingMessage = "the task config is being generated";
        public const string ContentNotGenerated = "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult.";
        public static string UpdateContentNotGenerated(long fileId) =>
            "TaskContent is invalid: use the TaskContent returned by QueryDISyncTaskConfigProcessResult for a GenerateDISyncTaskConfigForUpdating process of task " + fileId + ".";
        public static string DatasourceWrongType(string name, string actualType, string step, string neededType) =>
            "Datasource:[" + name + "] is invalid; it is a " + actualType + " data source and the " + step + " needs a " + neededType + " one.";
        public static string SubmitAndDeployFail(string reason) => "submit and deploy fail. " + reason;
        public const string NotDeployed = "the task is not deployed; call DeployDISyncTask first";
        public const string NothingToTerminate = "the task is not deployed; there is nothing to terminate";
        public const string AlreadyRunning = "the task is already running";
        public const string NotRunning = "the task is not running";
        public const string StopBeforeDelete = "stop or terminate the instance before deleting";
        public static string InvalidStartParam(string detail) => "StartParam is invalid: " + detail;
        public const string StartParamNotObject =
            "it must be a JSON object such as {\"failoverLimit\":{\"count\":10,\"interval\":30},\"errorLimit\":{\"record\":0},\"ddlMarkMap\":{\"DROPTABLE\":\"WARNING\"}}.";
        public const string StartParamFailoverShape = "failoverLimit must be an object {\"count\":…,\"interval\":…}.";
        public const string StartParamErrorLimitShape = "errorLimit must be an object {\"record\":…}.";
        public const string StartParamDdlShape = "ddlMarkMap must be an object mapping DDL events to NORMAL, IGNORE, WARNING or CRITICAL.";
        public static string StartParamUnknownKey(string parent, string key, string allowed) =>
            (parent == null ? "" : parent + " has ") + "unknown key \"" + key + "\"; use " + allowed + ".";
        public static string StartParamCount(string path) => path + " must be a whole number of 0 or more.";
        public static string StartParamDdlEvent(string name, string[] events) =>
            "ddlMarkMap has unknown DDL event \"" + name + "\"; events are " + string.Join(", ", events) + ".";
        public static string StartParamDdlAction(string name, string got) => "ddlMarkMap." + name + " must be NORMAL, IGNORE, WARNING or CRITICAL; got " + got + ".";
        public const string StartParamSolution = "StartParam applies to DI_REALTIME tasks only; leave it out for DI_SOLUTION.";

        // TaskParam of GenerateDISyncTaskConfigFor… (the process reports these as its "fail" message; a malformed TaskParam fails at once)
        public const string RealtimeParamNotObject = "it must be a JSON object such as {\"type\":\"realtime\",\"setting\":{…},\"steps\":[…]}.";
        public const string RealtimeParamNotJson = "it is not valid JSON.";
        public static string RealtimeTypeRequired(string actual) => "type must be \"realtime\"" + (actual == null ? "." : "; got \"" + actual + "\".");
        public const string StepsRequired = "steps must be an array holding one reader step and one writer step.";
        public static string StepCount(string category, int count) => "steps must hold exactly one " + category + " (category \"" + category + "\"); found " + count + ".";
        public static string ReaderStepType(string actual) => "the reader's stepType must be \"mysql\" (real-time synchronization reads MySQL); got \"" + actual + "\".";
        public static string WriterStepType(string actual) => "the writer's stepType must be \"odps\", \"kafka\" or \"holo\"; got \"" + actual + "\".";
        public static string TaskTypeSettingMismatch(string setting, string writer) =>
            "setting.taskType \"" + setting + "\" does not match the writer (" + writer + "); use oneclick_to_" + writer + ".";
        public const string ResourceGroupRequired = "setting.resourceGroup is required: the identifier of a Data Integration resource group (ListResourceGroups, ResourceGroupType 4).";
        public const string ConnectionRequired = "the reader needs parameter.connection: an array of {\"datasource\":…,\"table\":[…]} or {\"datasource\":…,\"selectedTables\":[…]}.";
        public static string ConnectionDatasourceRequired(int index) => "the reader's parameter.connection[" + index + "] has no datasource.";
        public static string OneReaderDatasource(string first, string second) =>
            "the reader reads one data source; parameter.connection names both " + first + " and " + second + ".";
        public const string WriterDatasourceRequired = "the writer needs parameter.datasource.";
        public const string TablesRequired = "select at least one table: parameter.connection[].table[] or parameter.connection[].selectedTables[].schema[].tableInfos[].table.";
        public const string TableNotString = "a table name must be a non-empty string.";
        public const string UpdateReaderRequired =
            "steps must hold the reader step with its new table set, e.g. {\"steps\":[{\"parameter\":{\"connection\":[{\"table\":[\"t1\"]}]},\"name\":\"Reader\",\"category\":\"reader\"}]}.";
        public const string UpdateOnlyReader = "GenerateDISyncTaskConfigForUpdating changes the reader's tables only; remove the other steps.";
        public static string UpdateDatasourceFixed(string current) => "the reader's data source cannot be changed; the task reads " + current + ".";
        public const string CurrentConfigUnreadable = "the task's current configuration has no reader step whose tables could be replaced.";

        // GetDISyncInstanceInfo Data.Message of a real-time instance
        public const string InstanceNotDeployed = "the task is not deployed";
        public const string InstanceDeployed = "the task is deployed and not running; start it with StartDISyncInstance";
        public const string InstanceWaiting = "the instance is starting";
        public const string InstanceRunning = "the instance is running";
        public const string InstancePaused = "the instance is stopped; start it again with StartDISyncInstance";
    }
}
