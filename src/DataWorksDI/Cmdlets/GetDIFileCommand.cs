using DataWorksDI.Services;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Get-DIFile: a file with its schedule (GetFile), or without -FileId the files found by name, folder, keyword and type (ListFiles, paged on demand).</summary>
    [Cmdlet(VerbsCommon.Get, "DIFile", DefaultParameterSetName = QuerySet, HelpUri = HelpLinks.Pages + "Get-DIFile.md")]
    [OutputType(typeof(DIFile))]
    public sealed class GetDIFileCommand : WorkspaceCmdlet
    {
        private const string ByIdSet = "ById";
        private const string QuerySet = "Query";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public long FileId { get; set; }

        /// <summary>Exact file name (ExactFileName).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [Alias("FileName")]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string Name { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string FolderPath { get; set; }

        /// <summary>Part of the file name (Keyword).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public string Keyword { get; set; }

        /// <summary>File types to list; default BatchSync and RealtimeSync.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public DIFileType[] FileType { get; set; } = { DIFileType.BatchSync, DIFileType.RealtimeSync };

        /// <summary>List files of every type.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public SwitchParameter AnyType { get; set; }

        /// <summary>Include each file's content in the listing (slower for large files).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public SwitchParameter IncludeContent { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var service = new FileService(ResolveContext(), Log);
            if (ParameterSetName == ByIdSet)
            {
                if (TryRun(ct => service.GetWithFolderPathAsync(projectId, FileId, ct), FileId, out DIFile file)) WriteObject(file);
                return;
            }
            var query = new FileQuery
            {
                ExactName = Name,
                FolderPath = FolderPath,
                Keyword = Keyword,
                FileTypes = AnyType.IsPresent ? null : FileType.Select(WireEnum.ToCode).ToArray(),
                IncludeContent = IncludeContent.IsPresent,
                PageSize = PageSize,
            };
            WritePages(service.List(projectId, query), projectId);
        }
    }
}
