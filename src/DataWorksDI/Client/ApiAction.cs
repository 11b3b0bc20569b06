using System;
using System.Collections.Generic;
using System.Linq;

namespace DataWorksDI.Client
{
    /// <summary>Whether replaying a call can change the outcome.</summary>
    internal enum Idempotency
    {
        /// <summary>A read: replaying is always safe.</summary>
        Safe,

        /// <summary>A write that accepts a ClientToken: safe to replay when the token is sent.</summary>
        ClientToken,

        /// <summary>A write without a token: replaying after an ambiguous failure could act twice.</summary>
        None,
    }

    internal enum ParameterLocation { Query, Body }

    /// <summary>
    /// How one OpenAPI action travels: HTTP method, which parameters the official SDK puts in the query string (the rest
    /// go to the form body), and whether it may be replayed. Taken from the Go SDK's &lt;Action&gt;WithOptions
    /// (../shared/spec/dataworks-api.md §5).
    /// </summary>
    internal sealed class ApiAction
    {
        private readonly HashSet<string> _query;
        private readonly bool _allInQuery;

        private ApiAction(string name, string method, Idempotency idempotency, bool allInQuery, params string[] queryParameters)
        {
            Name = name;
            Method = method;
            Idempotency = idempotency;
            _allInQuery = allInQuery;
            _query = new HashSet<string>(queryParameters, StringComparer.Ordinal);
        }

        public string Name { get; }
        public string Method { get; }
        public Idempotency Idempotency { get; }

        public ParameterLocation Locate(string parameterName) =>
            _allInQuery || _query.Contains(parameterName) ? ParameterLocation.Query : ParameterLocation.Body;

        private static ApiAction Body(string name, Idempotency idempotency) => new ApiAction(name, "POST", idempotency, false);
        private static ApiAction Query(string name, Idempotency idempotency) => new ApiAction(name, "POST", idempotency, true);

        // DataStudio operations: everything in the form body.
        public static readonly ApiAction GetFile = Body("GetFile", Idempotency.Safe);
        public static readonly ApiAction ListFiles = Body("ListFiles", Idempotency.Safe);
        public static readonly ApiAction UpdateFile = Body("UpdateFile", Idempotency.None);
        public static readonly ApiAction SubmitFile = Body("SubmitFile", Idempotency.None);
        public static readonly ApiAction DeployFile = Body("DeployFile", Idempotency.None);
        public static readonly ApiAction DeleteFile = Body("DeleteFile", Idempotency.None);
        public static readonly ApiAction GetDeployment = Body("GetDeployment", Idempotency.Safe);
        public static readonly ApiAction ListDeployments = Body("ListDeployments", Idempotency.Safe);
        public static readonly ApiAction ListFileVersions = Body("ListFileVersions", Idempotency.Safe);
        public static readonly ApiAction ListFolders = Body("ListFolders", Idempotency.Safe);
        public static readonly ApiAction GetFolder = Body("GetFolder", Idempotency.Safe);
        public static readonly ApiAction CreateFolder = Body("CreateFolder", Idempotency.None);

        // Data Integration operations: query string, except CreateDISyncTask's TaskContent (form body).
        public static readonly ApiAction CreateDISyncTask = new ApiAction("CreateDISyncTask", "POST", Idempotency.ClientToken, false,
            "ProjectId", "TaskType", "TaskParam", "TaskName", "ClientToken");
        public static readonly ApiAction UpdateDISyncTask = Query("UpdateDISyncTask", Idempotency.None);
        public static readonly ApiAction GenerateDISyncTaskConfigForCreating = Query("GenerateDISyncTaskConfigForCreating", Idempotency.ClientToken);
        public static readonly ApiAction GenerateDISyncTaskConfigForUpdating = Query("GenerateDISyncTaskConfigForUpdating", Idempotency.ClientToken);
        public static readonly ApiAction QueryDISyncTaskConfigProcessResult = Query("QueryDISyncTaskConfigProcessResult", Idempotency.Safe);
        public static readonly ApiAction GetDISyncTask = Query("GetDISyncTask", Idempotency.Safe);
        public static readonly ApiAction DeployDISyncTask = Query("DeployDISyncTask", Idempotency.None);
        public static readonly ApiAction StartDISyncInstance = Query("StartDISyncInstance", Idempotency.None);
        public static readonly ApiAction StopDISyncInstance = Query("StopDISyncInstance", Idempotency.None);
        public static readonly ApiAction TerminateDISyncInstance = Query("TerminateDISyncInstance", Idempotency.None);
        public static readonly ApiAction GetDISyncInstanceInfo = Query("GetDISyncInstanceInfo", Idempotency.Safe);
        public static readonly ApiAction DeleteDISyncTask = Query("DeleteDISyncTask", Idempotency.None);

        // Workspace-level reads: query string; ListDataSources is the one GET.
        public static readonly ApiAction GetProject = Query("GetProject", Idempotency.Safe);
        public static readonly ApiAction ListProjects = Query("ListProjects", Idempotency.Safe);
        public static readonly ApiAction ListResourceGroups = Query("ListResourceGroups", Idempotency.Safe);
        public static readonly ApiAction ListDataSources = new ApiAction("ListDataSources", "GET", Idempotency.Safe, true);

        /// <summary>Every action the module knows, for Invoke-DIApi and its completion.</summary>
        public static System.Collections.Generic.IReadOnlyList<ApiAction> All { get; } = typeof(ApiAction)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ApiAction))
            .Select(f => (ApiAction)f.GetValue(null))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToArray();

        public static ApiAction Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Name;
    }
}
