using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DataWorksDI.Tests.Help
{
    /// <summary>A cmdlet's real parameter metadata, as the engine sees it (Get-Command), minus the common parameters.</summary>
    public sealed class RealCommand
    {
        /// <summary>The common parameters every cmdlet gets; -WhatIf and -Confirm are documented like any other parameter.</summary>
        public static readonly HashSet<string> CommonParameters =
            new HashSet<string>(Cmdlet.CommonParameters.Concat(new[] { "UseTransaction" }), StringComparer.OrdinalIgnoreCase);

        public string Name { get; private set; }
        public List<RealSet> Sets { get; } = new List<RealSet>();
        public List<string> OutputTypes { get; } = new List<string>();

        /// <summary>Every parameter name and alias (common ones included) → parameter name, as the binder resolves them.</summary>
        public Dictionary<string, string> NamesAndAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<RealParameter> Parameters => Sets.SelectMany(s => s.Parameters).GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First());

        public sealed class RealSet
        {
            public string Name;
            public bool IsDefault;
            public string Syntax;
            public List<RealParameter> Parameters = new List<RealParameter>();
        }

        public sealed class RealParameter
        {
            public string Name;
            public string TypeName;
            public bool Mandatory;
            public int? Position;
            public bool ByValue;
            public bool ByPropertyName;
            public bool Globbing;
            public List<string> Aliases = new List<string>();

            public string PipelineInput => ByValue && ByPropertyName ? "True (ByPropertyName, ByValue)" : ByValue ? "True (ByValue)" : ByPropertyName ? "True (ByPropertyName)" : "False";
        }

        public static RealCommand From(CmdletInfo cmdlet)
        {
            var real = new RealCommand { Name = cmdlet.Name };
            foreach (CommandParameterSetInfo set in cmdlet.ParameterSets)
            {
                var rs = new RealSet { Name = set.Name, IsDefault = set.IsDefault, Syntax = cmdlet.Name + " " + set.ToString() };
                foreach (CommandParameterInfo p in set.Parameters.Where(p => !CommonParameters.Contains(p.Name)))
                {
                    rs.Parameters.Add(new RealParameter
                    {
                        Name = p.Name,
                        // An optional value type (DITaskType?) is documented by its own name, not "Nullable`1".
                        TypeName = (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).Name,
                        Mandatory = p.IsMandatory,
                        Position = p.Position == int.MinValue ? (int?)null : p.Position,
                        ByValue = p.ValueFromPipeline,
                        ByPropertyName = p.ValueFromPipelineByPropertyName,
                        Globbing = p.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
                        Aliases = p.Aliases.ToList(),
                    });
                }
                real.Sets.Add(rs);
            }
            foreach (var kv in cmdlet.Parameters)
            {
                real.NamesAndAliases[kv.Key] = kv.Key;
                foreach (string alias in kv.Value.Aliases) real.NamesAndAliases[alias] = kv.Key;
            }
            foreach (PSTypeName t in cmdlet.OutputType) real.OutputTypes.Add(t.Type == typeof(void) ? "None" : t.Name);
            return real;
        }

        /// <summary>
        /// Resolves "-Name" as the parameter binder does: an exact name or alias wins, otherwise a unique prefix.
        /// Returns null and a reason when it is unknown or ambiguous.
        /// </summary>
        public string Resolve(string written, out string reason)
        {
            reason = null;
            if (NamesAndAliases.TryGetValue(written, out string exact)) return exact;
            List<string> matches = NamesAndAliases.Where(kv => kv.Key.StartsWith(written, StringComparison.OrdinalIgnoreCase))
                .Select(kv => kv.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (matches.Count == 1) return matches[0];
            reason = matches.Count == 0 ? $"{Name} has no parameter -{written}" : $"-{written} is ambiguous for {Name}: it could be -{string.Join(", -", matches.OrderBy(m => m))}";
            return null;
        }
    }

    /// <summary>The checks behind the help tests. Each returns the problems it found, each naming the cmdlet and what is wrong.</summary>
    public static class HelpChecks
    {
        private static readonly Regex Placeholder = new Regex(@"\{\{|\bTODO\b|\bTBD\b|\bFIXME\b|Fill in the", RegexOptions.IgnoreCase);

        public static string Normalize(string s) => Regex.Replace(s ?? string.Empty, @"\s+", " ").Trim();

        /// <summary>The markdown's parameters and their metadata against the cmdlet's, per parameter set; and its SYNTAX against Get-Command's.</summary>
        public static List<string> CompareParameters(RealCommand real, HelpMarkdown md)
        {
            var problems = new List<string>();
            string file = "docs/help/" + md.FileName;
            var documented = md.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var realNames = new HashSet<string>(real.Parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

            foreach (RealCommand.RealParameter p in real.Parameters.Where(p => !documented.ContainsKey(p.Name)))
                problems.Add($"{real.Name}: parameter -{p.Name} has no help. Add '### -{p.Name}' with a description and a ```yaml metadata block to {file}.");
            foreach (HelpMarkdown.ParameterDoc d in md.Parameters.Where(d => !realNames.Contains(d.Name)))
                problems.Add($"{real.Name}: {file} documents -{d.Name}, which the cmdlet does not have (removed or renamed?).");

            var setNames = new HashSet<string>(real.Sets.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
            foreach (HelpMarkdown.ParameterDoc d in md.Parameters.Where(d => realNames.Contains(d.Name)))
            {
                string where = $"{real.Name} -{d.Name} ({file})";
                if (d.Description.Count == 0 || Placeholder.IsMatch(string.Join(" ", d.Description)))
                    problems.Add($"{where}: the description is missing or a placeholder.");
                if (d.Blocks.Count == 0)
                {
                    problems.Add($"{where}: no ```yaml metadata block.");
                    continue;
                }
                var blockSets = d.Blocks.Select(b => SetsOf(b)).ToList();
                for (int k = 0; k < blockSets.Count; k++)
                {
                    foreach (string s in blockSets[k] ?? new List<string>())
                    {
                        if (!setNames.Contains(s)) problems.Add($"{where}: names parameter set '{s}', which the cmdlet does not have (it has: {string.Join(", ", setNames)}).");
                        else if (!real.Sets.First(x => x.Name.Equals(s, StringComparison.OrdinalIgnoreCase)).Parameters.Any(p => p.Name.Equals(d.Name, StringComparison.OrdinalIgnoreCase)))
                            problems.Add($"{where}: says it is in parameter set '{s}', but it is not.");
                    }
                }
                foreach (RealCommand.RealSet set in real.Sets)
                {
                    RealCommand.RealParameter rp = set.Parameters.FirstOrDefault(p => p.Name.Equals(d.Name, StringComparison.OrdinalIgnoreCase));
                    if (rp == null) continue;
                    var covering = Enumerable.Range(0, d.Blocks.Count)
                        .Where(k => blockSets[k] == null || blockSets[k].Contains(set.Name, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (covering.Count != 1)
                    {
                        problems.Add($"{where}: {(covering.Count == 0 ? "no" : covering.Count.ToString())} metadata block(s) cover parameter set '{set.Name}'; exactly one must ('Parameter Sets: (All)' or a list of set names).");
                        continue;
                    }
                    Dictionary<string, string> b = d.Blocks[covering[0]];
                    string inSet = real.Sets.Count > 1 ? $" in set '{set.Name}'" : string.Empty;
                    Expect(problems, where, inSet, "Type", b, rp.TypeName, StringComparison.OrdinalIgnoreCase);
                    Expect(problems, where, inSet, "Required", b, rp.Mandatory ? "True" : "False", StringComparison.OrdinalIgnoreCase);
                    Expect(problems, where, inSet, "Position", b, rp.Position.HasValue ? rp.Position.Value.ToString() : "Named", StringComparison.OrdinalIgnoreCase);
                    Expect(problems, where, inSet, "Accept wildcard characters", b, rp.Globbing ? "True" : "False", StringComparison.OrdinalIgnoreCase);
                    string pipe = b.TryGetValue("Accept pipeline input", out string pv) ? pv : null;
                    if (!SamePipeline(pipe, rp.ByValue, rp.ByPropertyName))
                        problems.Add($"{where}{inSet}: 'Accept pipeline input: {pipe ?? "(missing)"}' but the cmdlet says '{rp.PipelineInput}'.");
                    string aliases = b.TryGetValue("Aliases", out string av) ? av : string.Empty;
                    var docAliases = aliases.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
                    if (!docAliases.SequenceEqual(rp.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
                        problems.Add($"{where}: 'Aliases: {aliases}' but the cmdlet's aliases are '{string.Join(", ", rp.Aliases)}'.");
                }
            }

            // SYNTAX: one block per parameter set, equal to Get-Command's syntax.
            if (md.Syntax.Count != real.Sets.Count)
                problems.Add($"{real.Name}: {file} shows {md.Syntax.Count} syntax block(s) in ## SYNTAX; the cmdlet has {real.Sets.Count} parameter set(s): {string.Join(", ", real.Sets.Select(s => s.Name))}.");
            foreach (RealCommand.RealSet set in real.Sets)
            {
                HelpMarkdown.SyntaxDoc s = real.Sets.Count == 1 ? md.Syntax.FirstOrDefault() : md.Syntax.FirstOrDefault(x => string.Equals(x.SetName, set.Name, StringComparison.OrdinalIgnoreCase));
                if (s == null)
                {
                    problems.Add($"{real.Name}: ## SYNTAX has no '### {set.Name}{(set.IsDefault ? " (Default)" : string.Empty)}' block.");
                    continue;
                }
                if (real.Sets.Count > 1 && s.IsDefault != set.IsDefault)
                    problems.Add($"{real.Name}: ## SYNTAX marks '{s.SetName}' as {(s.IsDefault ? string.Empty : "not ")}the default set, but the cmdlet {(set.IsDefault ? "does" : "does not")}.");
                if (!string.Equals(Normalize(s.Code), Normalize(set.Syntax), StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{real.Name}: the ## SYNTAX of set '{set.Name}' is out of date.\n  documented: {Normalize(s.Code)}\n  actual:     {set.Syntax}");
            }
            return problems;
        }

        private static List<string> SetsOf(Dictionary<string, string> block)
        {
            if (!block.TryGetValue("Parameter Sets", out string sets) || sets == "(All)") return null;
            return sets.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        }

        private static void Expect(List<string> problems, string where, string inSet, string key, Dictionary<string, string> block, string actual, StringComparison comparison)
        {
            string documented = block.TryGetValue(key, out string v) ? v : null;
            if (!string.Equals(documented, actual, comparison))
                problems.Add($"{where}{inSet}: '{key}: {documented ?? "(missing)"}' but the cmdlet says '{actual}'.");
        }

        public static bool SamePipeline(string text, bool byValue, bool byPropertyName)
        {
            if (text == null) return false;
            string t = text.Trim();
            if (t.Equals("False", StringComparison.OrdinalIgnoreCase)) return !byValue && !byPropertyName;
            if (!t.StartsWith("True", StringComparison.OrdinalIgnoreCase)) return false;
            bool v = Regex.IsMatch(t, @"\bByValue\b", RegexOptions.IgnoreCase);
            bool p = Regex.IsMatch(t, @"\bByPropertyName\b", RegexOptions.IgnoreCase);
            return (byValue || byPropertyName) && v == byValue && p == byPropertyName;
        }

        /// <summary>
        /// An example's code: it parses, calls the cmdlet it documents, and every module command in it uses only parameters
        /// that command has (exact, alias or unambiguous prefix) in a combination some parameter set allows.
        /// </summary>
        public static List<string> CheckExample(string cmdletName, string title, string code, IReadOnlyDictionary<string, RealCommand> moduleCommands)
        {
            var problems = new List<string>();
            string where = $"{cmdletName} '{title}'";
            if (string.IsNullOrWhiteSpace(code))
            {
                problems.Add($"{where}: the example has no code.");
                return problems;
            }
            ScriptBlockAst ast = Parser.ParseInput(code, out Token[] _, out ParseError[] errors);
            foreach (ParseError e in errors)
                problems.Add($"{where}: does not parse, line {e.Extent.StartLineNumber}: {e.Message}");
            if (errors.Length > 0) return problems;

            var calls = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().ToList();
            if (!calls.Any(c => string.Equals(c.GetCommandName(), cmdletName, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{where}: never calls {cmdletName}.");
            foreach (CommandAst call in calls)
            {
                string name = call.GetCommandName();
                if (name == null || !moduleCommands.TryGetValue(name, out RealCommand command)) continue;
                var used = new List<string>();
                foreach (CommandParameterAst p in call.CommandElements.OfType<CommandParameterAst>())
                {
                    string resolved = command.Resolve(p.ParameterName, out string reason);
                    if (resolved == null) problems.Add($"{where}: {reason} (in '{Normalize(call.Extent.Text)}').");
                    else if (!RealCommand.CommonParameters.Contains(resolved)) used.Add(resolved);
                }
                if (used.Count > 0 && !command.Sets.Any(s => used.All(u => s.Parameters.Any(p => p.Name.Equals(u, StringComparison.OrdinalIgnoreCase)))))
                    problems.Add($"{where}: no parameter set of {command.Name} takes -{string.Join(", -", used)} together (in '{Normalize(call.Extent.Text)}').");
            }
            return problems;
        }

        /// <summary>Text that must not reach users: empty sections and placeholders.</summary>
        public static List<string> CheckContent(RealCommand real, HelpMarkdown md, int minimumExamples)
        {
            var problems = new List<string>();
            string file = "docs/help/" + md.FileName;
            if (!string.Equals(md.Name, real.Name, StringComparison.Ordinal))
                problems.Add($"{real.Name}: {file} is headed '# {md.Name}'.");
            foreach (string section in new[] { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES" })
                if (!md.Sections.ContainsKey(section)) problems.Add($"{real.Name}: {file} has no '## {section}'.");
            foreach (string section in new[] { "SYNOPSIS", "DESCRIPTION", "NOTES" })
                if (md.Sections.ContainsKey(section) && md.SectionText(section).Length < 20) problems.Add($"{real.Name}: ## {section} in {file} is empty or too short to say anything.");
            foreach (Match m in Placeholder.Matches(md.Text)) problems.Add($"{real.Name}: {file} still holds the placeholder '{m.Value}'.");
            if (md.Examples.Count < minimumExamples)
                problems.Add($"{real.Name}: {file} has {md.Examples.Count} example(s); it needs at least {minimumExamples}.");
            foreach (HelpMarkdown.ExampleDoc e in md.Examples)
            {
                if (!Regex.IsMatch(e.Title, @"^Example \d+: \S")) problems.Add($"{real.Name}: example heading '{e.Title}' is not 'Example N: what it shows'.");
                if (e.Remarks.Count == 0) problems.Add($"{real.Name}: '{e.Title}' does not explain what it does.");
            }

            // OUTPUTS name the [OutputType]s; INPUTS say None exactly when nothing binds from the pipeline.
            var outputs = new HashSet<string>(md.Outputs, StringComparer.OrdinalIgnoreCase);
            if (!outputs.SetEquals(real.OutputTypes))
                problems.Add($"{real.Name}: ## OUTPUTS lists '{string.Join(", ", md.Outputs)}', the cmdlet's [OutputType] is '{string.Join(", ", real.OutputTypes)}'.");
            bool pipes = real.Parameters.Any(p => p.ByValue || p.ByPropertyName);
            bool saysNone = md.Inputs.Count == 1 && md.Inputs[0] == "None";
            if (md.Inputs.Count == 0) problems.Add($"{real.Name}: ## INPUTS names no type.");
            else if (pipes == saysNone)
                problems.Add(pipes
                    ? $"{real.Name}: ## INPUTS says None, but -{string.Join(", -", real.Parameters.Where(p => p.ByValue || p.ByPropertyName).Select(p => p.Name))} bind from the pipeline."
                    : $"{real.Name}: ## INPUTS names types, but no parameter binds from the pipeline (say '### None').");
            return problems;
        }

        /// <summary>The MAML's entry for a cmdlet: its syntax items match the real parameter sets one to one.</summary>
        public static List<string> CompareMaml(RealCommand real, XElement command)
        {
            XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
            XNamespace cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            XNamespace dev = "http://schemas.microsoft.com/maml/dev/2004/10";
            var problems = new List<string>();
            if (command == null)
            {
                problems.Add($"{real.Name}: the MAML file has no <command:command> for it (no docs/help/{real.Name}.md?).");
                return problems;
            }
            XElement details = command.Element(cmd + "details");
            int dash = real.Name.IndexOf('-');
            if ((string)details?.Element(cmd + "verb") != real.Name.Substring(0, dash) || (string)details?.Element(cmd + "noun") != real.Name.Substring(dash + 1))
                problems.Add($"{real.Name}: MAML details have the wrong verb/noun.");
            if (string.IsNullOrWhiteSpace((string)details?.Element(maml + "description"))) problems.Add($"{real.Name}: MAML details have no synopsis.");
            if (string.IsNullOrWhiteSpace((string)command.Element(maml + "description"))) problems.Add($"{real.Name}: MAML has no description.");
            if (!command.Elements(cmd + "examples").Elements(cmd + "example").Any(e => !string.IsNullOrWhiteSpace((string)e.Element(dev + "code"))))
                problems.Add($"{real.Name}: MAML has no example with code.");
            foreach (string section in new[] { "inputTypes", "returnValues" })
                if (!command.Elements(cmd + section).Elements().Any()) problems.Add($"{real.Name}: MAML <command:{section}> is empty.");
            if (!command.Elements(maml + "alertSet").Elements(maml + "alert").Elements(maml + "para").Any()) problems.Add($"{real.Name}: MAML has no notes (alertSet).");

            var items = command.Elements(cmd + "syntax").Elements(cmd + "syntaxItem").ToList();
            if (items.Count != real.Sets.Count)
                problems.Add($"{real.Name}: MAML has {items.Count} syntax item(s) for {real.Sets.Count} parameter set(s).");
            foreach (RealCommand.RealSet set in real.Sets)
            {
                var names = new HashSet<string>(set.Parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
                XElement item = items.FirstOrDefault(i => names.SetEquals(i.Elements(cmd + "parameter").Select(p => (string)p.Element(maml + "name"))));
                if (item == null)
                {
                    problems.Add($"{real.Name}: no MAML syntax item has exactly the parameters of set '{set.Name}': -{string.Join(", -", names)}.");
                    continue;
                }
                foreach (XElement p in item.Elements(cmd + "parameter"))
                {
                    RealCommand.RealParameter rp = set.Parameters.First(x => x.Name.Equals((string)p.Element(maml + "name"), StringComparison.OrdinalIgnoreCase));
                    string where = $"{real.Name} -{rp.Name} (MAML, set '{set.Name}')";
                    if ((string)p.Attribute("required") != (rp.Mandatory ? "true" : "false")) problems.Add($"{where}: required='{(string)p.Attribute("required")}'.");
                    string position = rp.Position.HasValue ? rp.Position.Value.ToString() : "named";
                    if (!string.Equals((string)p.Attribute("position"), position, StringComparison.OrdinalIgnoreCase)) problems.Add($"{where}: position='{(string)p.Attribute("position")}', expected '{position}'.");
                    if (!SamePipeline((string)p.Attribute("pipelineInput"), rp.ByValue, rp.ByPropertyName)) problems.Add($"{where}: pipelineInput='{(string)p.Attribute("pipelineInput")}', expected '{rp.PipelineInput}'.");
                    if ((string)p.Attribute("globbing") != (rp.Globbing ? "true" : "false")) problems.Add($"{where}: globbing='{(string)p.Attribute("globbing")}'.");
                    string type = (string)p.Element(dev + "type")?.Element(maml + "name");
                    if (!string.Equals(type, rp.TypeName, StringComparison.OrdinalIgnoreCase)) problems.Add($"{where}: type '{type}', expected '{rp.TypeName}'.");
                    if (string.IsNullOrWhiteSpace((string)p.Element(maml + "description"))) problems.Add($"{where}: no description.");
                }
            }
            return problems;
        }
    }
}
