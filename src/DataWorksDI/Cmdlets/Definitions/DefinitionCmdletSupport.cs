using System.Collections.Specialized;
using DataWorksDI.Definitions;
using DataWorksDI.Validation;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>What the DITaskDefinition cmdlets share: paths, offline loading, findings as PowerShell output, results as errors.</summary>
    internal static class DefinitionCmdletSupport
    {
        public static string FullPath(PSCmdlet cmdlet, string path) =>
            string.IsNullOrEmpty(path) ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Warnings (and information findings as verbose lines) of a set; errors are the caller's.</summary>
        public static void WriteNonErrors(Cmdlet cmdlet, IEnumerable<DefinitionFinding> findings)
        {
            foreach (DefinitionFinding f in findings)
            {
                if (f.Severity == ValidationSeverity.Warning) cmdlet.WriteWarning($"{f.File}{(f.Task.Length > 0 ? " [" + f.Task + "]" : string.Empty)} {f.Path}: {f.Message} {f.Fix}");
                else if (f.Severity == ValidationSeverity.Information) cmdlet.WriteVerbose($"{f.File} {f.Path}: {f.Message}");
            }
        }

        /// <summary>Loads the folder offline; with errors, one terminating error listing every finding (nothing is called).</summary>
        public static DefinitionSet LoadOrTerminate(PSCmdlet cmdlet, string root, string stage)
        {
            DefinitionSet set = DefinitionSet.Load(root, stage, null);
            WriteNonErrors(cmdlet, set.Findings);
            try
            {
                DefinitionPlanWorkflow.ThrowIfErrors(set.Findings);
            }
            catch (DataWorksValidationException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(ex, root));
            }
            return set;
        }

        public static DITaskDefinition ToOutput(TaskDefinition logical, TaskDefinition physical)
        {
            var schedule = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (ScheduleKey key in ScheduleKeys.All)
            {
                JToken v = physical.Schedule[key.Name];
                if (v == null || v.Type == JTokenType.Null) continue;
                switch (key.Kind)
                {
                    case ScheduleKeyKind.Names: schedule[key.Name] = ((JArray)v).Select(x => (string)x).ToArray(); break;
                    case ScheduleKeyKind.Integer: schedule[key.Name] = v.Value<int>(); break;
                    case ScheduleKeyKind.Boolean: schedule[key.Name] = v.Value<bool>(); break;
                    case ScheduleKeyKind.Duration: schedule[key.Name] = TimeSpan.Parse((string)v, System.Globalization.CultureInfo.InvariantCulture); break;
                    case ScheduleKeyKind.Date: schedule[key.Name] = DateTimeOffset.Parse((string)v, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime; break;
                    case ScheduleKeyKind.JsonArray: schedule[key.Name] = v.ToString(Newtonsoft.Json.Formatting.None); break;
                    default: schedule[key.Name] = (string)v; break;
                }
            }
            return new DITaskDefinition
            {
                Name = physical.Name,
                Folder = logical.Folder,
                FolderPath = physical.Folder,
                Description = physical.Description,
                ResourceGroup = physical.ResourceGroup ?? string.Empty,
                Cu = physical.Cu,
                Content = CanonicalJson.ToFileText(CanonicalJson.Sorted(physical.Content)).TrimEnd('\n'),
                Schedule = schedule,
                SourceFile = physical.SourceFile,
                TemplateRow = physical.TemplateRow,
                Hash = physical.Hash(),
            };
        }
    }
}
