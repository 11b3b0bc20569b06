using System.IO;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// The one way definition files are read and written, so that a re-export of unchanged tasks is byte-identical:
    /// 2-space indent, "\n" line ends, a final newline, UTF-8 without BOM; dates stay text (never parsed), numbers keep
    /// their written form (decimal parsing, so 1.0 stays 1.0).
    /// </summary>
    internal static class CanonicalJson
    {
        public static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        private static JsonLoadSettings LoadSettings => new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

        /// <summary>Parses JSON text; a syntax error is a JsonReaderException with line and position.</summary>
        public static JToken Parse(string text)
        {
            using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal })
            {
                JToken token = JToken.ReadFrom(reader, LoadSettings);
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                        throw new JsonReaderException($"Unexpected content after the JSON value, line {reader.LineNumber}, position {reader.LinePosition}.");
                }
                return token;
            }
        }

        /// <summary>A copy whose object keys are sorted (ordinal) at every depth; arrays keep their order.</summary>
        public static JToken Sorted(JToken token)
        {
            switch (token)
            {
                case JObject o:
                    var sorted = new JObject();
                    foreach (JProperty p in o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal)) sorted.Add(p.Name, Sorted(p.Value));
                    return sorted;
                case JArray a:
                    return new JArray(a.Select(Sorted));
                default:
                    return token?.DeepClone();
            }
        }

        /// <summary>Pretty-printed file text: 2 spaces, "\n", final newline.</summary>
        public static string ToFileText(JToken token)
        {
            var sw = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
            using (var writer = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
            {
                token.WriteTo(writer);
            }
            return sw.ToString().Replace("\r\n", "\n") + "\n";
        }

        /// <summary>One line, keys sorted: what is hashed and what is sent as TaskContent.</summary>
        public static string Compact(JToken token) => Sorted(token).ToString(Formatting.None);

        public static string Sha256Hex(string text)
        {
            using (var sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Utf8NoBom.GetBytes(text));
                var sb = new StringBuilder(hash.Length * 2);
                foreach (byte b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        /// <summary>Writes the file only when its bytes differ (so an unchanged export does not touch timestamps).</summary>
        public static bool WriteFile(string path, string text)
        {
            byte[] bytes = Utf8NoBom.GetBytes(text);
            if (File.Exists(path))
            {
                byte[] existing = File.ReadAllBytes(path);
                if (existing.SequenceEqual(bytes)) return false;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, bytes);
            return true;
        }
    }
}
