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
            object value = ObjectForms.Unwrap(content);
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

        /// <summary>
        /// The most a -Path file may hold: 16 MiB. Task JSON of tens of thousands of columns is a few MB; DataWorks
        /// documents no limit, so this is the module's own, generous bound (docs/validation-rules.md, "Argument bounds").
        /// </summary>
        public const long MaxFileBytes = 16L * 1024 * 1024;

        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="ContentFileException">A directory, a device, a FIFO, an empty file, or larger than <see cref="MaxFileBytes"/>.</exception>
        public static string FromFile(string path)
        {
            if (Directory.Exists(path))
                throw new ContentFileException(ErrorIds.ContentFileNotRegular, $"-Path '{path}' is a directory; give the .json file that holds the task.");
            if (!File.Exists(path)) throw new FileNotFoundException($"The task content file '{path}' does not exist.", path);
            var info = new FileInfo(path);
            // Devices (/dev/zero, /dev/urandom), FIFOs and /proc files report no size: they are not opened, so nothing blocks or runs out of memory.
            if (info.Length == 0)
                throw new ContentFileException(ErrorIds.ContentFileNotRegular, $"-Path '{path}' is empty or not a regular file (a device, a FIFO or a pipe); give the .json file that holds the task.");
            if (info.Length > MaxFileBytes)
                throw new ContentFileException(ErrorIds.ContentFileTooLarge, $"-Path '{path}' is {info.Length:N0} bytes; task content files are read up to {MaxFileBytes:N0} bytes (16 MiB). Split the task, or check that this is the task JSON.");
            // Read at most the limit even if the file grows meanwhile. UTF-8 with or without BOM; the BOM is not part of the JSON.
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var buffer = new byte[Math.Min(info.Length, MaxFileBytes) + 1];
                int total = 0, read;
                while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
                if (total > MaxFileBytes)
                    throw new ContentFileException(ErrorIds.ContentFileTooLarge, $"-Path '{path}' grew past {MaxFileBytes:N0} bytes while it was read.");
                int start = total >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
                return new UTF8Encoding(false).GetString(buffer, start, total - start);
            }
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

    /// <summary>A -Path that cannot be read as task content; <see cref="ErrorId"/> says why.</summary>
    internal sealed class ContentFileException : IOException
    {
        public ContentFileException(string errorId, string message) : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
