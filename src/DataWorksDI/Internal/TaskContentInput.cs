using System.Collections;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// Turns -Content / -Path into the TaskContent text. A string or a file is sent exactly as written (never
    /// re-modelled: other tools lost fields that way); a hashtable or object is serialised once, as the user built it.
    /// </summary>
    internal static class TaskContentInput
    {
        public static string FromParameter(object content)
        {
            object value = content is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : content;
            switch (value)
            {
                case null:
                    throw new ArgumentException("The task content is empty. Pass the task JSON with -Content (a JSON string, hashtable or object) or -Path (a .json file).");
                case string s:
                    return s;
                case IDictionary _:
                case PSObject _:
                    return Json.FromPowerShell(content);
                case FileInfo f:
                    return FromFile(f.FullName);
                default:
                    throw new ArgumentException($"-Content must be a JSON string, a hashtable or a PSCustomObject; got a {value.GetType().Name}.");
            }
        }

        public static string FromFile(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The task content file '{path}' does not exist.", path);
            // UTF-8 with or without BOM; the BOM is not part of the JSON.
            return File.ReadAllText(path, new UTF8Encoding(false));
        }

        /// <summary>A cheap well-formedness check so malformed JSON never costs an API call. Returns null when fine.</summary>
        public static string MalformedReason(string json)
        {
            if (string.IsNullOrWhiteSpace(json)) return "the task content is empty";
            try
            {
                using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None })
                {
                    JToken token = JToken.ReadFrom(reader);
                    while (reader.Read())
                    {
                        if (reader.TokenType != JsonToken.Comment)
                            return $"there is more text after the JSON document ends (line {reader.LineNumber}, position {reader.LinePosition})";
                    }
                    return token.Type == JTokenType.Object ? null : $"the task content must be a JSON object, not a JSON {token.Type.ToString().ToLowerInvariant()}";
                }
            }
            catch (JsonReaderException ex)
            {
                return $"the task content is not valid JSON: {ex.Message}";
            }
        }
    }
}
