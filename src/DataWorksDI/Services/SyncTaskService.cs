using System.Globalization;
using DataWorksDI.Client;
using DataWorksDI.Session;
using Newtonsoft.Json;

namespace DataWorksDI.Services
{
    /// <summary>Data Integration sync tasks: CreateDISyncTask, UpdateDISyncTask.</summary>
    internal sealed class SyncTaskService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        /// <summary>Why a CU value is refused (serverless groups take a positive multiple of 0.5), or null when it is fine.</summary>
        internal static string CuProblem(double? cu) =>
            cu.HasValue && (double.IsNaN(cu.Value) || double.IsInfinity(cu.Value))
                ? $"-Cu {cu.Value.ToString(CultureInfo.InvariantCulture)} is not a number of CUs: give a positive multiple of 0.5 (0.5, 1, 1.5, …)."
            : cu.HasValue && (cu.Value <= 0 || System.Math.Abs(cu.Value * 2 - System.Math.Round(cu.Value * 2)) > 1e-9)
                ? $"-Cu {cu.Value.ToString(CultureInfo.InvariantCulture)} is not allowed: serverless resource groups take a positive multiple of 0.5 CU (0.5, 1, 1.5, …)."
                : null;

        /// <summary>TaskParam as the documented JSON object; only the keys given are written.</summary>
        internal static string TaskParam(string folderPath, string resourceGroup, double? cu)
        {
            var o = new JObject();
            if (folderPath != null) o["FileFolderPath"] = folderPath;
            if (resourceGroup != null) o["ResourceGroup"] = resourceGroup;
            if (cu.HasValue) o["Cu"] = cu.Value;
            return o.ToString(Formatting.None);
        }

        /// <summary>CreateDISyncTask. The content is sent exactly as given; the ClientToken makes a replay return the first result.</summary>
        public async Task<DISyncTask> CreateAsync(long projectId, DITaskType type, string name, string folderPath, string resourceGroup,
            double? cu, string content, string clientToken, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.CreateDISyncTask)
                .With("ProjectId", projectId)
                .With("TaskType", WireEnum.ToWire(type))
                .With("TaskName", name)
                .With("TaskParam", TaskParam(folderPath, resourceGroup, cu))
                .With("TaskContent", content)
                .With("ClientToken", clientToken);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            long? fileId = Json.Long(body["Data"], "FileId");
            if (!fileId.HasValue)
                throw InvalidResponse("CreateDISyncTask", "the response carried no Data.FileId", body);
            return new DISyncTask
            {
                ProjectId = projectId,
                FileId = fileId.Value,
                FileName = name,
                TaskType = type,
                FolderPath = folderPath,
                ResourceGroup = resourceGroup,
                Cu = cu,
                RequestId = Json.Str(body, "RequestId"),
            };
        }

        /// <summary>UpdateDISyncTask for a batch task: new content and/or resource group.</summary>
        public async Task<DISyncTask> UpdateAsync(long projectId, long fileId, DITaskType type, string content, string resourceGroup, double? cu, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.UpdateDISyncTask)
                .With("ProjectId", projectId)
                .With("FileId", fileId)
                .With("TaskType", WireEnum.ToWire(type))
                .With("TaskContent", content)
                .With("TaskParam", resourceGroup != null || cu.HasValue ? TaskParam(null, resourceGroup, cu) : null);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            return new DISyncTask
            {
                ProjectId = projectId,
                FileId = fileId,
                TaskType = type,
                ResourceGroup = resourceGroup,
                Cu = cu,
                RequestId = Json.Str(body, "RequestId"),
            };
        }
    }
}
