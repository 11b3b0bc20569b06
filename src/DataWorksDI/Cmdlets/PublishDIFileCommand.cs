using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Publish-DIFile: deploys a submitted file to production (Workflows.PublishWorkflow).</summary>
    [Cmdlet(VerbsData.Publish, "DIFile", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Publish-DIFile.md")]
    [OutputType(typeof(DIDeployment))]
    [OutputType(typeof(DISyncTask))]
    public sealed class PublishDIFileCommand : WaitingFileCmdlet
    {
        /// <summary>A deployment piped from Submit-DIFile; in a basic-mode workspace it is passed on as the production deployment.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object InputObject { get; set; }

        /// <summary>Batch or Realtime/Solution; bound from piped tasks and files, else read from the file (GetFile).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
        public DITaskType? TaskType { get; set; }

        [Parameter]
        public string Comment { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void ProcessRecord()
        {
            if (!ConfirmFileChange(FileId, "Deploy to production (DeployFile, or DeployDISyncTask for a real-time task; DeployFile is not called in a basic-mode workspace)",
                    out long projectId, out var context, (nameof(Comment), Comment, TextKind.Text))) return;
            var file = new FileInput(projectId, FileId, TaskType, PipedDeployment(InputObject));
            var workflow = new PublishWorkflow(context, Log, PostProgress);
            if (TryRun(ct => workflow.PublishAsync(file, Comment, Wait.IsPresent ? WaitOptions : null, ct), FileId, out PublishResult result) && result.Output != null)
                WriteObject(result.Output);
        }
    }
}
