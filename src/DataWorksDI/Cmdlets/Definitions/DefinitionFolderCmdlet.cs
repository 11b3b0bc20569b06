namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of the offline definition cmdlets that read a definition folder with an optional stage (Import- and
    /// Test-DITaskDefinition): -Path and -Stage, declared once. Export-, Compare- and Sync-DITaskDefinition act in a
    /// workspace (and Compare/Sync take -Stage by position, Sync in a parameter set), so they declare their own.
    /// </summary>
    public abstract class DefinitionFolderCmdlet : DataWorksCmdlet
    {
        /// <summary>The definition folder.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The stage file (stages/&lt;name&gt;.json) to apply, and to check with and against the definitions.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Stage { get; set; }
    }
}
