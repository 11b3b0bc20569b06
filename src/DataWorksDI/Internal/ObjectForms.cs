using System.Collections;
using System.Globalization;
using XmlConvert = System.Xml.XmlConvert;
using Newtonsoft.Json;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// The forms the module's values take when they travel — ConvertTo-Json/ConvertFrom-Json, Export-Csv/Import-Csv — and
    /// how they are read back when bound to a parameter (docs/ARCHITECTURE.md, "Objects that travel"):
    /// <list type="bullet">
    /// <item>an enum: its member, its name or wire spelling (CSV writes the name), or its number (ConvertTo-Json writes the
    /// number unless -EnumsAsStrings), as a number or a numeric string;</item>
    /// <item>a TimeSpan: a TimeSpan, "hh:mm:ss" (CSV), an ISO 8601 duration ("PT2M"), a number in the parameter's unit, or
    /// the 15-field object ConvertTo-Json writes (Ticks, TotalMilliseconds, …);</item>
    /// <item>a schedule (DIFileSchedule): the object, a file that carries one, the object ConvertFrom-Json gives back, a
    /// hashtable, or the JSON text its ToString() writes — which is what Export-Csv puts in a file's Schedule column.</item>
    /// </list>
    /// </summary>
    internal static class ObjectForms
    {
        /// <summary>The member of <paramref name="enumType"/> that a bound value names; null when it names none.</summary>
        public static object ToEnum(Type enumType, object value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case Enum e when enumType.IsInstanceOfType(e):
                    return e;
                case string s:
                    if (WireEnum.TryParse(enumType, s, out object member)) return member;
                    return long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? FromNumber(enumType, n) : null;
                case int _:
                case long _:
                case short _:
                case byte _:
                    return FromNumber(enumType, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue:
                    return FromNumber(enumType, (long)d);
                case decimal m when m == decimal.Floor(m) && Math.Abs(m) < int.MaxValue:
                    return FromNumber(enumType, (long)m);
                default:
                    return null;
            }
        }

        private static object FromNumber(Type enumType, long n)
        {
            object member = Enum.ToObject(enumType, n);
            return Enum.IsDefined(enumType, member) ? member : null;
        }

        /// <summary>
        /// The TimeSpan a bound value means; a bare number is in <paramref name="unitOfNumbers"/>. Null when it is not one.
        /// </summary>
        public static TimeSpan? ToTimeSpan(object value, Func<double, TimeSpan> unitOfNumbers)
        {
            value = Unwrap(value);
            switch (value)
            {
                case TimeSpan t:
                    return t;
                case string s when s.Contains(":") && TimeSpan.TryParse(s.Trim(), CultureInfo.InvariantCulture, out TimeSpan parsed):
                    return parsed;
                case string s when s.Trim().StartsWith("P", StringComparison.OrdinalIgnoreCase) || s.Trim().StartsWith("-P", StringComparison.OrdinalIgnoreCase):
                    try
                    {
                        return XmlConvert.ToTimeSpan(s.Trim().ToUpperInvariant());
                    }
                    catch (FormatException)
                    {
                        return null;
                    }
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double n):
                    return unitOfNumbers(n);
                case int i: return unitOfNumbers(i);
                case long l: return unitOfNumbers(l);
                case double d: return unitOfNumbers(d);
                case decimal m: return unitOfNumbers((double)m);
            }
            // The object ConvertTo-Json writes for a TimeSpan (Ticks, Days, …, TotalSeconds), back from ConvertFrom-Json, or a hashtable.
            object ticks = Member(value, "Ticks");
            if (ticks != null && long.TryParse(Convert.ToString(Unwrap(ticks), CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out long t64))
                return TimeSpan.FromTicks(t64);
            object ms = Member(value, "TotalMilliseconds");
            if (ms != null && double.TryParse(Convert.ToString(Unwrap(ms), CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out double msValue))
                return TimeSpan.FromMilliseconds(msValue);
            return null;
        }

        /// <summary>
        /// The schedule a bound value carries; null when it carries none. Throws ArgumentException for a value that is a
        /// schedule but has an unreadable field (the message names the field).
        /// </summary>
        public static DIFileSchedule ToSchedule(object value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case DIFileSchedule schedule:
                    return schedule;
                case DIFile file:
                    return file.Schedule;
                case string text:
                    return FromJson(text);
            }
            if (!(value is PSCustomObject) && !(value is IDictionary) && !(value is PSObject)) return null;
            // A file read back (it has a Schedule member): its schedule.
            object nested = Member(value, "Schedule");
            if (nested != null) return ToSchedule(nested);
            if (Member(value, "Cron") == null && Member(value, "CycleType") == null) return null;
            var s = new DIFileSchedule();
            s.ProjectId = Number(value, "ProjectId") ?? 0;
            s.FileId = Number(value, "FileId") ?? 0;
            s.Cron = Text(value, "Cron");
            s.CycleType = EnumOf<DICycleType>(value, "CycleType");
            s.RerunMode = EnumOf<DIRerunMode>(value, "RerunMode");
            s.AutoRerunTimes = (int?)Number(value, "AutoRerunTimes");
            s.AutoRerunInterval = Duration(value, "AutoRerunInterval");
            s.DependentType = EnumOf<DIDependentType>(value, "DependentType");
            s.DependentNodeId = Texts(value, "DependentNodeId").Select(n => long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
            s.InputList = Texts(value, "InputList");
            s.OutputList = Texts(value, "OutputList");
            s.ParaValue = Text(value, "ParaValue");
            s.SchedulerType = EnumOf<DISchedulerType>(value, "SchedulerType");
            s.Stop = Flag(value, "Stop");
            s.StartEffectDate = Date(value, "StartEffectDate");
            s.EndEffectDate = Date(value, "EndEffectDate");
            s.ResourceGroupId = Number(value, "ResourceGroupId");
            s.ApplyScheduleImmediately = Flag(value, "ApplyScheduleImmediately");
            s.IgnoreParentSkipRunningProperty = Flag(value, "IgnoreParentSkipRunningProperty");
            s.InputParameters = JsonOrText(value, "InputParameters");
            s.OutputParameters = JsonOrText(value, "OutputParameters");
            return s;
        }

        /// <summary>A schedule as compact JSON: names for enums, "hh:mm:ss" for durations, ISO 8601 with offset for dates.</summary>
        public static string ToJson(DIFileSchedule s)
        {
            var o = new JObject();
            void Put(string name, object v)
            {
                if (v != null) o[name] = JToken.FromObject(v);
            }
            Put("Cron", s.Cron);
            Put("CycleType", s.CycleType?.ToString());
            Put("RerunMode", s.RerunMode?.ToString());
            Put("AutoRerunTimes", s.AutoRerunTimes);
            Put("AutoRerunInterval", s.AutoRerunInterval?.ToString("c", CultureInfo.InvariantCulture));
            Put("DependentType", s.DependentType?.ToString());
            if (s.DependentNodeId != null && s.DependentNodeId.Length > 0) Put("DependentNodeId", s.DependentNodeId);
            if (s.InputList != null && s.InputList.Length > 0) Put("InputList", s.InputList);
            if (s.OutputList != null && s.OutputList.Length > 0) Put("OutputList", s.OutputList);
            Put("ParaValue", s.ParaValue);
            Put("SchedulerType", s.SchedulerType?.ToString());
            Put("Stop", s.Stop);
            Put("StartEffectDate", IsoDate(s.StartEffectDate));
            Put("EndEffectDate", IsoDate(s.EndEffectDate));
            Put("ResourceGroupId", s.ResourceGroupId);
            Put("ApplyScheduleImmediately", s.ApplyScheduleImmediately);
            Put("IgnoreParentSkipRunningProperty", s.IgnoreParentSkipRunningProperty);
            Put("InputParameters", s.InputParameters);
            Put("OutputParameters", s.OutputParameters);
            return o.ToString(Formatting.None);
        }

        private static DIFileSchedule FromJson(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{') return null;
            JObject o;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None })
                    o = JObject.Load(reader);
            }
            catch (JsonException)
            {
                return null;
            }
            var h = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (JProperty p in o.Properties())
            {
                switch (p.Value)
                {
                    case JArray a:
                        h[p.Name] = a.Select(x => x.Type == JTokenType.String ? (string)x : x.ToString(Formatting.None)).ToArray();
                        break;
                    case JValue v:
                        h[p.Name] = v.Value == null ? null : Convert.ToString(v.Value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        h[p.Name] = p.Value.ToString(Formatting.None);
                        break;
                }
            }
            return ToSchedule(h);
        }

        private static string IsoDate(DateTime? d) =>
            d.HasValue ? new DateTimeOffset(d.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d.Value, DateTimeKind.Local) : d.Value).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null;

        internal static object Unwrap(object value) => value is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : value;

        /// <summary>A member of a PSObject, a PSCustomObject or a dictionary (case-insensitive), or null.</summary>
        internal static object Member(object owner, string name)
        {
            if (owner is IDictionary d)
            {
                foreach (DictionaryEntry e in d)
                    if (string.Equals(Convert.ToString(e.Key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase)) return e.Value;
                return null;
            }
            PSObject pso = owner as PSObject ?? PSObject.AsPSObject(owner);
            return pso.Properties[name]?.Value;
        }

        private static string Text(object owner, string name)
        {
            object v = Unwrap(Member(owner, name));
            return v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        private static long? Number(object owner, string name)
        {
            string t = Text(owner, name);
            if (string.IsNullOrWhiteSpace(t)) return null;
            if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)) return n;
            throw new ArgumentException($"The schedule's {name} '{t}' is not a whole number.");
        }

        private static bool? Flag(object owner, string name)
        {
            object v = Unwrap(Member(owner, name));
            if (v == null || (v is string e && e.Trim().Length == 0)) return null;
            if (v is bool b) return b;
            if (bool.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), out bool parsed)) return parsed;
            throw new ArgumentException($"The schedule's {name} '{v}' is not true or false.");
        }

        private static T? EnumOf<T>(object owner, string name) where T : struct, Enum
        {
            object v = Member(owner, name);
            if (Unwrap(v) == null || (Unwrap(v) is string e && e.Trim().Length == 0)) return null;
            object member = ToEnum(typeof(T), v);
            if (member == null)
                throw new ArgumentException($"The schedule's {name} '{Unwrap(v)}' is not a valid value. Use one of: {string.Join(", ", WireEnum.SpellingsOf(typeof(T)))}.");
            return (T)member;
        }

        private static TimeSpan? Duration(object owner, string name)
        {
            object v = Member(owner, name);
            if (Unwrap(v) == null || (Unwrap(v) is string e && e.Trim().Length == 0)) return null;
            return ToTimeSpan(v, TimeSpan.FromMinutes) ?? throw new ArgumentException($"The schedule's {name} '{Unwrap(v)}' is not a time span; give 'hh:mm:ss'.");
        }

        private static DateTime? Date(object owner, string name)
        {
            object v = Unwrap(Member(owner, name));
            switch (v)
            {
                case null:
                    return null;
                case DateTime d:
                    return d;
                case DateTimeOffset o:
                    return o.LocalDateTime;
                default:
                    string t = Convert.ToString(v, CultureInfo.InvariantCulture);
                    if (string.IsNullOrWhiteSpace(t)) return null;
                    if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTimeOffset parsed)) return parsed.LocalDateTime;
                    if (DateTimeOffset.TryParse(t, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out parsed)) return parsed.LocalDateTime;
                    throw new ArgumentException($"The schedule's {name} '{t}' is not a date.");
            }
        }

        private static string[] Texts(object owner, string name)
        {
            object v = Unwrap(Member(owner, name));
            switch (v)
            {
                case null:
                    return new string[0];
                case string s:
                    return s.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToArray();
                case IEnumerable items:
                    return items.Cast<object>().Select(i => Convert.ToString(Unwrap(i), CultureInfo.InvariantCulture)).Where(x => !string.IsNullOrWhiteSpace(x)).ToArray();
                default:
                    return new[] { Convert.ToString(v, CultureInfo.InvariantCulture) };
            }
        }

        private static string JsonOrText(object owner, string name)
        {
            object v = Unwrap(Member(owner, name));
            if (v == null) return null;
            if (v is string s) return s;
            return Json.FromPowerShell(v is PSCustomObject || v is IDictionary ? new[] { v } : v);
        }
    }
}
