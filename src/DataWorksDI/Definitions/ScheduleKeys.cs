using System.Globalization;
using DataWorksDI.Services;

namespace DataWorksDI.Definitions
{
    /// <summary>The JSON kinds a schedule key takes in a definition file.</summary>
    internal enum ScheduleKeyKind { Text, Enum, Integer, Duration, Boolean, Date, Names, JsonArray }

    /// <summary>
    /// One key of a definition's "schedule": its name (the Set-DIFileSchedule parameter of the same name, camelCased, so
    /// a schedule can be splatted into Set-DIFileSchedule), its kind, and the UpdateFile field it becomes — built by
    /// <see cref="ScheduleFieldSet"/>, the builder Set-DIFileSchedule uses, from the canonical value in PowerShell types.
    /// </summary>
    internal sealed class ScheduleKey
    {
        public ScheduleKey(string name, ScheduleKeyKind kind, Action<ScheduleFieldSet, JToken> addTo, Type enumType = null)
        {
            Name = name;
            Kind = kind;
            AddTo = addTo;
            EnumType = enumType;
        }

        public string Name { get; }
        public ScheduleKeyKind Kind { get; }
        public Type EnumType { get; }

        /// <summary>Adds the UpdateFile field of a canonical value (see <see cref="ScheduleKeys.Normalize"/>).</summary>
        public Action<ScheduleFieldSet, JToken> AddTo { get; }
    }

    /// <summary>
    /// The schedule keys of a definition, in file order, and the conversions between their file form (the module's enum
    /// names, TimeSpan "hh:mm:ss", UTC dates) and UpdateFile's wire form. Not managed by definitions: OutputList (every
    /// node's default outputs carry the workspace identifier and the FileId) and DependentNodeIdList (node ids exist in one
    /// workspace only); see docs/definitions.md.
    /// </summary>
    internal static class ScheduleKeys
    {
        public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public static readonly IReadOnlyList<ScheduleKey> All = new[]
        {
            new ScheduleKey("cron", ScheduleKeyKind.Text, (f, v) => f.Cron((string)v)),
            new ScheduleKey("cycleType", ScheduleKeyKind.Enum, (f, v) => f.CycleType(Member<DICycleType>(v)), typeof(DICycleType)),
            new ScheduleKey("dependentType", ScheduleKeyKind.Enum, (f, v) => f.DependentType(Member<DIDependentType>(v)), typeof(DIDependentType)),
            new ScheduleKey("inputList", ScheduleKeyKind.Names, (f, v) => f.InputList(((JArray)v).Select(n => (string)n))),
            new ScheduleKey("rerunMode", ScheduleKeyKind.Enum, (f, v) => f.RerunMode(Member<DIRerunMode>(v)), typeof(DIRerunMode)),
            new ScheduleKey("autoRerunTimes", ScheduleKeyKind.Integer, (f, v) => f.AutoRerunTimes(v.Value<long>())),
            new ScheduleKey("autoRerunInterval", ScheduleKeyKind.Duration, (f, v) => f.AutoRerunInterval(Duration(v))),
            new ScheduleKey("paraValue", ScheduleKeyKind.Text, (f, v) => f.ParaValue((string)v)),
            new ScheduleKey("schedulerType", ScheduleKeyKind.Enum, (f, v) => f.SchedulerType(Member<DISchedulerType>(v)), typeof(DISchedulerType)),
            new ScheduleKey("stop", ScheduleKeyKind.Boolean, (f, v) => f.Stop(v.Value<bool>())),
            new ScheduleKey("startEffectDate", ScheduleKeyKind.Date, (f, v) => f.StartEffectDate(Date(v))),
            new ScheduleKey("endEffectDate", ScheduleKeyKind.Date, (f, v) => f.EndEffectDate(Date(v))),
            new ScheduleKey("resourceGroupIdentifier", ScheduleKeyKind.Text, (f, v) => f.ResourceGroupIdentifier((string)v)),
            new ScheduleKey("applyScheduleImmediately", ScheduleKeyKind.Boolean, (f, v) => f.ApplyScheduleImmediately(v.Value<bool>())),
            new ScheduleKey("ignoreParentSkipRunningProperty", ScheduleKeyKind.Boolean, (f, v) => f.IgnoreParentSkipRunningProperty(v.Value<bool>())),
            new ScheduleKey("inputParameters", ScheduleKeyKind.JsonArray, (f, v) => f.InputParameters(v.ToString(Newtonsoft.Json.Formatting.None))),
            new ScheduleKey("outputParameters", ScheduleKeyKind.JsonArray, (f, v) => f.OutputParameters(v.ToString(Newtonsoft.Json.Formatting.None))),
        };

        private static T Member<T>(JToken value) where T : struct, Enum =>
            WireEnum.Parse<T>((string)value) ?? throw new ArgumentException($"'{value}' is not a {typeof(T).Name}.", nameof(value));

        private static TimeSpan Duration(JToken value) => TimeSpan.Parse((string)value, CultureInfo.InvariantCulture);

        private static DateTime Date(JToken value) => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

        public static ScheduleKey Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

        /// <summary>
        /// The canonical file form of a value, or null (with <paramref name="problem"/>) when it cannot be read. Accepts the
        /// wire spellings too (NOT_DAY, 120000 ms as a number for the interval is NOT accepted: a number is minutes, as in
        /// Set-DIFileSchedule).
        /// </summary>
        public static JToken Normalize(ScheduleKey key, JToken value, out string problem)
        {
            problem = null;
            if (value == null || value.Type == JTokenType.Null) return null;
            switch (key.Kind)
            {
                case ScheduleKeyKind.Text:
                    if (value.Type != JTokenType.String) { problem = "must be a string"; return null; }
                    // ParaValue is space-separated name=value pairs: compared word by word, so written with single spaces.
                    return new JValue(key.Name == "paraValue"
                        ? string.Join(" ", ((string)value).Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
                        : ((string)value).Trim());
                case ScheduleKeyKind.Enum:
                    if (value.Type == JTokenType.String && WireEnum.TryParse(key.EnumType, (string)value, out object member))
                        return new JValue(member.ToString());
                    problem = "must be one of " + string.Join(", ", Enum.GetNames(key.EnumType));
                    return null;
                case ScheduleKeyKind.Integer:
                    if (value.Type == JTokenType.Integer) return new JValue(value.Value<long>());
                    problem = "must be a whole number";
                    return null;
                case ScheduleKeyKind.Duration:
                    TimeSpan span;
                    if (value.Type == JTokenType.String && ((string)value).Contains(":") && TimeSpan.TryParse((string)value, CultureInfo.InvariantCulture, out span)) { }
                    else if ((value.Type == JTokenType.Integer || value.Type == JTokenType.Float) && value.Value<double>() >= 0) span = TimeSpan.FromMinutes(value.Value<double>());
                    else { problem = "must be a duration such as \"00:02:00\" (or a number of minutes)"; return null; }
                    if (span < TimeSpan.Zero || span > TimeSpan.FromMinutes(30)) { problem = "must be between 00:00:00 and 00:30:00 (DataWorks allows at most 30 minutes)"; return null; }
                    return new JValue(span.ToString("c", CultureInfo.InvariantCulture));
                case ScheduleKeyKind.Boolean:
                    if (value.Type == JTokenType.Boolean) return new JValue(value.Value<bool>());
                    problem = "must be true or false";
                    return null;
                case ScheduleKeyKind.Date:
                    if (value.Type == JTokenType.String && DateTimeOffset.TryParse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
                        return new JValue(date.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
                    problem = "must be a date such as \"2030-01-01T00:00:00Z\"";
                    return null;
                case ScheduleKeyKind.Names:
                    if (!(value is JArray names) || names.Any(n => n.Type != JTokenType.String || string.IsNullOrWhiteSpace((string)n)))
                    {
                        problem = "must be an array of names";
                        return null;
                    }
                    return new JArray(names.Select(n => ((string)n).Trim()).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal));
                case ScheduleKeyKind.JsonArray:
                    if (!(value is JArray array) || array.Any(i => i.Type != JTokenType.Object)) { problem = "must be an array of objects"; return null; }
                    return CanonicalJson.Sorted(array);
                default:
                    problem = "is not supported";
                    return null;
            }
        }

        /// <summary>The UpdateFile field of a canonical value: wire name, wire form and comparison (<see cref="ScheduleFieldSet"/>).</summary>
        public static ScheduleField Field(ScheduleKey key, JToken value)
        {
            var fields = new ScheduleFieldSet();
            key.AddTo(fields, value);
            return fields.ToList().Single();
        }

        /// <summary>The UpdateFile value (wire form) of a canonical value.</summary>
        public static string ToWire(ScheduleKey key, JToken value) => Field(key, value).Value;

        /// <summary>The canonical schedule of a live file (GetFile's NodeConfiguration, typed), with the scheduling group's identifier.</summary>
        public static JObject FromLive(DIFileSchedule s, string resourceGroupIdentifier)
        {
            var o = new JObject();
            void Set(string name, JToken value)
            {
                if (value != null && value.Type != JTokenType.Null) o[name] = Normalize(Find(name), value, out _);
            }
            if (s == null) return o;
            Set("cron", s.Cron);
            Set("cycleType", s.CycleType?.ToString());
            Set("dependentType", s.DependentType?.ToString());
            if (s.InputList != null && s.InputList.Length > 0) Set("inputList", new JArray(s.InputList));
            Set("rerunMode", s.RerunMode?.ToString());
            if (s.AutoRerunTimes.HasValue) Set("autoRerunTimes", s.AutoRerunTimes.Value);
            if (s.AutoRerunInterval.HasValue) Set("autoRerunInterval", s.AutoRerunInterval.Value.ToString("c", CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(s.ParaValue)) Set("paraValue", s.ParaValue);
            Set("schedulerType", s.SchedulerType?.ToString());
            if (s.Stop.HasValue) Set("stop", s.Stop.Value);
            if (s.StartEffectDate.HasValue) Set("startEffectDate", s.StartEffectDate.Value.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture));
            if (s.EndEffectDate.HasValue) Set("endEffectDate", s.EndEffectDate.Value.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(resourceGroupIdentifier)) Set("resourceGroupIdentifier", resourceGroupIdentifier);
            if (s.ApplyScheduleImmediately.HasValue) Set("applyScheduleImmediately", s.ApplyScheduleImmediately.Value);
            if (s.IgnoreParentSkipRunningProperty.HasValue) Set("ignoreParentSkipRunningProperty", s.IgnoreParentSkipRunningProperty.Value);
            Set("inputParameters", NonEmptyArray(s.InputParameters));
            Set("outputParameters", NonEmptyArray(s.OutputParameters));
            return o;
        }

        private static JToken NonEmptyArray(string json)
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                JToken t = CanonicalJson.Parse(json);
                return t is JArray a && a.Count > 0 ? a : null;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }
    }
}
