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
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public long FileId { get; set; }

        /// <summary>The workspace; bound from a piped object only together with its FileId (the listing takes no pipeline input).</summary>
        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = QuerySet)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public override long ProjectId { get => base.ProjectId; set => base.ProjectId = value; }

        /// <summary>
        /// The file name: exact (ExactFileName), or with wildcards (*, ?, [a-z]) matched here over the listing. A name
        /// without wildcards that matches no file is a non-terminating ObjectNotFound error, as Get-Item's is.
        /// </summary>
        [Parameter(ParameterSetName = QuerySet)]
        [Alias("FileName")]
        [SupportsWildcards]
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
            if (!ArgumentBounds.TryCheck(this, projectId, (nameof(Name), Name, TextKind.Name), (nameof(FolderPath), FolderPath, TextKind.Path), (nameof(Keyword), Keyword, TextKind.Name))) return;
            bool wildcard = Name != null && WildcardPattern.ContainsWildcardCharacters(Name);
            var query = new FileQuery
            {
                ExactName = wildcard ? null : Name,
                FolderPath = FolderPath,
                // A wildcard name narrows the listing by its longest literal part (ListFiles' Keyword matches part of a name).
                Keyword = wildcard && Keyword == null ? LongestLiteral(Name) : Keyword,
                FileTypes = AnyType.IsPresent ? null : FileType.Select(WireEnum.ToCode).ToArray(),
                IncludeContent = IncludeContent.IsPresent,
                PageSize = PageSize,
            };
            WildcardPattern pattern = wildcard ? WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant) : null;
            int written = WritePages(service.List(projectId, query), projectId, keep: pattern == null ? (Func<DIFile, bool>)null : f => f.FileName != null && pattern.IsMatch(f.FileName));
            if (written == 0 && Name != null && !wildcard)
            {
                // As Get-Item and Get-Process -Name: a name without wildcards names a file that must exist.
                WriteError(ErrorRecords.Create(ErrorIds.FileNotFound,
                    $"No file named '{Internal.Text.Printable(Name)}' was found in workspace {projectId}{(FolderPath != null ? " under '" + FolderPath + "'" : string.Empty)}" +
                    $"{(AnyType.IsPresent ? string.Empty : " among files of type " + string.Join(", ", FileType))}. Check the name (it is matched exactly, case included), or use wildcards (-Name '{Internal.Text.Printable(Name)}*') to search.",
                    ErrorCategory.ObjectNotFound, Name));
            }
        }

        /// <summary>The longest run of the pattern without wildcard characters, or null when there is none of two characters or more.</summary>
        private static string LongestLiteral(string pattern)
        {
            string best = null;
            foreach (string part in System.Text.RegularExpressions.Regex.Replace(pattern, @"\[[^\]]*\]", "*").Split('*', '?', '[', ']', '`'))
                if (part.Length >= 2 && (best == null || part.Length > best.Length)) best = part;
            return best;
        }
    }
}
