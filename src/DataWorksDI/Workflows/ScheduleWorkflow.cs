using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Workflows
{
    /// <summary>What Set-DIFileSchedule asks for: the UpdateFile fields, in wire form, checked offline already.</summary>
    internal sealed class ScheduleChange
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public IReadOnlyList<ScheduleField> Desired { get; set; }

        /// <summary>When a new ParaValue is set: check that it assigns every ${…}/$[…] the task's content uses.</summary>
        public bool CheckParametersAreAssigned { get; set; } = true;
    }

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
    internal sealed class ScheduleWorkflow : Workflow
    {
        public ScheduleWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : base(context, log, progress)
        {
        }

        public async Task<ScheduleResult> ApplyAsync(ScheduleChange change, CancellationToken ct)
        {
            var files = new FileService(Context, Log);
            FileState current = await files.GetStateAsync(change.ProjectId, change.FileId, ct).ConfigureAwait(false);
            // GetFile gives the folder's id and the scheduling resource group's numeric id; UpdateFile takes a path and an identifier.
            string folder = change.Desired.Any(f => f.WireName == ScheduleFields.FolderPath)
                ? await files.GetFolderPathAsync(change.ProjectId, current.File.FolderId, ct).ConfigureAwait(false) : null;
            string group = change.Desired.Any(f => f.WireName == ScheduleFields.ResourceGroupIdentifier)
                ? await new ResourceGroupService(Context, Log).IdentifierOfAsync(current.File.Schedule?.ResourceGroupId, ct).ConfigureAwait(false) : null;

            ScheduleField paraValue = change.Desired.FirstOrDefault(f => f.WireName == ScheduleFields.ParaValue);
            if (paraValue != null && change.CheckParametersAreAssigned) RefuseUnassignedParameters(current.File.Content, paraValue.Value);

            List<ScheduleField> changed = ScheduleFields.Changed(change.Desired, current.WireData, folder, group, out List<string> unchanged);
            if (unchanged.Count > 0) Log.Verbose($"Already set, not sent (UpdateFile refuses unchanged values): {string.Join(", ", unchanged)}.");
            if (changed.Count == 0)
            {
                Log.Verbose($"File {change.FileId} already has every value given; UpdateFile was not called.");
                return new ScheduleResult { File = current.File, Unchanged = unchanged };
            }
            string requestId = await files.UpdateAsync(change.ProjectId, change.FileId, changed.Select(c => new KeyValuePair<string, string>(c.WireName, c.Value)), ct).ConfigureAwait(false);
            var sent = changed.Select(c => c.WireName).ToList();
            Log.Verbose($"UpdateFile set {string.Join(", ", sent)} on file {change.FileId} (RequestId {requestId}).");
            DIFile updated = await files.GetAsync(change.ProjectId, change.FileId, ct).ConfigureAwait(false);
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
