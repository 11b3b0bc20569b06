using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Remove-DIFile: deletes a file or real-time task (Workflows.RemoveWorkflow).</summary>
    [Cmdlet(VerbsCommon.Remove, "DIFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Pages + "Remove-DIFile.md")]
    [OutputType(typeof(DIFileRemoval))]
    public sealed class RemoveDIFileCommand : WaitingFileCmdlet
    {
        /// <summary>Batch or Realtime; bound from piped tasks and files, else read from the file (GetFile).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EnumSpellingTransformation(typeof(DITaskType))]
        public DITaskType? TaskType { get; set; }

        /// <summary>A piped object; a deployment tells that the file is a batch file without reading it.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object InputObject { get; set; }

        /// <summary>Wait for the deletion package to finish.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>
        /// Standard mode: after the deletion package finishes, deploy it (DeployFile) and wait, so the task also leaves
        /// production. Implies -Wait. Basic mode needs no extra step.
        /// </summary>
        [Parameter]
        public SwitchParameter Publish { get; set; }

        /// <summary>Write a DIFileRemoval for each file deleted (the same shape for every kind of file); without it nothing is written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ConfirmFileChange(FileId, Publish.IsPresent ? "Delete, and deploy the deletion to production" : "Delete (DeleteFile)", out long projectId, out var context)) return;
            var file = new FileInput(projectId, FileId, TaskType, PipedDeployment(InputObject));
            var workflow = new RemoveWorkflow(context, Log, PostProgress);
            WaitOptions wait = Wait.IsPresent || Publish.IsPresent ? WaitOptions : null;
            if (TryRun(ct => workflow.RemoveAsync(file, wait, Publish.IsPresent, ct), FileId, out DIFileRemoval removal) && PassThru.IsPresent) WriteObject(removal);
        }
    }
}
