namespace DataWorksDI.Validation
{
    /// <summary>The plugin-specific checks: each step's parameters against <see cref="PluginCatalog.Default"/>.</summary>
    public sealed partial class TaskContentValidator
    {
        /// <summary>Parameters whose JSON type the generic step checks already report; the catalogue does not type them again.</summary>
        private static readonly HashSet<string> GenericallyTypedParameters = new HashSet<string>(StringComparer.Ordinal)
        {
            "column", "datasource", "table", "where", "splitPk", "encoding", "truncate", "envType", "connection",
        };

        private sealed partial class Run
        {
            /// <summary>The catalogue entry that decides whether a step needs a data source (its role's, or any role's when the category is unusable).</summary>
            private static PluginSpec PluginForDataSource(StepInfo info)
            {
                if (info.StepType == null) return null;
                return PluginCatalog.Default.Find(info.StepType, info.Category)
                    ?? (info.Category == null
                        ? PluginCatalog.Default.Plugins.FirstOrDefault(p => string.Equals(p.StepType, info.StepType.Trim(), StringComparison.OrdinalIgnoreCase))
                        : null);
            }

            /// <summary>Absent, null, a blank string or an empty array: nothing was written (templates ship "" and [] placeholders).</summary>
            private static bool IsBlank(JToken value) =>
                value == null
                || value.Type == JTokenType.Null
                || (value.Type == JTokenType.String && ((string)value).Trim().Length == 0)
                || (value is JArray array && array.Count == 0);

            /// <summary>A string the scheduler replaces at run time (${name}, $[expr], $bizdate…): its final value is unknown offline.</summary>
            private static bool IsSubstituted(JToken value) =>
                value.Type == JTokenType.String && FindParameterReferences((string)value).Count > 0;

            private void CheckPlugin(StepInfo info, string label)
            {
                if (info.StepType == null || info.Category == null) return; // already reported
                PluginSpec plugin = PluginCatalog.Default.Find(info.StepType, info.Category);
                if (plugin == null)
                {
                    ReportUnknownPlugin(info, label);
                    return;
                }

                string who = $"{label} ({plugin.Title})";
                foreach (PluginParameterSpec spec in plugin.Parameters)
                {
                    CheckRequirement(info, who, spec);
                    JToken value = info.Parameter[spec.Name];
                    if (value == null || value.Type == JTokenType.Null) continue;
                    if (!CheckCatalogType(value, who, spec)) continue;
                    CheckAllowedValue(value, who, spec);
                    if (spec.Items != null && value is JArray entries) CheckEntries(entries, who, spec);
                }
            }

            private void ReportUnknownPlugin(StepInfo info, string label)
            {
                PluginCatalog catalog = PluginCatalog.Default;
                string stepType = info.StepType;
                foreach (var suffix in new[] { "reader", "writer" })
                {
                    // "mysqlreader": DI.Step.StepTypeSuffix already says to write "mysql".
                    if (stepType.Length > suffix.Length && stepType.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                        && catalog.StepTypes().Contains(stepType.Substring(0, stepType.Length - suffix.Length), StringComparer.OrdinalIgnoreCase))
                        return;
                }

                string otherRole = info.Category == "reader" ? "writer" : "reader";
                bool otherRoleKnown = catalog.Find(stepType, otherRole) != null;
                IReadOnlyList<string> closest = ClosestMatches.Find(stepType, catalog.StepTypes(info.Category));
                string known = string.Join(", ", catalog.StepTypes(info.Category));
                Add(ValidationCodes.PluginUnknown, ValidationSeverity.Information, PathOf(info.Token) + ".stepType", info.Token["stepType"],
                    otherRoleKnown
                        ? $"{label} uses stepType \"{stepType}\" as a {info.Category}; this module's plugin catalogue knows it only as a {otherRole}, so only the generic checks ran for this step."
                        : $"{label} uses stepType \"{stepType}\", which this module's plugin catalogue does not list; only the generic checks ran for this step.",
                    (closest.Count > 0 ? $"If you meant a catalogued plugin, {ClosestMatches.DidYouMean(closest)} " : string.Empty)
                    + $"Nothing to fix if \"{stepType}\" is a DataWorks {info.Category} plugin this catalogue does not cover (catalogued {info.Category}s: {known}).");
            }

            // ------------------------------------------------------------ required parameters

            private void CheckRequirement(StepInfo info, string who, PluginParameterSpec spec)
            {
                if (!spec.Required) return;
                JObject p = info.Parameter;
                var connections = spec.InConnection ? (info.Connections?.OfType<JObject>().ToList() ?? new List<JObject>()) : new List<JObject>();
                if (Waived(p, connections, spec)) return;

                JToken top = p[spec.Name];
                if (!IsBlank(top)) return;
                if (spec.Name == "column" && top is JArray) return; // "column": [] is DI.Column.Empty

                if (connections.Count > 0 && top == null)
                {
                    // Given per connection entry (the DataX/sharding form): every entry needs it, or one of its alternatives.
                    for (int j = 0; j < connections.Count; j++)
                    {
                        JObject entry = connections[j];
                        if (!IsBlank(entry[spec.Name]) || spec.UnlessPresent.Any(u => !IsBlank(entry[u]))) continue;
                        string entryPath = PathOf(entry) + "." + spec.Name;
                        Add(ValidationCodes.PluginParameterMissing, ValidationSeverity.Error, entryPath, entry[spec.Name] ?? entry,
                            (entry[spec.Name] == null ? $"{who} has no \"{spec.Name}\" in connection entry {j}" : $"{who} has an empty \"{spec.Name}\" in connection entry {j}")
                            + $"; DataWorks requires it{Unless(spec)}.",
                            $"Add \"{spec.Name}\" to parameter.connection[{j}]: {spec.Describe}, e.g. {spec.Example}.");
                    }
                    return;
                }

                string misspelt = top == null ? Misspelling(spec.Name, p) : null;
                Add(ValidationCodes.PluginParameterMissing, ValidationSeverity.Error, PathOf(p) + "." + spec.Name, top ?? p,
                    (top == null ? $"{who} has no \"{spec.Name}\"" : $"{who} has an empty \"{spec.Name}\" (a template placeholder left blank?)")
                    + $"; DataWorks requires it{Unless(spec)}."
                    + (misspelt == null ? string.Empty : $" It has \"{misspelt}\" — a misspelling of \"{spec.Name}\"?"),
                    misspelt == null
                        ? $"Add parameter.{spec.Name}: {spec.Describe}, e.g. {spec.Example}."
                        : $"Rename \"{misspelt}\" to \"{spec.Name}\" ({spec.Describe}, e.g. {spec.Example}).");
            }

            private static bool Waived(JObject p, List<JObject> connections, PluginParameterSpec spec)
            {
                if (spec.UnlessPresent.Any(u => !IsBlank(p[u]) || connections.Any(c => !IsBlank(c[u])))) return true;
                if (spec.UnlessValue == null) return false;
                JToken condition = p[spec.UnlessValue.Parameter];
                return condition != null && condition.Type == JTokenType.String
                    && spec.UnlessValue.Values.Contains(((string)condition).Trim(), StringComparer.OrdinalIgnoreCase);
            }

            private static string Unless(PluginParameterSpec spec)
            {
                var parts = new List<string>();
                if (spec.UnlessPresent.Count > 0) parts.Add("unless " + string.Join(" or ", spec.UnlessPresent.Select(u => $"\"{u}\"")) + " is given");
                if (spec.UnlessValue != null)
                    parts.Add($"unless {spec.UnlessValue.Parameter} is {string.Join(" or ", spec.UnlessValue.Values)}");
                return parts.Count == 0 ? string.Empty : " " + string.Join(" and ", parts);
            }

            /// <summary>A key of the step's parameter that looks like a misspelling of <paramref name="name"/> (by edit distance only).</summary>
            private static string Misspelling(string name, JObject p)
            {
                int limit = Math.Max(1, name.Length / 3);
                return p.Properties()
                    .Select(k => k.Name)
                    .Where(k => k != name)
                    .Select(k => new { Key = k, Distance = ClosestMatches.Distance(k, name) })
                    .Where(x => x.Distance <= limit && x.Distance < Math.Min(x.Key.Length, name.Length))
                    .OrderBy(x => x.Distance)
                    .Select(x => x.Key)
                    .FirstOrDefault();
            }

            // ------------------------------------------------------------ types and values

            /// <summary>False when the value has the wrong JSON type (reported); then its value is not checked further.</summary>
            private bool CheckCatalogType(JToken value, string who, PluginParameterSpec spec)
            {
                if (spec.Types.Count == 0 || GenericallyTypedParameters.Contains(spec.Name)) return true;
                // "" is how DataWorks' own templates leave an optional parameter at its default (e.g. "skipHeader": "").
                if (value.Type == JTokenType.String && ((string)value).Trim().Length == 0) return true;
                if (IsSubstituted(value) || spec.Types.Any(t => HasType(value, t))) return true;
                string expected = DescribeTypes(spec.Types);
                string example = spec.Allowed.Count > 0
                    ? $"\"{spec.Name}\": \"{spec.Allowed[0]}\""
                    : spec.Example ?? ExampleOf(spec.Name, spec.Types[0]);
                WrongType(value, $"{who} \"{spec.Name}\"", $"{expected}, e.g. {example}", expected);
                return false;
            }

            private void CheckAllowedValue(JToken value, string who, PluginParameterSpec spec)
            {
                if (spec.Allowed.Count == 0 || value.Type != JTokenType.String || IsSubstituted(value)) return;
                string text = ((string)value).Trim();
                if (text.Length == 0) return; // an optional parameter left blank takes its default
                if (spec.Allowed.Contains(text, StringComparer.OrdinalIgnoreCase)) return;
                string didYouMean = ClosestMatches.DidYouMean(ClosestMatches.Find(text, spec.Allowed, 1));
                Add(ValidationCodes.PluginValueNotAllowed, ValidationSeverity.Error, PathOf(value), value,
                    $"{who} has \"{spec.Name}\": \"{text}\"; DataWorks accepts {ListOf(spec.Allowed)}.",
                    $"Set \"{spec.Name}\" to one of {ListOf(spec.Allowed)}" + (didYouMean == null ? "." : $" — {didYouMean}"));
            }

            private void CheckEntries(JArray entries, string who, PluginParameterSpec spec)
            {
                PluginItemSpec items = spec.Items;
                for (int k = 0; k < entries.Count; k++)
                {
                    JToken entry = entries[k];
                    if (items.Types.Count > 0 && !items.Types.Any(t => HasType(entry, t)))
                    {
                        string expected = DescribeTypes(items.Types);
                        WrongType(entry, $"{who} \"{spec.Name}\" entry {k}", $"{expected}, as in {spec.Example}", expected);
                        continue;
                    }

                    if (!(entry is JObject o)) continue;
                    foreach (string key in items.RequiredKeys.Where(key => IsBlank(o[key])))
                    {
                        Add(ValidationCodes.PluginEntryIncomplete, ValidationSeverity.Error, PathOf(o) + "." + key, o[key] ?? o,
                            $"{who} \"{spec.Name}\" entry {k} has no \"{key}\" (it has {DescribeKeys(o)}).",
                            $"Give every \"{spec.Name}\" entry its {ListOf(items.RequiredKeys, "and")}, as in {spec.Example}.");
                    }

                    if (items.OneOfKeys.Count > 0 && items.OneOfKeys.All(key => o[key] == null))
                    {
                        Add(ValidationCodes.PluginEntryIncomplete, ValidationSeverity.Error, PathOf(o), o,
                            $"{who} \"{spec.Name}\" entry {k} has {ListOf(items.OneOfKeys, "nor", "neither ")} (it has {DescribeKeys(o)}).",
                            $"Give every \"{spec.Name}\" entry {ListOf(items.OneOfKeys, "or", "either ")}, as in {spec.Example}.");
                    }

                    foreach (var allowed in items.Allowed)
                    {
                        JToken v = o[allowed.Key];
                        if (v == null || v.Type != JTokenType.String || IsSubstituted(v)) continue;
                        string text = ((string)v).Trim();
                        if (text.Length == 0 || allowed.Value.Contains(text, StringComparer.OrdinalIgnoreCase)) continue;
                        string didYouMean = ClosestMatches.DidYouMean(ClosestMatches.Find(text, allowed.Value, 1));
                        Add(ValidationCodes.PluginValueNotAllowed, ValidationSeverity.Error, PathOf(v), v,
                            $"{who} \"{spec.Name}\" entry {k} has \"{allowed.Key}\": \"{text}\"; DataWorks accepts {ListOf(allowed.Value)}.",
                            $"Set \"{allowed.Key}\" to one of {ListOf(allowed.Value)}" + (didYouMean == null ? "." : $" — {didYouMean}"));
                    }
                }
            }

            private static bool HasType(JToken value, string type)
            {
                switch (type)
                {
                    case "string": return value.Type == JTokenType.String;
                    case "array": return value.Type == JTokenType.Array;
                    case "integer": return value.Type == JTokenType.Integer;
                    case "number": return value.Type == JTokenType.Integer || value.Type == JTokenType.Float;
                    case "boolean": return value.Type == JTokenType.Boolean;
                    case "boolean-string":
                        return value.Type == JTokenType.Boolean
                            || (value.Type == JTokenType.String && (string.Equals((string)value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals((string)value, "false", StringComparison.OrdinalIgnoreCase)));
                    case "object": return value.Type == JTokenType.Object;
                    default: return false;
                }
            }

            private static string DescribeTypes(IEnumerable<string> types) =>
                string.Join(" or ", types.Select(t => t == "boolean-string" ? "true or false" : WithArticle(t)).Distinct());

            private static string ExampleOf(string name, string type)
            {
                switch (type)
                {
                    case "integer":
                    case "number": return $"\"{name}\": 1024 (no quotes)";
                    case "boolean":
                    case "boolean-string": return $"\"{name}\": false";
                    case "array": return $"\"{name}\": [\"…\"]";
                    case "object": return $"\"{name}\": {{…}}";
                    default: return $"\"{name}\": \"…\"";
                }
            }

            private static string DescribeKeys(JObject o) =>
                o.Count == 0 ? "no keys" : string.Join(", ", o.Properties().Select(x => $"\"{x.Name}\""));

            private static string ListOf(IReadOnlyList<string> values, string conjunction = "or", string lead = "")
            {
                var quoted = values.Select(v => $"\"{v}\"").ToList();
                if (quoted.Count == 1) return lead + quoted[0];
                return lead + string.Join(", ", quoted.Take(quoted.Count - 1)) + " " + conjunction + " " + quoted[quoted.Count - 1];
            }
        }
    }
}
