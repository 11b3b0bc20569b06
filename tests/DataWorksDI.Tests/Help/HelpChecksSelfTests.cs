using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace DataWorksDI.Tests.Help
{
    /// <summary>The help checks can fail: each is fed a doctored copy of real help and must name the fault.</summary>
    public class HelpChecksSelfTests : IClassFixture<HelpFixture>
    {
        private readonly HelpFixture _fixture;

        public HelpChecksSelfTests(HelpFixture fixture) => _fixture = fixture;

        private static string GetDIFileText => File.ReadAllText(Path.Combine(HelpTests.HelpDirectory, "Get-DIFile.md"));

        private RealCommand GetDIFile => _fixture.Commands["Get-DIFile"];

        private List<string> Compare(string text) => HelpChecks.CompareParameters(GetDIFile, HelpMarkdown.Parse("Get-DIFile.md", text));

        [Fact]
        public void TheRealHelp_PassesEveryCheck()
        {
            Assert.Empty(Compare(GetDIFileText));
        }

        [Fact]
        public void AnUndocumentedParameter_IsNamed()
        {
            // As if the cmdlet had gained -Keyword without help.
            string text = Regex.Replace(GetDIFileText, @"### -Keyword\n.*?(?=### -)", string.Empty, RegexOptions.Singleline);
            string problem = Assert.Single(Compare(text));
            Assert.Contains("Get-DIFile: parameter -Keyword has no help", problem);
            Assert.Contains("docs/help/Get-DIFile.md", problem);
        }

        [Fact]
        public void ADocumentedParameterTheCmdletLacks_IsNamed()
        {
            string text = GetDIFileText.Replace("### -Keyword", "### -Keywords");
            List<string> problems = Compare(text);
            Assert.Contains(problems, p => p.Contains("parameter -Keyword has no help"));
            Assert.Contains(problems, p => p.Contains("documents -Keywords, which the cmdlet does not have"));
        }

        [Theory]
        [InlineData("Required: True\nPosition: 0", "Required: False\nPosition: 0", "'Required: False' but the cmdlet says 'True'")]
        [InlineData("Type: Int64\nParameter Sets: ById", "Type: Int32\nParameter Sets: ById", "'Type: Int32' but the cmdlet says 'Int64'")]
        [InlineData("Parameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 0", "Parameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 1", "'Position: 1' but the cmdlet says '0'")]
        [InlineData("Parameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 0\nDefault value: None\nAccept pipeline input: True (ByPropertyName)", "Parameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 0\nDefault value: None\nAccept pipeline input: False", "'Accept pipeline input: False' but the cmdlet says 'True (ByPropertyName)'")]
        [InlineData("Type: Int64\nParameter Sets: ById", "Type: Int64\nParameter Sets: ById, Query", "says it is in parameter set 'Query', but it is not")]
        [InlineData("Aliases: FileName", "Aliases:", "the cmdlet's aliases are 'FileName'")]
        [InlineData("[-FileId] <long>", "[-FileId] <int>", "the ## SYNTAX of set 'ById' is out of date")]
        [InlineData("### Query (Default)", "### Query", "marks 'Query' as not the default set")]
        public void WrongMetadata_IsNamed(string original, string doctored, string expected)
        {
            Assert.Contains(original, GetDIFileText);
            List<string> problems = Compare(GetDIFileText.Replace(original, doctored));
            Assert.Contains(problems, p => p.Contains(expected));
        }

        [Theory]
        [InlineData("Get-DIFile -Nmae 'daily_orders'", "Get-DIFile has no parameter -Nmae")]
        [InlineData("Get-DIFile -F 1", "-F is ambiguous for Get-DIFile")]
        [InlineData("Get-DIFile -FileId 1 -Keyword orders", "no parameter set of Get-DIFile takes -FileId, -Keyword together")]
        [InlineData("Get-DIFile -Name (", "does not parse")]
        [InlineData("Get-DIDeployment -List", "never calls Get-DIFile")]
        [InlineData("Get-DIFile -Keyword orders | Submit-DIFile -Wiat", "Submit-DIFile has no parameter -Wiat")]
        public void BadExamples_AreNamed(string code, string expected)
        {
            List<string> problems = HelpChecks.CheckExample("Get-DIFile", "Example 1: x", code, _fixture.Commands);
            Assert.Contains(problems, p => p.Contains(expected));
        }

        [Theory]
        [InlineData("Get-DIFile -Keyword orders -Fo 'Workflow/x' -AnyT -Verb -ErrorAction Stop")]   // prefixes and common parameters
        [InlineData("Get-DIFile -FileName daily_orders; Get-DIFile -Keyword orders -Inc -ErrorAction SilentlyContinue")]   // alias; -Inc is a prefix of -IncludeContent only
        [InlineData("$f = Get-DIFile 1000001; $f | Remove-DIFile -Publish -Confirm:$false -WhatIf")]
        public void GoodExamples_Pass(string code)
        {
            Assert.Empty(HelpChecks.CheckExample("Get-DIFile", "Example 1: x", code, _fixture.Commands));
        }

        [Fact]
        public void Placeholders_AndMissingExamples_AreNamed()
        {
            string text = GetDIFileText.Replace("## NOTES\n", "## NOTES\nTODO: write notes about paging and quota.\n");
            text = Regex.Replace(text, @"### Example 2:.*?(?=## PARAMETERS)", string.Empty, RegexOptions.Singleline);
            List<string> problems = HelpChecks.CheckContent(GetDIFile, HelpMarkdown.Parse("Get-DIFile.md", text), 2);
            Assert.Contains(problems, p => p.Contains("placeholder 'TODO'"));
            Assert.Contains(problems, p => p.Contains("it needs at least 2"));
        }

        [Fact]
        public void WrongOutputsAndInputs_AreNamed()
        {
            string text = GetDIFileText.Replace("### DataWorksDI.Models.DIFile", "### DataWorksDI.Models.DIDeployment");
            text = Regex.Replace(text, @"## INPUTS\n.*?(?=## OUTPUTS)", "## INPUTS\n\n### None\n\n", RegexOptions.Singleline);
            List<string> problems = HelpChecks.CheckContent(GetDIFile, HelpMarkdown.Parse("Get-DIFile.md", text), 1);
            Assert.Contains(problems, p => p.Contains("## OUTPUTS lists 'DataWorksDI.Models.DIDeployment'"));
            Assert.Contains(problems, p => p.Contains("## INPUTS says None, but") && p.Contains("-FileId"));
        }

        [Fact]
        public void AMamlSyntaxItemMissingAParameter_IsNamed()
        {
            XNamespace cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
            XElement command = XDocument.Load(HelpTests.MamlPath).Root.Elements(cmd + "command")
                .Single(c => (string)c.Element(cmd + "details").Element(cmd + "name") == "Get-DIFile");
            Assert.Empty(HelpChecks.CompareMaml(GetDIFile, command));

            command.Descendants(cmd + "syntaxItem").SelectMany(i => i.Elements(cmd + "parameter"))
                .First(p => (string)p.Element(maml + "name") == "Keyword").Remove();
            command.Descendants(cmd + "syntaxItem").SelectMany(i => i.Elements(cmd + "parameter"))
                .First(p => (string)p.Element(maml + "name") == "FileId").SetAttributeValue("required", "false");
            List<string> problems = HelpChecks.CompareMaml(GetDIFile, command);
            Assert.Contains(problems, p => p.Contains("no MAML syntax item has exactly the parameters of set 'Query'"));
            Assert.Contains(problems, p => p.Contains("Get-DIFile -FileId (MAML, set 'ById'): required='false'"));
        }
    }
}
