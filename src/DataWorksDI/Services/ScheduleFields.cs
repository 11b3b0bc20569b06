using System.Globalization;
using Newtonsoft.Json;

namespace DataWorksDI.Services
{
    /// <summary>How a field's current and desired values are compared.</summary>
    internal enum FieldComparison { Text, EnumText, List, Words, Number, Boolean, Json }

    /// <summary>One UpdateFile field the user asked to set, in wire form.</summary>
    internal sealed class ScheduleField
    {
        public ScheduleField(string wireName, string value, FieldComparison comparison)
        {
            WireName = wireName;
            Value = value;
            Comparison = comparison;
        }

        public string WireName { get; }
        public string Value { get; }
        public FieldComparison Comparison { get; }
    }

    /// <summary>
    /// The one place that turns schedule values (PowerShell types) into UpdateFile fields — wire name, wire form, and how
    /// GetFile's value is compared (<see cref="ScheduleFields.Changed"/>). Set-DIFileSchedule (its parameters and
    /// -Schedule) and the definitions' plan and apply build their fields here, so the plan's "differs" and apply's "sent"
    /// are the same decision. A wire name is added once: the first value given wins (explicit parameters before -Schedule).
    /// </summary>
    internal sealed class ScheduleFieldSet
    {
        private readonly List<ScheduleField> _fields = new List<ScheduleField>();

        public int Count => _fields.Count;

        public bool Has(string wireName) => _fields.Any(f => f.WireName == wireName);

        public List<ScheduleField> ToList() => new List<ScheduleField>(_fields);

        private ScheduleFieldSet Add(string wireName, string value, FieldComparison comparison)
        {
            if (!Has(wireName)) _fields.Add(new ScheduleField(wireName, value, comparison));
            return this;
        }

        private static string Flag(bool value) => value ? "true" : "false";

        private static string Names<T>(IEnumerable<T> items) =>
            string.Join(",", (items ?? Enumerable.Empty<T>()).Select(i => Convert.ToString(i, CultureInfo.InvariantCulture).Trim()));

        /// <summary>UpdateFile's dates are epoch milliseconds; a DateTime of unspecified kind is local time (as PowerShell reads '2030-01-01').</summary>
        public static string EpochMs(DateTime value)
        {
            DateTime utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime() : value.ToUniversalTime();
            return new DateTimeOffset(utc).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        public ScheduleFieldSet Cron(string cron) => Add("CronExpress", cron?.Trim(), FieldComparison.Text);
        public ScheduleFieldSet CycleType(string wire) => Add("CycleType", wire, FieldComparison.EnumText);
        public ScheduleFieldSet CycleType(DICycleType value) => CycleType(WireEnum.ToWire(value));
        public ScheduleFieldSet RerunMode(DIRerunMode value) => Add("RerunMode", WireEnum.ToWire(value), FieldComparison.EnumText);
        public ScheduleFieldSet AutoRerunTimes(long times) => Add("AutoRerunTimes", times.ToString(CultureInfo.InvariantCulture), FieldComparison.Number);
        public ScheduleFieldSet AutoRerunInterval(TimeSpan interval) => Add("AutoRerunIntervalMillis", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), FieldComparison.Number);
        public ScheduleFieldSet InputList(IEnumerable<string> names) => Add("InputList", Names(names), FieldComparison.List);
        public ScheduleFieldSet OutputList(IEnumerable<string> names) => Add("OutputList", Names(names), FieldComparison.List);
        public ScheduleFieldSet DependentType(DIDependentType value) => Add("DependentType", WireEnum.ToWire(value), FieldComparison.EnumText);
        public ScheduleFieldSet DependentNodeIds(IEnumerable<long> ids) => Add("DependentNodeIdList", Names(ids), FieldComparison.List);
        public ScheduleFieldSet ParaValue(string paraValue) => Add(ScheduleFields.ParaValue, paraValue?.Trim(), FieldComparison.Words);
        public ScheduleFieldSet StartEffectDate(DateTime date) => Add("StartEffectDate", EpochMs(date), FieldComparison.Number);
        public ScheduleFieldSet EndEffectDate(DateTime date) => Add("EndEffectDate", EpochMs(date), FieldComparison.Number);
        public ScheduleFieldSet SchedulerType(DISchedulerType value) => Add("SchedulerType", WireEnum.ToWire(value), FieldComparison.EnumText);
        public ScheduleFieldSet ResourceGroupIdentifier(string identifier) => Add(ScheduleFields.ResourceGroupIdentifier, identifier, FieldComparison.Text);

        /// <summary>A whole schedule's scheduling group, by GetFile's numeric id (ScheduleWorkflow turns it into the identifier); not when an identifier is given.</summary>
        public ScheduleFieldSet ResourceGroupId(long id) => Has(ScheduleFields.ResourceGroupIdentifier) ? this : Add(ScheduleFields.ResourceGroupId, id.ToString(CultureInfo.InvariantCulture), FieldComparison.Number);

        public ScheduleFieldSet Stop(bool stop) => Add("Stop", Flag(stop), FieldComparison.Boolean);
        public ScheduleFieldSet FileName(string name) => Add("FileName", name, FieldComparison.Text);
        public ScheduleFieldSet FolderPath(string path) => Add(ScheduleFields.FolderPath, path?.Trim('/'), FieldComparison.Text);
        public ScheduleFieldSet Description(string description) => Add("FileDescription", description ?? string.Empty, FieldComparison.Text);
        public ScheduleFieldSet Owner(string owner) => Add("Owner", owner, FieldComparison.Text);
        public ScheduleFieldSet AutoParsing(bool value) => Add("AutoParsing", Flag(value), FieldComparison.Boolean);
        public ScheduleFieldSet ApplyScheduleImmediately(bool value) => Add("ApplyScheduleImmediately", Flag(value), FieldComparison.Boolean);
        public ScheduleFieldSet IgnoreParentSkipRunningProperty(bool value) => Add("IgnoreParentSkipRunningProperty", Flag(value), FieldComparison.Boolean);

        /// <summary>InputParameters / OutputParameters as JSON text (an array of objects); compared as DataWorks normalises them (<see cref="ScheduleFields.SameJson"/>).</summary>
        public ScheduleFieldSet InputParameters(string json) => Add("InputParameters", json, FieldComparison.Json);
        public ScheduleFieldSet OutputParameters(string json) => Add("OutputParameters", json, FieldComparison.Json);

        /// <summary>
        /// The fields of a whole schedule (Set-DIFileSchedule -Schedule) that are set in it and not given already; empty
        /// lists are not applied. A given cron brings its own CycleType; outputs name a node, so a schedule applied to
        /// another file (a copy) leaves that file's OutputList alone.
        /// </summary>
        public ScheduleFieldSet Schedule(DIFileSchedule s, bool cronGiven, bool sameFile)
        {
            if (!cronGiven)
            {
                if (!string.IsNullOrWhiteSpace(s.Cron)) Cron(s.Cron);
                if (s.CycleType.HasValue) CycleType(s.CycleType.Value);
            }
            if (s.RerunMode.HasValue) RerunMode(s.RerunMode.Value);
            if (s.AutoRerunTimes.HasValue) AutoRerunTimes(s.AutoRerunTimes.Value);
            if (s.AutoRerunInterval.HasValue) AutoRerunInterval(s.AutoRerunInterval.Value);
            if (s.DependentType.HasValue) DependentType(s.DependentType.Value);
            if (s.DependentNodeId != null && s.DependentNodeId.Length > 0) DependentNodeIds(s.DependentNodeId);
            if (s.InputList != null && s.InputList.Length > 0) InputList(s.InputList);
            if (sameFile && s.OutputList != null && s.OutputList.Length > 0) OutputList(s.OutputList);
            if (s.ParaValue != null) ParaValue(s.ParaValue);
            if (s.SchedulerType.HasValue) SchedulerType(s.SchedulerType.Value);
            if (s.Stop.HasValue) Stop(s.Stop.Value);
            if (s.StartEffectDate.HasValue) StartEffectDate(s.StartEffectDate.Value);
            if (s.EndEffectDate.HasValue) EndEffectDate(s.EndEffectDate.Value);
            if (s.ResourceGroupId > 0) ResourceGroupId(s.ResourceGroupId.Value);
            if (s.ApplyScheduleImmediately.HasValue) ApplyScheduleImmediately(s.ApplyScheduleImmediately.Value);
            if (s.IgnoreParentSkipRunningProperty.HasValue) IgnoreParentSkipRunningProperty(s.IgnoreParentSkipRunningProperty.Value);
            if (!string.IsNullOrWhiteSpace(s.InputParameters)) InputParameters(s.InputParameters);
            if (!string.IsNullOrWhiteSpace(s.OutputParameters)) OutputParameters(s.OutputParameters);
            return this;
        }
    }

    /// <summary>
    /// UpdateFile rejects a value equal to the current one ("invalid data"), so a re-runnable script must compare
    /// first. This reads the current value of each field from GetFile (File and NodeConfiguration, in their own wire
    /// types) and keeps only the fields that differ.
    /// </summary>
    internal static class ScheduleFields
    {
        /// <summary>Fields whose current value is not in GetFile as UpdateFile takes it (a folder id, a numeric group id).</summary>
        public const string FolderPath = "FileFolderPath";
        public const string ResourceGroupIdentifier = "ResourceGroupIdentifier";

        /// <summary>
        /// The pseudo-field a whole schedule (Set-DIFileSchedule -Schedule) brings its scheduling resource group in: GetFile
        /// gives the group's numeric id, UpdateFile takes its identifier (ScheduleWorkflow resolves it; never sent as such).
        /// </summary>
        public const string ResourceGroupId = "ResourceGroupId";

        /// <summary>The scheduling parameters, checked against the content's ${…} references.</summary>
        public const string ParaValue = "ParaValue";

        private static readonly HashSet<string> FileLevel = new HashSet<string>(StringComparer.Ordinal)
        {
            "FileName", "FileDescription", "Owner", "AutoParsing", "ConnectionName", "Content",
        };

        private static readonly Dictionary<string, string> FileFieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FileName"] = "FileName",
            ["FileDescription"] = "FileDescription",
            ["Owner"] = "Owner",
            ["AutoParsing"] = "AutoParsing",
            ["ConnectionName"] = "ConnectionName",
            ["Content"] = "Content",
        };

        /// <param name="getFileData">GetFile's Data object.</param>
        /// <param name="currentFolderPath">The file's folder path (resolved by the caller when FileFolderPath is asked for).</param>
        /// <param name="currentResourceGroupIdentifier">The identifier of the file's scheduling resource group, when resolved.</param>
        public static List<ScheduleField> Changed(IEnumerable<ScheduleField> desired, JToken getFileData, string currentFolderPath, string currentResourceGroupIdentifier, out List<string> unchanged)
        {
            JToken file = getFileData?["File"];
            JToken node = getFileData?["NodeConfiguration"];
            var changed = new List<ScheduleField>();
            unchanged = new List<string>();
            foreach (ScheduleField field in desired)
            {
                JToken current;
                if (field.WireName == FolderPath) current = currentFolderPath == null ? null : new JValue(currentFolderPath);
                else if (field.WireName == ResourceGroupIdentifier) current = currentResourceGroupIdentifier == null ? null : new JValue(currentResourceGroupIdentifier);
                else if (FileLevel.Contains(field.WireName)) current = file?[FileFieldNames[field.WireName]];
                else current = node?[field.WireName];

                if (Same(current, field.Value, field.Comparison)) unchanged.Add(field.WireName);
                else changed.Add(field);
            }
            return changed;
        }

        internal static bool Same(JToken current, string desired, FieldComparison comparison)
        {
            if (current == null || current.Type == JTokenType.Null || current.Type == JTokenType.Undefined) return false;
            switch (comparison)
            {
                case FieldComparison.Text:
                    return string.Equals(Text(current)?.Trim(), desired?.Trim(), StringComparison.Ordinal);
                case FieldComparison.EnumText:
                    return string.Equals(Text(current)?.Trim(), desired?.Trim(), StringComparison.OrdinalIgnoreCase);
                case FieldComparison.List:
                    return SetEquals(ReadNames(current, null), SplitList(desired));
                case FieldComparison.Words:
                    return SetEquals(SplitWords(Text(current)), SplitWords(desired));
                case FieldComparison.Number:
                    return long.TryParse(Text(current), NumberStyles.Integer, CultureInfo.InvariantCulture, out long a) &&
                           long.TryParse(desired, NumberStyles.Integer, CultureInfo.InvariantCulture, out long b) && a == b;
                case FieldComparison.Boolean:
                    return bool.TryParse(Text(current), out bool x) && bool.TryParse(desired, out bool y) && x == y;
                case FieldComparison.Json:
                    try
                    {
                        JToken cur = current.Type == JTokenType.String ? JToken.Parse((string)current) : current;
                        return SameJson(JToken.Parse(desired), cur);
                    }
                    catch (JsonException)
                    {
                        return false;
                    }
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether GetFile's value already is what UpdateFile would be sent, compared as DataWorks normalises it: a scalar by
        /// its text (GetFile returns OutputParameters[].Type as "1" for the 1 that was sent; true as "true"), an object by
        /// the properties that were asked for (GetFile adds others, such as Description), an array of parameters by
        /// ParameterName whatever the order (else element by element).
        /// </summary>
        internal static bool SameJson(JToken desired, JToken current)
        {
            if (desired == null || desired.Type == JTokenType.Null) return current == null || current.Type == JTokenType.Null;
            if (current == null || current.Type == JTokenType.Null) return false;
            if (desired is JArray wantArray)
            {
                if (!(current is JArray curArray) || wantArray.Count != curArray.Count) return false;
                bool byName = wantArray.All(e => e is JObject o && o["ParameterName"] != null) && curArray.All(e => e is JObject o && o["ParameterName"] != null);
                if (!byName) return wantArray.Zip(curArray, SameJson).All(same => same);
                var byParameter = curArray.Cast<JObject>().GroupBy(o => ScalarText(o["ParameterName"]) ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList());
                foreach (JObject want in wantArray.Cast<JObject>())
                {
                    if (!byParameter.TryGetValue(ScalarText(want["ParameterName"]) ?? string.Empty, out List<JObject> candidates)) return false;
                    JObject match = candidates.FirstOrDefault(c => SameJson(want, c));
                    if (match == null) return false;
                    candidates.Remove(match);
                }
                return true;
            }
            if (desired is JObject wantObject)
            {
                if (!(current is JObject curObject)) return false;
                foreach (JProperty p in wantObject.Properties())
                {
                    JToken other = curObject.GetValue(p.Name, StringComparison.OrdinalIgnoreCase);
                    if (!SameJson(p.Value, other)) return false;
                }
                return true;
            }
            if (current is JContainer) return false;
            return string.Equals(ScalarText(desired), ScalarText(current), StringComparison.Ordinal);
        }

        private static string ScalarText(JToken t) =>
            t == null || t.Type == JTokenType.Null ? null
            : t.Type == JTokenType.Boolean ? ((bool)t ? "true" : "false")
            : t.Type == JTokenType.String ? (string)t
            : t.Type == JTokenType.Float ? ((double)t).ToString("R", CultureInfo.InvariantCulture)
            : t.ToString(Formatting.None);

        private static string Text(JToken t) => t.Type == JTokenType.String ? (string)t : t.ToString(Formatting.None);

        private static bool SetEquals(string[] a, string[] b) =>
            new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b);

        public static string[] SplitList(string text) =>
            string.IsNullOrWhiteSpace(text) ? new string[0] : text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

        private static string[] SplitWords(string text) =>
            string.IsNullOrWhiteSpace(text) ? new string[0] : text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);

        /// <summary>
        /// Names from InputList/OutputList as GetFile returns them (array of {Input|Output, …}), or from a plain array or
        /// comma-separated string.
        /// </summary>
        public static string[] ReadNames(JToken token, string property)
        {
            if (token == null || token.Type == JTokenType.Null) return new string[0];
            if (token.Type == JTokenType.String) return SplitList((string)token);
            if (!(token is JArray array)) return new string[0];
            var names = new List<string>();
            foreach (JToken item in array)
            {
                if (item.Type == JTokenType.String) names.Add((string)item);
                else if (item is JObject o)
                {
                    string name = property != null ? Json.Str(o, property) : (Json.Str(o, "Input") ?? Json.Str(o, "Output"));
                    if (!string.IsNullOrEmpty(name)) names.Add(name);
                }
            }
            return names.ToArray();
        }

        public static string JsonOrNull(JToken token) =>
            token == null || token.Type == JTokenType.Null ? null : token.Type == JTokenType.String ? (string)token : token.ToString(Formatting.None);

        /// <summary>True for the fields GetFile shows in another form than UpdateFile takes (a folder id, a numeric group id).</summary>
        public static bool NeedsReadBack(string wireName) => wireName == FolderPath || wireName == ResourceGroupIdentifier;

        /// <summary>
        /// GetFile's Data as it is after an UpdateFile that sent <paramref name="sent"/>: a copy of what was read before the
        /// write with the values sent laid over it, where GetFile shows each (the parsers read the wire strings the way they
        /// read GetFile's own types). A change leaves the latest code uncommitted (GetFile CommitStatus 0, "latest code not
        /// committed"); LastEditTime and LastEditUser, which only DataWorks knows, are left out rather than shown stale.
        /// Not for the fields of <see cref="NeedsReadBack"/>.
        /// </summary>
        public static JToken AfterUpdate(JToken getFileData, IReadOnlyCollection<ScheduleField> sent)
        {
            var data = getFileData?.DeepClone() as JObject ?? new JObject();
            if (!(data["File"] is JObject file)) data["File"] = file = new JObject();
            if (!(data["NodeConfiguration"] is JObject node)) data["NodeConfiguration"] = node = new JObject();
            foreach (ScheduleField field in sent)
            {
                if (NeedsReadBack(field.WireName)) throw new ArgumentException(field.WireName + " is shown by GetFile as an id: read the file back instead.", nameof(sent));
                if (FileLevel.Contains(field.WireName)) file[FileFieldNames[field.WireName]] = field.Value;
                else node[field.WireName] = field.Value;
            }
            if (sent.Count > 0)
            {
                file["CommitStatus"] = 0;
                file.Remove("LastEditTime");
                file.Remove("LastEditUser");
            }
            return data;
        }
    }
}
