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
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            if (!ArgumentBounds.TryCheck(this, FileId, (nameof(Comment), Comment, TextKind.Text))) return;
            if (!ShouldProcess($"file {FileId} in workspace {projectId}", "Submit (SubmitFile)")) return;
            var workflow = new SubmitWorkflow(context, Log, PostProgress);
            WaitOptions wait = Wait.IsPresent ? WaitOptions : null;
            if (TryRun(ct => workflow.SubmitAsync(projectId, FileId, Comment, SkipDeploymentChecks.IsPresent, wait, ct), FileId, out DIDeployment deployment))
                WriteObject(deployment);
        }
    }
}
