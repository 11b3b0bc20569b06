using DataWorksDI.Definitions;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Test-DITaskDefinition: every offline check of a definition folder and stage; one finding object per problem.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DITaskDefinition", HelpUri = HelpLinks.Pages + "Test-DITaskDefinition.md")]
    [OutputType(typeof(DefinitionFinding))]
    public sealed class TestDITaskDefinitionCommand : DefinitionFolderCmdlet
    {
        protected override void ProcessRecord()
        {
            DefinitionSet set = DefinitionSet.Load(DefinitionCmdletSupport.FullPath(this, Path), DefinitionCmdletSupport.FullPath(this, Stage), null);
            IEnumerable<DefinitionFinding> findings = set.Findings;
            if (set.Stage != null) findings = findings.Concat(set.Stage.ReverseMapProblems().Select(f => new DefinitionFinding(f.File, f.Task, f.Path, f.Code,
                Validation.ValidationSeverity.Warning, f.Message + " (Export-DITaskDefinition refuses this stage.)", f.Fix)));
            WriteVerbose($"{set.Logical.Count} task definition(s) read; {set.Findings.Count(f => f.Severity == Validation.ValidationSeverity.Error)} error(s).");
            foreach (DefinitionFinding f in findings) WriteObject(f);
        }
    }
}
