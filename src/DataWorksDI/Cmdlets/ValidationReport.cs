using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Input refused by the offline checks; carries every finding so a script can inspect them.</summary>
    [Serializable]
    public sealed class DataWorksValidationException : DataWorksOperationException
    {
        public DataWorksValidationException(string errorId, string message, IReadOnlyList<ValidationFinding> findings)
            : base(errorId, message, ErrorCategory.InvalidData)
        {
            Findings = findings;
        }

        public IReadOnlyList<ValidationFinding> Findings { get; }
    }

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
            var errors = all.Where(f => f.Severity == ValidationSeverity.Error).ToList();
            if (errors.Count == 0) return true;

            string message = string.Format(headline, errors.Count) + ":" + Environment.NewLine +
                string.Join(Environment.NewLine, errors.Select(e => $"  [{e.Code}] {(string.IsNullOrEmpty(e.Path) ? string.Empty : e.Path + ": ")}{e.Message} Fix: {e.Fix}"));
            string errorId = errorIdPrefix + "." + errors[0].Code;
            var exception = new DataWorksValidationException(errorId, message, errors);
            var record = new ErrorRecord(exception, errorId, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = errors[0].Fix },
            };
            cmdlet.WriteError(record);
            return false;
        }
    }
}
