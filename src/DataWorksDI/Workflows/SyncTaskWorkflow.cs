using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>What New-DISyncTask creates.</summary>
    internal sealed class NewSyncTask
    {
        public long ProjectId { get; set; }
        public DITaskType TaskType { get; set; }
        public string Name { get; set; }
        public string FolderPath { get; set; }

        /// <summary>The DI resource group; null for the workspace's default one.</summary>
        public string ResourceGroup { get; set; }

        public double? Cu { get; set; }

        /// <summary>Batch: the task JSON, sent exactly as given. Real-time/solution: the generation request (TaskParam).</summary>
        public string Content { get; set; }

        /// <summary>Makes a replayed call return the first result (the create and the config generation both take it).</summary>
        public string ClientToken { get; set; }

        /// <summary>Real-time/solution: how long the config generation may take.</summary>
        public WaitOptions Wait { get; set; }
    }

    /// <summary>What Set-DISyncTask changes.</summary>
    internal sealed class SyncTaskChange
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public DITaskType TaskType { get; set; }

        /// <summary>Batch: the new task JSON, or null to keep it. Real-time/solution: the update request (TaskParam).</summary>
        public string Content { get; set; }

        public string ResourceGroup { get; set; }
        public double? Cu { get; set; }

        /// <summary>Real-time/solution: how long the config generation may take.</summary>
        public WaitOptions Wait { get; set; }
    }

    /// <summary>
    /// New-DISyncTask and Set-DISyncTask. A batch task is created or updated from its JSON in one call. A real-time task
    /// or solution goes through DataWorks' asynchronous config generation first — GenerateDISyncTaskConfigForCreating /
    /// ForUpdating, then QueryDISyncTaskConfigProcessResult until it is done — and is created or updated with the
    /// generated configuration (docs/realtime.md). The generation flow is written once, here, for both.
    /// </summary>
    internal sealed class SyncTaskWorkflow : Workflow
    {
        private readonly SyncTaskService _tasks;
        private readonly RealtimeService _realtime;

        public SyncTaskWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : base(context, log, progress)
        {
            _tasks = new SyncTaskService(context, log);
            _realtime = new RealtimeService(context, log);
        }

        public async Task<DISyncTask> CreateAsync(NewSyncTask task, CancellationToken ct)
        {
            string resourceGroup = task.ResourceGroup ?? await DefaultResourceGroupAsync(task.ProjectId, ct).ConfigureAwait(false);
            string content = task.Content;
            if (task.TaskType != DITaskType.Batch)
            {
                content = await GenerateAsync(task.ProjectId, task.TaskType, $"Generating the {Kind(task.TaskType)} configuration of '{task.Name}'",
                    t => _realtime.GenerateForCreatingAsync(task.ProjectId, task.TaskType, task.Content, task.ClientToken, t), task.Wait, ct).ConfigureAwait(false);
            }
            DISyncTask created = await _tasks.CreateAsync(task.ProjectId, task.TaskType, task.Name, task.FolderPath, resourceGroup, task.Cu, content, task.ClientToken, ct).ConfigureAwait(false);
            Log.Verbose($"Created '{task.Name}' as file {created.FileId} (RequestId {created.RequestId}).");
            return created;
        }

        public async Task<DISyncTask> UpdateAsync(SyncTaskChange change, CancellationToken ct)
        {
            string content = change.Content;
            if (change.TaskType != DITaskType.Batch)
            {
                string token = Guid.NewGuid().ToString();
                content = await GenerateAsync(change.ProjectId, change.TaskType, $"Generating the new configuration of task {change.FileId}",
                    t => _realtime.GenerateForUpdatingAsync(change.ProjectId, change.TaskType, change.FileId, change.Content, token, t), change.Wait, ct).ConfigureAwait(false);
            }
            return await _tasks.UpdateAsync(change.ProjectId, change.FileId, change.TaskType, content, change.ResourceGroup, change.Cu, ct).ConfigureAwait(false);
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
                var result = await Poller.PollAsync(t => _realtime.QueryConfigAsync(projectId, type, process, t), g => g.Done, wait.Timeout, wait.PollInterval,
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
