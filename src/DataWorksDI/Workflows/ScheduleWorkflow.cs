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
    /// a value equal to the current one), refuse a ParaValue that leaves a parameter of the content unassigned, and send the
    /// rest (UpdateFile): one read and one write. The result is the file as read with the values sent laid over it (the
    /// write succeeded, so they are the file's now); only a move to another folder or another scheduling resource group is
    /// read back, since GetFile shows those as ids UpdateFile does not take. Nothing is sent when nothing differs.
    /// </summary>
    internal sealed class ScheduleWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="desired">The UpdateFile fields, in wire form, checked offline already.</param>
        /// <param name="checkParameters">
        /// When a new ParaValue is set: check that it assigns every ${…}/$[…] the content uses; a new folder or scheduling
        /// resource group: check it against the workspace catalogue (WorkspaceChecks).
        /// </param>
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
                IReadOnlyList<ScheduleField> fields = await ResolveResourceGroupIdAsync(desired, file, ct).ConfigureAwait(false);
                // GetFile gives the folder's id and the scheduling resource group's numeric id; UpdateFile takes a path and an identifier.
                var catalog = new CatalogService(Context, Log);
                bool folderGiven = fields.Any(f => f.WireName == ScheduleFields.FolderPath);
                Func<DIFile, Task<string>> folderOf = f => folderGiven ? catalog.FolderPathAsync(projectId, f.FolderId, ct) : Task.FromResult<string>(null);
                string folder = await folderOf(file).ConfigureAwait(false);
                string group = fields.Any(f => f.WireName == ScheduleFields.ResourceGroupIdentifier)
                    ? await new ResourceGroupService(Context, Log).IdentifierOfAsync(file.Schedule?.ResourceGroupId, ct).ConfigureAwait(false) : null;

                List<ScheduleField> changed = ScheduleFields.Changed(fields, wire, folder, group, out List<string> unchanged);
                if (unchanged.Count > 0) Log.Verbose($"Already set, not sent (UpdateFile refuses unchanged values): {string.Join(", ", unchanged)}.");
                if (checkParameters && changed.Count > 0)
                {
                    // Whatever changes, the file stays scheduled with a ParaValue — the new one, or the one it has — that must
                    // assign every ${…}/$[…] the content uses: a task using ${region} cannot be scheduled without it.
                    ScheduleField paraValue = fields.FirstOrDefault(f => f.WireName == ScheduleFields.ParaValue);
                    RefuseUnassignedParameters(file.Content, paraValue != null ? paraValue.Value : Json.Str(wire?["NodeConfiguration"], ScheduleFields.ParaValue), paraValue != null);
                    // A new folder or scheduling resource group is checked against the workspace catalogue before it is sent.
                    var checks = new WorkspaceChecks(Context, Log);
                    ScheduleField newFolder = changed.FirstOrDefault(f => f.WireName == ScheduleFields.FolderPath);
                    if (newFolder != null) await checks.CheckFolderAsync(projectId, newFolder.Value, dataIntegration: file.IsBatchSync || file.IsRealtimeSync, ct).ConfigureAwait(false);
                    ScheduleField newGroup = changed.FirstOrDefault(f => f.WireName == ScheduleFields.ResourceGroupIdentifier);
                    if (newGroup != null) await checks.CheckSchedulingGroupAsync(newGroup.Value, ct).ConfigureAwait(false);
                }
                if (changed.Count == 0)
                {
                    Log.Verbose($"File {fileId} already has every value given; UpdateFile was not called.");
                    file.FolderPath = folder ?? await catalog.FolderPathAsync(projectId, file.FolderId, ct).ConfigureAwait(false);
                    return new ScheduleResult { File = file, Unchanged = unchanged };
                }
                var sent = changed.Select(c => c.WireName).ToList();
                List<ScheduleField> toSend = changed;
                string requestId = await WriteAsync(state, "UpdateFile", again,
                    t => files.UpdateAsync(projectId, fileId, changed.Select(c => new KeyValuePair<string, string>(c.WireName, c.Value)), t),
                    async t =>
                    {
                        // Read again: what still differs is what did not take effect (the scheduling group is an identifier
                        // the call does not change, so its lookup stands).
                        (DIFile now, JToken nowWire) = await files.GetWithWireAsync(projectId, fileId, t).ConfigureAwait(false);
                        List<ScheduleField> still = ScheduleFields.Changed(fields, nowWire, await folderOf(now).ConfigureAwait(false), group, out _);
                        if (still.Count == 0) return Verification<string>.Applied(null, $"file {fileId} has every value sent");
                        changed = still;
                        return Verification<string>.NotApplied($"file {fileId} still differs in {string.Join(", ", still.Select(c => c.WireName))}");
                    }, ct).ConfigureAwait(false);
                Log.Verbose($"UpdateFile set {string.Join(", ", sent)} on file {fileId}{(requestId != null ? " (RequestId " + requestId + ")" : string.Empty)}.");
                state.Record($"its schedule was set ({string.Join(", ", sent)})", null);
                // The write succeeded, so the values sent are the file's now: the result is the read with them laid over it.
                // Only a move to another folder or scheduling resource group is read back (GetFile shows those as ids).
                DIFile updated;
                if (toSend.Any(c => ScheduleFields.NeedsReadBack(c.WireName)))
                    updated = await files.GetWithFolderPathAsync(projectId, fileId, ct).ConfigureAwait(false);
                else
                {
                    updated = FileService.FromGetFile(projectId, ScheduleFields.AfterUpdate(wire, toSend));
                    updated.FolderPath = folder ?? await catalog.FolderPathAsync(projectId, updated.FolderId, ct).ConfigureAwait(false);
                }
                return new ScheduleResult { File = updated, Sent = sent, Unchanged = unchanged };
            });
        }

        /// <summary>
        /// The content's ${…}/$[…] references must all be assigned by the new ParaValue (or be built-in), else the task
        /// would fail only when it first runs. Only the parameter findings matter here.
        /// </summary>
        private static void RefuseUnassignedParameters(string content, string paraValue, bool newParaValue)
        {
            if (string.IsNullOrWhiteSpace(content)) return;
            IEnumerable<string> assigned = ScheduleParameters.Parse(paraValue ?? string.Empty).Keys;
            var findings = new TaskContentValidator().Validate(content, assigned).Findings.Where(f => f.Code == ValidationCodes.ParamUnassigned);
            DataWorksValidationException refused = DataWorksValidationException.FromFindings(findings, ErrorIds.UnassignedParameter,
                newParaValue
                    ? "The task uses {0} scheduling parameter(s) the new ParaValue does not assign; nothing was sent (-SkipValidation sends it anyway)"
                    : "The task uses {0} scheduling parameter(s) its ParaValue does not assign, so it cannot be scheduled as it is: add them with -Parameter @{{ name = 'value' }} (or -ParaValue); nothing was sent (-SkipValidation sends it anyway)");
            if (refused != null) throw refused;
        }

        /// <summary>
        /// A schedule's resource group id: nothing to send when the file already has it (no call); otherwise its identifier
        /// from the workspace catalogue (ListResourceGroups, once per context), or — when no group has that id — left out,
        /// said in -Verbose.
        /// </summary>
        private async Task<IReadOnlyList<ScheduleField>> ResolveResourceGroupIdAsync(IReadOnlyList<ScheduleField> desired, DIFile file, CancellationToken ct)
        {
            ScheduleField byId = desired.FirstOrDefault(f => f.WireName == ScheduleFields.ResourceGroupId);
            if (byId == null) return desired;
            var rest = desired.Where(f => f != byId).ToList();
            long id = long.Parse(byId.Value, System.Globalization.CultureInfo.InvariantCulture);
            if (file.Schedule?.ResourceGroupId == id) return rest;
            string identifier = await new ResourceGroupService(Context, Log).IdentifierOfAsync(id, ct).ConfigureAwait(false);
            if (identifier == null) Log.Verbose($"The schedule's scheduling resource group {id} is not one of the account's; it is not sent.");
            else rest.Add(new ScheduleField(ScheduleFields.ResourceGroupIdentifier, identifier, FieldComparison.Text));
            return rest;
        }
    }
}
