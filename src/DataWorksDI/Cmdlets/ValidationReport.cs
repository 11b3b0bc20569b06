using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Turns validation findings into PowerShell output: one error per refused item, a warning per warning.</summary>
    internal static class ValidationReport
    {
        /// <summary>
        /// Writes warnings, and one non-terminating error listing every error finding (ErrorId = prefix + first code).
        /// Returns true when there was no error finding.
        /// </summary>
        public static bool Write(Cmdlet cmdlet, IEnumerable<ValidationFinding> findings, string errorIdPrefix, object target, string headline)
        {
            var all = findings.ToList();
            foreach (ValidationFinding w in all.Where(f => f.Severity == ValidationSeverity.Warning))
                cmdlet.WriteWarning($"{w.Path}: {w.Message} {w.Fix}");
            DataWorksValidationException refused = DataWorksValidationException.FromFindings(all, errorIdPrefix, headline);
            if (refused == null) return true;
            cmdlet.WriteError(ErrorRecords.From(refused, target));
            return false;
        }
    }
}
