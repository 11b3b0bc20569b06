using System.IO;
using DataWorksDI.Definitions;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Export-DITaskDefinition: writes one definition file per batch sync task of the workspace (or of a folder, by name or
    /// keyword), with the stage's reverse maps applied. Reads only. A file whose bytes would not change is left alone; one
    /// that differs is overwritten only with -Force.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DITaskDefinition", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Export-DITaskDefinition.md")]
    [OutputType(typeof(DITaskDefinition))]
    public sealed class ExportDITaskDefinitionCommand : WorkspaceCmdlet
    {
        /// <summary>The definition folder to write into (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The stage file whose maps are taken back off (physical → logical names), whose folderRoot limits the export and whose workspace is read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Stage { get; set; }

        /// <summary>Only tasks with these names (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Name { get; set; }

        /// <summary>Only tasks in this folder and its sub-folders (default: the stage's folderRoot, else the whole workspace).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string FolderPath { get; set; }

        /// <summary>Only tasks whose name contains this text (ListFiles Keyword).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Keyword { get; set; }

        /// <summary>Overwrite definition files that differ from the workspace's task.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string root = DefinitionCmdletSupport.FullPath(this, Path);
            StageSettings stage = StageSettings.Empty;
            if (!string.IsNullOrEmpty(Stage))
            {
                var findings = new List<DefinitionFinding>();
                stage = StageSettings.Load(DefinitionCmdletSupport.FullPath(this, Stage), Stage, findings);
                if (stage != null) findings.AddRange(stage.ReverseMapProblems());
                try
                {
                    DefinitionPlanWorkflow.ThrowIfErrors(findings);
                }
                catch (DataWorksValidationException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, Stage));
                }
            }
            var context = ResolveContext();
            long? explicitProject = MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) ? ProjectId : (long?)null;
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            var workflow = new DefinitionExportWorkflow(context, Log, PostProgress);
            if (!TryRun(ct => workflow.ExportAsync(explicitProject, stage, FolderPath, Keyword, null, patterns == null ? null : f => patterns.Any(p => p.IsMatch(f.FileName)), ct), root, out List<ExportedTask> exported)) return;

            Dictionary<string, TaskDefinition> existing = DefinitionSet.Existing(root);
            foreach (ExportedTask e in exported)
            {
                if (e.Problem != null)
                {
                    WriteError(ErrorRecords.From(e.Problem, e.File));
                    continue;
                }
                // A task the folder already defines goes back to its own file; one a template makes is not written (a
                // second file would be a duplicate of the template's row).
                string file = e.Definition.FilePath(root);
                if (existing.TryGetValue(e.Definition.Identity, out TaskDefinition known))
                {
                    if (known.TemplateRow != null)
                    {
                        WriteWarning($"Task '{e.File.FolderPath}/{e.File.FileName}' was not exported: it comes from the template {known.SourceFile} (row {known.TemplateRow}), and export never writes templates. Edit the template for any change; Compare-DITaskDefinition shows how the task differs from it.");
                        continue;
                    }
                    file = System.IO.Path.Combine(root, known.SourceFile);
                }
                string text = e.Definition.FileText();
                bool exists = File.Exists(file);
                if (exists && File.ReadAllBytes(file).SequenceEqual(CanonicalJson.Utf8NoBom.GetBytes(text)))
                {
                    WriteVerbose($"{file} is up to date.");
                    WriteObject(Output(e.Definition, file));
                    continue;
                }
                if (exists && !Force.IsPresent)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.DefinitionFileExists,
                        $"{file} differs from task '{e.File.FolderPath}/{e.File.FileName}' and was not overwritten. Compare it (Compare-DITaskDefinition), or export with -Force to replace it with the workspace's version.",
                        ErrorCategory.ResourceExists, file));
                    continue;
                }
                if (!ShouldProcess(file, $"Write the definition of task '{e.File.FolderPath}/{e.File.FileName}' (file {e.File.FileId})")) continue;
                CanonicalJson.WriteFile(file, text);
                WriteObject(Output(e.Definition, file));
            }
        }

        /// <summary>The exported task as written (logical names), with the file it went to.</summary>
        private static DITaskDefinition Output(TaskDefinition d, string file)
        {
            DITaskDefinition o = DefinitionCmdletSupport.ToOutput(d, d);
            o.SourceFile = file;
            return o;
        }
    }
}
