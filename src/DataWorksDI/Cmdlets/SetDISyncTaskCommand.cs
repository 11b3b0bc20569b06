using System;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a batch sync task's content and/or resource group (UpdateDISyncTask).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DISyncTask", SupportsShouldProcess = true, DefaultParameterSetName = ContentSet)]
    [OutputType(typeof(DISyncTask))]
    public sealed class SetDISyncTaskCommand : WorkspaceCmdlet
    {
        private const string ContentSet = "Content";
        private const string PathSet = "Path";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

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
            bool hasContent = ParameterSetName == PathSet || MyInvocation.BoundParameters.ContainsKey(nameof(Content));
            double? cu = MyInvocation.BoundParameters.ContainsKey(nameof(Cu)) ? Cu : (double?)null;
            if (!hasContent && ResourceGroup == null && !cu.HasValue)
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.NothingToChange",
                    "Give at least one of -Content, -Path, -ResourceGroup or -Cu.", ErrorCategory.InvalidArgument, FileId));
            }
            if (cu.HasValue && (cu.Value <= 0 || Math.Abs(cu.Value * 2 - Math.Round(cu.Value * 2)) > 1e-9))
            {
                WriteError(ErrorRecords.Create("DataWorksDI.InvalidCu", $"-Cu {cu.Value} is not allowed: serverless resource groups take a positive multiple of 0.5 CU.", ErrorCategory.InvalidArgument, FileId));
                return;
            }
            string content = null;
            if (hasContent && !TaskContentReader.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, FileId, SkipValidation.IsPresent, out content)) return;

            if (!ShouldProcess($"sync task file {FileId} in workspace {projectId}", "Update (UpdateDISyncTask)")) return;
            var service = new SyncTaskService(context, Log);
            if (TryRun(ct => service.UpdateAsync(projectId, FileId, DITaskType.Batch, content, ResourceGroup, cu, ct), FileId, out DISyncTask task))
                WriteObject(task);
        }
    }
}
