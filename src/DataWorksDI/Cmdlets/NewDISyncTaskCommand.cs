using System;
using System.Management.Automation;
using DataWorksDI.Errors;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a Data Integration sync task: batch from task JSON (CreateDISyncTask), or real-time / solution through DataWorks' asynchronous config generation.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DISyncTask", SupportsShouldProcess = true, DefaultParameterSetName = ContentSet)]
    [OutputType(typeof(DISyncTask))]
    public sealed class NewDISyncTaskCommand : WaitingCmdlet
    {
        private const string ContentSet = "Content";
        private const string PathSet = "Path";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskName", "FileName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>The Data Integration folder, e.g. 'Business Flow/my_flow/Data Integration'.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string FolderPath { get; set; }

        /// <summary>The DI resource group identifier (TaskParam.ResourceGroup), e.g. S_res_group_XXX_XXXX.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ResourceGroup { get; set; }

        /// <summary>Serverless resource group CUs (TaskParam.Cu): a positive multiple of 0.5.</summary>
        [Parameter]
        public double Cu { get; set; }

        /// <summary>
        /// Batch (default): the task JSON (script mode). Realtime / Solution: the generation request (TaskParam of
        /// GenerateDISyncTaskConfigForCreating); DataWorks generates the task's configuration from it, then the task is created.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DITaskType TaskType { get; set; } = DITaskType.Batch;

        /// <summary>The task JSON: a string (sent exactly as written), a hashtable or an object.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ContentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskContent")]
        [AllowEmptyString]
        public object Content { get; set; }

        /// <summary>A file holding the task JSON (sent exactly as written).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Send the content without the offline checks (malformed JSON is still refused).</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Idempotency token; a new one is made when not given, so a retried call never creates a second task.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientToken { get; set; }

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            double? cu = MyInvocation.BoundParameters.ContainsKey(nameof(Cu)) ? Cu : (double?)null;
            string cuProblem = SyncTaskService.CuProblem(cu);
            if (cuProblem != null)
            {
                WriteError(ErrorRecords.Create(ErrorIds.InvalidCu, cuProblem, ErrorCategory.InvalidArgument, Name));
                return;
            }
            bool batch = TaskType == DITaskType.Batch;
            // Real-time/solution input is a generation request, not task content: only its JSON form is checked here.
            if (!TaskContentReader.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, Name, SkipValidation.IsPresent || !batch, out string content)) return;

            string kind = TaskType.ToString().ToLowerInvariant();
            if (!ShouldProcess($"{kind} sync task '{Name}' in folder '{FolderPath}' of workspace {projectId}",
                batch ? "Create (CreateDISyncTask)" : "Generate the configuration and create (GenerateDISyncTaskConfigForCreating, QueryDISyncTaskConfigProcessResult, CreateDISyncTask)")) return;
            string token = ClientToken ?? Guid.NewGuid().ToString();
            string resourceGroup = ResourceGroup;
            if (resourceGroup == null)
            {
                // The workspace's default DI resource group (GetProject, read once per context).
                if (!TryRun(ct => new WorkspaceService(context, Log).GetCachedAsync(projectId, ct), Name, out DIWorkspace workspace)) return;
                resourceGroup = workspace.DefaultDIResourceGroup;
                if (string.IsNullOrEmpty(resourceGroup))
                {
                    WriteError(ErrorRecords.Create(ErrorIds.NoResourceGroup,
                        $"Workspace {projectId} has no default Data Integration resource group, so -ResourceGroup is needed (an identifier such as S_res_group_…; ListResourceGroups with type 4 lists them).",
                        ErrorCategory.InvalidArgument, Name));
                    return;
                }
                WriteVerbose($"Using workspace {projectId}'s default Data Integration resource group {resourceGroup}.");
            }
            var service = new SyncTaskService(context, Log);
            if (!batch)
            {
                var realtime = new RealtimeService(context, Log);
                string generationRequest = content;
                string activity = $"Generating the {kind} configuration of '{Name}'";
                TimeSpan timeout = Timeout;
                if (!TryRun(async ct =>
                {
                    long process = await realtime.GenerateForCreatingAsync(projectId, TaskType, generationRequest, token, ct).ConfigureAwait(false);
                    return await realtime.WaitForConfigAsync(projectId, TaskType, process, timeout, PollInterval,
                        (status, elapsed) => PostProgress(new ProgressRecord(2, activity, $"{status ?? "processing"}, {elapsed.TotalSeconds:0} s of {timeout.TotalSeconds:0} s")), ct).ConfigureAwait(false);
                }, Name, out content))
                {
                    WriteProgress(new ProgressRecord(2, activity, "failed") { RecordType = ProgressRecordType.Completed });
                    return;
                }
                WriteProgress(new ProgressRecord(2, activity, "done") { RecordType = ProgressRecordType.Completed });
            }
            if (TryRun(ct => service.CreateAsync(projectId, TaskType, Name, FolderPath, resourceGroup, cu, content, token, ct), Name, out DISyncTask task))
            {
                WriteVerbose($"Created '{Name}' as file {task.FileId} (RequestId {task.RequestId}).");
                WriteObject(task);
            }
        }
    }

    /// <summary>
    /// Reads -Content/-Path for the sync task cmdlets and checks the content offline (TaskContentValidator). Bad input
    /// is one non-terminating error listing every problem with its fix, and nothing is sent.
    /// </summary>
    internal static class TaskContentReader
    {
        public static bool TryRead(DataWorksCmdlet cmdlet, object content, string path, object target, bool skipValidation, out string json)
        {
            json = null;
            try
            {
                json = path != null
                    ? TaskContentInput.FromFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path))
                    : TaskContentInput.FromParameter(content);
            }
            catch (System.IO.FileNotFoundException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ContentFileNotFound, ex.Message, ErrorCategory.ObjectNotFound, path));
                return false;
            }
            catch (ArgumentException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.InvalidContent, ex.Message, ErrorCategory.InvalidArgument, target));
                return false;
            }
            if (skipValidation)
            {
                // Still refuse what cannot be JSON at all: the service would only answer with an opaque error.
                string reason = TaskContentInput.MalformedReason(json);
                if (reason == null) return true;
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.WithCode(ErrorIds.InvalidContent, ValidationCodes.ContentMalformedJson),
                    $"Nothing was sent: {reason}.", ErrorCategory.InvalidData, target));
                return false;
            }
            TaskContentValidationResult result = new TaskContentValidator().Validate(json);
            return ValidationReport.Write(cmdlet, result.Findings, ErrorIds.InvalidContent, target,
                "The task content has {0} problem(s); nothing was sent (-SkipValidation sends it anyway)");
        }
    }
}
