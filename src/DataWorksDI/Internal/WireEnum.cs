using System;
using System.Text;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// Maps the module's enums to the wire's spellings and back: NotDay ⇄ NOT_DAY, FailureAllowed ⇄ FAILURE_ALLOWED,
    /// UserDefine ⇄ USER_DEFINE. One rule for every enum, so there is no table to keep in step.
    /// </summary>
    internal static class WireEnum
    {
        public static string ToWire<T>(T value) where T : struct, Enum => NameToWire(value.ToString());

        public static string NameToWire(string name)
        {
            var sb = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToUpperInvariant(name[i]));
            }
            return sb.ToString();
        }

        /// <summary>Reads either spelling (NOT_DAY, not_day, NotDay); null when it is not a member.</summary>
        public static T? Parse<T>(string text) where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string compact = text.Trim().Replace("_", string.Empty).Replace("-", string.Empty);
            foreach (T v in (T[])Enum.GetValues(typeof(T)))
                if (string.Equals(v.ToString(), compact, StringComparison.OrdinalIgnoreCase)) return v;
            // The UpdateFile doc lists the misspelling ALL_ALLOWD; read it as AllAllowed.
            if (typeof(T).Name == "DIRerunMode" && string.Equals(compact, "ALLALLOWD", StringComparison.OrdinalIgnoreCase))
                return (T)Enum.Parse(typeof(T), "AllAllowed");
            return null;
        }
    }
}
