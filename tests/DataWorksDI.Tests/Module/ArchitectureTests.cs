using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// The layers' dependencies point one way (docs/ARCHITECTURE.md): Cmdlets → Workflows → Services → Session → Client,
    /// with Models, Errors and Internal below all of them. Each file names the layers it uses in its usings (only the
    /// bottom layers are global), so the direction is checked on the source.
    /// </summary>
    public class ArchitectureTests
    {
        private static readonly string Module = Path.Combine(RepoPaths.Root, "src", "DataWorksDI");

        private static string[] Offenders(string folder, params string[] forbidden)
        {
            var pattern = new Regex(@"\b(" + string.Join("|", forbidden.Select(Regex.Escape)) + @")\b");
            return Directory.GetFiles(Path.Combine(Module, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
                .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(x.line))
                .Select(x => $"{Path.GetRelativePath(Module, x.f)}:{x.i + 1}: {x.line.Trim()}")
                .ToArray();
        }

        [Theory]
        [InlineData("Workflows", "DataWorksDI.Cmdlets")]
        [InlineData("Definitions", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows")]
        [InlineData("Services", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Definitions")]
        [InlineData("Session", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Services")]
        [InlineData("Client", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Services", "DataWorksDI.Session")]
        [InlineData("Errors", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Services", "DataWorksDI.Session", "DataWorksDI.Client")]
        [InlineData("Models", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Services", "DataWorksDI.Session", "DataWorksDI.Client")]
        [InlineData("Internal", "DataWorksDI.Cmdlets", "DataWorksDI.Workflows", "DataWorksDI.Services", "DataWorksDI.Session", "DataWorksDI.Client")]
        public void NoLayerUsesALayerAboveIt(string folder, params string[] forbidden)
        {
            string[] found = Offenders(folder, forbidden);
            Assert.True(found.Length == 0, $"{folder}/ depends on a layer above it:\n" + string.Join("\n", found));
        }

        [Fact]
        public void GlobalUsings_ImportOnlyTheBottomLayers()
        {
            string[] modules = File.ReadLines(Path.Combine(Module, "GlobalUsings.cs"))
                .Select(l => Regex.Match(l, @"^global using (DataWorksDI\.[\w.]+);").Groups[1].Value)
                .Where(n => n.Length > 0).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "DataWorksDI.Errors", "DataWorksDI.Internal", "DataWorksDI.Models" }, modules);
        }
    }
}
