using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DataWorksDI.Errors;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>One catalogue of the module's ErrorIds (src/DataWorksDI/Errors/ErrorIds.cs): distinct, and spelled nowhere else.</summary>
    public class ErrorIdCatalogueTests
    {
        private static string[] CatalogueIds() => typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToArray();

        [Fact]
        public void EveryId_IsDistinct_AndNamespacedByTheModule()
        {
            string[] ids = CatalogueIds();
            Assert.True(ids.Length >= 25, "the catalogue looks empty: " + ids.Length);
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, id => Assert.Matches(@"^DataWorksDI\.[A-Z][A-Za-z]+$", id));
        }

        [Fact]
        public void NoOtherFileOfTheModule_SpellsAnErrorId()
        {
            string module = Path.Combine(RepoPaths.Root, "src", "DataWorksDI");
            string[] allowed = { Path.Combine("Errors", "ErrorIds.cs"), Path.Combine("Client", "Credentials", "CredentialException.cs") };
            // A quoted "DataWorksDI.X…" literal, except embedded resource names (DataWorksDI.Validation.PluginCatalog.json).
            var literal = new Regex("\"DataWorksDI\\.[A-Za-z](?![A-Za-z.]*\\.json\")");
            var offenders = Directory.GetFiles(module, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Where(f => !allowed.Any(a => f.EndsWith(a, StringComparison.Ordinal)))
                .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
                .Where(x => literal.IsMatch(x.line))
                .Select(x => $"{Path.GetRelativePath(module, x.f)}:{x.i + 1}: {x.line.Trim()}")
                .ToList();
            Assert.True(offenders.Count == 0, "ErrorIds spelled outside Errors/ErrorIds.cs (add them to the catalogue):\n" + string.Join("\n", offenders));
        }
    }
}
