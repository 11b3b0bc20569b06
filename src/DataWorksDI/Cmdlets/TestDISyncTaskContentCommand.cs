using System.Collections;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Test-DISyncTaskContent: checks batch task JSON offline (TaskContentValidator), and when connected also its data
    /// sources and resource group against the workspace (read once per pipeline).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DISyncTaskContent", DefaultParameterSetName = ContentSet, HelpUri = HelpLinks.Pages + "Test-DISyncTaskContent.md")]
    [OutputType(typeof(TaskContentValidationResult))]
    [OutputType(typeof(bool))]
    public sealed class TestDISyncTaskContentCommand : WorkspaceCmdlet
    {
        private const string ContentSet = "Content";
        private const string PathSet = "Path";
        private WorkspaceCatalog _catalog;
        private bool _catalogLoaded;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ContentSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskContent")]
        [AllowEmptyString]
        public object Content { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The ParaValue the task will be scheduled with; every ${…}/$[…] the content uses must be assigned there or be built-in.</summary>
        [Parameter]
        [AllowEmptyString]
        public string ParaValue { get; set; }

        /// <summary>The scheduling parameters as a hashtable (instead of -ParaValue).</summary>
        [Parameter]
        public IDictionary Parameter { get; set; }

        /// <summary>The DI resource group the task will use; checked against the workspace when connected.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string ResourceGroup { get; set; }

        /// <summary>Skip the workspace checks (data sources, resource group) even when connected.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        /// <summary>Return only $true (no error findings) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ParaValue)) && Parameter != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ConflictingParameters,
                    "Give either -ParaValue or -Parameter, not both: they describe the same assignments.", ErrorCategory.InvalidArgument, null));
            }
            object content = ContentOf(Content);
            string json = string.Empty;
            if ((ParameterSetName == PathSet || content != null) &&
                !SyncTaskInput.TryReadText(this, ParameterSetName == PathSet ? null : content, ParameterSetName == PathSet ? Path : null, Content, out json)) return;

            IEnumerable<string> assigned = null;
            var extra = new List<ValidationFinding>();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ParaValue)))
            {
                extra.AddRange(ScheduleParameters.CheckParaValue(ParaValue));
                if (extra.All(f => f.Severity != ValidationSeverity.Error)) assigned = ScheduleParameters.Parse(ParaValue).Keys;
            }
            else if (Parameter != null)
            {
                extra.AddRange(ScheduleParameters.Check(Parameter));
                assigned = Parameter.Keys.Cast<object>().Select(k => k.ToString());
            }

            WorkspaceCatalog catalog = Offline.IsPresent ? null : LoadCatalog();
            var validator = catalog == null ? new TaskContentValidator() : new TaskContentValidator(catalog);
            TaskContentValidationResult result = validator.Validate(json, assigned, ResourceGroup);
            if (extra.Count > 0) result = result.With(extra);

            if (Quiet.IsPresent) WriteObject(result.IsValid);
            else WriteObject(result);
        }

        /// <summary>
        /// A file piped in is checked by its content: a DIFile from Get-DIFile, or the same file as Import-Csv or
        /// ConvertFrom-Json give it (an object with a Content property, which task JSON never has at its top level).
        /// </summary>
        private static object ContentOf(object piped)
        {
            if (!(piped is PSObject wrapped)) return piped;
            if (wrapped.BaseObject is Models.DIFile file) return file.Content;
            if (wrapped.BaseObject is PSCustomObject && wrapped.Properties["Content"] is PSPropertyInfo property && wrapped.Properties["steps"] == null)
                return property.Value;
            return piped;
        }

        /// <summary>The workspace's data sources and DI resource groups, read once per pipeline when a context exists.</summary>
        private WorkspaceCatalog LoadCatalog()
        {
            if (_catalogLoaded) return _catalog;
            _catalogLoaded = true;
            DIContext context = TryResolveContext();
            if (context == null)
            {
                WriteVerbose("Not connected: only the offline checks run (Connect-DIWorkspace adds data-source and resource-group checks).");
                return null;
            }
            long? bound = MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) ? ProjectId : context.ProjectId;
            if (!bound.HasValue)
            {
                WriteVerbose("Connected without a default workspace and no -ProjectId: only the offline checks run.");
                return null;
            }
            long projectId = bound.Value;
            if (TryRun(ct => WorkspaceCatalog.LoadAsync(context, Log, projectId, ct), projectId, out WorkspaceCatalog catalog))
            {
                WriteVerbose($"Checking data sources and resource groups against workspace {projectId}.");
                _catalog = catalog;
            }
            return _catalog;
        }
    }
}
