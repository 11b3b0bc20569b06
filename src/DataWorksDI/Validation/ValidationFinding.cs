using System.Text;

namespace DataWorksDI.Validation
{
    /// <summary>How serious a finding is. Only <see cref="Error"/> makes a result invalid.</summary>
    public enum ValidationSeverity
    {
        /// <summary>The call would fail, or the task would run wrongly. Fix before calling the service.</summary>
        Error,

        /// <summary>Probably a mistake, or allowed but risky; the call may still succeed.</summary>
        Warning,

        /// <summary>Worth knowing; nothing to fix.</summary>
        Information,
    }

    /// <summary>
    /// One problem found offline: a stable <see cref="Code"/>, where it is (<see cref="Path"/>), what is wrong
    /// (<see cref="Message"/>) and how to fix it (<see cref="Fix"/>).
    /// </summary>
    public sealed class ValidationFinding
    {
        public ValidationFinding(string code, ValidationSeverity severity, string path, string message, string fix)
            : this(code, severity, path, message, fix, 0, 0)
        {
        }

        public ValidationFinding(string code, ValidationSeverity severity, string path, string message, string fix, int lineNumber, int linePosition)
        {
            if (string.IsNullOrWhiteSpace(code)) throw new ArgumentException("A finding needs a code.", nameof(code));
            if (string.IsNullOrWhiteSpace(message)) throw new ArgumentException("A finding needs a message.", nameof(message));
            if (string.IsNullOrWhiteSpace(fix)) throw new ArgumentException("A finding needs a fix.", nameof(fix));
            Code = code;
            Severity = severity;
            Path = path ?? string.Empty;
            Message = message;
            Fix = fix;
            LineNumber = lineNumber;
            LinePosition = linePosition;
        }

        /// <summary>Stable identifier such as <c>DI.Content.DataXShape</c>; see docs/validation-rules.md.</summary>
        public string Code { get; }

        public ValidationSeverity Severity { get; }

        /// <summary>
        /// JSON path into the task content (e.g. <c>$.steps[1].parameter.column</c>), or the name of the schedule
        /// setting or parameter the finding is about (e.g. <c>CronExpress</c>, <c>CycleType</c>, <c>bizdate</c>).
        /// </summary>
        public string Path { get; }

        /// <summary>What is wrong, naming the values involved.</summary>
        public string Message { get; }

        /// <summary>How to fix it.</summary>
        public string Fix { get; }

        /// <summary>1-based line in the content, or 0 when not known or not applicable.</summary>
        public int LineNumber { get; }

        /// <summary>1-based position in the line, or 0 when not known or not applicable.</summary>
        public int LinePosition { get; }

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Severity).Append(' ').Append(Code);
            if (Path.Length > 0) sb.Append(" at ").Append(Path);
            if (LineNumber > 0) sb.Append(" (line ").Append(LineNumber).Append(", position ").Append(LinePosition).Append(')');
            sb.Append(": ").Append(Message).Append(" Fix: ").Append(Fix);
            return sb.ToString();
        }
    }
}
