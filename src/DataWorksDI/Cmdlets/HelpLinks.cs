namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Where the module's help lives online: the repository (the manifest's ProjectUri) and each cmdlet's page under
    /// docs/help, which every cmdlet names as its HelpUri (Get-Help -Online). The repository URL is written here and in
    /// DataWorksDI.psd1; ModuleManifestTests keeps the two equal.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Repository = "https://github.com/DataWorksDI/DataWorksDI";

        /// <summary>The folder of the cmdlet help pages; a cmdlet's page is this plus "&lt;Verb-Noun&gt;.md".</summary>
        public const string Pages = Repository + "/blob/main/docs/help/";
    }
}
