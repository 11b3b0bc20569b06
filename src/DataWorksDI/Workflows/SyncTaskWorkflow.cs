using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// New-DISyncTask and Set-DISyncTask. A batch task is created or updated from its JSON in one call. A real-time task
    /// or solution goes through DataWorks' asynchronous config generation first — GenerateDISyncTaskConfigForCreating /
    /// ForUpdating, then QueryDISyncTaskConfigProcessResult until it is done — and is created or updated with the
    /// generated configuration (docs/realtime.md). The generation flow is written once, here, for both.
    /// </summary>
    internal sealed class SyncTaskWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        private readonly SyncTaskService _tasks = new SyncTaskService(context, log);
        private readonly RealtimeService _realtime = new RealtimeService(context, log);
        private readonly WorkspaceChecks _checks = new WorkspaceChecks(context, log);
        private readonly CatalogService _catalog = new CatalogService(context, log);

        /// <summary>Creates <paramref name="task"/> (ProjectId, FileName, TaskType, FolderPath, and ResourceGroup or null for the workspace's default, Cu).</summary>
        /// <param name="content">Batch: the task JSON, sent exactly as given. Real-time/solution: the generation request (TaskParam).</param>
        /// <param name="clientToken">Makes a replayed call return the first result (the create and the generation both take it).</param>
        /// <param name="wait">Real-time/solution: how long the config generation may take.</param>
        /// <param name="checkWorkspace">
        /// First check the folder, the resource group and the data sources against the workspace catalogue (WorkspaceChecks):
        /// a name the workspace does not have is refused before anything is sent.
        /// </param>
        /// <remarks>
        /// A create whose answer was lost is checked with a read (a file of that name in that folder) and sent again, with
        /// the same ClientToken, only when it is not there. A spent budget stops it with an error that says whether the task
        /// exists (WorkflowState).
        /// </remarks>
        public Task<DISyncTask> CreateAsync(DISyncTask task, string content, string clientToken, WaitOptions wait, CancellationToken ct, bool checkWorkspace = true)
        {
            string again = $"New-DISyncTask -ProjectId {task.ProjectId} -Name {WorkflowState.Quote(task.FileName)}" +
                (task.FolderPath != null ? " -FolderPath " + WorkflowState.Quote(task.FolderPath) : string.Empty) +
                (task.TaskType != DITaskType.Batch ? " -TaskType " + task.TaskType : string.Empty) + " with the same content";
            var state = new WorkflowState($"task {WorkflowState.Quote(task.FileName)} in workspace {task.ProjectId}", again);
            return GuardAsync(state, async () =>
            {
                if (checkWorkspace)
                {
                    await _checks.CheckFolderAsync(task.ProjectId, task.FolderPath, dataIntegration: true, ct).ConfigureAwait(false);
                    await _checks.CheckDataIntegrationGroupAsync(task.ResourceGroup, ct).ConfigureAwait(false);
                    if (task.TaskType == DITaskType.Batch) await _checks.CheckContentDataSourcesAsync(task.ProjectId, content, ct).ConfigureAwait(false);
                    else await _checks.CheckRequestDataSourcesAsync(task.ProjectId, content, ct).ConfigureAwait(false);
                }
                string resourceGroup = task.ResourceGroup ?? await DefaultResourceGroupAsync(task.ProjectId, ct).ConfigureAwait(false);
                try
                {
                    if (task.TaskType != DITaskType.Batch)
                    {
                        string request = content;
                        content = await GenerateAsync(task.ProjectId, task.TaskType, $"Generating the {Kind(task.TaskType)} configuration of '{task.FileName}'",
                            t => _realtime.GenerateForCreatingAsync(task.ProjectId, task.TaskType, request, clientToken, t), wait, ct).ConfigureAwait(false);
                    }
                    var checks = new WriteChecks(Context, Log);
                    DISyncTask created = await WriteAsync(state, "CreateDISyncTask", again,
                        t => _tasks.CreateAsync(task.ProjectId, task.TaskType, task.FileName, task.FolderPath, resourceGroup, task.Cu, content, clientToken, t),
                        async t => (await checks.CreatedAsync(task.ProjectId, task.FileName, task.FolderPath, task.TaskType, t).ConfigureAwait(false)).Select(fileId => new DISyncTask
                        {
                            ProjectId = task.ProjectId,
                            FileId = fileId,
                            FileName = task.FileName,
                            TaskType = task.TaskType,
                            FolderPath = task.FolderPath,
                            ResourceGroup = resourceGroup,
                            Cu = task.Cu,
                        }), ct).ConfigureAwait(false);
                    state.Subject = $"task {WorkflowState.Quote(task.FileName)} (file {created.FileId}) in workspace {task.ProjectId}";
                    state.Record($"created as file {created.FileId}", null);
                    Log.Verbose($"Created '{task.FileName}' as file {created.FileId}{(created.RequestId != null ? " (RequestId " + created.RequestId + ")" : string.Empty)}.");
                    _catalog.Remember(new DIFile
                    {
                        ProjectId = created.ProjectId,
                        FileId = created.FileId,
                        FileName = created.FileName,
                        FileType = WireEnum.ToCode(created.TaskType == DITaskType.Batch ? DIFileType.BatchSync : DIFileType.RealtimeSync),
                        FolderPath = FolderPaths.Normalize(created.FolderPath),
                    });
                    return created;
                }
                catch (DataWorksServiceException ex) when (_checks.Explain(ex, task.ProjectId) is DataWorksOperationException explained)
                {
                    throw explained;
                }
            });
        }

        /// <summary>Changes <paramref name="task"/> (ProjectId, FileId, TaskType; ResourceGroup and Cu when they change).</summary>
        /// <param name="content">Batch: the new task JSON, or null to keep it. Real-time/solution: the update request (TaskParam).</param>
        /// <param name="wait">Real-time/solution: how long the config generation may take.</param>
        /// <param name="checkWorkspace">First check the resource group, the data sources and (when <paramref name="typeGiven"/> is false) that a real-time update is given a real-time task.</param>
        /// <param name="typeGiven">The task type came from the caller or the piped object, not a default.</param>
        /// <returns>The task with its name and folder (from the catalogue's file list when it holds the file, else GetFile) and the resource group given.</returns>
        /// <remarks>An update whose answer was lost is checked by reading the file's content, and sent again only when it is not there.</remarks>
        public Task<DISyncTask> UpdateAsync(DISyncTask task, string content, WaitOptions wait, CancellationToken ct, bool checkWorkspace = true, bool typeGiven = true)
        {
            string again = $"Set-DISyncTask -ProjectId {task.ProjectId} -FileId {task.FileId} with the same parameters";
            var state = new WorkflowState($"task {task.FileId} in workspace {task.ProjectId}", again);
            return GuardAsync(state, async () =>
            {
                if (checkWorkspace)
                {
                    if (task.TaskType != DITaskType.Batch && !typeGiven) await _checks.CheckRealtimeFileAsync(task.ProjectId, task.FileId, "Set-DISyncTask -Table", ct).ConfigureAwait(false);
                    await _checks.CheckDataIntegrationGroupAsync(task.ResourceGroup, ct).ConfigureAwait(false);
                    if (task.TaskType == DITaskType.Batch && content != null) await _checks.CheckContentDataSourcesAsync(task.ProjectId, content, ct).ConfigureAwait(false);
                }
                DISyncTask updated;
                try
                {
                    if (task.TaskType != DITaskType.Batch)
                    {
                        string request = content, token = Guid.NewGuid().ToString();
                        content = await GenerateAsync(task.ProjectId, task.TaskType, $"Generating the new configuration of task {task.FileId}",
                            t => _realtime.GenerateForUpdatingAsync(task.ProjectId, task.TaskType, task.FileId, request, token, t), wait, ct).ConfigureAwait(false);
                    }
                    var checks = new WriteChecks(Context, Log);
                    updated = await WriteAsync(state, "UpdateDISyncTask", again,
                        t => _tasks.UpdateAsync(task.ProjectId, task.FileId, task.TaskType, content, task.ResourceGroup, task.Cu, t),
                        async t => (await checks.UpdatedAsync(task.ProjectId, task.FileId, content, t).ConfigureAwait(false)).Select(_ => new DISyncTask
                        {
                            ProjectId = task.ProjectId,
                            FileId = task.FileId,
                            TaskType = task.TaskType,
                            ResourceGroup = task.ResourceGroup,
                            Cu = task.Cu,
                        }), ct).ConfigureAwait(false);
                }
                catch (DataWorksServiceException ex) when (_checks.Explain(ex, task.ProjectId) is DataWorksOperationException explained)
                {
                    throw explained;
                }
                state.Record("updated", null);
                await DescribeAsync(updated, ct).ConfigureAwait(false);
                return updated;
            });
        }

        /// <summary>Fills the name and folder of an updated task: from the catalogue's file list when it holds the file (no call), else GetFile and the folder's path (cached per folder).</summary>
        private async Task DescribeAsync(DISyncTask task, CancellationToken ct)
        {
            DIFile known = _catalog.TryPeekFiles(task.ProjectId, out IReadOnlyList<DIFile> files) ? files.FirstOrDefault(f => f.FileId == task.FileId) : null;
            if (known == null)
            {
                known = await new FileService(Context, Log).GetAsync(task.ProjectId, task.FileId, ct).ConfigureAwait(false);
                known.FolderPath = known.FolderPath ?? await _catalog.FolderPathAsync(task.ProjectId, known.FolderId, ct).ConfigureAwait(false);
            }
            task.FileName = known.FileName;
            task.FolderPath = known.FolderPath;
        }

        /// <summary>The workspace's default DI resource group (GetProject, read once per context).</summary>
        private async Task<string> DefaultResourceGroupAsync(long projectId, CancellationToken ct)
        {
            DIWorkspace workspace = await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false);
            string group = workspace.DefaultDIResourceGroup;
            if (string.IsNullOrEmpty(group))
            {
                throw new DataWorksOperationException(ErrorIds.NoResourceGroup,
                    $"Workspace {projectId} has no default Data Integration resource group, so -ResourceGroup is needed: an identifier such as S_res_group_… (press Tab after -ResourceGroup to list the account's Data Integration groups).",
                    ErrorCategory.InvalidArgument);
            }
            Log.Verbose($"Using workspace {projectId}'s default Data Integration resource group {group}.");
            return group;
        }

        /// <summary>
        /// Starts a config generation and polls it until it is done; returns the generated TaskContent. A failed generation
        /// is the service's error; one still running at the time-out is SyncTaskConfigTimeout, and nothing was created or
        /// changed.
        /// </summary>
        private async Task<string> GenerateAsync(long projectId, DITaskType type, string activity, Func<CancellationToken, Task<long>> start, WaitOptions wait, CancellationToken ct)
        {
            using (ProgressActivity bar = StartActivity(activity))
            {
                long process = await start(ct).ConfigureAwait(false);
                var result = await PollAsync($"Configuration process {process}", t => _realtime.QueryConfigAsync(projectId, type, process, t), g => g.Done, wait,
                    (g, elapsed) => bar.ReportWait(g.Status ?? "processing", elapsed, wait.Timeout), ct).ConfigureAwait(false);
                if (!result.Done)
                {
                    throw new DataWorksOperationException(ErrorIds.SyncTaskConfigTimeout,
                        $"DataWorks was still generating the {Kind(type)} task configuration (process {process}) when the {wait.Timeout.TotalSeconds:0.#} s timeout expired ({result.Polls} poll(s)); nothing was created or changed. Try again with a longer -Timeout.",
                        ErrorCategory.OperationTimeout);
                }
                Log.Verbose($"The {Kind(type)} task configuration was generated (process {process}, {result.Polls} poll(s)).");
                bar.Complete();
                return result.Last.TaskContent;
            }
        }

        private static string Kind(DITaskType type) => type.ToString().ToLowerInvariant();
    }
}
