using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// The wire spelling of an enum member when it is not the UPPER_SNAKE form of its name (DITaskType.Batch travels as
    /// DI_OFFLINE), and other spellings the service is known to use for it (misspellings in Alibaba's documentation).
    /// </summary>
    [AttributeUsage(AttributeTargets.Field)]
    internal sealed class WireNameAttribute : Attribute
    {
        public WireNameAttribute(string name, params string[] aliases)
        {
            Name = name;
            Aliases = aliases ?? new string[0];
        }

        public string Name { get; }

        public string[] Aliases { get; }
    }

    /// <summary>
    /// The one mapping between the module's enums and the wire. Two rules, read from the enum itself so there is no table
    /// to keep in step:
    /// - text enums: a member travels as its [WireName], else as the UPPER_SNAKE form of its name (NotDay ⇄ NOT_DAY,
    ///   FailureAllowed ⇄ FAILURE_ALLOWED); reading accepts that, the PowerShell name and the member's aliases;
    /// - numeric enums (codes such as GetDeployment's Status 0/1/2/6): a member's value is its code; an absent code reads
    ///   as null, and a code the enum does not name is kept as its number, never guessed into another member.
    /// </summary>
    internal static class WireEnum
    {
        private sealed class Spelling
        {
            public Dictionary<object, string> ToWire = new Dictionary<object, string>();
            public Dictionary<string, object> FromText = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            public List<string> Listed = new List<string>();
        }

        private static readonly ConcurrentDictionary<Type, Spelling> Spellings = new ConcurrentDictionary<Type, Spelling>();

        private static Spelling For(Type enumType) => Spellings.GetOrAdd(enumType, t =>
        {
            var s = new Spelling();
            foreach (FieldInfo field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                object member = field.GetValue(null);
                var attribute = field.GetCustomAttribute<WireNameAttribute>();
                string wire = attribute?.Name ?? SnakeCase(field.Name);
                s.ToWire[member] = wire;
                s.Listed.Add(field.Name);
                if (!string.Equals(wire, field.Name, StringComparison.Ordinal)) s.Listed.Add(wire);
                foreach (string text in new[] { field.Name, wire }.Concat(attribute?.Aliases ?? new string[0]))
                    s.FromText[Compact(text)] = member;
            }
            return s;
        });

        private static string SnakeCase(string name)
        {
            var sb = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToUpperInvariant(name[i]));
            }
            return sb.ToString();
        }

        private static string Compact(string text) => text.Trim().Replace("_", string.Empty).Replace("-", string.Empty);

        /// <summary>The wire text of a text enum member.</summary>
        public static string ToWire<T>(T value) where T : struct, Enum => For(typeof(T)).ToWire[value];

        /// <summary>Reads any accepted spelling (NOT_DAY, not_day, NotDay, an alias); null when it names no member.</summary>
        public static T? Parse<T>(string text) where T : struct, Enum => TryParse(typeof(T), text, out object member) ? (T)member : (T?)null;

        public static bool TryParse(Type enumType, string text, out object member)
        {
            member = null;
            return !string.IsNullOrWhiteSpace(text) && For(enumType).FromText.TryGetValue(Compact(text), out member);
        }

        /// <summary>Every accepted spelling but the aliases, for messages: each member's name and its wire text.</summary>
        public static IReadOnlyList<string> SpellingsOf(Type enumType) => For(enumType).Listed;

        /// <summary>The member of a numeric wire code; null when the code is absent (see the class summary for unnamed codes).</summary>
        public static T? FromCode<T>(int? code) where T : struct, Enum =>
            code.HasValue ? (T)Enum.ToObject(typeof(T), code.Value) : (T?)null;

        /// <summary>The numeric wire code of a member.</summary>
        public static int ToCode<T>(T value) where T : struct, Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
