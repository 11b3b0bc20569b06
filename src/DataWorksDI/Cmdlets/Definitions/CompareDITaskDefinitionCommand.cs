using DataWorksDI.Definitions;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Compare-DITaskDefinition: the plan — one object per task — of making the workspace match the definitions. Reads only.</summary>
    [Cmdlet(VerbsData.Compare, "DITaskDefinition", HelpUri = HelpLinks.Pages + "Compare-DITaskDefinition.md")]
    [OutputType(typeof(DITaskPlan))]
    public sealed class CompareDITaskDefinitionCommand : WorkspaceCmdlet
    {
        /// <summary>The definition folder.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The stage file: the workspace and the names that differ in it.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Stage { get; set; }

        /// <summary>Also plan the deletion of tasks under the stage's folderRoot (or the definitions' folders) that no definition names.</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        protected override void ProcessRecord()
        {
            string root = DefinitionCmdletSupport.FullPath(this, Path), stage = DefinitionCmdletSupport.FullPath(this, Stage);
            DefinitionSet offline = DefinitionCmdletSupport.LoadOrTerminate(this, root, stage);
            var context = ResolveContext();
            long? explicitProject = MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) ? ProjectId : (long?)null;
            var workflow = new DefinitionPlanWorkflow(context, Log, PostProgress);
            if (!TryRun(ct => workflow.PlanAsync(offline, stage, explicitProject, Delete.IsPresent, ct), root, out DefinitionPlan plan)) return;
            foreach (PlanItem item in plan.Items)
            {
                item.Plan.DefinitionPath = root;
                item.Plan.StagePath = stage ?? string.Empty;
                WriteObject(item.Plan);
            }
        }
    }
}
