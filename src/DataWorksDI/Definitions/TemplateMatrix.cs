using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using DataWorksDI.Validation;

namespace DataWorksDI.Definitions
{
    /// <summary>
    /// Templates: a definition with a "matrix" — an array of objects, or the path of a CSV file (relative to the
    /// definition file; a header row names the columns) — stands for one task per row. {{column}} in any string value of
    /// the definition (name, folder, description, content, schedule) is replaced by the row's value. A token the row has
    /// no value for is an error naming the row.
    /// </summary>
    internal static class TemplateMatrix
    {
        private static readonly Regex Token = new Regex(@"\{\{\s*([^{}\s]+)\s*\}\}", RegexOptions.CultureInvariant);

        /// <summary>The rows of the matrix (column → value), or null after adding findings.</summary>
        public static List<Dictionary<string, string>> Rows(JToken matrix, string definitionFile, string displayFile, List<DefinitionFinding> findings)
        {
            void Add(string message, string fix) =>
                findings.Add(new DefinitionFinding(displayFile, null, "$.matrix", DefinitionCodes.TemplateMatrix, ValidationSeverity.Error, message, fix));
            if (matrix.Type == JTokenType.String)
            {
                string csv = Path.Combine(Path.GetDirectoryName(definitionFile) ?? ".", (string)matrix);
                if (!File.Exists(csv))
                {
                    Add($"The matrix file '{(string)matrix}' does not exist (looked for {csv}).", "Give the CSV file's path relative to the definition file, or write the rows as an array of objects.");
                    return null;
                }
                try
                {
                    return Csv.Read(File.ReadAllText(csv, Encoding.UTF8));
                }
                catch (FormatException ex)
                {
                    Add($"The matrix file '{(string)matrix}' is not valid CSV: {ex.Message}", "Fix the CSV: a header row, then one row per task, fields with commas or quotes in double quotes.");
                    return null;
                }
            }
            if (!(matrix is JArray array) || array.Count == 0)
            {
                Add("matrix must be a non-empty array of objects or the path of a CSV file.", "Write \"matrix\": [{\"table\":\"users\"},{\"table\":\"orders\"}] or \"matrix\": \"tables.csv\".");
                return null;
            }
            var rows = new List<Dictionary<string, string>>();
            for (int i = 0; i < array.Count; i++)
            {
                if (!(array[i] is JObject o) || o.Properties().Any(p => p.Value is JContainer))
                {
                    findings.Add(new DefinitionFinding(displayFile, null, $"$.matrix[{i}]", DefinitionCodes.TemplateMatrix, ValidationSeverity.Error,
                        $"Row {i + 1} of the matrix is not an object of plain values.", "Write each row as {\"column\": \"value\", …} with strings, numbers or booleans."));
                    return null;
                }
                rows.Add(o.Properties().ToDictionary(p => p.Name, p => p.Value.Type == JTokenType.Null ? null : p.Value.Type == JTokenType.Boolean ? ((bool)p.Value ? "true" : "false") : p.Value.ToString(), StringComparer.Ordinal));
            }
            return rows;
        }

        /// <summary>The definition object for one row; tokens without a value are reported (row is 1-based).</summary>
        public static JObject Expand(JObject template, Dictionary<string, string> row, int rowNumber, string displayFile, List<DefinitionFinding> findings)
        {
            var copy = (JObject)template.DeepClone();
            copy.Remove("matrix");
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            Replace(copy, row, missing, "$", displayFile, rowNumber, findings);
            return copy;
        }

        private static void Replace(JToken token, Dictionary<string, string> row, SortedSet<string> missing, string path, string file, int rowNumber, List<DefinitionFinding> findings)
        {
            switch (token)
            {
                case JObject o:
                    foreach (JProperty p in o.Properties().ToList()) Replace(p.Value, row, missing, path + "." + p.Name, file, rowNumber, findings);
                    break;
                case JArray a:
                    for (int i = 0; i < a.Count; i++) Replace(a[i], row, missing, $"{path}[{i}]", file, rowNumber, findings);
                    break;
                case JValue v when v.Type == JTokenType.String:
                    string text = (string)v;
                    if (text.IndexOf("{{", StringComparison.Ordinal) < 0) return;
                    v.Value = Token.Replace(text, m =>
                    {
                        string column = m.Groups[1].Value;
                        if (row.TryGetValue(column, out string value) && value != null) return value;
                        findings.Add(new DefinitionFinding(file, null, path, DefinitionCodes.TemplateTokenUnset, ValidationSeverity.Error,
                            $"Row {rowNumber} of the matrix has no value for {{{{{column}}}}}.",
                            $"Add a '{column}' column (or value) to row {rowNumber}, or remove the token. Columns of the row: {string.Join(", ", row.Keys)}."));
                        return m.Value;
                    });
                    break;
            }
        }
    }

    /// <summary>RFC 4180 CSV: a header row, then rows; fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
    internal static class Csv
    {
        public static List<Dictionary<string, string>> Read(string text)
        {
            List<List<string>> records = Records(text.TrimStart('\uFEFF'));
            records.RemoveAll(r => r.Count == 1 && r[0].Length == 0);
            if (records.Count == 0) throw new FormatException("the file is empty; it needs a header row");
            List<string> header = records[0].Select(h => h.Trim()).ToList();
            if (header.Any(h => h.Length == 0)) throw new FormatException("a column of the header row has no name");
            string dup = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (dup != null) throw new FormatException($"the header names column '{dup}' twice");
            var rows = new List<Dictionary<string, string>>();
            for (int i = 1; i < records.Count; i++)
            {
                if (records[i].Count != header.Count)
                    throw new FormatException($"row {i} has {records[i].Count} field(s) but the header has {header.Count}");
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int c = 0; c < header.Count; c++) row[header[c]] = records[i][c];
                rows.Add(row);
            }
            if (rows.Count == 0) throw new FormatException("the file has a header row but no rows");
            return rows;
        }

        private static List<List<string>> Records(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, closed = false, fieldStarted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                        else
                        {
                            quoted = false;
                            closed = true;
                        }
                    }
                    else field.Append(c);
                    continue;
                }
                // After a closing quote only the end of the field may follow (RFC 4180: "x"y is not a field).
                if (closed && c != ',' && c != '\r' && c != '\n') throw new FormatException($"text after the closing quote of a field (record {records.Count + 1})");
                closed = false;
                switch (c)
                {
                    case '"':
                        if (field.Length > 0) throw new FormatException($"a quote inside an unquoted field (record {records.Count + 1})");
                        quoted = true;
                        fieldStarted = true;
                        break;
                    case ',':
                        record.Add(field.ToString());
                        field.Clear();
                        fieldStarted = false;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        record.Add(field.ToString());
                        records.Add(record);
                        record = new List<string>();
                        field.Clear();
                        fieldStarted = false;
                        break;
                    default:
                        field.Append(c);
                        fieldStarted = true;
                        break;
                }
            }
            if (quoted) throw new FormatException("a quoted field is not closed");
            if (fieldStarted || field.Length > 0 || record.Count > 0)
            {
                record.Add(field.ToString());
                records.Add(record);
            }
            return records;
        }
    }
}
