using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Help
{
    /// <summary>One session with the laid-out module imported, and every exported cmdlet's real metadata.</summary>
    public sealed class HelpFixture : IDisposable
    {
        public HelpFixture()
        {
            Session = new PowerShellSession();
            PSResult r = Session.Run("Get-Command -Module DataWorksDI -CommandType Cmdlet");
            if (r.Errors.Count > 0) throw new InvalidOperationException(r.ErrorText);
            Commands = r.Output.Select(o => RealCommand.From((CmdletInfo)o.BaseObject)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        }

        public PowerShellSession Session { get; }

        public IReadOnlyDictionary<string, RealCommand> Commands { get; }

        public void Dispose() => Session.Dispose();
    }

    /// <summary>
    /// Help quality, as dbatools and Az test it: every exported cmdlet has real Get-Help; the documented parameters and
    /// their metadata are the cmdlet's, per parameter set; examples parse and use only parameters that exist.
    /// </summary>
    public class HelpTests : IClassFixture<HelpFixture>
    {
        /// <summary>The cmdlets of the create → schedule → submit → deploy → watch → delete lifecycle: two examples at least.</summary>
        private static readonly HashSet<string> LifecycleCmdlets = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Connect-DIWorkspace", "New-DISyncTask", "Set-DISyncTask", "Set-DIFileSchedule", "Submit-DIFile", "Publish-DIFile",
            "Remove-DIFile", "Wait-DIDeployment", "Get-DIFile", "Get-DIDeployment",
        };

        private readonly HelpFixture _fixture;

        public HelpTests(HelpFixture fixture) => _fixture = fixture;

        public static string HelpDirectory => Path.Combine(RepoPaths.Root, "docs", "help");

        public static string MamlPath => Path.Combine(RepoPaths.ModuleDirectory, "en-US", "DataWorksDI.dll-Help.xml");

        /// <summary>CmdletsToExport of the manifest: what users get, so what must have help.</summary>
        public static IEnumerable<object[]> ExportedCmdlets()
        {
            string manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "DataWorksDI.psd1"));
            Match block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)");
            return Regex.Matches(block.Groups[1].Value, "'([^']+)'").Select(m => new object[] { m.Groups[1].Value });
        }

        private RealCommand Real(string cmdlet)
        {
            Assert.True(_fixture.Commands.TryGetValue(cmdlet, out RealCommand real), $"{cmdlet} is in CmdletsToExport but the imported module has no such cmdlet.");
            return real;
        }

        private static HelpMarkdown Markdown(string cmdlet)
        {
            string path = Path.Combine(HelpDirectory, cmdlet + ".md");
            Assert.True(File.Exists(path), $"{cmdlet} has no help: create docs/help/{cmdlet}.md (see docs/help/README.md).");
            return HelpMarkdown.Load(path);
        }

        private static void AssertNoProblems(List<string> problems) =>
            Assert.True(problems.Count == 0, problems.Count + " problem(s):\n" + string.Join("\n", problems));

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void HelpFile_IsComplete_WithoutPlaceholders(string cmdlet)
        {
            HelpMarkdown md = Markdown(cmdlet);
            AssertNoProblems(HelpChecks.CheckContent(Real(cmdlet), md, LifecycleCmdlets.Contains(cmdlet) ? 2 : 1));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void DocumentedParameters_AreTheCmdletsParameters_WithTheSameMetadataPerParameterSet(string cmdlet)
        {
            AssertNoProblems(HelpChecks.CompareParameters(Real(cmdlet), Markdown(cmdlet)));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Examples_Parse_AndUseOnlyParametersThatExist(string cmdlet)
        {
            HelpMarkdown md = Markdown(cmdlet);
            Real(cmdlet);
            var problems = new List<string>();
            foreach (HelpMarkdown.ExampleDoc e in md.Examples) problems.AddRange(HelpChecks.CheckExample(cmdlet, e.Title, e.Code, _fixture.Commands));
            AssertNoProblems(problems);
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void GetHelp_ShowsTheWrittenHelp_NotTheGeneratedSyntaxStub(string cmdlet)
        {
            HelpMarkdown md = Markdown(cmdlet);
            PSResult r = _fixture.Session.Run(@"
                $h = Get-Help -Name $cmdlet -Full
                $h.PSObject.TypeNames -contains 'MamlCommandHelpInfo'
                [string]$h.Synopsis
                ($h.description | ForEach-Object { $_.Text }) -join ' '
                @($h.examples.example).Count
                @($h.examples.example | Where-Object { -not [string]::IsNullOrWhiteSpace($_.code) }).Count
                @($h.parameters.parameter | Where-Object { $_ }).Count",
                new Dictionary<string, object> { ["cmdlet"] = cmdlet });
            Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
            Assert.True((bool)r.Output[0].BaseObject, $"Get-Help {cmdlet} did not come from the MAML file (en-US/DataWorksDI.dll-Help.xml): it is the generated stub.");
            string synopsis = (string)r.Output[1].BaseObject;
            Assert.False(string.IsNullOrWhiteSpace(synopsis), $"Get-Help {cmdlet}: empty synopsis.");
            Assert.DoesNotContain("<CommonParameters>", synopsis);
            Assert.False(synopsis.TrimStart().StartsWith(cmdlet + " ", StringComparison.OrdinalIgnoreCase), $"Get-Help {cmdlet}: the synopsis is the generated syntax: {synopsis}");
            Assert.True(((string)r.Output[2].BaseObject).Trim().Length >= 40, $"Get-Help {cmdlet}: the description is missing or a stub.");
            int examples = (int)r.Output[3].BaseObject;
            Assert.True(examples >= 1, $"Get-Help {cmdlet}: no example.");
            Assert.Equal(md.Examples.Count, examples);
            Assert.Equal(examples, (int)r.Output[4].BaseObject);
            Assert.Equal(md.Parameters.Count, (int)r.Output[5].BaseObject);
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Maml_DescribesEveryParameterSetAsTheCmdletDeclaresIt(string cmdlet)
        {
            XNamespace cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            XElement command = LoadMaml().Root.Elements(cmd + "command")
                .FirstOrDefault(c => (string)c.Element(cmd + "details")?.Element(cmd + "name") == cmdlet);
            AssertNoProblems(HelpChecks.CompareMaml(Real(cmdlet), command));
        }

        [Fact]
        public void Maml_IsInTheModuleFolder_AsValidMamlXml()
        {
            Assert.True(File.Exists(MamlPath), $"{MamlPath} is missing: dotnet build writes it (build/DataWorksDI.Help.targets).");
            XDocument doc = LoadMaml();
            XNamespace msh = "http://msh";
            Assert.Equal(msh + "helpItems", doc.Root.Name);
            Assert.Equal("maml", (string)doc.Root.Attribute("schema"));
            XElement first = doc.Root.Elements().First();
            Assert.Equal(XName.Get("command", "http://schemas.microsoft.com/maml/dev/command/2004/10"), first.Name);
            var declared = first.Attributes().Where(a => a.IsNamespaceDeclaration).ToDictionary(a => a.Name.LocalName, a => a.Value);
            Assert.Equal("http://schemas.microsoft.com/maml/2004/10", declared["maml"]);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", declared["command"]);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", declared["dev"]);
            // Exactly one entry per help file, none for a cmdlet without one.
            string[] files = Directory.GetFiles(HelpDirectory, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
            string[] commands = doc.Root.Elements(first.Name).Select(c => (string)c.Element(XName.Get("details", first.Name.NamespaceName)).Element(XName.Get("name", first.Name.NamespaceName)))
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
            Assert.Equal(files, commands);
        }

        [Fact]
        public void EveryHelpFile_DocumentsAnExportedCmdlet()
        {
            var exported = new HashSet<string>(ExportedCmdlets().Select(o => (string)o[0]), StringComparer.OrdinalIgnoreCase);
            string[] orphans = Directory.GetFiles(HelpDirectory, "*.md").Select(Path.GetFileNameWithoutExtension)
                .Where(n => n != "README" && !exported.Contains(n)).ToArray();
            Assert.True(orphans.Length == 0, "Help for cmdlets the module does not export: " + string.Join(", ", orphans));
        }

        [Fact]
        public void Maml_IsNotOlderThanItsMarkdown()
        {
            DateTime built = File.GetLastWriteTimeUtc(MamlPath);
            string[] stale = Directory.GetFiles(HelpDirectory, "*-*.md").Where(f => File.GetLastWriteTimeUtc(f) > built).Select(Path.GetFileName).ToArray();
            Assert.True(stale.Length == 0, "Edited after the MAML was built (run dotnet build): " + string.Join(", ", stale));
        }

        private static XDocument LoadMaml()
        {
            Assert.True(File.Exists(MamlPath), $"{MamlPath} is missing: dotnet build writes it (build/DataWorksDI.Help.targets).");
            return XDocument.Load(MamlPath);
        }
    }
}
