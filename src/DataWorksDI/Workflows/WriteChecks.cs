using System.Globalization;
using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// The reads that tell whether a write whose answer was lost took effect, one per write the workflows make
    /// (Workflow.WriteAsync uses them; docs/client.md, "Writes whose answer was lost"). Each judges by the effect the
    /// workflow wants, not by the call: a submit is applied when the file's current content is committed and a package
    /// holds that version. So when the effect was already there before the call (a file submitted twice without a
    /// change), the reads say Applied and the workflow goes on with the package that holds it — the state asked for.
    /// </summary>
    internal sealed class WriteChecks
    {
        /// <summary>How far server times (CommitTime, CreateTime) may be from the module's clock and still count as "since the call".</summary>
        public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(2);

        private readonly FileService _files;
        private readonly DeploymentService _deployments;

        public WriteChecks(DIContext context, IClientLog log)
        {
            _files = new FileService(context, log);
            _deployments = new DeploymentService(context, log);
        }

        /// <summary>CreateDISyncTask: a live file of that name (and type, and folder when given) exists.</summary>
        public async Task<Verification<long>> CreatedAsync(long projectId, string name, string folderPath, DITaskType type, CancellationToken ct)
        {
            var query = new FileQuery { ExactName = name, FolderPath = folderPath, PageSize = 100 };
            List<DIFile> found = (await _files.List(projectId, query).AllAsync(ct).ConfigureAwait(false))
                .Where(f => f.FileName == name && f.IsBatchSync == (type == DITaskType.Batch) && (folderPath == null || SameFolder(f.FolderPath, folderPath))).ToList();
            if (found.Count == 1) return Verification<long>.Applied(found[0].FileId, $"file {found[0].FileId} is named '{name}'");
            if (found.Count == 0) return Verification<long>.NotApplied($"no file is named '{name}'{(folderPath != null ? " in '" + folderPath + "'" : string.Empty)}");
            return Verification<long>.Undecided($"{found.Count} files are named '{name}' ({string.Join(", ", found.Select(f => f.FileId + " in '" + f.FolderPath + "'"))})");
        }

        /// <summary>UpdateDISyncTask: the file's content is the one sent. Without content (resource group or CU only) nothing reads it back; setting it again changes nothing more.</summary>
        public async Task<Verification<bool>> UpdatedAsync(long projectId, long fileId, string content, CancellationToken ct)
        {
            if (content == null) return Verification<bool>.NotApplied("the resource group and CU of a task are not read back, and setting them again changes nothing more");
            DIFile file = await _files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            return file.Content == content
                ? Verification<bool>.Applied(true, $"file {fileId} has the content sent")
                : Verification<bool>.NotApplied($"file {fileId} still has its earlier content");
        }

        /// <summary>
        /// SubmitFile: the file's current content is committed (CommitStatus 1) as its current version, and the package of
        /// that version is found (Applied, with the package). Content not committed: NotApplied. Committed but no package
        /// found: Undecided.
        /// </summary>
        public async Task<Verification<DIDeployment>> SubmittedAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await _files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (!file.Committed || !(file.CurrentVersion > 0))
                return Verification<DIDeployment>.NotApplied($"file {fileId}'s current content is not committed (CommitStatus 0)");
            long version = file.CurrentVersion.Value;
            FileVersionInfo info = await VersionAsync(projectId, fileId, version, ct).ConfigureAwait(false);
            DateTime? since = info?.CommitTime - ClockTolerance;
            PackageSearchResult search = await FindPackageAsync(projectId, file, version, null, since, ct).ConfigureAwait(false);
            if (search.Found != null)
            {
                search.Found.Kind = DIDeploymentKind.Submit;
                return Verification<DIDeployment>.Applied(search.Found, $"file {fileId} is committed as version {version}, and package {search.Found.DeploymentId} holds it");
            }
            return Verification<DIDeployment>.Undecided($"file {fileId} is committed as version {version}, but no package holding that version was found ({search.Looked})");
        }

        /// <summary>
        /// DeployFile: a production package of the file's current version, created since the call (Applied, with it); or
        /// that version already runs in production (Applied, with the package that put it there when found). Neither, after a
        /// search that saw every package since the call: NotApplied; else Undecided.
        /// </summary>
        public async Task<Verification<DIDeployment>> DeployedAsync(long projectId, long fileId, DateTime calledAt, DIDeploymentKind kind, CancellationToken ct)
        {
            DIFile file = await _files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (!(file.CurrentVersion > 0)) return Verification<DIDeployment>.NotApplied($"file {fileId} has no committed version to deploy");
            long version = file.CurrentVersion.Value;
            PackageSearchResult search = await FindPackageAsync(projectId, file, version, DIEnvironment.Production, calledAt - ClockTolerance, ct).ConfigureAwait(false);
            if (search.Found != null)
            {
                search.Found.Kind = kind;
                return Verification<DIDeployment>.Applied(search.Found, $"production package {search.Found.DeploymentId} holds version {version} of file {fileId}");
            }
            FileVersionInfo info = await VersionAsync(projectId, fileId, version, ct).ConfigureAwait(false);
            if (info != null && info.IsCurrentProd)
            {
                PackageSearchResult earlier = await FindPackageAsync(projectId, file, version, DIEnvironment.Production, null, ct).ConfigureAwait(false);
                if (earlier.Found != null)
                {
                    earlier.Found.Kind = kind;
                    return Verification<DIDeployment>.Applied(earlier.Found, $"version {version} of file {fileId} already runs in production (package {earlier.Found.DeploymentId})");
                }
                return Verification<DIDeployment>.Undecided($"version {version} of file {fileId} runs in production, but the package that put it there was not found ({earlier.Looked})");
            }
            return search.Exhaustive
                ? Verification<DIDeployment>.NotApplied($"no production package of version {version} of file {fileId} was created since the call ({search.Looked})")
                : Verification<DIDeployment>.Undecided($"no production package of version {version} of file {fileId} was found, but not every package since the call could be read ({search.Looked})");
        }

        /// <summary>
        /// DeleteFile: the file is gone (it had never been committed: Applied, no package), or in the recycle bin with its
        /// DELETE version's package found (Applied, with the package). Still NORMAL: NotApplied.
        /// </summary>
        public async Task<Verification<DIDeployment>> DeletedAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await GetOrNullAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (file == null) return Verification<DIDeployment>.Applied(null, $"file {fileId} no longer exists");
            if (IsLive(file)) return Verification<DIDeployment>.NotApplied($"file {fileId} is not deleted (DeletedStatus {file.DeletedStatus ?? "NORMAL"})");
            if (!(file.CurrentVersion > 0)) return Verification<DIDeployment>.Applied(null, $"file {fileId} is deleted ({file.DeletedStatus})");
            long version = file.CurrentVersion.Value;
            FileVersionInfo info = await VersionAsync(projectId, fileId, version, ct).ConfigureAwait(false);
            PackageSearchResult search = await FindPackageAsync(projectId, file, version, null, info?.CommitTime - ClockTolerance, ct).ConfigureAwait(false);
            if (search.Found != null)
            {
                search.Found.Kind = DIDeploymentKind.Delete;
                return Verification<DIDeployment>.Applied(search.Found, $"file {fileId} is deleted ({file.DeletedStatus}), and package {search.Found.DeploymentId} holds the deletion");
            }
            return Verification<DIDeployment>.Undecided($"file {fileId} is deleted ({file.DeletedStatus}), but the package of the deletion (version {version}) was not found ({search.Looked})");
        }

        /// <summary>DeleteDISyncTask: the file is gone or no longer NORMAL.</summary>
        public async Task<Verification<bool>> RealtimeDeletedAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await GetOrNullAsync(projectId, fileId, ct).ConfigureAwait(false);
            if (file == null || !IsLive(file)) return Verification<bool>.Applied(true, $"task {fileId} is deleted");
            return Verification<bool>.NotApplied($"task {fileId} still exists");
        }

        /// <summary>DeployDISyncTask (which commits and deploys at once): the file's current content is committed.</summary>
        public async Task<Verification<bool>> RealtimeDeployedAsync(long projectId, long fileId, CancellationToken ct)
        {
            DIFile file = await _files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            return file.Committed && file.CurrentVersion > 0
                ? Verification<bool>.Applied(true, $"task {fileId}'s current configuration is committed and deployed as version {file.CurrentVersion}")
                : Verification<bool>.NotApplied($"task {fileId}'s current configuration is not deployed (CommitStatus 0)");
        }

        private static bool IsLive(DIFile file) => string.IsNullOrEmpty(file.DeletedStatus) || string.Equals(file.DeletedStatus, "NORMAL", StringComparison.OrdinalIgnoreCase);

        private static bool SameFolder(string a, string b) => string.Equals((a ?? string.Empty).Trim('/'), (b ?? string.Empty).Trim('/'), StringComparison.Ordinal);

        /// <summary>GetFile, or null when DataWorks says the file does not exist.</summary>
        private async Task<DIFile> GetOrNullAsync(long projectId, long fileId, CancellationToken ct)
        {
            try
            {
                return await _files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
            }
            catch (DataWorksServiceException ex) when (ex.Code.IndexOf("FileNotExist", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return null;
            }
        }

        /// <summary>One version of a file from ListFileVersions (the first page, and the last when there are more), or null.</summary>
        private async Task<FileVersionInfo> VersionAsync(long projectId, long fileId, long version, CancellationToken ct)
        {
            const int size = 100;
            Page<FileVersionInfo> first = await _files.ListVersionsAsync(projectId, fileId, 1, size, ct).ConfigureAwait(false);
            FileVersionInfo found = first.Items.FirstOrDefault(v => v.Version == version);
            if (found != null || first.TotalCount <= size) return found;
            int last = (int)((first.TotalCount + size - 1) / size);
            Page<FileVersionInfo> end = await _files.ListVersionsAsync(projectId, fileId, last, size, ct).ConfigureAwait(false);
            return end.Items.FirstOrDefault(v => v.Version == version);
        }

        /// <summary>What a package search found, whether it saw every package created since the time asked, and what it read.</summary>
        internal sealed class PackageSearchResult
        {
            public DIDeployment Found { get; set; }
            public bool Exhaustive { get; set; }
            public string Looked { get; set; }
        }

        /// <summary>Most GetDeployment reads one search makes, and most ListDeployments pages (of 100) it reads without the name filter.</summary>
        internal const int MaxPackagesRead = 30, MaxPagesScanned = 5;

        /// <summary>
        /// The package holding <paramref name="version"/> of the file (to <paramref name="to"/> when given), created at or
        /// after <paramref name="since"/> when given. ListDeployments gives no file ids, so candidates are read with
        /// GetDeployment (DeployedItems), newest first, at most <see cref="MaxPackagesRead"/> of them. First among the
        /// packages whose name contains the file's name (the emulator names them "&lt;file&gt;-&lt;day&gt;_&lt;user&gt;";
        /// DataWorks' naming is not documented): when one of them turns out to be this file's, names do carry the file's
        /// name and that search alone is complete. Otherwise every package since the time is read. The listing's order is
        /// told from the page, not assumed.
        /// </summary>
        internal async Task<PackageSearchResult> FindPackageAsync(long projectId, DIFile file, long version, DIEnvironment? to, DateTime? since, CancellationToken ct)
        {
            var read = new HashSet<long>();
            bool namesCarryTheFile = false;
            if (!string.IsNullOrEmpty(file.FileName))
            {
                ScanResult byName = await ScanAsync(projectId, file, version, to, since, file.FileName, read, ct).ConfigureAwait(false);
                namesCarryTheFile = byName.SawTheFile;
                if (byName.Found != null) return new PackageSearchResult { Found = byName.Found, Exhaustive = true, Looked = Looked(read.Count, "by name") };
                if (namesCarryTheFile)
                    return new PackageSearchResult { Exhaustive = byName.Complete, Looked = Looked(read.Count, byName.Complete ? "every package named after the file since the call" : "the newest packages named after the file, the most one search reads") };
            }
            ScanResult all = await ScanAsync(projectId, file, version, to, since, null, read, ct).ConfigureAwait(false);
            if (all.Found != null) return new PackageSearchResult { Found = all.Found, Exhaustive = true, Looked = Looked(read.Count, "since the call") };
            return new PackageSearchResult { Exhaustive = all.Complete, Looked = Looked(read.Count, all.Complete ? "every package since the call" : "the newest packages, the most one search reads") };
        }

        private sealed class ScanResult
        {
            public DIDeployment Found;
            public bool SawTheFile;
            public bool Complete;
        }

        /// <summary>Reads the listing (filtered by <paramref name="keyword"/>) from its newest end, and the candidates since the time with GetDeployment.</summary>
        private async Task<ScanResult> ScanAsync(long projectId, DIFile file, long version, DIEnvironment? to, DateTime? since, string keyword, HashSet<long> read, CancellationToken ct)
        {
            const int size = 100;
            var result = new ScanResult();
            bool Recent(DIDeployment d) => since == null || d.CreateTime == null || d.CreateTime >= since;

            Page<DIDeployment> page = await _deployments.ListPageAsync(projectId, null, keyword, 1, size, ct).ConfigureAwait(false);
            int pages = (int)Math.Max(1, (page.TotalCount + size - 1) / size);
            bool newestFirst = page.Items.Count < 2 || page.Items.First().DeploymentId >= page.Items.Last().DeploymentId;
            int number = 1;
            if (!newestFirst && pages > 1)
            {
                number = pages;
                page = await _deployments.ListPageAsync(projectId, null, keyword, number, size, ct).ConfigureAwait(false);
            }
            for (int scanned = 1; ; scanned++)
            {
                bool capped = false;
                foreach (DIDeployment c in page.Items.Where(Recent).OrderByDescending(d => d.DeploymentId))
                {
                    if (read.Contains(c.DeploymentId)) continue;
                    if (read.Count >= MaxPackagesRead)
                    {
                        capped = true;
                        break;
                    }
                    read.Add(c.DeploymentId);
                    DIDeployment full = await _deployments.GetAsync(projectId, c.DeploymentId, file.FileId, ct).ConfigureAwait(false);
                    if (!full.Items.Any(i => i.FileId == file.FileId)) continue;
                    result.SawTheFile = true;
                    if (full.Items.Any(i => i.FileId == file.FileId && i.FileVersion == version) && (to == null || full.ToEnvironment == to))
                    {
                        result.Found = full;
                        return result;
                    }
                }
                bool olderReached = since != null && page.Items.Any(d => d.CreateTime != null && d.CreateTime < since);
                bool end = page.Items.Count == 0 || (newestFirst ? number >= pages : number <= 1);
                if (!capped && (olderReached || end))
                {
                    result.Complete = true;
                    // Filtered by name and none since the time was the file's: one older package tells whether names carry it.
                    DIDeployment older = keyword == null || result.SawTheFile ? null
                        : page.Items.Where(d => !Recent(d) && !read.Contains(d.DeploymentId)).OrderByDescending(d => d.DeploymentId).FirstOrDefault();
                    if (older != null && read.Count < MaxPackagesRead)
                    {
                        read.Add(older.DeploymentId);
                        DIDeployment full = await _deployments.GetAsync(projectId, older.DeploymentId, file.FileId, ct).ConfigureAwait(false);
                        result.SawTheFile = full.Items.Any(i => i.FileId == file.FileId);
                    }
                    return result;
                }
                if (capped || end || scanned >= MaxPagesScanned) return result;
                number += newestFirst ? 1 : -1;
                page = await _deployments.ListPageAsync(projectId, null, keyword, number, size, ct).ConfigureAwait(false);
            }
        }

        private static string Looked(int read, string how) =>
            read.ToString(CultureInfo.InvariantCulture) + " package(s) read, " + how;
    }
}
