using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Services;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Set-DIFileSchedule compares normalised values (issue 10, module bullet): GetFile returns OutputParameters[].Type as a
    /// string and adds Description. The user-level re-run of the UpdateFile page's example (sent once, then nothing) is in
    /// tests/Pester/Set-DIFileSchedule.Tests.ps1; this class keeps the internal normaliser's cases.
    /// </summary>
    public class ScheduleRerunTests
    {
        /// <summary>The UpdateFile API page's example value (../shared/spec/dataworks-api.md, UpdateFile).</summary>
        private const string PageExample = "[{\"Type\":1,\"Value\":\"${bizdate}\",\"ParameterName\":\"bizdate_param\"}]";

        [Theory]
        [InlineData(PageExample, "[{\"ParameterName\":\"bizdate_param\",\"Type\":\"1\",\"Value\":\"${bizdate}\",\"Description\":\"\"}]", true)]
        [InlineData("[{\"ParameterName\":\"a\",\"Type\":1,\"Value\":\"x\"},{\"ParameterName\":\"b\",\"Type\":2,\"Value\":\"y\"}]", "[{\"ParameterName\":\"b\",\"Type\":\"2\",\"Value\":\"y\"},{\"ParameterName\":\"a\",\"Type\":\"1\",\"Value\":\"x\"}]", true)]
        [InlineData(PageExample, "[{\"ParameterName\":\"bizdate_param\",\"Type\":\"2\",\"Value\":\"${bizdate}\"}]", false)]
        [InlineData(PageExample, "[{\"ParameterName\":\"bizdate_param\",\"Type\":\"1\",\"Value\":\"${bizdate}\"},{\"ParameterName\":\"x\",\"Type\":\"1\",\"Value\":\"1\"}]", false)]
        [InlineData("[{\"ParameterName\":\"p\",\"ValueSource\":\"proj.node:out\"}]", "[{\"ParameterName\":\"p\",\"ValueSource\":\"proj.node:out\"}]", true)]
        [InlineData("[{\"ParameterName\":\"p\",\"Type\":1,\"Value\":\"1\"}]", "[{\"ParameterName\":\"p\",\"Type\":\"1\",\"Value\":1}]", true)]
        [InlineData("[]", "[]", true)]
        [InlineData("[]", "[{\"ParameterName\":\"p\"}]", false)]
        public void JsonValues_AreComparedAsDataWorksNormalisesThem(string desired, string current, bool same) =>
            Assert.Equal(same, ScheduleFields.Same(JToken.Parse(current), desired, FieldComparison.Json));
    }
}
