// Compiled at build time by RoslynCodeTaskFactory (see DataWorksDI.Help.targets); not part of any assembly we ship.
// Turns docs/help/<Verb-Noun>.md (platyPS-style markdown) into the MAML file a binary module needs:
// en-US/<AssemblyFileName>-Help.xml. Malformed markdown fails the build with the file and line; a cmdlet of the
// manifest without a markdown file is only a warning here (the help tests fail for it, naming the cmdlet).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ConvertHelpMarkdownToMaml : Task
{
    [Required] public ITaskItem[] Sources { get; set; }

    [Required] public string OutputFile { get; set; }

    /// <summary>The module manifest: its CmdletsToExport is compared with the markdown files (warnings only).</summary>
    public string ManifestPath { get; set; }

    public override bool Execute()
    {
        var docs = new List<HelpDoc>();
        foreach (ITaskItem item in Sources.OrderBy(i => i.ItemSpec, StringComparer.OrdinalIgnoreCase))
        {
            string path = item.GetMetadata("FullPath");
            var parser = new HelpMarkdownParser(path, File.ReadAllText(path));
            HelpDoc doc = parser.Parse();
            foreach (HelpProblem p in parser.Problems)
                Log.LogError("help", "DWHELP001", null, path, p.Line, 0, 0, 0, p.Message);
            if (parser.Problems.Count == 0) docs.Add(doc);
        }
        if (Log.HasLoggedErrors) return false;

        if (!string.IsNullOrEmpty(ManifestPath) && File.Exists(ManifestPath))
        {
            var documented = new HashSet<string>(docs.Select(d => d.Name), StringComparer.OrdinalIgnoreCase);
            foreach (string cmdlet in ExportedCmdlets(File.ReadAllText(ManifestPath)).Where(c => !documented.Contains(c)))
                Log.LogWarning("help", "DWHELP002", null, ManifestPath, 0, 0, 0, 0,
                    "{0} is exported but has no help: add docs/help/{0}.md (Get-Help will show only its syntax).", cmdlet);
        }

        XDocument maml = MamlWriter.Write(docs);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile)));
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (XmlWriter writer = XmlWriter.Create(OutputFile, settings)) maml.Save(writer);
        Log.LogMessage(MessageImportance.High, "Help: {0} cmdlet(s) from {1} written to {2}", docs.Count, Sources.Length, OutputFile);
        return true;
    }

    private static IEnumerable<string> ExportedCmdlets(string manifest)
    {
        Match block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.IgnoreCase);
        if (!block.Success) yield break;
        foreach (Match m in Regex.Matches(block.Groups[1].Value, @"'([^']+)'|""([^""]+)""")) yield return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
    }
}

internal sealed class HelpProblem
{
    public HelpProblem(int line, string message) { Line = line; Message = message; }
    public int Line { get; }
    public string Message { get; }
}

internal sealed class HelpDoc
{
    public string Name;
    public List<string> Synopsis = new List<string>();
    public List<string> Description = new List<string>();
    /// <summary>Parameter sets in the order of the SYNTAX section; empty when it names none (one set).</summary>
    public List<string> SyntaxSets = new List<string>();
    public List<HelpExample> Examples = new List<HelpExample>();
    public List<HelpParameter> Parameters = new List<HelpParameter>();
    public List<HelpTyped> Inputs = new List<HelpTyped>();
    public List<HelpTyped> Outputs = new List<HelpTyped>();
    public List<string> Notes = new List<string>();
    public List<KeyValuePair<string, string>> Links = new List<KeyValuePair<string, string>>();
}

internal sealed class HelpExample
{
    public string Title;
    public int Line;
    public List<string> Code = new List<string>();
    public List<string> Remarks = new List<string>();
}

internal sealed class HelpTyped
{
    public string Type;
    public List<string> Description = new List<string>();
}

internal sealed class HelpParameter
{
    public string Name;
    public int Line;
    public List<string> Description = new List<string>();
    public List<HelpParameterBlock> Blocks = new List<HelpParameterBlock>();
}

/// <summary>One platyPS metadata block: the parameter's properties in the sets it lists.</summary>
internal sealed class HelpParameterBlock
{
    public string Type;
    /// <summary>Null means "(All)".</summary>
    public List<string> Sets;
    public List<string> Aliases = new List<string>();
    public bool Required;
    /// <summary>Null means "Named".</summary>
    public int? Position;
    public string DefaultValue;
    public string PipelineInput;
    public bool Globbing;

    public bool AppliesTo(string set) => Sets == null || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A small line-based reader for the platyPS markdown shape; reports every structural problem with its line.</summary>
internal sealed class HelpMarkdownParser
{
    private static readonly string[] RequiredSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES" };
    private static readonly string[] PipelineValues = { "False", "True (ByValue)", "True (ByPropertyName)", "True (ByPropertyName, ByValue)", "True (ByValue, ByPropertyName)" };

    private readonly string _path;
    private readonly string[] _lines;

    public HelpMarkdownParser(string path, string text)
    {
        _path = path;
        _lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
    }

    public List<HelpProblem> Problems { get; } = new List<HelpProblem>();

    private void Problem(int index, string message) => Problems.Add(new HelpProblem(index + 1, message));

    public HelpDoc Parse()
    {
        var doc = new HelpDoc();
        int i = 0;
        if (_lines.Length > 0 && _lines[0].Trim() == "---")
        {
            for (i = 1; i < _lines.Length && _lines[i].Trim() != "---"; i++) { }
            i++;
        }

        string section = null;        // current ## heading
        string sub = null;            // current ### heading text
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var para = new List<string>();
        List<string> target = null;   // where the paragraphs of the current block go
        HelpExample example = null;
        HelpParameter parameter = null;
        int h1Line = -1;

        Action flush = () =>
        {
            if (para.Count > 0 && target != null) target.Add(Inline(string.Join(" ", para.Select(l => l.Trim()))));
            para.Clear();
        };

        for (; i < _lines.Length; i++)
        {
            string line = _lines[i];
            string trimmed = line.Trim();

            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                flush();
                string lang = trimmed.Substring(3).Trim();
                int start = i;
                var code = new List<string>();
                for (i++; i < _lines.Length && !_lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++) code.Add(_lines[i]);
                if (i >= _lines.Length) { Problem(start, "A code block is not closed (```)."); break; }
                OnCode(doc, section, example, parameter, lang, code, start);
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                flush();
                if (doc.Name != null) Problem(i, "A second '# ' heading: one help file documents one cmdlet.");
                doc.Name = trimmed.Substring(2).Trim();
                h1Line = i;
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                flush();
                section = trimmed.Substring(3).Trim().ToUpperInvariant();
                if (!seen.Add(section)) Problem(i, $"Section '## {section}' appears twice.");
                sub = null;
                example = null;
                parameter = null;
                switch (section)
                {
                    case "SYNOPSIS": target = doc.Synopsis; break;
                    case "DESCRIPTION": target = doc.Description; break;
                    case "NOTES": target = doc.Notes; break;
                    default: target = null; break;
                }
                continue;
            }
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                flush();
                sub = trimmed.Substring(4).Trim();
                example = null;
                parameter = null;
                target = null;
                switch (section)
                {
                    case "SYNTAX":
                        string set = Regex.Replace(sub, @"\s*\(Default\)\s*$", string.Empty, RegexOptions.IgnoreCase);
                        doc.SyntaxSets.Add(set);
                        break;
                    case "EXAMPLES":
                        example = new HelpExample { Title = sub, Line = i + 1 };
                        doc.Examples.Add(example);
                        target = example.Remarks;
                        break;
                    case "PARAMETERS":
                        if (sub == "CommonParameters") break;
                        if (!sub.StartsWith("-", StringComparison.Ordinal) || sub.Length < 2 || sub.Contains(" "))
                        {
                            Problem(i, $"A parameter heading must be '### -Name', not '### {sub}'.");
                            break;
                        }
                        parameter = new HelpParameter { Name = sub.Substring(1), Line = i + 1 };
                        if (doc.Parameters.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                            Problem(i, $"Parameter -{parameter.Name} is documented twice.");
                        doc.Parameters.Add(parameter);
                        target = parameter.Description;
                        break;
                    case "INPUTS":
                    case "OUTPUTS":
                        var typed = new HelpTyped { Type = sub };
                        (section == "INPUTS" ? doc.Inputs : doc.Outputs).Add(typed);
                        target = typed.Description;
                        break;
                    case "NOTES":
                        target = doc.Notes;
                        para.Add(sub.TrimEnd('.') + ".");
                        flush();
                        break;
                    default:
                        break;
                }
                continue;
            }

            if (section == "RELATED LINKS")
            {
                Match link = Regex.Match(trimmed, @"^[-*]?\s*\[([^\]]+)\]\(([^)]*)\)$");
                if (link.Success) doc.Links.Add(new KeyValuePair<string, string>(link.Groups[1].Value.Trim(), link.Groups[2].Value.Trim()));
                else if (trimmed.Length > 0) Problem(i, "RELATED LINKS takes one '- [Text](uri)' per line.");
                continue;
            }

            if (trimmed.Length == 0) { flush(); continue; }
            if (Regex.IsMatch(trimmed, @"^([-*]|\d+\.)\s+")) flush();   // each list item is a paragraph of its own
            if (target == null)
            {
                if (section == null) Problem(i, "Text before the first '## ' section.");
                else if (section != "SYNTAX" && !(section == "PARAMETERS" && sub == "CommonParameters"))
                    Problem(i, $"Text in '## {section}' must be under a '### ' heading.");
                continue;
            }
            para.Add(trimmed);
        }
        flush();

        string expectedName = Path.GetFileNameWithoutExtension(_path);
        if (doc.Name == null) Problem(0, "The file has no '# Verb-Noun' heading.");
        else if (!string.Equals(doc.Name, expectedName, StringComparison.Ordinal)) Problem(h1Line, $"The heading '# {doc.Name}' does not match the file name '{expectedName}.md'.");
        else if (!Regex.IsMatch(doc.Name, @"^[A-Za-z]+-[A-Za-z0-9]+$")) Problem(h1Line, $"'{doc.Name}' is not a Verb-Noun cmdlet name.");
        foreach (string s in RequiredSections.Where(s => !seen.Contains(s))) Problem(0, $"Section '## {s}' is missing.");
        if (seen.Contains("SYNOPSIS") && doc.Synopsis.Count == 0) Problem(0, "## SYNOPSIS is empty.");
        if (seen.Contains("DESCRIPTION") && doc.Description.Count == 0) Problem(0, "## DESCRIPTION is empty.");
        if (seen.Contains("EXAMPLES") && doc.Examples.Count == 0) Problem(0, "## EXAMPLES has no '### Example 1: …'.");
        foreach (HelpExample e in doc.Examples.Where(e => e.Code.Count == 0)) Problem(e.Line - 1, $"Example '{e.Title}' has no ```powershell code block.");
        foreach (HelpParameter p in doc.Parameters)
        {
            if (p.Description.Count == 0) Problem(p.Line - 1, $"Parameter -{p.Name} has no description.");
            if (p.Blocks.Count == 0) Problem(p.Line - 1, $"Parameter -{p.Name} has no ```yaml metadata block (Type, Parameter Sets, Required, Position, Accept pipeline input…).");
        }
        if (doc.Inputs.Count == 0 && seen.Contains("INPUTS")) Problem(0, "## INPUTS names no type ('### None' when nothing can be piped).");
        if (doc.Outputs.Count == 0 && seen.Contains("OUTPUTS")) Problem(0, "## OUTPUTS names no type ('### None' when nothing is written).");
        return doc;
    }

    private void OnCode(HelpDoc doc, string section, HelpExample example, HelpParameter parameter, string lang, List<string> code, int start)
    {
        if (section == "EXAMPLES")
        {
            if (example == null) { Problem(start, "A code block in ## EXAMPLES outside an '### Example' heading."); return; }
            if (example.Code.Count > 0) example.Code.Add(string.Empty);
            example.Code.AddRange(code);
            return;
        }
        if (section == "PARAMETERS" && parameter != null && lang == "yaml")
        {
            parameter.Blocks.Add(ParseBlock(parameter.Name, code, start));
            return;
        }
        if (section == "SYNTAX") return;   // for readers; the tests compare it with Get-Command's syntax
        Problem(start, $"Unexpected code block in ## {section ?? "(no section)"}.");
    }

    private HelpParameterBlock ParseBlock(string name, List<string> lines, int start)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < lines.Count; k++)
        {
            string l = lines[k].Trim();
            if (l.Length == 0) continue;
            int colon = l.IndexOf(':');
            if (colon <= 0) { Problem(start + 1 + k, $"-{name}: '{l}' is not 'Key: value'."); continue; }
            values[l.Substring(0, colon).Trim()] = l.Substring(colon + 1).Trim();
        }
        Func<string, string> get = key =>
        {
            if (values.TryGetValue(key, out string v)) return v;
            Problem(start, $"-{name}: the metadata block has no '{key}:'.");
            return null;
        };
        var block = new HelpParameterBlock();
        block.Type = get("Type");
        if (block.Type != null && block.Type.Length == 0) Problem(start, $"-{name}: Type is empty.");
        string sets = get("Parameter Sets");
        if (sets != null)
        {
            if (sets == "(All)") block.Sets = null;
            else block.Sets = sets.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            if (block.Sets != null && block.Sets.Count == 0) Problem(start, $"-{name}: Parameter Sets is empty (use '(All)').");
        }
        if (values.TryGetValue("Aliases", out string aliases))
            block.Aliases = aliases.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        block.Required = Bool(get("Required"), name, "Required", start);
        string position = get("Position");
        if (position != null)
        {
            if (string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase)) block.Position = null;
            else if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int p)) block.Position = p;
            else Problem(start, $"-{name}: Position must be 'Named' or a number, not '{position}'.");
        }
        block.DefaultValue = values.TryGetValue("Default value", out string d) && d.Length > 0 ? d : "None";
        string pipeline = get("Accept pipeline input");
        if (pipeline != null && !PipelineValues.Contains(pipeline, StringComparer.OrdinalIgnoreCase))
            Problem(start, $"-{name}: 'Accept pipeline input: {pipeline}' is not one of: {string.Join("; ", PipelineValues)}.");
        block.PipelineInput = pipeline;
        block.Globbing = Bool(get("Accept wildcard characters"), name, "Accept wildcard characters", start);
        return block;
    }

    private bool Bool(string value, string name, string key, int start)
    {
        if (value == null) return false;
        if (string.Equals(value, "True", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(value, "False", StringComparison.OrdinalIgnoreCase)) return false;
        Problem(start, $"-{name}: '{key}: {value}' must be True or False.");
        return false;
    }

    /// <summary>Markdown inline markup to the plain text Get-Help shows.</summary>
    internal static string Inline(string text)
    {
        text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)]+)\)", "$1 ($2)");
        text = text.Replace("**", string.Empty);
        text = Regex.Replace(text, @"`([^`]+)`", "$1");
        return text;
    }
}

internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<HelpDoc> docs)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (HelpDoc doc in docs.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)) root.Add(CommandElement(doc));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement Paras(XName name, IEnumerable<string> paras) =>
        new XElement(name, paras.Select(p => new XElement(Maml + "para", p)));

    private static XElement CommandElement(HelpDoc doc)
    {
        int dash = doc.Name.IndexOf('-');
        var command = new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", doc.Name),
                new XElement(Command + "verb", doc.Name.Substring(0, dash)),
                new XElement(Command + "noun", doc.Name.Substring(dash + 1)),
                Paras(Maml + "description", doc.Synopsis)),
            Paras(Maml + "description", doc.Description));

        var syntax = new XElement(Command + "syntax");
        foreach (string set in SetsOf(doc))
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", doc.Name));
            var members = doc.Parameters
                .Select((p, index) => new { p, index, block = p.Blocks.FirstOrDefault(b => b.AppliesTo(set)) })
                .Where(x => x.block != null)
                .OrderBy(x => x.block.Position.HasValue ? 0 : x.block.Required ? 1 : 2)
                .ThenBy(x => x.block.Position ?? 0)
                .ThenBy(x => x.index);
            foreach (var m in members) item.Add(Parameter(m.p, m.block, inSyntax: true));
            syntax.Add(item);
        }
        command.Add(syntax);

        command.Add(new XElement(Command + "parameters", doc.Parameters.Select(p => Parameter(p, p.Blocks[0], inSyntax: false))));
        command.Add(new XElement(Command + "inputTypes", doc.Inputs.Select(t => new XElement(Command + "inputType", Type(t.Type), Paras(Maml + "description", t.Description)))));
        command.Add(new XElement(Command + "returnValues", doc.Outputs.Select(t => new XElement(Command + "returnValue", Type(t.Type), Paras(Maml + "description", t.Description)))));
        command.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", doc.Notes.Select(n => new XElement(Maml + "para", n)))));
        command.Add(new XElement(Command + "examples", doc.Examples.Select(e => new XElement(Command + "example",
            new XElement(Maml + "title", "---------- " + e.Title + " ----------"),
            new XElement(Dev + "code", string.Join("\n", e.Code)),
            Paras(Dev + "remarks", e.Remarks)))));
        command.Add(new XElement(Command + "relatedLinks", doc.Links.Select(l => new XElement(Maml + "navigationLink",
            new XElement(Maml + "linkText", l.Key),
            new XElement(Maml + "uri", l.Value)))));
        return command;
    }

    /// <summary>The parameter sets: the SYNTAX headings, else those named in the metadata blocks, else the one implicit set.</summary>
    private static List<string> SetsOf(HelpDoc doc)
    {
        if (doc.SyntaxSets.Count > 0) return doc.SyntaxSets;
        var named = doc.Parameters.SelectMany(p => p.Blocks).Where(b => b.Sets != null).SelectMany(b => b.Sets)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return named.Count > 0 ? named : new List<string> { "__AllParameterSets" };
    }

    private static XElement Type(string name) => new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Parameter(HelpParameter p, HelpParameterBlock b, bool inSyntax)
    {
        bool isSwitch = string.Equals(b.Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);
        var e = new XElement(Command + "parameter",
            new XAttribute("required", b.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", b.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", b.PipelineInput),
            new XAttribute("position", b.Position.HasValue ? b.Position.Value.ToString(CultureInfo.InvariantCulture) : "named"),
            new XAttribute("aliases", b.Aliases.Count == 0 ? "none" : string.Join(", ", b.Aliases)),
            new XElement(Maml + "name", p.Name),
            Paras(Maml + "description", p.Description));
        if (!(inSyntax && isSwitch))
            e.Add(new XElement(Command + "parameterValue", new XAttribute("required", isSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), b.Type));
        e.Add(Type(b.Type));
        e.Add(new XElement(Dev + "defaultValue", b.DefaultValue));
        return e;
    }
}
