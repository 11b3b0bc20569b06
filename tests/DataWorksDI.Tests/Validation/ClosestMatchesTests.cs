using System;
using DataWorksDI.Validation;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    public class ClosestMatchesTests
    {
        private static readonly string[] DataSources = { "mysql_pub", "mysql_private", "odps_first", "odps_source", "holo_db", "oss_raw" };

        [Theory]
        [InlineData("mysql_pb", "mysql_pub")]          // one letter missing
        [InlineData("mysql_pbu", "mysql_pub")]         // two letters swapped
        [InlineData("MySQL_Pub", "mysql_pub")]         // letter case only: the best possible match
        [InlineData("mysql-pub", "mysql_pub")]         // another separator
        [InlineData("odps_frist", "odps_first")]
        [InlineData("holo", "holo_db")]                // a prefix of an existing name
        [InlineData("odps_first_backup", "odps_first")] // an existing name is its prefix
        public void Finds_TheIntendedName_First(string typed, string intended)
        {
            var matches = ClosestMatches.Find(typed, DataSources);
            Assert.NotEmpty(matches);
            Assert.Equal(intended, matches[0]);
        }

        [Theory]
        [InlineData("kafka")]     // nothing like it
        [InlineData("oss")]       // 'oss_raw' is a prefix match, but 'odps_*' are too far
        [InlineData("my")]        // too short to count as a prefix
        [InlineData("abcdefgh")]
        public void FarNames_AreNotSuggested(string typed)
        {
            var matches = ClosestMatches.Find(typed, DataSources);
            Assert.DoesNotContain("odps_first", matches);
            Assert.DoesNotContain("mysql_pub", matches);
        }

        [Fact]
        public void ShortNames_NeedACloseMatch()
        {
            // "odps" vs "oss": two edits in four letters is a different name, not a typo.
            Assert.Empty(ClosestMatches.Find("odps", new[] { "oss", "ftp" }));
            Assert.Equal(new[] { "oss" }, ClosestMatches.Find("os", new[] { "oss", "ftp" }));
            Assert.Empty(ClosestMatches.Find("a", new[] { "b", "c" }));
        }

        [Fact]
        public void Results_AreOrderedByDistance_ThenName_AndCapped()
        {
            var groups = new[] { "S_res_group_13", "S_res_group_12", "S_res_group_2", "S_res_group_10", "S_res_group_11" };
            var matches = ClosestMatches.Find("S_res_group_1", groups);
            Assert.Equal(ClosestMatches.DefaultMaximum, matches.Count);
            Assert.Equal(new[] { "S_res_group_10", "S_res_group_11", "S_res_group_12" }, matches);
            Assert.Single(ClosestMatches.Find("S_res_group_1", groups, 1));
        }

        [Fact]
        public void TheInputItself_NullsBlanksAndDuplicates_AreIgnored()
        {
            Assert.Equal(new[] { "mysql_pub" }, ClosestMatches.Find("mysql_pb", new[] { null, "", "  ", "mysql_pub", "mysql_pub", "mysql_pb" }));
            Assert.Empty(ClosestMatches.Find(null, DataSources));
            Assert.Empty(ClosestMatches.Find("  ", DataSources));
            Assert.Empty(ClosestMatches.Find("mysql_pb", null));
            Assert.Throws<ArgumentOutOfRangeException>(() => ClosestMatches.Find("x", DataSources, 0));
        }

        [Theory]
        [InlineData("table", "tabel", 1)]
        [InlineData("TABLE", "table", 0)]
        [InlineData("kitten", "sitting", 3)]
        [InlineData("", "abc", 3)]
        [InlineData("ab", "ba", 1)]
        public void Distance_CountsEditsAndSwaps_IgnoringCase(string a, string b, int expected)
        {
            Assert.Equal(expected, ClosestMatches.Distance(a, b));
            Assert.Equal(expected, ClosestMatches.Distance(b, a));
        }

        [Fact]
        public void DidYouMean_ReadsAsASentence()
        {
            Assert.Null(ClosestMatches.DidYouMean(new string[0]));
            Assert.Null(ClosestMatches.DidYouMean(null));
            Assert.Equal("did you mean 'mysql_pub'?", ClosestMatches.DidYouMean(new[] { "mysql_pub" }));
            Assert.Equal("did you mean 'a' or 'b'?", ClosestMatches.DidYouMean(new[] { "a", "b" }));
            Assert.Equal("did you mean 'a', 'b' or 'c'?", ClosestMatches.DidYouMean(new[] { "a", "b", "c" }));
        }
    }
}
