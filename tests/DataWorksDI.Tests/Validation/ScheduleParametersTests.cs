using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    public class ScheduleParametersTests
    {
        [Fact]
        public void Render_SortsByName_SoAnyHashtableOrderGivesTheSameString()
        {
            var ordered = new OrderedDictionary { { "zeta", "$cyctime" }, { "bizdate", "$bizdate" }, { "Alpha", "${yyyymmdd}" } };
            var hashtable = new Hashtable { { "bizdate", "$bizdate" }, { "Alpha", "${yyyymmdd}" }, { "zeta", "$cyctime" } };
            Assert.Equal("Alpha=${yyyymmdd} bizdate=$bizdate zeta=$cyctime", ScheduleParameters.Render(ordered));
            Assert.Equal(ScheduleParameters.Render(ordered), ScheduleParameters.Render(hashtable));
        }

        [Fact]
        public void Render_WritesNonStringValuesInvariantly()
        {
            Assert.Equal("n=1.5 x=42", ScheduleParameters.Render(new Hashtable { { "x", 42 }, { "n", 1.5 } }));
            Assert.Equal(string.Empty, ScheduleParameters.Render(new Hashtable()));
        }

        [Fact]
        public void Parse_ReadsTheDocumentationExample_InOrder()
        {
            // UpdateFile's ParaValue example.
            var parsed = ScheduleParameters.Parse("x=a y=b z=c");
            Assert.Equal(new[] { "x", "y", "z" }, parsed.Keys);
            Assert.Equal(new[] { "a", "b", "c" }, parsed.Values);
        }

        [Fact]
        public void Parse_RoundTripsRender_AndToleratesExtraWhitespace()
        {
            var source = new Hashtable { { "bizdate", "$bizdate" }, { "hour", "$[hh24]" }, { "d", "${yyyymmdd-1}" } };
            var parsed = ScheduleParameters.Parse("  " + ScheduleParameters.Render(source).Replace(" ", "   ") + "\t");
            Assert.Equal(3, parsed.Count);
            foreach (DictionaryEntry e in source) Assert.Equal(e.Value, parsed[(string)e.Key]);
            Assert.Empty(ScheduleParameters.Parse(null));
            Assert.Empty(ScheduleParameters.Parse("   "));
        }

        [Fact]
        public void Parse_ReadsBackAValueTheServiceHolds_ButCheckParaValueReportsIt()
        {
            // '=' inside a value is unsupported by DataWorks, but a value already stored must still be readable.
            var parsed = ScheduleParameters.Parse("a=b=c");
            Assert.Equal("b=c", parsed["a"]);
            FindingAssert.Has(ScheduleParameters.CheckParaValue("a=b=c"), ValidationCodes.ParaValueValueInvalid, "a", "'='");
        }

        public static IEnumerable<object[]> BadDictionaries() => new List<object[]>
        {
            new object[] { new Hashtable { { "my date", "$bizdate" } }, ValidationCodes.ParaValueNameInvalid, "my date", new[] { "'my date'", "white space" } },
            new object[] { new Hashtable { { "a=b", "1" } }, ValidationCodes.ParaValueNameInvalid, "a=b", new[] { "'a=b'", "'='" } },
            new object[] { new Hashtable { { "", "1" } }, ValidationCodes.ParaValueNameEmpty, "ParaValue", new[] { "empty name" } },
            new object[] { new Hashtable { { "${bizdate}", "$bizdate" } }, ValidationCodes.ParaValueNameDecorated, "${bizdate}", new[] { "'${bizdate}'" } },
            new object[] { new Hashtable { { "$bizdate", "$bizdate" } }, ValidationCodes.ParaValueNameDecorated, "$bizdate", new[] { "'$bizdate'" } },
            new object[] { new Hashtable { { "d", "" } }, ValidationCodes.ParaValueValueEmpty, "d", new[] { "'d' has no value" } },
            new object[] { new Hashtable { { "d", null } }, ValidationCodes.ParaValueValueEmpty, "d", new[] { "'d'" } },
            new object[] { new Hashtable { { "ts", "$[yyyy-mm-dd hh24:mi:ss]" } }, ValidationCodes.ParaValueValueInvalid, "ts", new[] { "'ts'", "white space" } },
            new object[] { new Hashtable { { "p", "pt=$bizdate" } }, ValidationCodes.ParaValueValueInvalid, "p", new[] { "'='" } },
        };

        [Theory]
        [MemberData(nameof(BadDictionaries))]
        public void BadAssignments_AreFindings_AndRenderRefusesThem(Hashtable parameters, string code, string path, string[] fragments)
        {
            var finding = FindingAssert.Has(ScheduleParameters.Check(parameters), code, path, fragments);
            Assert.Equal(ValidationSeverity.Error, finding.Severity);
            var ex = Assert.Throws<ArgumentException>(() => ScheduleParameters.Render(parameters));
            Assert.Contains(finding.Message, ex.Message);
            Assert.Contains(finding.Fix, ex.Message);
        }

        [Fact]
        public void KeysWritingTheSameName_AreDuplicates()
        {
            // 1 and "1" are different hashtable keys but the same ParaValue name.
            var f = FindingAssert.Has(ScheduleParameters.Check(new Hashtable { { 1, "a" }, { "1", "b" } }), ValidationCodes.ParaValueDuplicateName, "1", "'1'");
            Assert.Equal(ValidationSeverity.Error, f.Severity);
        }

        [Fact]
        public void DecoratedName_FixNamesTheBareName()
        {
            var f = FindingAssert.Has(ScheduleParameters.Check(new Hashtable { { "${mydate}", "$bizdate" } }), ValidationCodes.ParaValueNameDecorated, "${mydate}");
            Assert.Contains("'mydate'", f.Fix);
        }

        [Fact]
        public void CaseSensitiveDictionary_WithNamesDifferingOnlyByCase_IsAccepted()
        {
            // DataWorks names are compared as written; a case-sensitive dictionary may carry both.
            var d = new Dictionary<string, string> { { "a", "1" }, { "A", "2" } };
            Assert.Empty(ScheduleParameters.Check(d));
            Assert.Equal("A=2 a=1", ScheduleParameters.Render(d));
        }

        public static IEnumerable<object[]> BadParaValues() => new List<object[]>
        {
            new object[] { "abc", ValidationCodes.ParaValueMalformed, "ParaValue", new[] { "'abc'" } },
            new object[] { "x=1 y", ValidationCodes.ParaValueMalformed, "ParaValue", new[] { "'y'" } },
            new object[] { "=1", ValidationCodes.ParaValueNameEmpty, "ParaValue", new[] { "empty name" } },
            new object[] { "a=1 a=2", ValidationCodes.ParaValueDuplicateName, "a", new[] { "'a'", "more than once" } },
        };

        [Theory]
        [MemberData(nameof(BadParaValues))]
        public void BadParaValue_ParseFailsWithTheFindingText(string paraValue, string code, string path, string[] fragments)
        {
            var finding = FindingAssert.Has(ScheduleParameters.CheckParaValue(paraValue), code, path, fragments);
            var ex = Assert.Throws<FormatException>(() => ScheduleParameters.Parse(paraValue));
            Assert.Contains(finding.Message, ex.Message);
        }

        [Theory]
        [InlineData("bizdate", true)]
        [InlineData("$bizdate", true)]
        [InlineData("CYCTIME", true)]
        [InlineData("gmtdate", true)]
        [InlineData("bizmonth", true)]
        [InlineData("jobid", true)]
        [InlineData("nodeid", true)]
        [InlineData("taskid", true)]
        [InlineData("mydate", false)]
        [InlineData(null, false)]
        public void BuiltIns_AreKnown(string name, bool builtIn) => Assert.Equal(builtIn, ScheduleParameters.IsBuiltIn(name));
    }
}
