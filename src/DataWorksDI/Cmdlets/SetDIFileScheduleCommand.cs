using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Services;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sets a file's schedule and properties (UpdateFile), sending only what differs from the current values.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DIFileSchedule", SupportsShouldProcess = true)]
    [OutputType(typeof(DIFile))]
    public sealed class SetDIFileScheduleCommand : WorkspaceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long FileId { get; set; }

        /// <summary>Six-field DataWorks cron: 'ss mm HH dd MM ?', e.g. '00 30 05 * * ?'.</summary>
        [Parameter]
        [Alias("CronExpress")]
        [ValidateNotNullOrEmpty]
        public string Cron { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DICycleType))]
        public DICycleType CycleType { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DIRerunMode))]
        public DIRerunMode RerunMode { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int AutoRerunTimes { get; set; }

        /// <summary>Wait between automatic reruns, at most 30 minutes. A number means minutes, as in the console.</summary>
        [Parameter]
        [TimeSpanTransformation("Minutes")]
        public TimeSpan AutoRerunInterval { get; set; }

        /// <summary>Upstream output names, e.g. '&lt;workspace&gt;_root'.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[] InputList { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public string[] OutputList { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DIDependentType))]
        public DIDependentType DependentType { get; set; }

        /// <summary>Node ids this node depends on across cycles (with -DependentType UserDefine).</summary>
        [Parameter]
        public long[] DependentNodeId { get; set; }

        /// <summary>Scheduling parameters as the service writes them: 'name=value name2=value2'.</summary>
        [Parameter]
        [AllowEmptyString]
        public string ParaValue { get; set; }

        /// <summary>Scheduling parameters as a hashtable, e.g. @{ bizdate = '$bizdate'; region = 'cn' }; rendered into ParaValue.</summary>
        [Parameter]
        public IDictionary Parameter { get; set; }

        [Parameter]
        public DateTime StartEffectDate { get; set; }

        [Parameter]
        public DateTime EndEffectDate { get; set; }

        [Parameter]
        [EnumSpellingTransformation(typeof(DISchedulerType))]
        public DISchedulerType SchedulerType { get; set; }

        /// <summary>The scheduling resource group identifier (not the DI resource group of the task).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ResourceGroupIdentifier { get; set; }

        /// <summary>Suspend scheduling (-Stop) or resume it (-Stop:$false).</summary>
        [Parameter]
        public SwitchParameter Stop { get; set; }

        [Parameter]
        [Alias("FileName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string FolderPath { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string Description { get; set; }

        /// <summary>The owner's Alibaba Cloud account id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Owner { get; set; }

        [Parameter]
        public SwitchParameter AutoParsing { get; set; }

        [Parameter]
        public SwitchParameter ApplyScheduleImmediately { get; set; }

        [Parameter]
        public SwitchParameter IgnoreParentSkipRunningProperty { get; set; }

        /// <summary>InputParameters: JSON text or objects like @{ ParameterName = 'p'; ValueSource = 'proj.node:out' }.</summary>
        [Parameter]
        public object InputParameters { get; set; }

        /// <summary>OutputParameters: JSON text or objects like @{ ParameterName = 'p'; Type = 1; Value = '${bizdate}' }.</summary>
        [Parameter]
        public object OutputParameters { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            var context = ResolveContext();
            List<ScheduleField> desired = BuildDesiredFields();
            if (desired == null) return;
            if (desired.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.NothingToChange",
                    "Give at least one property to set, for example -Cron '00 30 05 * * ?' -CycleType DAY.", ErrorCategory.InvalidArgument, FileId));
            }

            // Asked before any call, so -WhatIf sends nothing at all (not even the read that finds what differs).
            if (!ShouldProcess($"file {FileId} in workspace {projectId}",
                "Set " + string.Join(", ", desired.Select(d => d.WireName)) + " (UpdateFile; values already set are not sent)")) return;

            var files = new FileService(context, Log);
            bool needFolder = desired.Any(f => f.WireName == "FileFolderPath");
            bool needGroup = desired.Any(f => f.WireName == "ResourceGroupIdentifier");
            if (!TryRun(async ct =>
            {
                var raw = await files.GetRawAsync(projectId, FileId, ct).ConfigureAwait(false);
                string folder = needFolder ? await files.GetFolderPathAsync(projectId, Json.Str(raw["Data"]?["File"], "FileFolderId"), ct).ConfigureAwait(false) : null;
                string group = needGroup ? await new ResourceGroupService(context, Log).IdentifierOfAsync(Json.Long(raw["Data"]?["NodeConfiguration"], "ResourceGroupId"), ct).ConfigureAwait(false) : null;
                return Tuple.Create(raw, folder, group);
            }, FileId, out var current)) return;

            List<ScheduleField> changed = ScheduleFields.Changed(desired, current.Item1["Data"], current.Item2, current.Item3, out List<string> unchanged);
            if (unchanged.Count > 0) WriteVerbose($"Already set, not sent (UpdateFile refuses unchanged values): {string.Join(", ", unchanged)}.");
            if (changed.Count == 0)
            {
                WriteVerbose($"File {FileId} already has every value given; UpdateFile was not called.");
                WriteObject(FileService.ParseFile(projectId, current.Item1["Data"]?["File"], current.Item1["Data"]?["NodeConfiguration"]));
                return;
            }
            if (!TryRun(ct => files.UpdateAsync(projectId, FileId, changed.Select(c => new KeyValuePair<string, string>(c.WireName, c.Value)), ct), FileId, out string requestId)) return;
            WriteVerbose($"UpdateFile set {string.Join(", ", changed.Select(c => c.WireName))} on file {FileId} (RequestId {requestId}).");
            if (TryRun(ct => files.GetAsync(projectId, FileId, ct), FileId, out DIFile updated)) WriteObject(updated);
        }

        /// <summary>The fields asked for, in wire form; null after writing an error when an input is unusable (nothing is sent).</summary>
        private List<ScheduleField> BuildDesiredFields()
        {
            var fields = new List<ScheduleField>();
            void Add(string name, string value, FieldComparison comparison) => fields.Add(new ScheduleField(name, value, comparison));

            if (Bound(nameof(ParaValue)) && Bound(nameof(Parameter)))
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.ConflictingParameters",
                    "Give either -ParaValue or -Parameter, not both: they set the same ParaValue field.", ErrorCategory.InvalidArgument, FileId));
            }
            if (Bound(nameof(Cron)))
            {
                CronCheck check = DataWorksCron.Validate(Cron, Bound(nameof(CycleType)) ? WireEnum.ToWire(CycleType) : null);
                if (!ReportFindings(check.Findings, "DataWorksDI.InvalidCron")) return null;
                Add("CronExpress", Cron.Trim(), FieldComparison.Text);
            }
            if (Bound(nameof(CycleType))) Add("CycleType", WireEnum.ToWire(CycleType), FieldComparison.EnumText);
            if (Bound(nameof(RerunMode))) Add("RerunMode", WireEnum.ToWire(RerunMode), FieldComparison.EnumText);
            if (Bound(nameof(AutoRerunTimes))) Add("AutoRerunTimes", AutoRerunTimes.ToString(CultureInfo.InvariantCulture), FieldComparison.Number);
            if (Bound(nameof(AutoRerunInterval)))
            {
                if (AutoRerunInterval < TimeSpan.Zero || AutoRerunInterval > TimeSpan.FromMinutes(30))
                {
                    WriteError(ErrorRecords.Create("DataWorksDI.InvalidRerunInterval",
                        $"-AutoRerunInterval {AutoRerunInterval} is outside what DataWorks allows: 0 to 30 minutes (AutoRerunIntervalMillis ≤ 1,800,000).", ErrorCategory.InvalidArgument, FileId));
                    return null;
                }
                Add("AutoRerunIntervalMillis", ((long)AutoRerunInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), FieldComparison.Number);
            }
            if (Bound(nameof(InputList))) Add("InputList", string.Join(",", (InputList ?? new string[0]).Select(s => s.Trim())), FieldComparison.List);
            if (Bound(nameof(OutputList))) Add("OutputList", string.Join(",", (OutputList ?? new string[0]).Select(s => s.Trim())), FieldComparison.List);
            if (Bound(nameof(DependentType))) Add("DependentType", WireEnum.ToWire(DependentType), FieldComparison.EnumText);
            if (Bound(nameof(DependentNodeId))) Add("DependentNodeIdList", string.Join(",", (DependentNodeId ?? new long[0]).Select(n => n.ToString(CultureInfo.InvariantCulture))), FieldComparison.List);
            if (Bound(nameof(ParaValue)))
            {
                if (!ReportFindings(ScheduleParameters.CheckParaValue(ParaValue), "DataWorksDI.InvalidParaValue")) return null;
                Add("ParaValue", ParaValue.Trim(), FieldComparison.Words);
            }
            if (Bound(nameof(Parameter)))
            {
                if (!ReportFindings(ScheduleParameters.Check(Parameter ?? new Hashtable()), "DataWorksDI.InvalidParameter")) return null;
                Add("ParaValue", ScheduleParameters.Render(Parameter ?? new Hashtable()), FieldComparison.Words);
            }
            if (Bound(nameof(StartEffectDate))) Add("StartEffectDate", EpochMs(StartEffectDate), FieldComparison.Number);
            if (Bound(nameof(EndEffectDate))) Add("EndEffectDate", EpochMs(EndEffectDate), FieldComparison.Number);
            if (Bound(nameof(StartEffectDate)) && Bound(nameof(EndEffectDate)) && EndEffectDate <= StartEffectDate)
            {
                WriteError(ErrorRecords.Create("DataWorksDI.InvalidEffectDates", $"-EndEffectDate ({EndEffectDate:u}) must be after -StartEffectDate ({StartEffectDate:u}).", ErrorCategory.InvalidArgument, FileId));
                return null;
            }
            if (Bound(nameof(SchedulerType))) Add("SchedulerType", WireEnum.ToWire(SchedulerType), FieldComparison.EnumText);
            if (Bound(nameof(ResourceGroupIdentifier))) Add("ResourceGroupIdentifier", ResourceGroupIdentifier, FieldComparison.Text);
            if (Bound(nameof(Stop))) Add("Stop", Stop.IsPresent ? "true" : "false", FieldComparison.Boolean);
            if (Bound(nameof(Name))) Add("FileName", Name, FieldComparison.Text);
            if (Bound(nameof(FolderPath))) Add("FileFolderPath", FolderPath.Trim('/'), FieldComparison.Text);
            if (Bound(nameof(Description))) Add("FileDescription", Description ?? string.Empty, FieldComparison.Text);
            if (Bound(nameof(Owner))) Add("Owner", Owner, FieldComparison.Text);
            if (Bound(nameof(AutoParsing))) Add("AutoParsing", AutoParsing.IsPresent ? "true" : "false", FieldComparison.Boolean);
            if (Bound(nameof(ApplyScheduleImmediately))) Add("ApplyScheduleImmediately", ApplyScheduleImmediately.IsPresent ? "true" : "false", FieldComparison.Boolean);
            if (Bound(nameof(IgnoreParentSkipRunningProperty))) Add("IgnoreParentSkipRunningProperty", IgnoreParentSkipRunningProperty.IsPresent ? "true" : "false", FieldComparison.Boolean);
            if (Bound(nameof(InputParameters))) Add("InputParameters", JsonText(InputParameters), FieldComparison.Json);
            if (Bound(nameof(OutputParameters))) Add("OutputParameters", JsonText(OutputParameters), FieldComparison.Json);
            return fields;
        }

        /// <summary>Writes each error finding as a non-terminating error; true when there was none.</summary>
        private bool ReportFindings(IReadOnlyList<ValidationFinding> findings, string errorId)
        {
            bool ok = true;
            foreach (ValidationFinding f in findings)
            {
                if (f.Severity == ValidationSeverity.Error)
                {
                    ok = false;
                    WriteError(ErrorRecords.Create(errorId + "." + f.Code, $"Nothing was sent: {f.Message}", ErrorCategory.InvalidArgument, FileId, f.Fix));
                }
                else if (f.Severity == ValidationSeverity.Warning)
                {
                    WriteWarning(f.Message + " " + f.Fix);
                }
            }
            return ok;
        }

        private static string EpochMs(DateTime value)
        {
            DateTime utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime() : value.ToUniversalTime();
            return new DateTimeOffset(utc).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        private static string JsonText(object value)
        {
            object v = value is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : value;
            if (v is string s) return s;
            if (v is IDictionary || v is PSObject) v = new[] { value };
            return Internal.Json.FromPowerShell(v);
        }
    }
}
