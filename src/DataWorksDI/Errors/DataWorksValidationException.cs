using DataWorksDI.Validation;

namespace DataWorksDI.Errors
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

        /// <summary>
        /// One exception for every error finding, or null when there is none. ErrorId = prefix + first code; the message
        /// is the headline ({0} = how many) and a line per finding with its path and fix.
        /// </summary>
        internal static DataWorksValidationException FromFindings(IEnumerable<ValidationFinding> findings, string errorIdPrefix, string headline)
        {
            var errors = findings.Where(f => f.Severity == ValidationSeverity.Error).ToList();
            if (errors.Count == 0) return null;
            string message = string.Format(headline, errors.Count) + ":" + Environment.NewLine +
                string.Join(Environment.NewLine, errors.Select(e => $"  [{e.Code}] {(string.IsNullOrEmpty(e.Path) ? string.Empty : e.Path + ": ")}{e.Message} Fix: {e.Fix}"));
            return new DataWorksValidationException(ErrorIds.WithCode(errorIdPrefix, errors[0].Code), message, errors) { RecommendedAction = errors[0].Fix };
        }
    }
}
