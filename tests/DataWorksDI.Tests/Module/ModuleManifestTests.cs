using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>The laid-out module imports into the real engine and its manifest tells the truth.</summary>
    public class ModuleManifestTests
    {
        private static string[] CmdletNamesInAssembly() => typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a != null)
            .Select(a => a.VerbName + "-" + a.NounName)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToArray();

        [Fact]
        public void ImportedModule_ExportsExactlyTheCmdletsOfTheAssembly()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Get-Command -Module DataWorksDI | ForEach-Object { $_.Name }");
                Assert.Empty(r.Errors);
                string[] exported = r.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
                Assert.Equal(CmdletNamesInAssembly(), exported);
                Assert.Contains("Connect-DIWorkspace", exported);
            }
        }

        [Fact]
        public void Manifest_PassesTestModuleManifest_AndDeclaresBothEditions()
        {
            using (var ps = new PowerShellSession(importModule: false))
            {
                PSResult r = ps.Run($"Test-ModuleManifest -Path '{RepoPaths.ModuleManifest}' -ErrorAction Stop");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                PSModuleInfo info = (PSModuleInfo)r.Output.Single().BaseObject;
                Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
                Assert.Equal(new Version(5, 1), info.PowerShellVersion);
                Assert.Equal("DataWorksDI.dll", Path.GetFileName(info.RootModule));
            }
        }

        /// <summary>Issue 16: the ProjectUri was a placeholder and no cmdlet had a HelpUri.</summary>
        [Fact]
        public void EveryCmdlet_HasAHelpUri_ToItsPageUnderTheManifestsProjectUri()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("(Get-Module DataWorksDI).ProjectUri.ToString(); Get-Command -Module DataWorksDI | ForEach-Object { $_.Name + ' ' + $_.HelpUri }");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                string project = r.Output[0].ToString();
                Assert.DoesNotContain("example", project);
                Assert.StartsWith("https://", project);
                Assert.Equal(DataWorksDI.Cmdlets.HelpLinks.Repository, project);
                foreach (string line in r.Output.Skip(1).Select(o => o.ToString()))
                {
                    string[] parts = line.Split(' ');
                    Assert.Equal(project + "/blob/main/docs/help/" + parts[0] + ".md", parts[1]);
                    Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", "help", parts[0] + ".md")), parts[0]);
                }
            }
        }

        [Fact]
        public void AboutTopic_IsLaidOut_AndGetHelpFindsIt()
        {
            string laidOut = Path.Combine(RepoPaths.ModuleDirectory, "en-US", "about_DataWorksDI.help.txt");
            Assert.True(File.Exists(laidOut), laidOut);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "help", "about_DataWorksDI.help.txt")), File.ReadAllText(laidOut));
            Assert.All(File.ReadAllLines(laidOut), l => Assert.True(l.Length < 80, "a line of the about topic is too wide: " + l));
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Get-Help about_DataWorksDI | Out-String");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                string text = string.Concat(r.Output.Select(o => o.ToString()));
                Assert.Contains("SHORT DESCRIPTION", text);
                Assert.Contains("Get-DIWorkspace -Refresh", text);
            }
        }

        [Fact]
        public void ManifestSource_HasNoWildcardExports()
        {
            string text = File.ReadAllText(Path.Combine(RepoPaths.Root, "DataWorksDI.psd1"));
            Assert.DoesNotContain("'*'", text);
            Assert.Contains("CmdletsToExport", text);
        }

        [Fact]
        public void OneVersion_InTheManifestAndTheAssembly()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("(Get-Module DataWorksDI).Version.ToString(); [DataWorksDI.Cmdlets.DataWorksCmdlet].Assembly.GetName().Version.ToString(3)");
                Assert.Empty(r.Errors);
                Assert.Equal(r.Output[0].ToString(), r.Output[1].ToString());
            }
        }

        [Fact]
        public void ModuleFolder_HoldsEverythingItNeeds_AndNothingFromTheEngine()
        {
            string[] files = Directory.GetFiles(RepoPaths.ModuleDirectory).Select(Path.GetFileName).ToArray();
            Assert.Contains("DataWorksDI.psd1", files);
            Assert.Contains("DataWorksDI.dll", files);
            Assert.Contains("DataWorksDI.format.ps1xml", files);
            Assert.Contains("Newtonsoft.Json.dll", files);
            Assert.DoesNotContain("System.Management.Automation.dll", files);
        }

        [Fact]
        public void FormatFile_LoadsIntoAFormatTable()
        {
            // Throws FormatTableLoadException when a view is malformed.
            var table = new FormatTable(new[] { Path.Combine(RepoPaths.ModuleDirectory, "DataWorksDI.format.ps1xml") });
            Assert.NotNull(table);
        }

        [Fact]
        public void Assembly_TargetsNetStandard20_AndReferencesPowerShellStandard()
        {
            Assembly asm = typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly;
            var framework = asm.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>();
            Assert.Equal(".NETStandard,Version=v2.0", framework.FrameworkName);
            AssemblyName sma = asm.GetReferencedAssemblies().Single(a => a.Name == "System.Management.Automation");
            Assert.Equal(new Version(3, 0, 0, 0), sma.Version); // PowerShellStandard.Library 5.1's reference assembly, not the 7.x engine
        }
        [Fact]
        public void EveryOutputType_HasAFormatView()
        {
            var doc = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.ModuleDirectory, "DataWorksDI.format.ps1xml"));
            var viewed = doc.Descendants("TypeName").Select(e => e.Value.Trim()).ToHashSet();
            var outputTypes = typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<CmdletAttribute>() != null)
                .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>())
                .SelectMany(a => a.Type)
                .Select(t => t.Type)
                .Where(t => t != null && t != typeof(PSObject) && t != typeof(void) && t != typeof(bool) && t != typeof(string) && t != typeof(DateTime))
                .Distinct()
                .ToArray();
            Assert.NotEmpty(outputTypes);
            foreach (Type t in outputTypes) Assert.True(viewed.Contains(t.FullName), $"{t.FullName} has no view in DataWorksDI.format.ps1xml");
        }

        [Fact]
        public void EveryMutatingCmdlet_SupportsShouldProcess_AndRemoveIsHighImpact()
        {
            string[] readOnlyVerbs = { "Get", "Test", "Wait", "Import", "Compare" };
            foreach (Type t in typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly.GetTypes())
            {
                var attr = t.GetCustomAttribute<CmdletAttribute>();
                if (attr == null || readOnlyVerbs.Contains(attr.VerbName)) continue;
                Assert.True(attr.SupportsShouldProcess, $"{attr.VerbName}-{attr.NounName} changes something but does not support -WhatIf/-Confirm");
                // Destructive verbs confirm by default; everything else stays at Medium.
                if (attr.VerbName == "Remove" || attr.VerbName == "Unpublish") Assert.Equal(ConfirmImpact.High, attr.ConfirmImpact);
                else Assert.NotEqual(ConfirmImpact.High, attr.ConfirmImpact);
            }
        }

        [Fact]
        public void EveryCmdlet_DeclaresOutputType()
        {
            foreach (Type t in typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly.GetTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() != null))
                Assert.True(t.GetCustomAttributes<OutputTypeAttribute>().Any(), t.Name + " has no [OutputType]");
        }
    }
}
