using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DataWorksDI.Tests.Help
{
    /// <summary>
    /// The tests' own reading of a docs/help/&lt;Verb-Noun&gt;.md file (deliberately not the build task's parser, so a bug
    /// there cannot hide itself): headings, code blocks, parameter metadata blocks.
    /// </summary>
    public sealed class HelpMarkdown
    {
        public string FileName { get; private set; }
        public string Text { get; private set; }
        public string Name { get; private set; }

        /// <summary>Non-code text lines of each '## ' section (upper case).</summary>
        public Dictionary<string, List<string>> Sections { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public List<SyntaxDoc> Syntax { get; } = new List<SyntaxDoc>();
        public List<ExampleDoc> Examples { get; } = new List<ExampleDoc>();
        public List<ParameterDoc> Parameters { get; } = new List<ParameterDoc>();
        public List<string> Inputs { get; } = new List<string>();
        public List<string> Outputs { get; } = new List<string>();

        public sealed class SyntaxDoc
        {
            public string SetName;
            public bool IsDefault;
            public string Code;
        }

        public sealed class ExampleDoc
        {
            public string Title;
            public string Code = string.Empty;
            public List<string> Remarks = new List<string>();
        }

        public sealed class ParameterDoc
        {
            public string Name;
            public List<string> Description = new List<string>();
            public List<Dictionary<string, string>> Blocks = new List<Dictionary<string, string>>();
        }

        public string SectionText(string section) =>
            Sections.TryGetValue(section, out List<string> lines) ? string.Join("\n", lines).Trim() : string.Empty;

        public static HelpMarkdown Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

        public static HelpMarkdown Parse(string fileName, string text)
        {
            var doc = new HelpMarkdown { FileName = fileName, Text = text };
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int i = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
                i++;
            }
            string section = null, sub = null;
            ExampleDoc example = null;
            ParameterDoc parameter = null;
            SyntaxDoc pendingSyntax = null;
            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    string lang = line.Trim().Substring(3).Trim();
                    var code = new List<string>();
                    for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
                    string body = string.Join("\n", code);
                    if (section == "SYNTAX")
                    {
                        SyntaxDoc s = pendingSyntax ?? new SyntaxDoc();
                        s.Code = body.Trim();
                        doc.Syntax.Add(s);
                        pendingSyntax = null;
                    }
                    else if (section == "EXAMPLES" && example != null)
                        example.Code = example.Code.Length == 0 ? body : example.Code + "\n\n" + body;
                    else if (section == "PARAMETERS" && parameter != null && lang == "yaml")
                    {
                        var block = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        foreach (string l in code.Where(l => l.Contains(':')))
                            block[l.Substring(0, l.IndexOf(':')).Trim()] = l.Substring(l.IndexOf(':') + 1).Trim();
                        parameter.Blocks.Add(block);
                    }
                    continue;
                }
                if (line.StartsWith("# ", StringComparison.Ordinal)) { doc.Name = line.Substring(2).Trim(); continue; }
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = line.Substring(3).Trim().ToUpperInvariant();
                    doc.Sections[section] = new List<string>();
                    sub = null;
                    example = null;
                    parameter = null;
                    continue;
                }
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    sub = line.Substring(4).Trim();
                    example = null;
                    parameter = null;
                    if (section == "SYNTAX")
                    {
                        Match m = Regex.Match(sub, @"^(.*?)\s*(\(Default\))?$");
                        pendingSyntax = new SyntaxDoc { SetName = m.Groups[1].Value.Trim(), IsDefault = m.Groups[2].Success };
                    }
                    else if (section == "EXAMPLES") doc.Examples.Add(example = new ExampleDoc { Title = sub });
                    else if (section == "PARAMETERS" && sub.StartsWith("-", StringComparison.Ordinal)) doc.Parameters.Add(parameter = new ParameterDoc { Name = sub.Substring(1).Trim() });
                    else if (section == "INPUTS") doc.Inputs.Add(sub);
                    else if (section == "OUTPUTS") doc.Outputs.Add(sub);
                    continue;
                }
                if (section != null) doc.Sections[section].Add(line);
                if (example != null && line.Trim().Length > 0) example.Remarks.Add(line.Trim());
                if (parameter != null && line.Trim().Length > 0) parameter.Description.Add(line.Trim());
            }
            return doc;
        }
    }
}
