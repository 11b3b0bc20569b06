using System;
using System.Management.Automation;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a sync task: a batch task's content and/or resource group (UpdateDISyncTask), or a real-time task's tables through DataWorks' asynchronous config generation.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DISyncTask", SupportsShouldProcess = true, DefaultParameterSetName = ContentSet)]
    [OutputType(typeof(DISyncTask))]
    public sealed class SetDISyncTaskCommand : WaitingCmdlet
    {
        private const string ContentSet = "Content";
        private const string PathSet = "Path";
        private const string TableSet = "Table";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        /// <summary>Batch (default) or Realtime/Solution; binds from piped tasks and files. -Table implies Realtime.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
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
        public string ResourceGroup { get; set; }

        [Parameter]
        public double Cu { get; set; }

        /// <summary>Send the content without the offline checks (malformed JSON is still refused).</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            double? cu = MyInvocation.BoundParameters.ContainsKey(nameof(Cu)) ? Cu : (double?)null;
            string cuProblem = SyncTaskService.CuProblem(cu);
            if (cuProblem != null)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidCu, cuProblem, ErrorCategory.InvalidArgument, FileId));
                return;
            }
            DITaskType type = TaskType ?? (ParameterSetName == TableSet ? DITaskType.Realtime : DITaskType.Batch);
            if (type != DITaskType.Batch)
            {
                UpdateRealtime(context, projectId, type, cu);
                return;
            }
            if (ParameterSetName == TableSet)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.TableNeedsRealtime, "-Table changes the tables of a real-time task; for a batch task change -Content.", ErrorCategory.InvalidArgument, FileId));
            }
            bool hasContent = ParameterSetName == PathSet || MyInvocation.BoundParameters.ContainsKey(nameof(Content));
            if (!hasContent && ResourceGroup == null && !cu.HasValue)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NothingToChange,
                    "Give at least one of -Content, -Path, -ResourceGroup or -Cu.", ErrorCategory.InvalidArgument, FileId));
            }
            string content = null;
            if (hasContent && !TaskContentReader.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, FileId, SkipValidation.IsPresent, out content)) return;

            if (!ShouldProcess($"sync task file {FileId} in workspace {projectId}", "Update (UpdateDISyncTask)")) return;
            var service = new SyncTaskService(context, Log);
            if (TryRun(ct => service.UpdateAsync(projectId, FileId, DITaskType.Batch, content, ResourceGroup, cu, ct), FileId, out DISyncTask task))
                WriteObject(task);
        }

        /// <summary>
        /// Real-time tasks change asynchronously: GenerateDISyncTaskConfigForUpdating → poll
        /// QueryDISyncTaskConfigProcessResult → UpdateDISyncTask with the generated content.
        /// </summary>
        private void UpdateRealtime(Session.DIContext context, long projectId, DITaskType type, double? cu)
        {
            string request;
            if (ParameterSetName == TableSet) request = RealtimeService.TablesTaskParam(Table);
            else if (!TaskContentReader.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, FileId, true, out request)) return;

            string what = ParameterSetName == TableSet ? "tables " + string.Join(", ", Table) : "the update request";
            if (!ShouldProcess($"{type.ToString().ToLowerInvariant()} task {FileId} in workspace {projectId}", $"Regenerate the configuration with {what} and update (UpdateDISyncTask)")) return;
            var realtime = new RealtimeService(context, Log);
            var service = new SyncTaskService(context, Log);
            string activity = $"Generating the new configuration of task {FileId}";
            TimeSpan timeout = Timeout;
            string token = Guid.NewGuid().ToString();
            bool ok = TryRun(async ct =>
            {
                long process = await realtime.GenerateForUpdatingAsync(projectId, type, FileId, request, token, ct).ConfigureAwait(false);
                string content = await realtime.WaitForConfigAsync(projectId, type, process, timeout, PollInterval,
                    (status, elapsed) => PostProgress(new ProgressRecord(3, activity, $"{status ?? "processing"}, {elapsed.TotalSeconds:0} s of {timeout.TotalSeconds:0} s")), ct).ConfigureAwait(false);
                return await service.UpdateAsync(projectId, FileId, type, content, ResourceGroup, cu, ct).ConfigureAwait(false);
            }, FileId, out DISyncTask task);
            WriteProgress(new ProgressRecord(3, activity, "done") { RecordType = ProgressRecordType.Completed });
            if (ok) WriteObject(task);
        }
    }
}
