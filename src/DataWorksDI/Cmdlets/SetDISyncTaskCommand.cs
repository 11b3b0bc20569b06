using DataWorksDI.Services;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Set-DISyncTask: changes a batch task's content or resource group, or a real-time task's tables (Workflows.SyncTaskWorkflow.UpdateAsync).</summary>
    [Cmdlet(VerbsCommon.Set, "DISyncTask", SupportsShouldProcess = true, DefaultParameterSetName = ContentSet, HelpUri = HelpLinks.Pages + "Set-DISyncTask.md")]
    [OutputType(typeof(DISyncTask))]
    public sealed class SetDISyncTaskCommand : WaitingFileCmdlet
    {
        private const string ContentSet = "Content";
        private const string PathSet = "Path";
        private const string TableSet = "Table";

        /// <summary>Batch (default) or Realtime/Solution; binds from piped tasks and files. -Table implies Realtime.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
        public DITaskType? TaskType { get; set; }

        /// <summary>Real-time: the reader's complete new table set (tables are added or removed by listing the new set).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TableSet)]
        [ValidateNotNullOrEmpty]
        public string[] Table { get; set; }

        [Parameter(ParameterSetName = ContentSet)]
        [Alias("TaskContent")]
        [AllowEmptyString]
        public object Content { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ResourceGroup { get; set; }

        [Parameter]
        public double Cu { get; set; }

        /// <summary>
        /// Send the content without the offline checks and without checking the resource group and data sources against
        /// the workspace catalogue (malformed JSON is still refused).
        /// </summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            if (!ArgumentBounds.TryCheck(this, FileId, (nameof(ResourceGroup), ResourceGroup, TextKind.Identifier))) return;
            foreach (string table in Table ?? new string[0])
                if (!ArgumentBounds.TryCheck(this, FileId, (nameof(Table), table, TextKind.Name))) return;
            if (!SyncTaskInput.TryReadCu(this, Cu, FileId, out double? cu)) return;
            DITaskType type = TaskType ?? (ParameterSetName == TableSet ? DITaskType.Realtime : DITaskType.Batch);
            var task = new DISyncTask { ProjectId = projectId, FileId = FileId, TaskType = type, ResourceGroup = ResourceGroup, Cu = cu };
            string content = null, action;
            if (type == DITaskType.Batch)
            {
                if (ParameterSetName == TableSet)
                {
                    // Per item: a batch task piped in among real-time ones is refused, and the others go on.
                    WriteError(ErrorRecords.Create(ErrorIds.TableNeedsRealtime, $"Nothing was sent: -Table changes the tables of a real-time task, and file {FileId} was given as a batch task (change a batch task's -Content instead).", ErrorCategory.InvalidArgument, FileId,
                        "Filter the piped tasks to real-time ones (Where-Object TaskType -ne 'Batch'), or give a batch task its new JSON with -Content or -Path."));
                    return;
                }
                bool hasContent = ParameterSetName == PathSet || MyInvocation.BoundParameters.ContainsKey(nameof(Content));
                if (!hasContent && ResourceGroup == null && !cu.HasValue)
                    ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NothingToChange, "Give at least one of -Content, -Path, -ResourceGroup or -Cu.", ErrorCategory.InvalidArgument, FileId));
                if (hasContent && !ReadContent(SkipValidation.IsPresent, out content)) return;
                action = "Update (UpdateDISyncTask)";
            }
            else
            {
                // Real-time tasks change asynchronously: the request regenerates the configuration, which then updates the task.
                if (ParameterSetName == TableSet) content = RealtimeService.TablesTaskParam(Table);
                else if (!ReadContent(true, out content)) return;
                string what = ParameterSetName == TableSet ? "tables " + string.Join(", ", Table) : "the update request";
                action = $"Regenerate the configuration with {what} and update (UpdateDISyncTask)";
            }
            string target = type == DITaskType.Batch ? $"sync task file {FileId} in workspace {projectId}" : $"{type.ToString().ToLowerInvariant()} task {FileId} in workspace {projectId}";
            if (!ShouldProcess(target, action)) return;
            var workflow = new SyncTaskWorkflow(context, Log, PostProgress);
            bool checkWorkspace = !SkipValidation.IsPresent, typeGiven = TaskType.HasValue;
            if (TryRun(ct => workflow.UpdateAsync(task, content, WaitOptions, ct, checkWorkspace, typeGiven), FileId, out DISyncTask updated)) WriteObject(updated);
        }

        private bool ReadContent(bool skipValidation, out string content) =>
            SyncTaskInput.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, FileId, skipValidation, out content);
    }
}
