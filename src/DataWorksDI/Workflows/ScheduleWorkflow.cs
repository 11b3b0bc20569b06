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
        /// <param name="checkParameters">When a new ParaValue is set: check that it assigns every ${…}/$[…] the content uses.</param>
        public async Task<ScheduleResult> ApplyAsync(long projectId, long fileId, IReadOnlyList<ScheduleField> desired, bool checkParameters, CancellationToken ct)
        {
            var files = new FileService(Context, Log);
            (DIFile file, JToken wire) = await files.GetWithWireAsync(projectId, fileId, ct).ConfigureAwait(false);
            // GetFile gives the folder's id and the scheduling resource group's numeric id; UpdateFile takes a path and an identifier.
            string folder = desired.Any(f => f.WireName == ScheduleFields.FolderPath)
                ? await files.GetFolderPathAsync(projectId, file.FolderId, ct).ConfigureAwait(false) : null;
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
            string requestId = await files.UpdateAsync(projectId, fileId, changed.Select(c => new KeyValuePair<string, string>(c.WireName, c.Value)), ct).ConfigureAwait(false);
            var sent = changed.Select(c => c.WireName).ToList();
            Log.Verbose($"UpdateFile set {string.Join(", ", sent)} on file {fileId} (RequestId {requestId}).");
            DIFile updated = changed.Any(c => ScheduleFields.NeedsReadBack(c.WireName))
                ? await files.GetAsync(projectId, fileId, ct).ConfigureAwait(false)
                : FileService.FromGetFile(projectId, ScheduleFields.AfterUpdate(wire, changed));
            return new ScheduleResult { File = updated, Sent = sent, Unchanged = unchanged };
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
