using DataWorksDI.Services;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>New-DISyncTask: creates a batch, real-time or solution task (Workflows.SyncTaskWorkflow.CreateAsync).</summary>
    [Cmdlet(VerbsCommon.New, "DISyncTask", SupportsShouldProcess = true, DefaultParameterSetName = ContentSet, HelpUri = HelpLinks.Pages + "New-DISyncTask.md")]
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
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string FolderPath { get; set; }

        /// <summary>The DI resource group identifier (TaskParam.ResourceGroup), e.g. S_res_group_XXX_XXXX.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ResourceGroup { get; set; }

        /// <summary>Serverless resource group CUs (TaskParam.Cu): a positive multiple of 0.5.</summary>
        [Parameter]
        public double Cu { get; set; }

        /// <summary>
        /// Batch (default): the task JSON (script mode). Realtime / Solution: the generation request (TaskParam of
        /// GenerateDISyncTaskConfigForCreating); DataWorks generates the task's configuration from it, then the task is created.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
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

        /// <summary>
        /// Send the content without the offline checks and without checking the folder, resource group and data sources
        /// against the workspace catalogue (malformed JSON is still refused).
        /// </summary>
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
            if (!ArgumentBounds.TryCheck(this, Name, (nameof(Name), Name, TextKind.Name), (nameof(FolderPath), FolderPath, TextKind.Path),
                    (nameof(ResourceGroup), ResourceGroup, TextKind.Identifier), (nameof(ClientToken), ClientToken, TextKind.Identifier))) return;
            if (!SyncTaskInput.TryReadCu(this, Cu, Name, out double? cu)) return;
            bool batch = TaskType == DITaskType.Batch;
            // Real-time/solution input is a generation request, not task content: only its JSON form is checked here.
            if (!SyncTaskInput.TryRead(this, ParameterSetName == PathSet ? null : Content, ParameterSetName == PathSet ? Path : null, Name, SkipValidation.IsPresent || !batch, out string content)) return;

            if (!ShouldProcess($"{TaskType.ToString().ToLowerInvariant()} sync task '{Name}' in folder '{FolderPath}' of workspace {projectId}",
                batch ? "Create (CreateDISyncTask)" : "Generate the configuration and create (GenerateDISyncTaskConfigForCreating, QueryDISyncTaskConfigProcessResult, CreateDISyncTask)")) return;
            var task = new DISyncTask { ProjectId = projectId, TaskType = TaskType, FileName = Name, FolderPath = FolderPath, ResourceGroup = ResourceGroup, Cu = cu };
            string token = ClientToken ?? Guid.NewGuid().ToString();
            var workflow = new SyncTaskWorkflow(context, Log, PostProgress);
            bool checkWorkspace = !SkipValidation.IsPresent;
            if (TryRun(ct => workflow.CreateAsync(task, content, token, WaitOptions, ct, checkWorkspace), Name, out DISyncTask created)) WriteObject(created);
        }
    }
}
