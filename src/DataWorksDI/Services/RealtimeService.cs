using DataWorksDI.Client;
using DataWorksDI.Session;
using Newtonsoft.Json;

namespace DataWorksDI.Services
{
    /// <summary>
    /// Real-time tasks and solutions: the asynchronous config generation (GenerateDISyncTaskConfigForCreating /
    /// ForUpdating → QueryDISyncTaskConfigProcessResult), GetDISyncTask, DeployDISyncTask, the instance operations and
    /// DeleteDISyncTask.
    /// </summary>
    internal sealed class RealtimeService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        private static ApiRequest Request(ApiAction action, long projectId, DITaskType type) =>
            new ApiRequest(action).With("ProjectId", projectId).With("TaskType", WireEnum.ToWire(type));

        public async Task<long> GenerateForCreatingAsync(long projectId, DITaskType type, string taskParam, string clientToken, CancellationToken ct)
        {
            JObject body = await Call(Request(ApiAction.GenerateDISyncTaskConfigForCreating, projectId, type)
                .With("TaskParam", taskParam).With("ClientToken", clientToken), ct).ConfigureAwait(false);
            return ProcessId(body, "GenerateDISyncTaskConfigForCreating");
        }

        public async Task<long> GenerateForUpdatingAsync(long projectId, DITaskType type, long fileId, string taskParam, string clientToken, CancellationToken ct)
        {
            JObject body = await Call(Request(ApiAction.GenerateDISyncTaskConfigForUpdating, projectId, type)
                .With("TaskId", fileId).With("TaskParam", taskParam).With("ClientToken", clientToken), ct).ConfigureAwait(false);
            return ProcessId(body, "GenerateDISyncTaskConfigForUpdating");
        }

        private static long ProcessId(JObject body, string action) =>
            Json.Long(body["Data"], "ProcessId") ?? throw InvalidResponse(action, "the response carried no Data.ProcessId", body);

        /// <summary>
        /// QueryDISyncTaskConfigProcessResult, once. A failed generation is the service's error (Data.Status = fail, thrown
        /// by the client); any status other than success counts as still processing (the API documents no in-progress
        /// value). Waiting for it is Workflows.SyncTaskWorkflow's.
        /// </summary>
        /// <returns>The status as the service wrote it (null while it gives none), and once done the generated TaskContent.</returns>
        public async Task<(bool Done, string Status, string TaskContent)> QueryConfigAsync(long projectId, DITaskType type, long processId, CancellationToken ct)
        {
            JObject body = await Call(Request(ApiAction.QueryDISyncTaskConfigProcessResult, projectId, type).With("AsyncProcessId", processId), ct).ConfigureAwait(false);
            string status = Json.Str(body["Data"], "Status"), content = Json.Str(body["Data"], "TaskContent");
            bool done = string.Equals(status, "success", StringComparison.OrdinalIgnoreCase);
            if (done && string.IsNullOrEmpty(content))
                throw InvalidResponse("QueryDISyncTaskConfigProcessResult", "the finished process carried no TaskContent", body);
            return (done, status, content);
        }

        public async Task<DISyncTaskConfig> GetConfigAsync(long projectId, DITaskType type, long fileId, CancellationToken ct)
        {
            JObject body = await Call(Request(ApiAction.GetDISyncTask, projectId, type).With("FileId", fileId), ct).ConfigureAwait(false);
            JToken data = body["Data"];
            string code = Json.Str(data, "Code");
            return new DISyncTaskConfig
            {
                ProjectId = projectId,
                FileId = fileId,
                TaskType = type,
                Code = code,
                SolutionDetail = ScheduleFields.JsonOrNull(data?["SolutionDetail"]),
                Tables = ReaderTables(code),
                RequestId = Json.Str(body, "RequestId"),
            };
        }

        /// <summary>The reader step's tables in a real-time config (connection[].table[] and selectedTables).</summary>
        internal static string[] ReaderTables(string code)
        {
            if (string.IsNullOrWhiteSpace(code)) return new string[0];
            JToken config;
            try
            {
                config = JToken.Parse(code);
            }
            catch (JsonException)
            {
                return new string[0];
            }
            var reader = (config["steps"] as JArray)?.FirstOrDefault(s => Json.Str(s, "category") == "reader");
            var tables = new List<string>();
            foreach (JToken c in (reader?["parameter"]?["connection"] as JArray) ?? new JArray())
            {
                foreach (JToken t in (c["table"] as JArray) ?? new JArray()) tables.Add(t.ToString());
                foreach (JToken t in c.SelectTokens("selectedTables[*].schema[*].tableInfos[*].table")) tables.Add(t.ToString());
            }
            return tables.Distinct().ToArray();
        }

        public Task DeployAsync(long projectId, DITaskType type, long fileId, CancellationToken ct) =>
            Call(Request(ApiAction.DeployDISyncTask, projectId, type).With("FileId", fileId), ct);

        public Task StartAsync(long projectId, DITaskType type, long fileId, string startParam, CancellationToken ct) =>
            Call(Request(ApiAction.StartDISyncInstance, projectId, type).With("FileId", fileId).With("StartParam", startParam), ct);

        public Task StopAsync(long projectId, long fileId, CancellationToken ct) =>
            Call(Request(ApiAction.StopDISyncInstance, projectId, DITaskType.Realtime).With("FileId", fileId), ct);

        public Task TerminateAsync(long projectId, long fileId, CancellationToken ct) =>
            Call(Request(ApiAction.TerminateDISyncInstance, projectId, DITaskType.Realtime).With("FileId", fileId), ct);

        public Task DeleteAsync(long projectId, long fileId, CancellationToken ct) =>
            Call(Request(ApiAction.DeleteDISyncTask, projectId, DITaskType.Realtime).With("FileId", fileId), ct);

        public async Task<DISyncInstance> GetInstanceAsync(long projectId, DITaskType type, long fileId, CancellationToken ct)
        {
            JObject body = await Call(Request(ApiAction.GetDISyncInstanceInfo, projectId, type).With("FileId", fileId), ct).ConfigureAwait(false);
            JToken data = body["Data"];
            string raw = Json.Str(data, "Status");
            return new DISyncInstance
            {
                ProjectId = projectId,
                FileId = fileId,
                TaskType = type,
                Name = Json.Str(data, "Name"),
                RawStatus = raw,
                Status = WireEnum.Parse<DIInstanceStatus>(raw) ?? DIInstanceStatus.Unknown,
                Message = Redactor.Redact(Json.Str(data, "Message")),
                SolutionInfo = ScheduleFields.JsonOrNull(data?["SolutionInfo"]),
                RequestId = Json.Str(body, "RequestId"),
            };
        }

        /// <summary>
        /// StartParam: failover limit, dirty-record limit and DDL handling per event, as the JSON object the API takes;
        /// null when nothing was given.
        /// </summary>
        internal static string StartParam(int? failoverCount, int? failoverIntervalMinutes, long? dirtyRecordLimit, IDictionary<string, DIDdlAction> ddl)
        {
            var o = new JObject();
            if (failoverCount.HasValue || failoverIntervalMinutes.HasValue)
            {
                var f = new JObject();
                if (failoverCount.HasValue) f["count"] = failoverCount.Value;
                if (failoverIntervalMinutes.HasValue) f["interval"] = failoverIntervalMinutes.Value;
                o["failoverLimit"] = f;
            }
            if (dirtyRecordLimit.HasValue) o["errorLimit"] = new JObject { ["record"] = dirtyRecordLimit.Value };
            if (ddl != null && ddl.Count > 0)
            {
                var map = new JObject();
                foreach (var kv in ddl) map[kv.Key] = WireEnum.ToWire(kv.Value);
                o["ddlMarkMap"] = map;
            }
            return o.Count == 0 ? null : o.ToString(Formatting.None);
        }

        /// <summary>The TaskParam of GenerateDISyncTaskConfigForUpdating that makes these tables the reader's table set.</summary>
        internal static string TablesTaskParam(IEnumerable<string> tables) =>
            new JObject
            {
                ["steps"] = new JArray
                {
                    new JObject
                    {
                        ["parameter"] = new JObject { ["connection"] = new JArray { new JObject { ["table"] = new JArray(tables.Cast<object>().ToArray()) } } },
                        ["name"] = "Reader",
                        ["category"] = "reader",
                    },
                },
            }.ToString(Formatting.None);
    }
}
