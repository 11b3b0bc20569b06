using DataWorksDI.Client;
using DataWorksDI.Session;

namespace DataWorksDI.Services
{
    /// <summary>Files (nodes): GetFile, ListFiles, UpdateFile, SubmitFile, DeployFile, DeleteFile, GetFolder.</summary>
    internal sealed class FileService(DIContext context, IClientLog log) : DataWorksService(context, log)
    {
        public async Task<DIFile> GetAsync(long projectId, long fileId, CancellationToken ct) =>
            (await GetWithWireAsync(projectId, fileId, ct).ConfigureAwait(false)).File;

        /// <summary>
        /// GetFile with the file's folder path filled in: GetFile gives only the folder's id, so the path comes from the
        /// workspace catalogue (the files it listed, else GetFolder once per folder id and context).
        /// </summary>
        public async Task<DIFile> GetWithFolderPathAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(file.FolderPath) && !string.IsNullOrEmpty(file.FolderId))
                file.FolderPath = await new CatalogService(Context, Log).FolderPathAsync(projectId, file.FolderId, ct).ConfigureAwait(false);
            return file;
        }

        /// <summary>Batch or Realtime from the file's type code (one GetFile); null for other files.</summary>
        public async Task<DITaskType?> GetTaskTypeAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            Log.Debug($"File {fileId} is of type {file.TypeName}.");
            return file.TaskType;
        }

        /// <summary>GetFile, typed and as the wire wrote it: the schedule comparison needs the wire values (UpdateFile refuses unchanged ones).</summary>
        /// <returns>The file, and GetFile's Data object (File and NodeConfiguration) as the wire wrote it.</returns>
        public async Task<(DIFile File, JToken Wire)> GetWithWireAsync(long projectId, long fileId, CancellationToken ct)
        {
            JObject body = await Call(new ApiRequest(ApiAction.GetFile).With("ProjectId", projectId).With("FileId", fileId), ct).ConfigureAwait(false);
            JToken data = body["Data"];
            return (FromGetFile(projectId, data), data);
        }

        /// <summary>The file from GetFile's Data (File and NodeConfiguration).</summary>
        internal static DIFile FromGetFile(long projectId, JToken data) => ParseFile(projectId, data?["File"], data?["NodeConfiguration"]);

        /// <summary>ListFiles, one page per <see cref="Pager{T}.NextAsync"/>.</summary>
        public Pager<DIFile> List(long projectId, FileQuery query) => new Pager<DIFile>(query.PageSize, async (page, pageSize, ct) =>
        {
            var request = new ApiRequest(ApiAction.ListFiles)
                .With("ProjectId", projectId)
                .With("FileFolderPath", query.FolderPath)
                .With("Keyword", query.Keyword)
                .With("ExactFileName", query.ExactName)
                .With("FileTypes", query.FileTypes == null || query.FileTypes.Length == 0 ? null : string.Join(",", query.FileTypes))
                .With("NeedContent", query.IncludeContent ? true : (bool?)null)
                .With("NeedAbsoluteFolderPath", true)
                .With("PageNumber", page)
                .With("PageSize", pageSize);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            JToken data = body["Data"];
            var files = new List<DIFile>();
            if (data?["Files"] is JArray arr) foreach (JToken f in arr) files.Add(ParseFile(projectId, f, null));
            return new Page<DIFile>(files, Json.Long(data, "TotalCount") ?? 0);
        });

        /// <summary>
        /// The latest version of a file (ListFileVersions): its submit comment, whether production runs it, and its
        /// FilePropertyContent. Null when the file was never submitted. The emulator lists newest first; the documentation
        /// does not say, so when the first page does not hold the highest version number (versions count up from 1) the
        /// last page is read as well.
        /// </summary>
        public async Task<FileVersionInfo> GetLatestVersionAsync(long projectId, long fileId, CancellationToken ct)
        {
            const int pageSize = 10;
            Page<FileVersionInfo> first = await ListVersionsAsync(projectId, fileId, 1, pageSize, ct).ConfigureAwait(false);
            if (first.Items.Count == 0) return null;
            FileVersionInfo latest = first.Items.OrderByDescending(v => v.Version).First();
            long total = first.TotalCount;
            if (latest.Version < total && total > pageSize)
            {
                Page<FileVersionInfo> last = await ListVersionsAsync(projectId, fileId, (int)((total + pageSize - 1) / pageSize), pageSize, ct).ConfigureAwait(false);
                FileVersionInfo candidate = last.Items.OrderByDescending(v => v.Version).FirstOrDefault();
                if (candidate != null && candidate.Version > latest.Version) latest = candidate;
            }
            return latest;
        }

        /// <summary>ListFileVersions, one page (PageSize at most 100), and the total the service reported.</summary>
        public async Task<Page<FileVersionInfo>> ListVersionsAsync(long projectId, long fileId, int pageNumber, int pageSize, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.ListFileVersions).With("ProjectId", projectId).With("FileId", fileId)
                .With("PageNumber", pageNumber).With("PageSize", pageSize);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            JToken data = body["Data"];
            var versions = new List<FileVersionInfo>();
            if (data?["FileVersions"] is JArray arr)
            {
                foreach (JToken v in arr)
                {
                    JObject properties = null;
                    JToken raw = v["FilePropertyContent"];
                    if (raw is JObject o) properties = o;
                    else if (raw?.Type == JTokenType.String)
                    {
                        try { properties = JToken.Parse((string)raw) as JObject; }
                        catch (Newtonsoft.Json.JsonException) { properties = null; }
                    }
                    versions.Add(new FileVersionInfo
                    {
                        Version = Json.Long(v, "FileVersion") ?? 0,
                        Comment = Json.Str(v, "Comment"),
                        ChangeType = Json.Str(v, "ChangeType"),
                        Status = Json.Str(v, "Status"),
                        CommitTime = Json.EpochMs(v, "CommitTime"),
                        IsCurrentProd = Json.Bool(v, "IsCurrentProd") ?? false,
                        Properties = properties,
                    });
                }
            }
            return new Page<FileVersionInfo>(versions, Json.Long(data, "TotalCount") ?? versions.Count);
        }

        public async Task<string> GetFolderPathAsync(long projectId, string folderId, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(folderId)) return null;
            JObject body = await Call(new ApiRequest(ApiAction.GetFolder).With("ProjectId", projectId).With("FolderId", folderId), ct).ConfigureAwait(false);
            return Json.Str(body["Data"], "FolderPath");
        }

        public async Task<string> UpdateAsync(long projectId, long fileId, IEnumerable<KeyValuePair<string, string>> changes, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.UpdateFile).With("ProjectId", projectId).With("FileId", fileId);
            foreach (var c in changes) request.With(c.Key, c.Value);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            return Json.Str(body, "RequestId");
        }

        public async Task<DIDeployment> SubmitAsync(long projectId, long fileId, string comment, bool skipChecks, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.SubmitFile).With("ProjectId", projectId).With("FileId", fileId).With("Comment", comment)
                .With("SkipAllDeployFileExtensions", skipChecks ? true : (bool?)null);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            return NewDeployment(projectId, fileId, Json.Long(body, "Data"), DIDeploymentKind.Submit, body);
        }

        public async Task<DIDeployment> DeployAsync(long projectId, long fileId, string comment, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.DeployFile).With("ProjectId", projectId).With("FileId", fileId).With("Comment", comment);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            return NewDeployment(projectId, fileId, Json.Long(body, "Data"), DIDeploymentKind.Deploy, body);
        }

        /// <summary>DeleteFile. Returns the deletion's deployment, or null when the file was never committed and is already gone.</summary>
        public async Task<DIDeployment> DeleteAsync(long projectId, long fileId, CancellationToken ct)
        {
            JObject body = await Call(new ApiRequest(ApiAction.DeleteFile).With("ProjectId", projectId).With("FileId", fileId), ct).ConfigureAwait(false);
            long? id = Json.Long(body, "DeploymentId");
            return id.HasValue && id.Value > 0 ? NewDeployment(projectId, fileId, id, DIDeploymentKind.Delete, body) : null;
        }

        private DIDeployment NewDeployment(long projectId, long fileId, long? deploymentId, DIDeploymentKind kind, JObject body)
        {
            if (!deploymentId.HasValue)
                throw new DataWorksServiceException(kind + "File", "InvalidResponse", "the response carried no deployment id", Json.Str(body, "RequestId"), System.Net.HttpStatusCode.OK);
            var created = new DIDeployment
            {
                ProjectId = projectId,
                FileId = fileId,
                DeploymentId = deploymentId.Value,
                Kind = kind,
                Status = DIDeploymentStatus.Pending,
                RequestId = Json.Str(body, "RequestId"),
            };
            // Read back later (Get-DIDeployment, a listing), the package keeps its file and kind.
            new CatalogService(Context, Log).RememberDeployment(created);
            return created;
        }

        internal static DIFile ParseFile(long projectId, JToken f, JToken node)
        {
            if (f == null) throw new DataWorksServiceException("GetFile", "InvalidResponse", "the response carried no file", null, System.Net.HttpStatusCode.OK);
            var file = new DIFile
            {
                ProjectId = projectId,
                FileId = Json.Long(f, "FileId") ?? 0,
                FileName = Json.Str(f, "FileName"),
                FileType = Json.Int(f, "FileType") ?? 0,
                FolderId = Json.Str(f, "FileFolderId"),
                FolderPath = Json.Str(f, "AbsoluteFolderPath"),
                Description = Json.Str(f, "FileDescription"),
                Content = Json.Str(f, "Content"),
                Committed = (Json.Int(f, "CommitStatus") ?? 0) == 1,
                CurrentVersion = Json.Int(f, "CurrentVersion"),
                NodeId = Json.Long(f, "NodeId") is long n && n > 0 ? n : (long?)null,
                BusinessId = Json.Long(f, "BusinessId"),
                Owner = Json.Str(f, "Owner"),
                CreateUser = Json.Str(f, "CreateUser"),
                CreateTime = Json.EpochMs(f, "CreateTime"),
                LastEditUser = Json.Str(f, "LastEditUser"),
                LastEditTime = Json.EpochMs(f, "LastEditTime"),
                UseType = Json.Str(f, "UseType"),
                DeletedStatus = Json.Str(f, "DeletedStatus"),
                ConnectionName = Json.Str(f, "ConnectionName"),
                Schedule = node == null || node.Type == JTokenType.Null ? null : ParseSchedule(node),
            };
            if (file.Schedule != null)
            {
                // The schedule knows its file, so it pipes into Set-DIFileSchedule on its own.
                file.Schedule.ProjectId = projectId;
                file.Schedule.FileId = file.FileId;
            }
            return file;
        }

        internal static DIFileSchedule ParseSchedule(JToken node)
        {
            int? intervalMs = Json.Int(node, "AutoRerunIntervalMillis");
            return new DIFileSchedule
            {
                Cron = Json.Str(node, "CronExpress"),
                CycleType = WireEnum.Parse<DICycleType>(Json.Str(node, "CycleType")),
                RerunMode = WireEnum.Parse<DIRerunMode>(Json.Str(node, "RerunMode")),
                AutoRerunTimes = Json.Int(node, "AutoRerunTimes"),
                AutoRerunInterval = intervalMs.HasValue ? TimeSpan.FromMilliseconds(intervalMs.Value) : (TimeSpan?)null,
                DependentType = WireEnum.Parse<DIDependentType>(Json.Str(node, "DependentType")),
                DependentNodeId = ScheduleFields.SplitList(Json.Str(node, "DependentNodeIdList")).Select(long.Parse).ToArray(),
                InputList = ScheduleFields.ReadNames(node["InputList"], "Input"),
                OutputList = ScheduleFields.ReadNames(node["OutputList"], "Output"),
                ParaValue = Json.Str(node, "ParaValue"),
                SchedulerType = WireEnum.Parse<DISchedulerType>(Json.Str(node, "SchedulerType")),
                Stop = Json.Bool(node, "Stop"),
                StartEffectDate = Json.EpochMs(node, "StartEffectDate"),
                EndEffectDate = Json.EpochMs(node, "EndEffectDate"),
                ResourceGroupId = Json.Long(node, "ResourceGroupId"),
                ApplyScheduleImmediately = Json.Bool(node, "ApplyScheduleImmediately"),
                IgnoreParentSkipRunningProperty = Json.Bool(node, "IgnoreParentSkipRunningProperty"),
                InputParameters = ScheduleFields.JsonOrNull(node["InputParameters"]),
                OutputParameters = ScheduleFields.JsonOrNull(node["OutputParameters"]),
            };
        }
    }

    /// <summary>One entry of ListFileVersions: what the definition plan reads of it, and what the workflows read to tell whether a submit, deploy or delete took effect.</summary>
    internal sealed class FileVersionInfo
    {
        public long Version { get; set; }

        public string Comment { get; set; }

        /// <summary>CREATE, UPDATE or DELETE.</summary>
        public string ChangeType { get; set; }

        /// <summary>COMMITTING, COMMITTED, CHECK_OK, PACKAGED, DEPLOYING, DEPLOYED or CANCELLED.</summary>
        public string Status { get; set; }

        public DateTime? CommitTime { get; set; }

        /// <summary>The version production runs.</summary>
        public bool IsCurrentProd { get; set; }

        /// <summary>FilePropertyContent as an object (null when absent or not JSON).</summary>
        public JObject Properties { get; set; }
    }

    /// <summary>What Get-DIFile asks ListFiles for.</summary>
    internal sealed class FileQuery
    {
        public string FolderPath { get; set; }
        public string Keyword { get; set; }
        public string ExactName { get; set; }
        public int[] FileTypes { get; set; }
        public bool IncludeContent { get; set; }
        public int PageSize { get; set; } = 100;
    }
}
