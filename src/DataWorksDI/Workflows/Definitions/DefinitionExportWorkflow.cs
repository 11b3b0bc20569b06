using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>What export read for one task: its definition as it will be written (logical), or why it cannot be.</summary>
    internal sealed class ExportedTask
    {
        public DIFile File { get; set; }
        public TaskDefinition Definition { get; set; }
        public DataWorksOperationException Problem { get; set; }
    }

    /// <summary>
    /// Export-DITaskDefinition: the batch sync tasks of a workspace (or of a folder, by keyword or exact name), each read
    /// (GetFile, ListFileVersions) and turned into a definition with the stage's reverse maps applied. Reads only.
    /// </summary>
    internal sealed class DefinitionExportWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="projectId">The workspace (-ProjectId); null: the one the stage names, else the context's.</param>
        public async Task<List<ExportedTask>> ExportAsync(long? projectId, StageSettings stage, string folderPath, string keyword, string exactName, Func<DIFile, bool> select, CancellationToken ct)
        {
            var reader = new LiveTaskReader(Context, Log, null);
            long project = await reader.ProjectIdAsync(projectId, stage, ct).ConfigureAwait(false);
            DIWorkspace workspace = await reader.WorkspaceAsync(project, ct).ConfigureAwait(false);
            string folder = !string.IsNullOrEmpty(folderPath) ? folderPath : stage.FolderRoot;
            List<DIFile> files = (await reader.ListAsync(project, string.IsNullOrEmpty(folder) ? null : new[] { folder }, keyword, exactName, ct).ConfigureAwait(false))
                .Where(f => stage.LogicalFolder(f.FolderPath) != null && (select == null || select(f))).ToList();
            var mapper = new StageMapper(stage, workspace.Identifier);
            var exported = files.Select(f => new ExportedTask { File = f }).ToList();
            using (ProgressActivity bar = StartActivity($"Exporting {files.Count} batch sync task(s) of workspace {workspace.Identifier} ({project})"))
            {
                int done = 0;
                await LiveTaskReader.ForEachAsync(exported, 8, async e =>
                {
                    LiveTask live = await reader.ReadAsync(project, e.File, ct).ConfigureAwait(false);
                    if (live.Definition.Content == null)
                    {
                        e.Problem = new DataWorksOperationException(ErrorIds.UnreadableTaskContent,
                            $"Task '{e.File.FolderPath}/{e.File.FileName}' (file {e.File.FileId}) was not exported: its content is not a JSON object, so it cannot be written as a definition. Fix it in the console (or with Set-DISyncTask) and export again.",
                            ErrorCategory.InvalidData) { Target = e.File };
                    }
                    else
                    {
                        e.Definition = mapper.Reverse(live.Definition);
                    }
                    int n = Interlocked.Increment(ref done);
                    bar.Report($"{n} of {exported.Count}: {e.File.FolderPath}/{e.File.FileName}", 100 * n / Math.Max(1, exported.Count));
                }).ConfigureAwait(false);
                bar.Complete();
            }
            return exported;
        }
    }
}
