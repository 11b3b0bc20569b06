using System.Collections;
using System.Globalization;
using System.Text;

namespace DataWorksDI.Validation
{
    /// <summary>
    /// UpdateFile's <c>ParaValue</c>: scheduling-parameter assignments written as space-separated <c>name=value</c>
    /// pairs, e.g. <c>bizdate=$bizdate hour=$[hh24]</c>. Names and values cannot contain spaces; names cannot contain
    /// '=', and DataWorks does not support '=' inside a parameter expression either.
    /// <see cref="Render"/> writes the pairs sorted by name (ordinal), so the same hashtable always gives the same
    /// string — whatever order a PowerShell hashtable enumerates in — and a re-run can compare it with the current value.
    /// </summary>
    public static class ScheduleParameters
    {
        /// <summary>
        /// Built-in system parameters: usable as values (e.g. <c>bizdate=$bizdate</c>) and, for <c>bizdate</c>,
        /// referenced in task content as <c>${bizdate}</c> without an assignment of their own.
        /// </summary>
        public static readonly IReadOnlyList<string> BuiltInParameters = new[] { "bizdate", "cyctime", "gmtdate", "bizmonth", "jobid", "nodeid", "taskid" };

        /// <summary>True when <paramref name="name"/> (without <c>$</c>) is a built-in system parameter.</summary>
        public static bool IsBuiltIn(string name) =>
            name != null && BuiltInParameters.Contains(name.TrimStart('$'), StringComparer.OrdinalIgnoreCase);

        /// <summary>Every problem with the assignments (an empty list when they can be rendered).</summary>
        public static IReadOnlyList<ValidationFinding> Check(IDictionary parameters)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            var findings = new List<ValidationFinding>();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in parameters)
            {
                string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                string value = entry.Value == null ? null : Convert.ToString(entry.Value, CultureInfo.InvariantCulture);
                CheckPair(name, value, findings);
                if (seen.ContainsKey(name))
                {
                    findings.Add(Finding(ValidationCodes.ParaValueDuplicateName, name,
                        $"Parameter '{name}' is assigned twice.", $"Keep one assignment of '{name}'."));
                }
                else
                {
                    seen[name] = value;
                }
            }
            return findings.AsReadOnly();
        }

        /// <summary>Renders the assignments as a ParaValue string, sorted by name.</summary>
        /// <exception cref="ArgumentException">A name or value cannot be written; the message lists every problem and its fix.</exception>
        public static string Render(IDictionary parameters)
        {
            var findings = Check(parameters);
            if (findings.Count > 0)
            {
                throw new ArgumentException(
                    "The scheduling parameters cannot be written as ParaValue: " + string.Join(" ", findings.Select(f => f.Message + " " + f.Fix)),
                    nameof(parameters));
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (DictionaryEntry entry in parameters)
            {
                pairs.Add(new KeyValuePair<string, string>(
                    Convert.ToString(entry.Key, CultureInfo.InvariantCulture),
                    Convert.ToString(entry.Value, CultureInfo.InvariantCulture)));
            }
            return string.Join(" ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>Every problem with a ParaValue string (an empty list when <see cref="Parse"/> would succeed).</summary>
        public static IReadOnlyList<ValidationFinding> CheckParaValue(string paraValue)
        {
            var findings = new List<ValidationFinding>();
            ParseInto(paraValue, findings, null, findings);
            return findings.AsReadOnly();
        }

        /// <summary>
        /// Reads a ParaValue string back into name → value, in the order written. Pairs are separated by any run of
        /// whitespace; each pair splits at its first '='. Null or blank gives an empty dictionary. Only structural
        /// problems (a token without '=', an empty name, a name used twice) fail; use <see cref="CheckParaValue"/> to
        /// also check what the names and values contain.
        /// </summary>
        /// <exception cref="FormatException">The string is not valid ParaValue; the message lists every problem and its fix.</exception>
        public static IDictionary<string, string> Parse(string paraValue)
        {
            var findings = new List<ValidationFinding>();
            var result = new OrderedStringDictionary();
            ParseInto(paraValue, findings, result, null);
            if (findings.Count > 0)
            {
                throw new FormatException("The ParaValue cannot be read: " + string.Join(" ", findings.Select(f => f.Message + " " + f.Fix)));
            }
            return result;
        }

        /// <summary>
        /// Structural problems (a token without '=', an empty name, a name used twice) go to <paramref name="findings"/>;
        /// problems with what a name or value contains go to <paramref name="contentFindings"/> when it is given, so
        /// <see cref="Parse"/> can still read back a value the service already holds.
        /// </summary>
        private static void ParseInto(string paraValue, List<ValidationFinding> findings, OrderedStringDictionary result, List<ValidationFinding> contentFindings)
        {
            if (string.IsNullOrWhiteSpace(paraValue)) return;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string token in paraValue.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq < 0)
                {
                    findings.Add(Finding(ValidationCodes.ParaValueMalformed, "ParaValue",
                        $"'{token}' in ParaValue is not a name=value pair.",
                        "Write each assignment as name=value with no spaces inside, e.g. 'bizdate=$bizdate hour=$[hh24]'; a value that needs a space must be split into two parameters."));
                    continue;
                }

                string name = token.Substring(0, eq);
                string value = token.Substring(eq + 1);
                if (name.Length == 0)
                {
                    CheckPair(name, value, findings);
                    continue;
                }
                if (contentFindings != null) CheckPair(name, value, contentFindings);
                if (!seen.Add(name))
                {
                    findings.Add(Finding(ValidationCodes.ParaValueDuplicateName, name,
                        $"Parameter '{name}' is assigned more than once in ParaValue.", $"Keep one assignment of '{name}'."));
                    continue;
                }
                result?.Add(name, value);
            }
        }

        private static void CheckPair(string name, string value, List<ValidationFinding> findings)
        {
            if (name.Length == 0 || name.Trim().Length == 0)
            {
                findings.Add(Finding(ValidationCodes.ParaValueNameEmpty, "ParaValue",
                    $"A parameter has an empty name (value '{value}').",
                    "Give every parameter the name used in the task content, e.g. @{ bizdate = '$bizdate' } for ${bizdate}."));
                return;
            }

            if (name.Any(char.IsWhiteSpace) || name.IndexOf('=') >= 0)
            {
                findings.Add(Finding(ValidationCodes.ParaValueNameInvalid, name,
                    $"Parameter name '{name}' contains {(name.IndexOf('=') >= 0 ? "'='" : "white space")}; ParaValue separates pairs with spaces and name from value with '='.",
                    "Use a name of letters, digits and underscores that matches the ${name} reference in the task content."));
            }
            else if (name.StartsWith("$", StringComparison.Ordinal) || name.IndexOf('{') >= 0 || name.IndexOf('}') >= 0 || name.IndexOf('[') >= 0 || name.IndexOf(']') >= 0)
            {
                string bare = name.Trim('$', '{', '}', '[', ']');
                findings.Add(Finding(ValidationCodes.ParaValueNameDecorated, name,
                    $"Parameter name '{name}' includes the reference syntax; the name is only the part inside ${{…}}.",
                    $"Assign '{bare}' instead: content '${{{bare}}}' takes its value from ParaValue '{bare}=…'."));
            }

            if (string.IsNullOrEmpty(value))
            {
                findings.Add(Finding(ValidationCodes.ParaValueValueEmpty, name,
                    $"Parameter '{name}' has no value.",
                    $"Assign a constant or a scheduling expression, e.g. {name}=$bizdate, {name}=${{yyyymmdd}} or {name}=$[yyyymmddhh24miss]."));
            }
            else if (value.Any(char.IsWhiteSpace))
            {
                findings.Add(Finding(ValidationCodes.ParaValueValueInvalid, name,
                    $"The value of '{name}' ('{value}') contains white space; ParaValue pairs are separated by spaces and an expression cannot contain one.",
                    $"Remove the space, or split the value into two parameters and join them in the task content, e.g. '${{day}} ${{time}}' with day=$[yyyy-mm-dd] time=$[hh24:mi:ss]."));
            }
            else if (value.IndexOf('=') >= 0)
            {
                findings.Add(Finding(ValidationCodes.ParaValueValueInvalid, name,
                    $"The value of '{name}' ('{value}') contains '='; DataWorks does not support '=' in a parameter expression.",
                    $"Keep the '=' in the task content and assign only the variable part, e.g. content 'pt=${{{name}}}' with {name}=$bizdate."));
            }
        }

        private static ValidationFinding Finding(string code, string path, string message, string fix) =>
            new ValidationFinding(code, ValidationSeverity.Error, path, message, fix);

        /// <summary>A string dictionary that enumerates in insertion order (the order the ParaValue was written).</summary>
        private sealed class OrderedStringDictionary : IDictionary<string, string>
        {
            private readonly List<string> _order = new List<string>();
            private readonly Dictionary<string, string> _map = new Dictionary<string, string>(StringComparer.Ordinal);

            public string this[string key]
            {
                get => _map[key];
                set
                {
                    if (!_map.ContainsKey(key)) _order.Add(key);
                    _map[key] = value;
                }
            }

            public ICollection<string> Keys => _order.ToList();
            public ICollection<string> Values => _order.Select(k => _map[k]).ToList();
            public int Count => _map.Count;
            public bool IsReadOnly => false;

            public void Add(string key, string value)
            {
                _map.Add(key, value);
                _order.Add(key);
            }

            public void Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

            public void Clear()
            {
                _map.Clear();
                _order.Clear();
            }

            public bool Contains(KeyValuePair<string, string> item) => _map.TryGetValue(item.Key, out var v) && v == item.Value;
            public bool ContainsKey(string key) => _map.ContainsKey(key);

            public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
            {
                foreach (var pair in this) array[arrayIndex++] = pair;
            }

            public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
                _order.Select(k => new KeyValuePair<string, string>(k, _map[k])).GetEnumerator();

            public bool Remove(string key)
            {
                if (!_map.Remove(key)) return false;
                _order.Remove(key);
                return true;
            }

            public bool Remove(KeyValuePair<string, string> item) => Contains(item) && Remove(item.Key);
            public bool TryGetValue(string key, out string value) => _map.TryGetValue(key, out value);
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString()
            {
                var sb = new StringBuilder();
                foreach (var k in _order) sb.Append(sb.Length > 0 ? " " : string.Empty).Append(k).Append('=').Append(_map[k]);
                return sb.ToString();
            }
        }
    }
}
