using DataWorksDI.Definitions;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Import-DITaskDefinition: reads a definition folder offline (templates expanded, the stage applied) and writes one object per task.</summary>
    [Cmdlet(VerbsData.Import, "DITaskDefinition", HelpUri = HelpLinks.Pages + "Import-DITaskDefinition.md")]
    [OutputType(typeof(DITaskDefinition))]
    public sealed class ImportDITaskDefinitionCommand : DefinitionFolderCmdlet
    {
        protected override void ProcessRecord()
        {
            string root = DefinitionCmdletSupport.FullPath(this, Path);
            DefinitionSet set = DefinitionSet.Load(root, DefinitionCmdletSupport.FullPath(this, Stage), null);
            DefinitionCmdletSupport.WriteNonErrors(this, set.Findings);
            foreach (DefinitionFinding f in set.Errors)
                WriteError(ErrorRecords.Create(ErrorIds.WithCode(ErrorIds.InvalidDefinition, f.Code), f.ToString(), ErrorCategory.InvalidData, f.File, f.Fix));
            var bad = new HashSet<string>(set.Errors.Select(f => f.Task).Where(t => t.Length > 0), StringComparer.Ordinal);
            for (int i = 0; i < set.Physical.Count; i++)
                if (!bad.Contains(set.Physical[i].Identity)) WriteObject(DefinitionCmdletSupport.ToOutput(set.Logical[i], set.Physical[i]));
        }
    }
}
