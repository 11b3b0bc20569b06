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
    /// string and adds Description, so the UpdateFile page's own -OutputParameters example succeeds once and is then a
    /// no-op — nothing sent — on a re-run.
    /// </summary>
    public class ScheduleRerunTests
    {
        /// <summary>The UpdateFile API page's example value (../shared/spec/dataworks-api.md, UpdateFile).</summary>
        private const string PageExample = "[{\"Type\":1,\"Value\":\"${bizdate}\",\"ParameterName\":\"bizdate_param\"}]";

        [Fact]
        public void TheUpdateFilePagesOutputParametersExample_SucceedsOnce_ThenSendsNothing()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(@"
$f = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content
$f | Set-DIFileSchedule -OutputParameters $example | Out-Null
$f | Set-DIFileSchedule -OutputParameters $example -Verbose | Out-Null
$f | Set-DIFileSchedule -OutputParameters @(@{ ParameterName = 'bizdate_param'; Type = 1; Value = '${bizdate}' }) -Verbose | Out-Null
(Get-DIFile -FileId $f.FileId).Schedule.OutputParameters", new Dictionary<string, object> { ["example"] = PageExample });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal(1, s.Actions().Count(a => a == "UpdateFile"));
                Assert.Equal(2, r.Verbose.Count(v => v.Message.Contains("UpdateFile was not called")));
                // What GetFile holds is the normalised form the comparison had to see through.
                JToken stored = JToken.Parse(r.Output.Last().ToString());
                Assert.Equal(JTokenType.String, stored[0]["Type"].Type);
            }
        }

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
