using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

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

        /// <summary>Creates <paramref name="task"/> (ProjectId, FileName, TaskType, FolderPath, and ResourceGroup or null for the workspace's default, Cu).</summary>
        /// <param name="content">Batch: the task JSON, sent exactly as given. Real-time/solution: the generation request (TaskParam).</param>
        /// <param name="clientToken">Makes a replayed call return the first result (the create and the generation both take it).</param>
        /// <param name="wait">Real-time/solution: how long the config generation may take.</param>
        public async Task<DISyncTask> CreateAsync(DISyncTask task, string content, string clientToken, WaitOptions wait, CancellationToken ct)
        {
            string resourceGroup = task.ResourceGroup ?? await DefaultResourceGroupAsync(task.ProjectId, ct).ConfigureAwait(false);
            if (task.TaskType != DITaskType.Batch)
            {
                string request = content;
                content = await GenerateAsync(task.ProjectId, task.TaskType, $"Generating the {Kind(task.TaskType)} configuration of '{task.FileName}'",
                    t => _realtime.GenerateForCreatingAsync(task.ProjectId, task.TaskType, request, clientToken, t), wait, ct).ConfigureAwait(false);
            }
            DISyncTask created = await _tasks.CreateAsync(task.ProjectId, task.TaskType, task.FileName, task.FolderPath, resourceGroup, task.Cu, content, clientToken, ct).ConfigureAwait(false);
            Log.Verbose($"Created '{task.FileName}' as file {created.FileId} (RequestId {created.RequestId}).");
            return created;
        }

        /// <summary>Changes <paramref name="task"/> (ProjectId, FileId, TaskType; ResourceGroup and Cu when they change).</summary>
        /// <param name="content">Batch: the new task JSON, or null to keep it. Real-time/solution: the update request (TaskParam).</param>
        /// <param name="wait">Real-time/solution: how long the config generation may take.</param>
        public async Task<DISyncTask> UpdateAsync(DISyncTask task, string content, WaitOptions wait, CancellationToken ct)
        {
            if (task.TaskType != DITaskType.Batch)
            {
                string request = content, token = Guid.NewGuid().ToString();
                content = await GenerateAsync(task.ProjectId, task.TaskType, $"Generating the new configuration of task {task.FileId}",
                    t => _realtime.GenerateForUpdatingAsync(task.ProjectId, task.TaskType, task.FileId, request, token, t), wait, ct).ConfigureAwait(false);
            }
            return await _tasks.UpdateAsync(task.ProjectId, task.FileId, task.TaskType, content, task.ResourceGroup, task.Cu, ct).ConfigureAwait(false);
        }

        /// <summary>The workspace's default DI resource group (GetProject, read once per context).</summary>
        private async Task<string> DefaultResourceGroupAsync(long projectId, CancellationToken ct)
        {
            DIWorkspace workspace = await new WorkspaceService(Context, Log).GetCachedAsync(projectId, ct).ConfigureAwait(false);
            string group = workspace.DefaultDIResourceGroup;
            if (string.IsNullOrEmpty(group))
            {
                throw new DataWorksOperationException(ErrorIds.NoResourceGroup,
                    $"Workspace {projectId} has no default Data Integration resource group, so -ResourceGroup is needed (an identifier such as S_res_group_…; ListResourceGroups with type 4 lists them).",
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
