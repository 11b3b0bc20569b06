using DataWorksDI.Client;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Workflows
{
    /// <summary>What applying a schedule did.</summary>
    internal sealed class ScheduleResult
    {
        /// <summary>The file after the change (or as it was, when nothing differed).</summary>
        public DIFile File { get; set; }

        /// <summary>The fields sent with UpdateFile; empty when every value was already set.</summary>
        public IReadOnlyList<string> Sent { get; set; } = new string[0];

        /// <summary>The fields that already had the value asked for (UpdateFile refuses unchanged values, so they were not sent).</summary>
        public IReadOnlyList<string> Unchanged { get; set; } = new string[0];
    }

    /// <summary>
    /// Set-DIFileSchedule: read the file (GetFile), keep only the fields that differ from what it has (UpdateFile refuses
    /// a value equal to the current one), refuse a ParaValue that leaves a parameter of the content unassigned, send the
    /// rest (UpdateFile) and read the result back. Nothing is sent when nothing differs.
    /// </summary>
    internal sealed class ScheduleWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="desired">The UpdateFile fields, in wire form, checked offline already.</param>
        /// <param name="checkParameters">When a new ParaValue is set: check that it assigns every ${…}/$[…] the content uses.</param>
        /// <remarks>
        /// An UpdateFile whose answer was lost is checked by reading the file again: what still differs is sent once more
        /// (nothing, when it took effect). A spent budget stops it with an error that says whether the schedule was set.
        /// </remarks>
        public Task<ScheduleResult> ApplyAsync(long projectId, long fileId, IReadOnlyList<ScheduleField> desired, bool checkParameters, CancellationToken ct)
        {
            string again = $"Set-DIFileSchedule -ProjectId {projectId} -FileId {fileId} with the same parameters (it sends only what still differs)";
            var state = new WorkflowState($"file {fileId} in workspace {projectId}", again);
            return GuardAsync(state, async () =>
            {
                var files = new FileService(Context, Log);
                (DIFile file, JToken wire) = await files.GetWithWireAsync(projectId, fileId, ct).ConfigureAwait(false);
                state.Subject = $"file {fileId} ({WorkflowState.Quote(file.FileName)}) in workspace {projectId}";
                // GetFile gives the folder's id and the scheduling resource group's numeric id; UpdateFile takes a path and an identifier.
                Func<DIFile, Task<string>> folderOf = f => desired.Any(d => d.WireName == ScheduleFields.FolderPath)
                    ? files.GetFolderPathAsync(projectId, f.FolderId, ct) : Task.FromResult<string>(null);
                string folder = await folderOf(file).ConfigureAwait(false);
                string group = desired.Any(f => f.WireName == ScheduleFields.ResourceGroupIdentifier)
                    ? await new ResourceGroupService(Context, Log).IdentifierOfAsync(file.Schedule?.ResourceGroupId, ct).ConfigureAwait(false) : null;

                ScheduleField paraValue = desired.FirstOrDefault(f => f.WireName == ScheduleFields.ParaValue);
                if (paraValue != null && checkParameters) RefuseUnassignedParameters(file.Content, paraValue.Value);

                List<ScheduleField> changed = ScheduleFields.Changed(desired, wire, folder, group, out List<string> unchanged);
                if (unchanged.Count > 0) Log.Verbose($"Already set, not sent (UpdateFile refuses unchanged values): {string.Join(", ", unchanged)}.");
                if (changed.Count == 0)
                {
                    Log.Verbose($"File {fileId} already has every value given; UpdateFile was not called.");
                    return new ScheduleResult { File = file, Unchanged = unchanged };
                }
                var sent = changed.Select(c => c.WireName).ToList();
                string requestId = await WriteAsync(state, "UpdateFile", again,
                    t => files.UpdateAsync(projectId, fileId, changed.Select(c => new KeyValuePair<string, string>(c.WireName, c.Value)), t),
                    async t =>
                    {
                        // Read again: what still differs is what did not take effect (the scheduling group is an identifier
                        // the call does not change, so its lookup stands).
                        (DIFile now, JToken nowWire) = await files.GetWithWireAsync(projectId, fileId, t).ConfigureAwait(false);
                        List<ScheduleField> still = ScheduleFields.Changed(desired, nowWire, await folderOf(now).ConfigureAwait(false), group, out _);
                        if (still.Count == 0) return Verification<string>.Applied(null, $"file {fileId} has every value sent");
                        changed = still;
                        return Verification<string>.NotApplied($"file {fileId} still differs in {string.Join(", ", still.Select(c => c.WireName))}");
                    }, ct).ConfigureAwait(false);
                Log.Verbose($"UpdateFile set {string.Join(", ", sent)} on file {fileId}{(requestId != null ? " (RequestId " + requestId + ")" : string.Empty)}.");
                state.Record($"its schedule was set ({string.Join(", ", sent)})", null);
                DIFile updated = await files.GetAsync(projectId, fileId, ct).ConfigureAwait(false);
                return new ScheduleResult { File = updated, Sent = sent, Unchanged = unchanged };
            });
        }

        /// <summary>
        /// The content's ${…}/$[…] references must all be assigned by the new ParaValue (or be built-in), else the task
        /// would fail only when it first runs. Only the parameter findings matter here.
        /// </summary>
        private static void RefuseUnassignedParameters(string content, string newParaValue)
        {
            if (string.IsNullOrWhiteSpace(content)) return;
            IEnumerable<string> assigned = ScheduleParameters.Parse(newParaValue).Keys;
            var findings = new TaskContentValidator().Validate(content, assigned).Findings.Where(f => f.Code == ValidationCodes.ParamUnassigned);
            DataWorksValidationException refused = DataWorksValidationException.FromFindings(findings, ErrorIds.UnassignedParameter,
                "The task uses {0} scheduling parameter(s) the new ParaValue does not assign; nothing was sent (-SkipValidation sends it anyway)");
            if (refused != null) throw refused;
        }
    }
}
