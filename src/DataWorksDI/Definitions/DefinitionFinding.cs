using DataWorksDI.Validation;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// One problem found offline in a definition folder or a stage file (Test-DITaskDefinition writes these): the file,
    /// the task it is about (folder/name, when known), the JSON path inside the file, a stable code, what is wrong and how
    /// to fix it.
    /// </summary>
    public sealed class DefinitionFinding
    {
        public DefinitionFinding(string file, string task, string path, string code, ValidationSeverity severity, string message, string fix)
        {
            File = file ?? string.Empty;
            Task = task ?? string.Empty;
            Path = path ?? string.Empty;
            Code = code;
            Severity = severity;
            Message = message;
            Fix = fix;
        }

        /// <summary>The definition or stage file (as given, relative to -Path when it is inside it).</summary>
        public string File { get; }

        /// <summary>The task's folder/name after templates and the stage, or empty when the finding is about the file as a whole.</summary>
        public string Task { get; }

        /// <summary>JSON path in the file, e.g. <c>$.schedule.cron</c> or <c>$.content.steps[0].parameter.datasource</c>.</summary>
        public string Path { get; }

        /// <summary>Stable code: <c>DI.Definition.*</c>, <c>DI.Stage.*</c>, <c>DI.Template.*</c>, or a content/schedule check's own code.</summary>
        public string Code { get; }

        public ValidationSeverity Severity { get; }
        public string Message { get; }
        public string Fix { get; }

        public override string ToString() =>
            $"{Severity} {Code} in {File}{(Task.Length > 0 ? " (" + Task + ")" : string.Empty)}{(Path.Length > 0 ? " at " + Path : string.Empty)}: {Message} Fix: {Fix}";
    }

    /// <summary>The codes of the definition checks (docs/definitions.md lists them).</summary>
    internal static class DefinitionCodes
    {
        public const string MalformedJson = "DI.Definition.MalformedJson";
        public const string NotAnObject = "DI.Definition.NotAnObject";
        public const string UnknownKey = "DI.Definition.UnknownKey";
        public const string MissingKey = "DI.Definition.MissingKey";
        public const string WrongType = "DI.Definition.WrongType";
        public const string InvalidValue = "DI.Definition.InvalidValue";
        public const string DuplicateTask = "DI.Definition.DuplicateTask";
        public const string UnsupportedSchedule = "DI.Definition.UnsupportedSchedule";
        public const string PathMismatch = "DI.Definition.PathMismatch";
        public const string NoDefinitions = "DI.Definition.NoDefinitions";
        public const string DependencyCycle = "DI.Definition.DependencyCycle";

        public const string TemplateMatrix = "DI.Template.Matrix";
        public const string TemplateTokenUnset = "DI.Template.TokenWithoutValue";
        public const string TemplateDuplicate = "DI.Template.DuplicateTask";

        public const string StageMalformed = "DI.Stage.Malformed";
        public const string StageUnknownKey = "DI.Stage.UnknownKey";
        public const string StageAmbiguousReverse = "DI.Stage.AmbiguousReverseMap";
        public const string StageParameterClash = "DI.Stage.ParameterClash";
        public const string StageUnsetParameter = "DI.Stage.UnsetParameter";

        /// <summary>The fix of an unknown key: "&lt;lead&gt;a, b, c; did you mean 'b'?" (or "." when nothing is close).</summary>
        public static string UseKnownNames(string lead, IReadOnlyList<string> names, string given)
        {
            string closest = ClosestMatches.DidYouMean(ClosestMatches.Find(given, names));
            return lead + string.Join(", ", names) + (closest == null ? "." : "; " + closest);
        }
    }
}
