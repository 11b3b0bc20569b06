namespace DataWorksDI.Validation
{
    /// <summary>The result of <see cref="TaskContentValidator.Validate(string)"/>.</summary>
    public sealed class TaskContentValidationResult
    {
        internal TaskContentValidationResult(IList<ValidationFinding> findings, IList<string> referencedParameters)
        {
            Findings = findings.ToList().AsReadOnly();
            ReferencedParameters = referencedParameters.ToList().AsReadOnly();
        }

        /// <summary>True when no finding is an <see cref="ValidationSeverity.Error"/>.</summary>
        public bool IsValid => Findings.All(f => f.Severity != ValidationSeverity.Error);

        /// <summary>Findings in document order (content-wide findings such as parameters and workspace checks last).</summary>
        public IReadOnlyList<ValidationFinding> Findings { get; }

        /// <summary>
        /// Scheduling-parameter references in the content's string values, each once, in order of first appearance:
        /// the name of every <c>${name}</c> (e.g. <c>bizdate</c>), every <c>$[expression]</c> as written, and every bare
        /// built-in such as <c>$bizdate</c> as written.
        /// </summary>
        public IReadOnlyList<string> ReferencedParameters { get; }

        public int ErrorCount => Findings.Count(f => f.Severity == ValidationSeverity.Error);

        public int WarningCount => Findings.Count(f => f.Severity == ValidationSeverity.Warning);

        /// <summary>The same result with more findings (e.g. about the ParaValue it was checked against).</summary>
        public TaskContentValidationResult With(IEnumerable<ValidationFinding> more) =>
            new TaskContentValidationResult(Findings.Concat(more).ToList(), ReferencedParameters.ToList());

        public override string ToString() =>
            $"{(IsValid ? "Valid" : "Invalid")}: {Findings.Count(f => f.Severity == ValidationSeverity.Error)} error(s), {Findings.Count(f => f.Severity == ValidationSeverity.Warning)} warning(s)";
    }
}
