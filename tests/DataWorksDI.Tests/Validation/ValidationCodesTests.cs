using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    public class ValidationCodesTests
    {
        private static string[] AllCodes() =>
            typeof(ValidationCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()).ToArray();

        [Fact]
        public void Codes_AreUnique_AndWellFormed()
        {
            var codes = AllCodes();
            Assert.True(codes.Length >= 60, $"only {codes.Length} codes");
            Assert.Equal(codes.Length, codes.Distinct().Count());
            Assert.All(codes, c => Assert.Matches(@"^DI\.[A-Z][A-Za-z]+\.[A-Z][A-Za-z0-9]+$", c));
        }

        [Fact]
        public void EveryCode_IsDocumentedInValidationRules()
        {
            string doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "validation-rules.md"));
            var missing = AllCodes().Where(c => !doc.Contains("`" + c + "`")).ToList();
            Assert.True(missing.Count == 0, "Not documented in docs/validation-rules.md: " + string.Join(", ", missing));
        }

        private static string RepoRoot([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile), "..", "..", ".."));
    }
}
