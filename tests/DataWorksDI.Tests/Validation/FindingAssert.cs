using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    internal static class FindingAssert
    {
        /// <summary>
        /// Asserts a finding with <paramref name="code"/> exists (at <paramref name="path"/> when given), that its message
        /// and fix are non-empty, and that its message contains every fragment (case-insensitive). Returns it.
        /// </summary>
        public static ValidationFinding Has(IEnumerable<ValidationFinding> findings, string code, string path, params string[] messageFragments)
        {
            var all = findings.ToList();
            var candidates = all.Where(f => f.Code == code && (path == null || f.Path == path)).ToList();
            Assert.True(candidates.Count > 0,
                $"Expected {code} at {path ?? "(any path)"}; got:\n  " + string.Join("\n  ", all.Select(f => f.ToString())));
            var finding = candidates.FirstOrDefault(f => messageFragments.All(m => f.Message.IndexOf(m, System.StringComparison.OrdinalIgnoreCase) >= 0));
            Assert.True(finding != null,
                $"{code} found but its message lacks one of [{string.Join(" | ", messageFragments)}]:\n  " + string.Join("\n  ", candidates.Select(f => f.Message)));
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
            Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
            Assert.Contains(finding.Code, finding.ToString());
            return finding;
        }

        public static void NoErrors(IEnumerable<ValidationFinding> findings)
        {
            var errors = findings.Where(f => f.Severity == ValidationSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "Unexpected errors:\n  " + string.Join("\n  ", errors.Select(f => f.ToString())));
        }
    }

    /// <summary>Test data files live next to this source file (Validation/Data), read in place.</summary>
    internal static class TestData
    {
        public static string Read(string fileName) => File.ReadAllText(PathOf(fileName));

        public static string PathOf(string fileName) => Path.Combine(DataDirectory(), fileName);

        internal static string DataDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile), "Data");
    }
}
