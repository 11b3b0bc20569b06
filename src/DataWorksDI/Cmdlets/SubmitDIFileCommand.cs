using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Submit-DIFile: SubmitFile, optionally waiting for the package (Workflows.SubmitWorkflow).</summary>
    [Cmdlet(VerbsLifecycle.Submit, "DIFile", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Submit-DIFile.md")]
    [OutputType(typeof(DIDeployment))]
    public sealed class SubmitDIFileCommand : WaitingFileCmdlet
    {
        [Parameter]
        public string Comment { get; set; }

        /// <summary>Skip the workspace's pre-deployment check extensions (SkipAllDeployFileExtensions).</summary>
        [Parameter]
        public SwitchParameter SkipDeploymentChecks { get; set; }

        /// <summary>Wait until the package has finished; a failed package is an error.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void ProcessRecord()
        {
            if (!ConfirmFileChange(FileId, "Submit (SubmitFile)", out long projectId, out var context, (nameof(Comment), Comment, TextKind.Text))) return;
            var workflow = new SubmitWorkflow(context, Log, PostProgress);
            WaitOptions wait = Wait.IsPresent ? WaitOptions : null;
            if (TryRun(ct => workflow.SubmitAsync(projectId, FileId, Comment, SkipDeploymentChecks.IsPresent, wait, ct), FileId, out DIDeployment deployment))
                WriteObject(deployment);
        }
    }
}
