using System.Collections;
using System.Globalization;
using Newtonsoft.Json;

namespace DataWorksDI.Internal
{
    /// <summary>Small readers over response JSON, tolerant of the wire's loose typing (numbers as strings and back).</summary>
    internal static class Json
    {
        public static string Str(JToken token, string name)
        {
            JToken t = token?[name];
            return t == null || t.Type == JTokenType.Null ? null : t.Type == JTokenType.String ? (string)t : t.ToString(Formatting.None);
        }

        public static long? Long(JToken token, string name)
        {
            JToken t = token?[name];
            if (t == null || t.Type == JTokenType.Null) return null;
            if (t.Type == JTokenType.Integer) return t.Value<long>();
            return long.TryParse(t.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : (long?)null;
        }

        public static int? Int(JToken token, string name)
        {
            long? v = Long(token, name);
            return v.HasValue && v.Value >= int.MinValue && v.Value <= int.MaxValue ? (int)v.Value : (int?)null;
        }

        public static bool? Bool(JToken token, string name)
        {
            JToken t = token?[name];
            if (t == null || t.Type == JTokenType.Null) return null;
            if (t.Type == JTokenType.Boolean) return t.Value<bool>();
            return bool.TryParse(t.ToString(), out bool b) ? b : (bool?)null;
        }

        public static DateTime? EpochMs(JToken token, string name)
        {
            long? ms = Long(token, name);
            if (!ms.HasValue || ms.Value <= 0) return null;
            return DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).LocalDateTime;
        }

        public static string[] Strings(JToken token, string name)
        {
            if (!(token?[name] is JArray a)) return new string[0];
            var list = new List<string>();
            foreach (JToken t in a) if (t.Type != JTokenType.Null) list.Add(t.ToString());
            return list.ToArray();
        }

        /// <summary>Converts response JSON to PowerShell objects (PSCustomObject, object[], scalars) for Invoke-DIApi.</summary>
        public static object ToPowerShell(JToken token)
        {
            switch (token?.Type)
            {
                case null:
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                case JTokenType.Object:
                    var pso = new PSObject();
                    foreach (JProperty p in ((JObject)token).Properties()) pso.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    return pso;
                case JTokenType.Array:
                    var list = new List<object>();
                    foreach (JToken t in (JArray)token) list.Add(ToPowerShell(t));
                    return list.ToArray();
                case JTokenType.Integer:
                    return token.Value<long>();
                case JTokenType.Float:
                    return token.Value<double>();
                case JTokenType.Boolean:
                    return token.Value<bool>();
                default:
                    return token.ToString();
            }
        }

        /// <summary>Converts a PowerShell value (hashtable, PSObject, array, scalar) to JSON for values given as objects.</summary>
        public static string FromPowerShell(object value)
        {
            return ToToken(value, 0).ToString(Formatting.None);
        }

        private static JToken ToToken(object value, int depth)
        {
            if (depth > 64) throw new ArgumentException("The object is nested more than 64 levels deep; pass the content as a JSON string instead.");
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    var o = new JObject();
                    foreach (PSPropertyInfo p in pso.Properties) o[p.Name] = ToToken(p.Value, depth + 1);
                    return o;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: return JValue.CreateNull();
                case string s: return new JValue(s);
                case bool b: return new JValue(b);
                case char c: return new JValue(c.ToString());
                case DateTime dt: return new JValue(dt.ToString("o", CultureInfo.InvariantCulture));
                case Enum e: return new JValue(e.ToString());
                case IDictionary dict:
                    var obj = new JObject();
                    foreach (DictionaryEntry entry in dict) obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = ToToken(entry.Value, depth + 1);
                    return obj;
                case IEnumerable seq:
                    var arr = new JArray();
                    foreach (object item in seq) arr.Add(ToToken(item, depth + 1));
                    return arr;
                default:
                    if (value is sbyte || value is byte || value is short || value is ushort || value is int || value is uint || value is long || value is ulong)
                        return new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    if (value is float || value is double || value is decimal)
                        return new JValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                    return new JValue(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
    }
}
