using System.Globalization;

namespace DataWorksDI.Cmdlets
{
    /// <summary>What a text argument is, which decides the characters it may hold and its length limit.</summary>
    internal enum TextKind
    {
        /// <summary>A file, task or table name: one line, no control character.</summary>
        Name,

        /// <summary>A folder path: one line, no control character.</summary>
        Path,

        /// <summary>An identifier or account id (owner, resource group, client token): one line, no control character.</summary>
        Identifier,

        /// <summary>A description or comment: line breaks and tabs allowed, no other control character.</summary>
        Text,
    }

    /// <summary>
    /// Bounds checked before anything is sent (issue 11 item 7; docs/validation-rules.md, "Argument bounds"): no control
    /// character where none belongs (a NUL or CR/LF in a name is accepted by some services and breaks every listing and
    /// log after it), and a length limit per kind. DataWorks documents no limit for these values, so the limits are the
    /// module's own, generous ones, each stated in the message.
    /// </summary>
    internal static class ArgumentBounds
    {
        public const int NameMax = 256;
        public const int PathMax = 1024;
        public const int IdentifierMax = 256;
        public const int TextMax = 4096;

        public static int LimitOf(TextKind kind) =>
            kind == TextKind.Name ? NameMax : kind == TextKind.Path ? PathMax : kind == TextKind.Identifier ? IdentifierMax : TextMax;

        /// <summary>The refusal of <paramref name="value"/> given as -<paramref name="parameter"/>, or null when it is fine (null values are fine).</summary>
        public static ErrorRecord Check(string parameter, string value, TextKind kind, object target)
        {
            if (value == null) return null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool allowed = kind == TextKind.Text && (c == '\r' || c == '\n' || c == '\t');
                if (char.IsControl(c) && !allowed)
                {
                    string what = c == '\0' ? "a NUL character" : c == '\r' || c == '\n' ? "a line break" : $"the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
                    return ErrorRecords.Create(ErrorIds.ControlCharacter,
                        $"Nothing was sent: -{parameter} '{Internal.Text.Printable(value)}' holds {what} at position {i + 1}. {(kind == TextKind.Text ? "A description or comment may hold line breaks and tabs, but no other control character." : "Names, paths and identifiers are one line of printable characters.")} Remove it (a value read from a file or CSV may carry a stray CR: trim it).",
                        ErrorCategory.InvalidArgument, target);
                }
            }
            int limit = LimitOf(kind);
            if (value.Length > limit)
            {
                return ErrorRecords.Create(ErrorIds.ValueTooLong,
                    $"Nothing was sent: -{parameter} is {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; the module accepts at most {limit.ToString("N0", CultureInfo.InvariantCulture)} for a {kind.ToString().ToLowerInvariant()} ('{Internal.Text.Printable(value, 40)}').",
                    ErrorCategory.InvalidArgument, target);
            }
            return null;
        }

        /// <summary>Checks every value given; writes the first refusal as a non-terminating error and returns false.</summary>
        public static bool TryCheck(Cmdlet cmdlet, object target, params (string Parameter, string Value, TextKind Kind)[] values)
        {
            foreach (var v in values)
            {
                ErrorRecord refused = Check(v.Parameter, v.Value, v.Kind, target);
                if (refused == null) continue;
                cmdlet.WriteError(refused);
                return false;
            }
            return true;
        }
    }
}
